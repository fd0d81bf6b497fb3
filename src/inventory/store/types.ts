/**
 * The fleet inventory's storage interface: what the sync writes and what the search reads, the
 * same over SQLite and PostgreSQL (`openInventoryStore`, ./open.ts).
 *
 * Rows are the EKS backend's models (src/eks/types.ts) plus when each was last confirmed against
 * EKS. Globs: in every string filter and grant, `*` matches any run of characters (`/` too) and
 * every other character matches itself, case-sensitively; `%`, `_`, `?`, `[` and `\` are literal.
 */
import type { AccountRegion, AssociationDetail, AssociationKey, ClusterKey } from '../../eks/types';

export type InventoryEngine = 'sqlite' | 'postgres';

/** An association as the inventory holds it. */
export interface InventoryRow extends AssociationDetail {
  /** When the row was last confirmed against EKS (a Describe, or a write through the gateway). */
  syncedAt: Date;
  /** True while the calls for its cluster (or account and region) fail: the row is the last known. */
  stale: boolean;
}

/** What the sync needs to know of one stored row to tell what is new and what is oldest. */
export interface SyncedRow extends AssociationKey {
  syncedAt: Date;
  stale: boolean;
}

/**
 * A search's conditions, all of which must hold. A missing member does not constrain; a list
 * matches when any of its entries does (each exact or a glob), so an empty list matches nothing.
 */
export interface InventoryFilter {
  accountIds?: readonly string[];
  regions?: readonly string[];
  clusterNames?: readonly string[];
  namespace?: string;
  serviceAccount?: string;
  roleArn?: string;
  /** Associations without a target role never match; `*` alone means "has a target role". */
  targetRoleArn?: string;
  /** A tag key, exactly, and optionally its value, exactly. */
  tag?: { key: string; value?: string };
  /** True: owned by an EKS add-on (`ownerArn` set); false: not. */
  ownedByAddon?: boolean;
  /** `createdAt >= createdAfter`; rows without a creation time never match a time bound. */
  createdAfter?: Date;
  /** `createdAt < createdBefore`. */
  createdBefore?: Date;
  modifiedAfter?: Date;
  modifiedBefore?: Date;
}

export type InventoryOrderField = 'CLUSTER' | 'NAMESPACE' | 'SERVICE_ACCOUNT' | 'CREATED_AT' | 'MODIFIED_AT';
export type OrderDirection = 'ASC' | 'DESC';

/**
 * The order of a search. Every order ends with the primary key, so it is total and paging is
 * stable: CLUSTER is (cluster name, account, region, association id); NAMESPACE is (namespace,
 * service account, key); SERVICE_ACCOUNT is (service account, namespace, key); CREATED_AT and
 * MODIFIED_AT are (time, key), a missing time sorting before every time. DESC reverses all of it.
 * Strings compare by their UTF-8 bytes on both engines.
 */
export interface InventoryOrder {
  field: InventoryOrderField;
  direction: OrderDirection;
}

/**
 * One rule of what a caller may read: an association is visible when it is in one of the
 * accounts, one of the regions, one of the clusters and one of the namespaces. `'*'` (or a `*`
 * entry in a list) means any; the other entries are exact values or globs. These values hold
 * no `/`, so the policy file's globs (whose `*` stops at a `/`) translate unchanged.
 */
export interface VisibilityGrant {
  accountIds: readonly string[] | '*';
  regions: readonly string[];
  clusters: readonly string[];
  namespaces: readonly string[];
}

/** `null`: everything is visible; a list: what some grant allows (an empty list: nothing). */
export type Visibility = readonly VisibilityGrant[] | null;

export interface SearchQuery {
  filter?: InventoryFilter;
  orderBy?: InventoryOrder;
  /** The page size, 0 to MAX_SEARCH_PAGE. */
  first: number;
  /** The cursor of the row after which the page starts (a page's `endCursor`). */
  after?: string | null;
  visibility: Visibility;
}

export interface SearchEdge {
  /** Opaque; encodes the order and this row's place in it. */
  cursor: string;
  row: InventoryRow;
}

