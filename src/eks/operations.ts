/**
 * The EKS operations the gateway makes, each described once: the backend method that makes it,
 * whether it reads or changes, which cluster it concerns, how the shared cache keys its result
 * or which entries it invalidates, and which policy action it needs. The cross-cutting layers
 * are built from this table rather than written out per method: the call budget
 * (callBudget.ts), the shared cache (cachingLayer.ts), the call's metrics and limiter turn
 * (podIdentityService.ts, callRunner.ts) and the audit's write-ahead of every mutating command
 * (src/security/eksRequestIds.ts). Only the SDK call itself (podIdentityService.ts) and the
 * policy's reasoning about namespaces and roles (src/security/authorizedService.ts) are written
 * per operation, and the compiler checks both cover every method.
 *
 * Adding an operation: a method on `PodIdentityBackend`, its entry here, its SDK call in
 * `PodIdentityService`, its policy check in `AuthorizedPodIdentityService`.
 */
import {
  IAM_REGION_LABEL,
  type AccountRegion,
  type AddonDetail,
  type AssociationDetail,
  type AssociationKey,
  type AssociationSummary,
  type AssociationTarget,
  type ClusterDetail,
  type ClusterKey,
  type CreateAssociationParams,
  type EksPage,
  type ListAssociationsParams,
  type RoleDetail,
  type Tags,
  type UpdateAssociationParams,
} from './types';

/**
 * The EKS operations the gateway uses, one method per EKS call. Implemented by the service that
 * calls EKS and by the layers that wrap it, so resolvers and loaders see one interface.
 */
export interface PodIdentityBackend {
  listClusters(at: AccountRegion, maxResults: number, nextToken: string | null): Promise<EksPage<string>>;
  /** Null when the cluster does not exist. */
  describeCluster(key: ClusterKey): Promise<ClusterDetail | null>;
  listAssociations(
    at: AccountRegion,
    clusterName: string,
    params: ListAssociationsParams,
  ): Promise<EksPage<AssociationSummary>>;
  /** Null when the association (or its cluster) does not exist. */
  describeAssociation(key: AssociationKey): Promise<AssociationDetail | null>;
  createAssociation(params: CreateAssociationParams): Promise<AssociationDetail>;
  updateAssociation(params: UpdateAssociationParams): Promise<AssociationDetail>;
  /** Returns the association as it was before deletion. */
  deleteAssociation(key: AssociationKey): Promise<AssociationDetail>;
  /** Adds tags, or gives existing keys new values; keys not named keep theirs (TagResource merges). */
  tagAssociation(target: AssociationTarget, tags: Tags): Promise<void>;
  /** Removes the tags with these keys; a key the association lacks is no error. */
  untagAssociation(target: AssociationTarget, tagKeys: readonly string[]): Promise<void>;
  /** The association's tags as EKS holds them now. */
  listAssociationTags(target: AssociationTarget): Promise<Tags>;
  /** One add-on of a cluster (the Pod Identity agent, for the diagnosis); null when not installed. */
  describeAddon(cluster: ClusterKey, addonName: string): Promise<AddonDetail | null>;
  /** An IAM role of a served account (IAM's GetRole, for the diagnosis); null when it does not exist. */
  getRole(accountId: string, roleName: string): Promise<RoleDetail | null>;
}

export type BackendMethod = keyof PodIdentityBackend;
export type BackendArgs<M extends BackendMethod> = Parameters<PodIdentityBackend[M]>;
export type BackendResult<M extends BackendMethod> = Awaited<ReturnType<PodIdentityBackend[M]>>;

/** What a caller's policy must allow for an operation (src/security/policy.ts). */
export type PolicyAction = 'read' | 'create' | 'update' | 'delete' | 'tag';

/** A cluster: what a cached entry belongs to, and what a change invalidates. */
export interface ClusterRef {
  accountId: string;
  region: string;
  clusterName: string;
}

