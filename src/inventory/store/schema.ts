/**
 * The tables as Kysely sees them. Times are milliseconds since the epoch (`bigint` on
 * PostgreSQL, read back as numbers); flags are 0 or 1 (better-sqlite3 binds no booleans).
 */
export interface AssociationsTable {
  account_id: string;
  region: string;
  cluster_name: string;
  association_id: string;
  association_arn: string;
  namespace: string;
  service_account: string;
  role_arn: string;
  target_role_arn: string | null;
  external_id: string | null;
  disable_session_tags: number;
  policy: string | null;
  /** The tags as a JSON object; the tags table holds them again, one row each, for the indexes. */
  tags: string;
  owner_arn: string | null;
  created_at: number | null;
  modified_at: number | null;
  synced_at: number;
  stale: number;
}

export interface TagsTable {
  account_id: string;
  region: string;
  cluster_name: string;
  association_id: string;
  key: string;
  value: string;
}

export interface FailuresTable {
  account_id: string;
  region: string;
  /** Null for a failure of the whole account and region. */
  cluster_name: string | null;
  code: string;
  message: string;
  since: number;
}

/** A cluster ListClusters showed, whether or not it has associations. */
export interface ClustersTable {
  account_id: string;
  region: string;
  cluster_name: string;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

export interface SweepMarkersTable {
  name: string;
  started_at: number;
  ended_at: number | null;
}

export const ASSOCIATIONS = 'inventory_associations';
export const TAGS = 'inventory_tags';
export const FAILURES = 'inventory_failures';
export const CLUSTERS = 'inventory_clusters';
export const LEASES = 'inventory_leases';
export const MARKERS = 'inventory_sweep_markers';

export interface InventoryDatabase {
  [ASSOCIATIONS]: AssociationsTable;
  [TAGS]: TagsTable;
  [FAILURES]: FailuresTable;
  [CLUSTERS]: ClustersTable;
  [LEASES]: LeasesTable;
  [MARKERS]: SweepMarkersTable;
}
