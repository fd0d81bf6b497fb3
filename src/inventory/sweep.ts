/**
 * One sweep of the fleet into the inventory. A full sweep lists every cluster of every served
 * (account, region) and every cluster's associations, and describes each association. A
 * refresh makes the List calls only, describes what is new, drops what is gone, and re-describes
 * the rows that are oldest (List cannot see a changed role), so that none grows older than the
 * maximum age. Locations are swept in parallel, each at its own pace.
 *
 * A place whose calls fail keeps its rows, marked stale, and its failure is recorded; nothing
 * is dropped for a failure, only for what EKS says is gone.
 */
import { AccountUnavailable } from '../eks/assumedRoles';
import { EksError } from '../eks/errors';
import type { PodIdentityBackend } from '../eks/operations';
import type { AccountRegion, AssociationDetail, AssociationSummary } from '../eks/types';
import { clientFacingError } from '../graphql/errors';
import type { SweepPacer } from './pacer';
import { MAX_OLDEST_SYNCED } from './store';
import type { InventoryStore } from './store/types';

export interface SweepOptions {
  kind: 'full' | 'refresh';
  /** Every served (account, region). */
  locations: readonly AccountRegion[];
  /** The EKS calls of the sweep: a service of its own, in the limiter's bulk lane. */
  eks: PodIdentityBackend;
  store: InventoryStore;
  pacer: SweepPacer;
  /** INVENTORY_MAX_AGE_SECONDS and INVENTORY_REFRESH_SECONDS, for the re-describe quota. */
  maxAgeMs: number;
  refreshMs: number;
  now: () => Date;
  /** True once the gateway shuts down: the sweep makes no further call and ends with SweepCancelled. */
  cancelled: () => boolean;
  /**
   * Resolves when no interactive EKS call of the process waits or runs (bounded): awaited before
   * each database write, which holds the event loop while it runs (SQLite is synchronous).
   */
  yieldToInteractive?: () => Promise<void>;
}

/** The sweep stopped because the gateway is shutting down; what it synced so far stays. */
export class SweepCancelled extends Error {
  override readonly name = 'SweepCancelled';
}

export interface SweepResult {
  calls: number;
  failures: number;
  described: number;
  removed: number;
}

const PAGE = 100;
/** Describes in flight per location at once; the pacer sets the rate, this the overlap. */
const DESCRIBES_IN_FLIGHT = 8;

export async function sweep(options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { calls: 0, failures: 0, described: 0, removed: 0 };
  await Promise.all(options.locations.map((at) => sweepLocation(options, at, result)));
  if (options.kind === 'refresh') await redescribeOldest(options, result);
  return result;
}

async function sweepLocation(options: SweepOptions, at: AccountRegion, result: SweepResult): Promise<void> {
  const { store, now } = options;
  const call = paced(options, at, result);
  let clusters: string[];
  try {
    clusters = await listAll((token) => call(() => options.eks.listClusters(at, PAGE, token)));
  } catch (error) {
    if (error instanceof SweepCancelled) throw error;
    result.failures += 1;
    await store.recordFailure({ ...at, clusterName: null, ...failureOf(error) }, now());
    await store.markAccountRegionStale(at, true);
    return;
  }
  await store.clearFailure({ ...at, clusterName: null });
  await store.recordClusters(at, clusters);
  const listed = new Set(clusters);
  for (const gone of (await store.listClusters(at)).filter((cluster) => !listed.has(cluster.name))) {
    await store.dropCluster(gone);
  }
  for (const clusterName of clusters) await sweepCluster(options, at, clusterName, call, result);
}

