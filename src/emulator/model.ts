/**
 * The emulator's domain model: plain, JSON-serialisable records shared by the store, the seed
 * loader and persistence. Timestamps are epoch milliseconds internally; the wire format
 * (epoch seconds) is produced by `wire.ts`.
 */

/** The nine EKS operations the emulator speaks, in the order stats report them. */
export const OPERATION_NAMES = [
  'CreatePodIdentityAssociation',
  'DescribePodIdentityAssociation',
  'ListPodIdentityAssociations',
  'UpdatePodIdentityAssociation',
  'DeletePodIdentityAssociation',
  'ListClusters',
  'DescribeCluster',
  'ListAddons',
  'DescribeAddon',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export function isOperationName(value: string): value is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(value);
}

/** Operations that change state: only these are journaled, and only these can be dropped after being applied. */
export const MUTATING_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>([
  'CreatePodIdentityAssociation',
  'UpdatePodIdentityAssociation',
  'DeletePodIdentityAssociation',
]);

export const CLUSTER_STATUSES = ['CREATING', 'ACTIVE', 'DELETING', 'FAILED', 'UPDATING', 'PENDING'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

export const ADDON_STATUSES = [
  'CREATING',
  'ACTIVE',
  'CREATE_FAILED',
  'UPDATING',
  'DELETING',
  'DELETE_FAILED',
  'DEGRADED',
  'UPDATE_FAILED',
] as const;
export type AddonStatus = (typeof ADDON_STATUSES)[number];

export type Tags = Record<string, string>;

export interface AssociationRecord {
  /** Position in the cluster's creation order; monotonic per cluster, never reused. */
  seq: number;
  associationId: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  targetRoleArn: string | null;
  externalId: string | null;
  disableSessionTags: boolean;
  policy: string | null;
  tags: Tags;
  /** Name of the add-on of the same cluster that owns this association, if any. */
  ownerAddon: string | null;
  createdAt: number;
  modifiedAt: number;
}

export interface AddonRecord {
  name: string;
  version: string;
  status: AddonStatus;
  createdAt: number;
  modifiedAt: number;
  /** The uuid-like last segment of the add-on ARN. */
  arnId: string;
}

export interface ClusterInfo {
  region: string;
  name: string;
  version: string;
  status: ClusterStatus;
  platformVersion: string;
  tags: Tags;
  createdAt: number;
}

/** A whole cluster as one value: the unit of seeding, snapshots and `POST /_emulator/clusters`. */
export interface ClusterSnapshot extends ClusterInfo {
  /** The next sequence number to hand out; greater than every association's seq. */
  nextSeq: number;
  addons: AddonRecord[];
  associations: AssociationRecord[];
}

/** The outcome of a successful Create or Update, kept so that a retry with the same token gets the same answer. */
export interface IdempotencyRecord {
  key: string;
  /** Canonical JSON of the request parameters the token was first used with. */
  fingerprint: string;
  /** The original response body. */
  response: unknown;
  at: number;
}
