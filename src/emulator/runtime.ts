/**
 * The running emulator's state and services, shared by the EKS routes and the control endpoints:
 * the store, page tokens, fault injection, stats and (optionally) persistence.
 */
import { applyChange, type StateChange } from './changes';
import { WireError, invalidParameter, jsonType } from './errors';
import { FaultInjector } from './faults';
import type { ClusterSnapshot } from './model';
import type { OperationContext } from './operations';
import { PageTokens } from './pagination';
import type { Persistence, SnapshotContent } from './persistence';
import type { RoleDirectory } from './roles';
import { exportState, materializeClusters, SeedError, seedBody, seedRoles, type LoadedSeed, type SeedFile } from './seed';
import { CallStats } from './stats';
import type { Store } from './store';

export interface RuntimeConfig {
  associationLimit: number;
  latencyMs: number;
  jitterMs: number;
  /** The seed the state starts from (and `reset?state=true` restores). */
  seed: LoadedSeed;
  /** Default timestamp for seed entries without one, fixed at start so a reset restores the same state. */
  startTime: number;
  log: (line: string) => void;
}

/** Idempotency records older than this are dropped at compaction. */
const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export class EmulatorRuntime {
  readonly stats = new CallStats();
  readonly faults: FaultInjector;
  readonly tokens: PageTokens;
  /** The seed's roles, read on every start (IAM is not part of the EKS state). */
  readonly roles: RoleDirectory;
  closed = false;
  /** Ends the injected delays still running, so closing never waits for a stalled call. */
  private readonly delays = new Set<() => void>();

  /** Waits `ms`, or less when `until` fires first or the emulator closes. */
  delay(ms: number, until: { once(event: 'close', listener: () => void): unknown; off(event: 'close', listener: () => void): unknown } | null): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        until?.off('close', done);
        this.delays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      until?.once('close', done);
      this.delays.add(done);
    });
  }

  /** Marks the emulator closed and ends every delay in progress. */
  close(): void {
    this.closed = true;
    for (const done of [...this.delays]) done();
  }

  constructor(
    readonly store: Store,
    private readonly paginationKey: Buffer,
    readonly persistence: Persistence | null,
    readonly config: RuntimeConfig,
  ) {
    this.faults = new FaultInjector({ latencyMs: config.latencyMs, jitterMs: config.jitterMs });
    this.tokens = new PageTokens(paginationKey);
    this.roles = seedRoles(config.seed);
  }

  operationContext(): OperationContext {
    return { store: this.store, roles: this.roles, tokens: this.tokens, associationLimit: this.config.associationLimit, now: Date.now };
  }

  /** Makes an applied change durable (a no-op without a state file). */
  commit(change: StateChange): Promise<void> {
    return this.persistence ? this.persistence.append(change) : Promise.resolve();
  }

  /** Resolves once every change made so far is durable: an idempotent replay must not acknowledge a write that is not. */
  durable(): Promise<void> {
    return this.persistence ? this.persistence.barrier() : Promise.resolve();
  }

  /** Restores the seed state and forgets idempotency tokens; with a state file, snapshots it at once. */
  async resetState(): Promise<void> {
    const clusters = this.seedClusters();
    this.store.clear();
    for (const cluster of clusters) this.store.addCluster(cluster);
    if (this.persistence) await this.persistence.compact();
  }

  /** `POST /_emulator/clusters`: adds clusters given in the seed format; all or nothing. */
  async addClusters(body: Record<string, unknown>): Promise<SeedFile> {
    if (!Array.isArray(body.clusters)) {
      throw invalidParameter(`The body must be {"clusters": [...]} in the seed-file format; clusters is ${jsonType(body.clusters)}.`);
    }
    let clusters;
    try {
      clusters = materializeClusters(seedBody(body, 'request body'), {
        accountId: this.store.accountId,
        associationLimit: this.config.associationLimit,
        defaultTime: Date.now(),
        ids: 'random',
      });
    } catch (error) {
      if (error instanceof SeedError) throw invalidParameter(error.message);
      throw error;
    }
    for (const cluster of clusters) {
      if (this.store.cluster(cluster.region, cluster.name)) {
        throw new WireError('ResourceInUseException', `Cluster already exists: ${cluster.name} in region ${cluster.region}.`, { clusterName: cluster.name });
      }
    }
    const change: StateChange = { type: 'addClusters', clusters };
    applyChange(this.store, change);
    await this.commit(change);
    const added = new Set(clusters.map((cluster) => `${cluster.region}/${cluster.name}`));
    const state = exportState(this.store, { region: null, cluster: null });
    return { accountId: state.accountId, clusters: state.clusters.filter((c) => added.has(`${c.region ?? ''}/${c.name}`)) };
  }

  /** The whole state for a snapshot. */
  snapshotContent(): SnapshotContent {
    const cutoff = Date.now() - IDEMPOTENCY_RETENTION_MS;
    for (const [key, record] of this.store.idempotency) if (record.at < cutoff) this.store.idempotency.delete(key);
    return {
      accountId: this.store.accountId,
      paginationKey: this.paginationKey.toString('base64'),
      clusters: this.store.clusters().map((cluster) => cluster.snapshot()),
      idempotency: [...this.store.idempotency.values()],
    };
  }

  /** The seed as cluster snapshots; the same ids and timestamps every time. */
  seedClusters(): ClusterSnapshot[] {
    return materializeClusters(this.config.seed.doc, {
      accountId: this.store.accountId,
      associationLimit: this.config.associationLimit,
      defaultTime: this.config.startTime,
      ids: 'seeded',
    });
  }
}