async function sweepCluster(
  options: SweepOptions,
  at: AccountRegion,
  clusterName: string,
  call: PacedCall,
  result: SweepResult,
): Promise<void> {
  const { store, eks, now } = options;
  const cluster = { accountId: at.accountId, region: at.region, name: clusterName };
  const fail = async (error: unknown) => {
    result.failures += 1;
    await store.recordFailure({ ...at, clusterName, ...failureOf(error) }, now());
    await store.markClusterStale(cluster, true);
  };
  let summaries: AssociationSummary[];
  try {
    summaries = await listAll((token) =>
      call(() => eks.listAssociations(at, clusterName, { maxResults: PAGE, nextToken: token })),
    );
  } catch (error) {
    if (error instanceof SweepCancelled) throw error;
    // Deleted between ListClusters and its List: gone, not failing.
    if (error instanceof EksError && error.kind === 'NotFound') {
      await store.dropCluster(cluster);
      return;
    }
    return fail(error);
  }
  const known = new Set((await store.clusterRows(cluster)).map((row) => row.associationId));
  const toDescribe = options.kind === 'full' ? summaries : summaries.filter((s) => !known.has(s.associationId));
  const listedIds = new Set(summaries.map((s) => s.associationId));
  let failed: unknown = null;
  const details: AssociationDetail[] = [];
  await inParallel(toDescribe, DESCRIBES_IN_FLIGHT, async (summary) => {
    try {
      const detail = await call(() => eks.describeAssociation(summary));
      if (detail) details.push(detail);
      else listedIds.delete(summary.associationId);
    } catch (error) {
      failed ??= error;
    }
  });
  result.described += details.length;
  await options.yieldToInteractive?.();
  await store.upsertAssociations(details, now());
  // What List no longer shows is gone; a row whose Describe failed stays as it was.
  result.removed += await store.deleteUnseenAssociations(cluster, listedIds);
  if (failed instanceof SweepCancelled) throw failed;
  if (failed !== null) return fail(failed);
  await store.markClusterStale(cluster, false);
  await store.clearFailure({ ...at, clusterName });
}

/**
 * Re-describes the rows confirmed longest ago: every row that would pass the maximum age before
 * the next refresh, and at least an even share of the inventory per refresh among the rows past
 * half of it (so that after a full sweep the renewals spread over the second half of the maximum
 * age instead of all falling due at once).
 */
async function redescribeOldest(options: SweepOptions, result: SweepResult): Promise<void> {
  const { store, eks, now } = options;
  const total = (await store.counts()).associations;
  if (total === 0) return;
  const share = Math.ceil((total * options.refreshMs) / Math.max(options.maxAgeMs, options.refreshMs));
  const dueBefore = new Date(now().getTime() - Math.max(0, options.maxAgeMs - options.refreshMs));
  // At most MAX_OLDEST_SYNCED a refresh: the rest are the oldest of the next one.
  const due = await store.oldestSynced(Math.min(total, MAX_OLDEST_SYNCED), dueBefore);
  // The even share comes from the rows past half the maximum age: none right after a sweep.
  const halfAgo = new Date(now().getTime() - options.maxAgeMs / 2);
  const keys = due.length >= share ? due : await store.oldestSynced(Math.min(share, MAX_OLDEST_SYNCED), halfAgo);
  const details: AssociationDetail[] = [];
  await inParallel(keys, DESCRIBES_IN_FLIGHT, async (key) => {
    try {
      const detail = await paced(options, key, result)(() => eks.describeAssociation(key));
      if (detail) details.push(detail);
      else {
        await store.deleteAssociation(key);
        result.removed += 1;
      }
    } catch (error) {
      if (error instanceof SweepCancelled) throw error;
      // Kept as it was; the cluster's next List and the next refresh try again.
      result.failures += 1;
    }
  });
  result.described += details.length;
  await options.yieldToInteractive?.();
  await store.upsertAssociations(details, now());
}

type PacedCall = <T>(send: () => Promise<T>) => Promise<T>;

/** Sends through the pacer of the location, counting each call. */
function paced(options: SweepOptions, at: AccountRegion, result: SweepResult): PacedCall {
  return async (send) => {
    if (options.cancelled()) throw new SweepCancelled('The gateway is shutting down.');
    await options.pacer.turn(at);
    if (options.cancelled()) throw new SweepCancelled('The gateway is shutting down.');
    result.calls += 1;
    return send();
  };
}

async function listAll<T>(page: (token: string | null) => Promise<{ items: T[]; nextToken: string | null }>) {
  const items: T[] = [];
  let token: string | null = null;
  do {
    const next = await page(token);
    items.push(...next.items);
    token = next.nextToken;
  } while (token !== null);
  return items;
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** The code and message a client would see for the failure. */
function failureOf(error: unknown): { code: string; message: string } {
  if (error instanceof AccountUnavailable) return { code: 'ACCOUNT_UNAVAILABLE', message: error.message };
  const facing = clientFacingError(error);
  if (facing) return { code: String(facing.extensions.code), message: facing.message };
  return { code: 'INTERNAL_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
}
