/**
 * The cost model (../shared/DESIGN.md, "The cost model") as arithmetic: the fewest EKS calls a
 * query can make, and the fewest sequential round trips ("rounds") those calls need when at most
 * C run at once per region. The floor of a query's wall time is rounds x L. Pure functions, so
 * the unit tests can check them without a network.
 */

/** EKS operations a read can cost, by their API names (as `/_emulator/stats` counts them). */
export type ReadOperation =
  'ListClusters' | 'DescribeCluster' | 'ListPodIdentityAssociations' | 'DescribePodIdentityAssociation';

export type CallCounts = Partial<Record<ReadOperation, number>>;

export interface Cost {
  /** The minimum number of calls, by operation. */
  calls: CallCounts;
  /** Sequential round trips those calls need at best. */
  rounds: number;
}

/** One page of summaries: one List call, nothing else. */
export function summaryPage(): Cost {
  return { calls: { ListPodIdentityAssociations: 1 }, rounds: 1 };
}

/** One page of `n` associations with detail fields: the List, then ceil(n / C) rounds of Describes. */
export function detailedPage(n: number, concurrency: number): Cost {
  checkCount(n, 'n');
  return {
    calls: { ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: n },
    rounds: 1 + batches(n, concurrency),
  };
}

/**
 * A list of `total` items paged to the end with `first: pageSize`: each page needs the previous
 * page's cursor, so pages are sequential. An empty list still costs its one (empty) page.
 */
export function pagedToEnd(total: number, pageSize: number): Cost {
  checkCount(total, 'total');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return { calls: { ListPodIdentityAssociations: pages }, rounds: pages };
}

/** One association by id: a single Describe. */
export function singleAssociation(): Cost {
  return { calls: { DescribePodIdentityAssociation: 1 }, rounds: 1 };
}

/** A query answered entirely from a cache: no call, no round trip. */
export function cached(): Cost {
  return { calls: {}, rounds: 0 };
}

export interface DashboardRegion {
  region: string;
  /** Per cluster of the region: how many of its associations have detail fields asked for. */
  detailedPerCluster: number[];
}

/**
 * Every cluster of every region with a page of detailed associations each. Regions are
 * independent (one limiter each), so the floor is that of the slowest region:
 *   1 round of ListClusters (all regions at once),
 *   + the cluster Lists, with DescribeCluster beside them when cluster fields are asked,
 *   + ceil(describes of the region / C) rounds of association Describes.
 * Assumes each region has at most 100 clusters (one ListClusters page).
 */
export function dashboard(regions: DashboardRegion[], concurrency: number, clusterDetail: boolean): Cost {
  const calls: Required<CallCounts> = {
    ListClusters: regions.length,
    DescribeCluster: 0,
    ListPodIdentityAssociations: 0,
    DescribePodIdentityAssociation: 0,
  };
  let slowestRegion = 0;
  for (const { detailedPerCluster } of regions) {
    detailedPerCluster.forEach((n) => checkCount(n, 'detailedPerCluster'));
    const clusters = detailedPerCluster.length;
    const describes = detailedPerCluster.reduce((sum, n) => sum + n, 0);
    const clusterCalls = clusters * (clusterDetail ? 2 : 1);
    calls.ListPodIdentityAssociations += clusters;
    calls.DescribeCluster += clusterDetail ? clusters : 0;
    calls.DescribePodIdentityAssociation += describes;
    slowestRegion = Math.max(slowestRegion, batches(clusterCalls, concurrency) + batches(describes, concurrency));
  }
  return { calls: withoutZeroes(calls), rounds: regions.length === 0 ? 0 : 1 + slowestRegion };
}

/**
 * Throughput of concurrent clients that each repeat a query costing one call: with `clients` in
 * flight and at most C calls per region at once, the server can finish at most min(clients, C)
 * requests per L, and (Little's law) a request then takes at least ceil(clients / C) x L.
 */
export function throughputCeiling(
  clients: number,
  concurrency: number,
  latencyMs: number,
): { requestsPerSecond: number; latencyMs: number } {
  checkCount(clients, 'clients');
  return {
    requestsPerSecond: latencyMs > 0 ? (Math.min(clients, concurrency) * 1000) / latencyMs : Infinity,
    latencyMs: batches(clients, concurrency) * latencyMs,
  };
}

/** The sum of a call count. */
export function totalCalls(calls: CallCounts): number {
  return Object.values(calls).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** Whether `made` equals `minimum` for every operation (operations absent from both count 0). */
export function sameCalls(made: Record<string, number>, minimum: CallCounts): boolean {
  const names = new Set([...Object.keys(made), ...Object.keys(minimum)]);
  return [...names].every((name) => (made[name] ?? 0) === ((minimum as Record<string, number | undefined>)[name] ?? 0));
}

/** Rounds of at most `concurrency` parallel calls needed for `n` calls. */
export function batches(n: number, concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, received ${concurrency}.`);
  }
  return Math.ceil(n / concurrency);
}

function checkCount(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, received ${n}.`);
}

function withoutZeroes(calls: Required<CallCounts>): CallCounts {
  return Object.fromEntries(Object.entries(calls).filter(([, n]) => n > 0)) as CallCounts;
}