export interface SearchPage {
  edges: SearchEdge[];
  /** The last edge's cursor, or the `after` given when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export type CountField = 'ACCOUNT' | 'REGION' | 'CLUSTER' | 'NAMESPACE' | 'ROLE' | 'TARGET_ROLE' | 'TAG_KEY';

/**
 * One value and how many matching associations have it. For CLUSTER, `value` is the cluster's
 * name and `accountId` and `region` say which cluster it is (clusters of the same name in other
 * accounts or regions are other buckets). TARGET_ROLE leaves out associations without one.
 */
export interface CountBucket {
  value: string;
  count: number;
  accountId?: string;
  region?: string;
}

export interface RoleUsage {
  /** The first page of the associations whose `roleArn` is the role, in CLUSTER order. */
  asRole: SearchPage;
  asRoleCount: number;
  /** The first page of those whose `targetRoleArn` is the role. */
  asTargetRole: SearchPage;
  asTargetRoleCount: number;
  /** The clusters (account, region, name) with at least one of either. */
  clusterCount: number;
}

/** What failed: a cluster's calls, or with `clusterName: null` the account and region's. */
export interface FailureScope extends AccountRegion {
  clusterName: string | null;
}

export interface InventoryFailure extends FailureScope {
  /** The error's code (`AccessDeniedException`, `Throttled`, ...). */
  code: string;
  message: string;
  /** When the scope started failing; repeated failures keep it. */
  since: Date;
}

export interface InventoryCounts {
  /** The accounts with a known cluster. */
  accounts: number;
  /** The clusters known, with or without associations. */
  clusters: number;
  associations: number;
}

export interface LeaseState {
  holder: string;
  /** May be in the past: the lease is then free to take. */
  expiresAt: Date;
}

/** When a kind of sweep last started, and ended (null while it runs, or when it never finished). */
export interface SweepMarker {
  startedAt: Date;
  endedAt: Date | null;
}

export interface InventoryStore {
  readonly engine: InventoryEngine;

  /** Inserts or replaces the rows (and their tags) in one transaction; each is confirmed at `syncedAt` and not stale. */
  upsertAssociations(rows: readonly AssociationDetail[], syncedAt: Date): Promise<void>;
  getAssociation(key: AssociationKey): Promise<InventoryRow | null>;
  /** True when the row was there. */
  deleteAssociation(key: AssociationKey): Promise<boolean>;
  /** "Drop what List no longer shows": deletes the cluster's rows whose ids are not in `seenIds`; returns how many. */
  deleteUnseenAssociations(cluster: ClusterKey, seenIds: Iterable<string>): Promise<number>;
  /** Marks (or clears) every row of the cluster as stale; returns how many rows. */
  markClusterStale(cluster: ClusterKey, stale: boolean): Promise<number>;
  /** The same for every cluster of an account and region (when its ListClusters fails). */
  markAccountRegionStale(scope: AccountRegion, stale: boolean): Promise<number>;
  /** Deletes a cluster that is gone: its rows, tags and failures; returns how many rows. */
  dropCluster(cluster: ClusterKey): Promise<number>;
  /** Records the clusters ListClusters showed in an account and region, with or without associations. */
  recordClusters(at: AccountRegion, names: readonly string[]): Promise<void>;
  /**
   * The clusters known (recorded, or holding rows), in (account, region, name) order; within one
   * account and region if given.
   */
  listClusters(scope?: AccountRegion): Promise<ClusterKey[]>;
  /** The cluster's rows, by association id. */
  clusterRows(cluster: ClusterKey): Promise<SyncedRow[]>;
  /** The `limit` rows confirmed longest ago (before `before`, if given), oldest first, for the rolling re-describe. */
  oldestSynced(limit: number, before?: Date): Promise<SyncedRow[]>;

  /** One page of the matching, visible rows with keyset pagination. */
  search(query: SearchQuery): Promise<SearchPage>;
  totalCount(filter: InventoryFilter, visibility: Visibility): Promise<number>;
  /** The matching, visible rows counted by a field: by count (descending), then value; at most `limit` (MAX_COUNT_BUCKETS). */
  countsBy(field: CountField, filter: InventoryFilter, visibility: Visibility, limit?: number): Promise<CountBucket[]>;
  /** Who uses the role (exactly this ARN, no glob) as role or as target role. */
  roleUsage(roleArn: string, visibility: Visibility, first?: number): Promise<RoleUsage>;

  /** Records that the scope fails (keeping `since` when it already did). */
  recordFailure(failure: Omit<InventoryFailure, 'since'>, now: Date): Promise<void>;
  /** True when the scope had a failure. Exactly that scope: an account's failure is not a cluster's. */
  clearFailure(scope: FailureScope): Promise<boolean>;
  /** The failures, by account, region, cluster (the account-wide one first); only the visible ones' clusters when restricted. */
  listFailures(visibility?: Visibility): Promise<InventoryFailure[]>;
  counts(visibility?: Visibility): Promise<InventoryCounts>;

  /**
   * Takes the lease when it is free, expired (`expiresAt <= now`) or already `holder`'s, for
   * `ttlMs` from `now`; atomic, so of several replicas at most one holds it. False when another
   * holds it. The replicas' clocks are compared, so keep `ttlMs` well above their skew.
   */
  tryAcquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Gives the lease up if `holder` has it; true when it did. */
  releaseLease(name: string, holder: string): Promise<boolean>;
  leaseHolder(name: string): Promise<LeaseState | null>;

  /** Records when a kind of sweep (`name`) started and ended, for every replica to read. */
  writeMarker(name: string, marker: SweepMarker): Promise<void>;
  readMarker(name: string): Promise<SweepMarker | null>;

  close(): Promise<void>;
}
