/**
 * The emulator's domain model: plain, JSON-serialisable records shared by the store, the seed
 * loader and persistence. Timestamps are epoch milliseconds internally; the wire format
 * (epoch seconds) is produced by `wire.ts`.
 */

/** A path segment that is a label (`{name}`), percent-decoded. */
export const LABEL = '{label}';

export interface OperationSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: readonly string[];
  /** Changes state: journaled, and a `drop` fault may come after it was applied. */
  mutating: boolean;
  /** Takes a JSON body. */
  body: boolean;
}

/**
 * The EKS operations the emulator speaks, in the order stats report them: the one table that
 * routes, the journal, the faults and the stats are read from.
 */
export const OPERATIONS = {
  CreatePodIdentityAssociation: {
    method: 'POST',
    path: ['clusters', LABEL, 'pod-identity-associations'],
    mutating: true,
    body: true,
  },
  DescribePodIdentityAssociation: {
    method: 'GET',
    path: ['clusters', LABEL, 'pod-identity-associations', LABEL],
    mutating: false,
    body: false,
  },
  ListPodIdentityAssociations: {
    method: 'GET',
    path: ['clusters', LABEL, 'pod-identity-associations'],
    mutating: false,
    body: false,
  },
  UpdatePodIdentityAssociation: {
    method: 'POST',
    path: ['clusters', LABEL, 'pod-identity-associations', LABEL],
    mutating: true,
    body: true,
  },
  DeletePodIdentityAssociation: {
    method: 'DELETE',
    path: ['clusters', LABEL, 'pod-identity-associations', LABEL],
    mutating: true,
    body: false,
  },
  ListClusters: { method: 'GET', path: ['clusters'], mutating: false, body: false },
  DescribeCluster: { method: 'GET', path: ['clusters', LABEL], mutating: false, body: false },
  ListAddons: { method: 'GET', path: ['clusters', LABEL, 'addons'], mutating: false, body: false },
  DescribeAddon: { method: 'GET', path: ['clusters', LABEL, 'addons', LABEL], mutating: false, body: false },
  TagResource: { method: 'POST', path: ['tags', LABEL], mutating: true, body: true },
  UntagResource: { method: 'DELETE', path: ['tags', LABEL], mutating: true, body: false },
  ListTagsForResource: { method: 'GET', path: ['tags', LABEL], mutating: false, body: false },
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;

export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

export function isOperationName(value: string): value is OperationName {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, value);
}

/**
 * The STS operations (query protocol: `POST /` with `Action=<name>`), in the order stats report
 * them after the EKS ones. Issuing credentials changes no journaled state: none is mutating.
 */
export const STS_OPERATIONS = {
  AssumeRole: { mutating: false },
  GetCallerIdentity: { mutating: false },
} as const satisfies Record<string, { mutating: boolean }>;

export type StsOperationName = keyof typeof STS_OPERATIONS;

export const STS_OPERATION_NAMES = Object.keys(STS_OPERATIONS) as StsOperationName[];

export function isStsOperationName(value: string): value is StsOperationName {
  return Object.prototype.hasOwnProperty.call(STS_OPERATIONS, value);
}

/**
 * The IAM operations (query protocol, like STS), in the order stats report them after the STS
 * ones. IAM's roles come from the seed: nothing here changes them.
 */
export const IAM_OPERATIONS = {
  GetRole: { mutating: false },
} as const satisfies Record<string, { mutating: boolean }>;

export type IamOperationName = keyof typeof IAM_OPERATIONS;

export const IAM_OPERATION_NAMES = Object.keys(IAM_OPERATIONS) as IamOperationName[];

export function isIamOperationName(value: string): value is IamOperationName {
  return Object.prototype.hasOwnProperty.call(IAM_OPERATIONS, value);
}

/** The services the endpoint speaks, told apart by the SigV4 credential scope's service. */
export type ServiceName = 'eks' | 'sts' | 'iam';

/** Any operation of any service: what stats count and faults are keyed by. */
export type ServiceOperationName = OperationName | StsOperationName | IamOperationName;

export const SERVICE_OPERATION_NAMES: Readonly<Record<ServiceName, readonly ServiceOperationName[]>> = {
  eks: OPERATION_NAMES,
  sts: STS_OPERATION_NAMES,
  iam: IAM_OPERATION_NAMES,
};

export const ALL_OPERATION_NAMES: readonly ServiceOperationName[] = [
  ...OPERATION_NAMES,
  ...STS_OPERATION_NAMES,
  ...IAM_OPERATION_NAMES,
];

export function isServiceOperationName(value: string): value is ServiceOperationName {
  return isOperationName(value) || isStsOperationName(value) || isIamOperationName(value);
}

/** Operations that change state: only these are journaled, and only these can be dropped after being applied. */
export const MUTATING_OPERATIONS: ReadonlySet<ServiceOperationName> = new Set([
  ...OPERATION_NAMES.filter((name) => OPERATIONS[name].mutating),
  ...STS_OPERATION_NAMES.filter((name) => STS_OPERATIONS[name].mutating),
  ...IAM_OPERATION_NAMES.filter((name) => IAM_OPERATIONS[name].mutating),
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

/** The EKS API's AddonIssueCode values: what an add-on's `health.issues` say is wrong. */
export const ADDON_ISSUE_CODES = [
  'AccessDenied',
  'AddonPermissionFailure',
  'AddonSubscriptionNeeded',
  'AdmissionRequestDenied',
  'ClusterUnreachable',
  'ConfigurationConflict',
  'InsufficientNumberOfReplicas',
  'InternalFailure',
  'K8sResourceNotFound',
  'UnsupportedAddonModification',
] as const;
export type AddonIssueCode = (typeof ADDON_ISSUE_CODES)[number];

export interface AddonIssue {
  code: AddonIssueCode;
  message: string;
  resourceIds: string[];
}

/** EKS Auto Mode of a cluster: EKS runs the nodes (and the Pod Identity agent, without the add-on). */
export interface AutoModeConfig {
  nodePools: string[];
  /** Null: `arn:<partition>:iam::<account>:role/AmazonEKSAutoNodeRole`. */
  nodeRoleArn: string | null;
}

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
  /** Absent (state files from before it) or empty: healthy. */
  healthIssues?: AddonIssue[];
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
  /** Absent (and in state files from before it): not in Auto Mode. */
  autoMode?: AutoModeConfig;
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
