/** The InventoryStore over a Kysely database: each method is one function of the query modules. */
import type { Kysely } from 'kysely';
import type { AccountRegion, AssociationDetail, AssociationKey, ClusterKey } from '../../eks/types';
import type { StoreContext } from './context';
import { counts, countsBy } from './counting';
import { clearFailure, listFailures, recordFailure } from './failures';
import { leaseHolder, releaseLease, tryAcquireLease } from './leases';
import { readMarker, writeMarker } from './markers';
import { roleUsage } from './roles';
import type { InventoryDatabase } from './schema';
import { getAssociation, search, totalCount } from './search';
import type {
  CountBucket,
  CountField,
  FailureScope,
  InventoryCounts,
  InventoryEngine,
  InventoryFailure,
  InventoryFilter,
  InventoryRow,
  InventoryStore,
  LeaseState,
  RoleUsage,
  SearchPage,
  SearchQuery,
  SweepMarker,
  SyncedRow,
  Visibility,
} from './types';
import {
  clusterRows,
  deleteAssociation,
  deleteUnseenAssociations,
  dropCluster,
  listClusters,
  markStale,
  recordClusters,
  oldestSynced,
  upsertAssociations,
} from './writes';

export class KyselyInventoryStore implements InventoryStore, StoreContext {
  /** The database itself, for query plans in tests and benchmarks; the gateway goes through the methods. */
  readonly db: Kysely<InventoryDatabase>;
  readonly engine: InventoryEngine;

  constructor(db: Kysely<InventoryDatabase>, engine: InventoryEngine) {
    this.db = db;
    this.engine = engine;
  }

  upsertAssociations(rows: readonly AssociationDetail[], syncedAt: Date): Promise<void> {
    return upsertAssociations(this, rows, syncedAt);
  }
  getAssociation(key: AssociationKey): Promise<InventoryRow | null> {
    return getAssociation(this, key);
  }
  deleteAssociation(key: AssociationKey): Promise<boolean> {
    return deleteAssociation(this, key);
  }
  deleteUnseenAssociations(cluster: ClusterKey, seenIds: Iterable<string>): Promise<number> {
    return deleteUnseenAssociations(this, cluster, seenIds);
  }
  markClusterStale(cluster: ClusterKey, stale: boolean): Promise<number> {
    return markStale(this, { accountId: cluster.accountId, region: cluster.region, clusterName: cluster.name }, stale);
  }
  markAccountRegionStale(scope: AccountRegion, stale: boolean): Promise<number> {
    return markStale(this, { accountId: scope.accountId, region: scope.region }, stale);
  }
  dropCluster(cluster: ClusterKey): Promise<number> {
    return dropCluster(this, cluster);
  }
  recordClusters(at: AccountRegion, names: readonly string[]): Promise<void> {
    return recordClusters(this, at, names);
  }
  listClusters(scope?: AccountRegion): Promise<ClusterKey[]> {
    return listClusters(this, scope);
  }
  clusterRows(cluster: ClusterKey): Promise<SyncedRow[]> {
    return clusterRows(this, cluster);
  }
  oldestSynced(limit: number, before?: Date): Promise<SyncedRow[]> {
    return oldestSynced(this, limit, before);
  }

  search(query: SearchQuery): Promise<SearchPage> {
    return search(this, query);
  }
  totalCount(filter: InventoryFilter, visibility: Visibility): Promise<number> {
    return totalCount(this, filter, visibility);
  }
  countsBy(field: CountField, filter: InventoryFilter, visibility: Visibility, limit?: number): Promise<CountBucket[]> {
    return countsBy(this, field, filter, visibility, limit);
  }
  roleUsage(roleArn: string, visibility: Visibility, first?: number): Promise<RoleUsage> {
    return roleUsage(this, roleArn, visibility, first);
  }

  recordFailure(failure: Omit<InventoryFailure, 'since'>, now: Date): Promise<void> {
    return recordFailure(this, failure, now);
  }
  clearFailure(scope: FailureScope): Promise<boolean> {
    return clearFailure(this, scope);
  }
  listFailures(visibility?: Visibility): Promise<InventoryFailure[]> {
    return listFailures(this, visibility);
  }
  counts(visibility?: Visibility): Promise<InventoryCounts> {
    return counts(this, visibility);
  }

  tryAcquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    return tryAcquireLease(this, name, holder, ttlMs, now);
  }
  releaseLease(name: string, holder: string): Promise<boolean> {
    return releaseLease(this, name, holder);
  }
  leaseHolder(name: string): Promise<LeaseState | null> {
    return leaseHolder(this, name);
  }

  writeMarker(name: string, marker: SweepMarker): Promise<void> {
    return writeMarker(this, name, marker);
  }
  readMarker(name: string): Promise<SweepMarker | null> {
    return readMarker(this, name);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