interface DescriptionBase<M extends BackendMethod> {
  /** The EKS API operation: the metrics' and errors' name; its SDK command is `${operation}Command`. */
  readonly operation: string;
  /** The account and region whose client, limiter and metrics the call uses. */
  readonly location: (...args: BackendArgs<M>) => AccountRegion;
  readonly action: PolicyAction;
}

export interface ReadDescription<M extends BackendMethod> extends DescriptionBase<M> {
  readonly mutates: false;
  readonly cache: {
    /** The cached entry's key, unique per operation and input. */
    readonly key: (...args: BackendArgs<M>) => string;
    /**
     * The cluster whose changes make the entry stale: it is then keyed by that cluster's
     * generation. Null for what no change through the gateway alters (cluster facts, cluster
     * lists), which lives for the cache's TTL.
     */
    cluster: ((...args: BackendArgs<M>) => ClusterRef) | null;
  };
}

export interface MutationDescription<M extends BackendMethod> extends DescriptionBase<M> {
  readonly mutates: true;
  /** The cluster whose cached entries the change invalidates. */
  readonly cluster: (...args: BackendArgs<M>) => ClusterRef;
  /**
   * `association`: the result is the association as it now is, and is cached as its Describe
   * would be; `none`: nothing to cache (deleted, or no result).
   */
  readonly result: 'association' | 'none';
  /** The idempotency token sent with the call (EKS applies a token once), or null without one. */
  readonly clientRequestToken: (...args: BackendArgs<M>) => string | null;
  /** Whether the call is a dry run (reads only, nothing changes): the layers then record and invalidate nothing. */
  readonly dryRun?: (...args: BackendArgs<M>) => boolean;
}

export type OperationDescription<M extends BackendMethod> = ReadDescription<M> | MutationDescription<M>;

function associationKeyOf(key: AssociationKey): string {
  return `${key.accountId}:${key.region}:${key.clusterName}:${key.associationId}`;
}

function locationOf(key: AccountRegion): AccountRegion {
  return { accountId: key.accountId, region: key.region };
}

/** The cache entry of an association's Describe, which a change returning it also fills. */
export function describedAssociationEntry(key: AssociationKey): string {
  return `association:${associationKeyOf(key)}`;
}

function clusterOf(key: ClusterRef): ClusterRef {
  return { accountId: key.accountId, region: key.region, clusterName: key.clusterName };
}

export const EKS_OPERATIONS: { readonly [M in BackendMethod]: OperationDescription<M> } = {
  describeAddon: {
    operation: 'DescribeAddon',
    mutates: false,
    action: 'read',
    location: locationOf,
    cache: { key: (key, addonName) => `addon:${key.accountId}:${key.region}:${key.name}:${addonName}`, cluster: null },
  },
  // IAM's, not EKS's: global, so its calls take the account's `global` limiter (see EksCallRunner.runIam).
  getRole: {
    operation: 'GetRole',
    mutates: false,
    action: 'read',
    location: (accountId) => ({ accountId, region: IAM_REGION_LABEL }),
    cache: { key: (accountId, roleName) => `role:${accountId}:${roleName}`, cluster: null },
  },
  listClusters: {
    operation: 'ListClusters',
    mutates: false,
    action: 'read',
    location: locationOf,
    cache: {
      key: (at, maxResults, nextToken) => `clusters:${at.accountId}:${at.region}:${maxResults}:${nextToken ?? ''}`,
      cluster: null,
    },
  },
  describeCluster: {
    operation: 'DescribeCluster',
    mutates: false,
    action: 'read',
    location: locationOf,
    cache: { key: (key) => `cluster:${key.accountId}:${key.region}:${key.name}`, cluster: null },
  },
  listAssociations: {
    operation: 'ListPodIdentityAssociations',
    mutates: false,
    action: 'read',
    location: locationOf,
    cache: {
      key: (at, clusterName, p) =>
        `list:${at.accountId}:${at.region}:${clusterName}:${JSON.stringify([p.namespace ?? null, p.serviceAccount ?? null, p.maxResults, p.nextToken])}`,
      cluster: (at, clusterName) => ({ accountId: at.accountId, region: at.region, clusterName }),
    },
  },
  describeAssociation: {
    operation: 'DescribePodIdentityAssociation',
    mutates: false,
    action: 'read',
    location: locationOf,
    cache: { key: describedAssociationEntry, cluster: clusterOf },
  },
  createAssociation: {
    operation: 'CreatePodIdentityAssociation',
    mutates: true,
    action: 'create',
    location: locationOf,
    cluster: clusterOf,
    result: 'association',
    clientRequestToken: (params) => params.clientRequestToken,
    dryRun: (params) => params.dryRun === true,
  },
  updateAssociation: {
    operation: 'UpdatePodIdentityAssociation',
    mutates: true,
    action: 'update',
    location: locationOf,
    cluster: clusterOf,
    result: 'association',
    clientRequestToken: (params) => params.clientRequestToken,
    dryRun: (params) => params.dryRun === true,
  },
  deleteAssociation: {
    operation: 'DeletePodIdentityAssociation',
    mutates: true,
    action: 'delete',
    location: locationOf,
    cluster: clusterOf,
    result: 'none',
    clientRequestToken: () => null,
  },
  tagAssociation: {
    operation: 'TagResource',
    mutates: true,
    action: 'tag',
    location: locationOf,
    cluster: clusterOf,
    result: 'none',
    clientRequestToken: () => null,
  },
  untagAssociation: {
    operation: 'UntagResource',
    mutates: true,
    action: 'tag',
    location: locationOf,
    cluster: clusterOf,
    result: 'none',
    clientRequestToken: () => null,
  },
  listAssociationTags: {
    operation: 'ListTagsForResource',
    mutates: false,
    action: 'read',
    location: locationOf,
    cache: { key: (target) => `tags:${associationKeyOf(target)}`, cluster: clusterOf },
  },
};

export const BACKEND_METHODS = Object.keys(EKS_OPERATIONS) as BackendMethod[];

/** The SDK command names of the operations that change something: the audit's to record. */
export const MUTATING_COMMANDS: ReadonlySet<string> = new Set(
  BACKEND_METHODS.filter((method) => EKS_OPERATIONS[method].mutates).map(
    (method) => `${EKS_OPERATIONS[method].operation}Command`,
  ),
);

/** The operation of any method, for layers that treat them alike. */
export type AnyDescription = OperationDescription<BackendMethod>;

/**
 * How a layer handles every call: `call` makes it below the layer. `args` are the method's,
 * typed loosely here; the description's functions take them as they are.
 */
export type AroundCall = (
  description: AnyDescription,
  args: readonly unknown[],
  call: () => Promise<unknown>,
) => Promise<unknown>;

/** A backend over `inner` whose every method goes through `around`; a throw is a rejected promise. */
export function wrapBackend(inner: PodIdentityBackend, around: AroundCall): PodIdentityBackend {
  const wrapped: Partial<Record<BackendMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of BACKEND_METHODS) {
    const description = EKS_OPERATIONS[method];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied to `inner` below, only when called
    const innerMethod = inner[method] as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = async (...args: unknown[]) => around(description, args, () => innerMethod.apply(inner, args));
  }
  return wrapped as unknown as PodIdentityBackend;
}

/** Whether a call is a dry run of its mutation (see `MutationDescription.dryRun`). */
export function isDryRun(description: AnyDescription, args: readonly unknown[]): boolean {
  return description.mutates && description.dryRun !== undefined && applyDescribed(description.dryRun, args);
}

/** Calls one of a description's functions with a call's loosely typed arguments. */
export function applyDescribed<R>(fn: (...args: never) => R, args: readonly unknown[]): R {
  return (fn as (...a: readonly unknown[]) => R)(...args);
}
