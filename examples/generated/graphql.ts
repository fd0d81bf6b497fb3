/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The lifecycle state of an EKS cluster. */
export type ClusterStatus =
  /** The cluster is ready. */
  | 'ACTIVE'
  /** The cluster is being created. */
  | 'CREATING'
  /** The cluster is being deleted. */
  | 'DELETING'
  /** Creating the cluster failed. */
  | 'FAILED'
  /** The cluster is waiting to be created. */
  | 'PENDING'
  /** The cluster is being updated. */
  | 'UPDATING';

/** What to create. */
export type CreatePodIdentityAssociationInput = {
  /** The AWS account of the cluster (one of `accounts`). Defaults to the first account served. */
  accountId?: string | null | undefined;
  /** Any string; it is returned unchanged in the payload (Relay). */
  clientMutationId?: string | null | undefined;
  /**
   * An idempotency token, at most 64 characters. A retry with the same token and the same input
   * returns the first attempt's association instead of a second one. The gateway makes one when
   * it is left out; the payload returns the token used.
   */
  clientRequestToken?: string | null | undefined;
  /** The name of the cluster. */
  clusterName: string;
  /** Whether EKS leaves out the session tags it would add to the role session. Required to be true with `policy`. */
  disableSessionTags?: boolean | null | undefined;
  /**
   * True: change nothing, and answer what would happen: the same errors a real create would
   * (invalid input, a missing cluster, the conflicting association, the policy's FORBIDDEN, a
   * role EKS would refuse) and, when there are none, the `diagnosis` of the association as it
   * would be. Costs reads only (DescribeCluster, a List, the diagnosis's calls).
   */
  dryRun?: boolean | null | undefined;
  /** The Kubernetes namespace of the service account (a DNS-1123 label, at most 63 characters). */
  namespace: string;
  /** An inline IAM session policy (JSON text). Accepted only with `disableSessionTags: true`. */
  policy?: string | null | undefined;
  /** The region of the cluster. Defaults to the gateway's first region. */
  region?: string | null | undefined;
  /** The ARN of the IAM role whose credentials the pods receive, `arn:aws:iam::<account>:role/<name>`. */
  roleArn: string;
  /** The name of the Kubernetes service account (a DNS-1123 subdomain, at most 253 characters). */
  serviceAccount: string;
  /** Tags for the association: at most 50, unique keys, no `aws:` prefix. */
  tags?: Array<TagInput> | null | undefined;
  /** The ARN of a role in another account that EKS assumes through `roleArn` (role chaining). */
  targetRoleArn?: string | null | undefined;
};

/** Which association to delete: by `id`, or by `clusterName` and `associationId` (with `region`). */
export type DeletePodIdentityAssociationInput = {
  /** The AWS account of the cluster (one of `accounts`). Defaults to the first account served; with `id`, the id's own. */
  accountId?: string | null | undefined;
  /** The association id, with `clusterName`, when `id` is not given. */
  associationId?: string | null | undefined;
  /** Any string; it is returned unchanged in the payload (Relay). */
  clientMutationId?: string | null | undefined;
  /** The name of the cluster, with `associationId`, when `id` is not given. */
  clusterName?: string | null | undefined;
  /** The association's opaque id. Give this, or `clusterName` and `associationId`. */
  id?: string | number | null | undefined;
  /** The region of the cluster, with `clusterName`. Defaults to the gateway's first region. */
  region?: string | null | undefined;
};

/** What a diagnosis checks. */
export type DiagnosisCheckCode =
  /** No add-on owns the association (WARN: manage it through the add-on). */
  | 'ADDON_OWNED'
  /** Pods started before the association's last change keep the old credentials until restarted. */
  | 'PODS_RESTART'
  /** The eks-pod-identity-agent add-on is installed and ACTIVE, or the cluster runs in Auto Mode. */
  | 'POD_IDENTITY_AGENT'
  /** The role exists. */
  | 'ROLE_EXISTS'
  /** The role trusts pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession (TagSession not with session tags disabled). */
  | 'ROLE_TRUST'
  /** The role's trust is scoped with aws:SourceAccount or aws:SourceArn (WARN when any cluster anywhere could use it). */
  | 'ROLE_TRUST_SCOPE'
  /** The target role exists (only with a target role). */
  | 'TARGET_ROLE_EXISTS'
  /** The target role requires the association's external id (only with a target role). */
  | 'TARGET_ROLE_EXTERNAL_ID'
  /** The target role trusts the association's role (only with a target role). */
  | 'TARGET_ROLE_TRUST';

/** The outcome of one check. */
export type DiagnosisStatus =
  /** Pods will not get these credentials. */
  | 'FAIL'
  /** Fine. */
  | 'PASS'
  /** The gateway could not tell (IAM access denied, the role's account not served, ...). */
  | 'UNKNOWN'
  /** Works, but something is risky or needs attention. */
  | 'WARN';

/** The state of the fleet inventory. */
export type InventoryState =
  /** Some accounts, regions or clusters could not be read; their last rows are kept, marked stale. */
  | 'DEGRADED'
  /** The inventory is turned off (INVENTORY=off): the search fields answer INVENTORY_OFF. */
  | 'OFF'
  /** Every served account, region and cluster is synced. */
  | 'READY'
  /** The first sweep is running: searches answer what is synced so far. */
  | 'SWEEPING';

/** The stable kind of an expected mutation failure; clients may branch on it. */
export type MutationErrorCode =
  /** The service account already has an association in that cluster and namespace. */
  | 'ALREADY_EXISTS'
  /** The association does not exist (or was already deleted). */
  | 'ASSOCIATION_NOT_FOUND'
  /** The cluster does not exist in that region. */
  | 'CLUSTER_NOT_FOUND'
  /**
   * The gateway's policy does not let the caller make this change: the action in that cluster and
   * namespace, or the role (or target role) to bind. No change was sent to EKS.
   */
  | 'FORBIDDEN'
  /** An input field breaks a rule of EKS; `field` names it. */
  | 'INVALID_INPUT'
  /**
   * EKS refused the request as it stands, for example a `clientRequestToken` reused with other
   * parameters, or a change to an association that an add-on manages.
   */
  | 'INVALID_REQUEST'
  /** The IAM role does not exist or does not trust the EKS Pod Identity service. */
  | 'INVALID_ROLE'
  /** The cluster holds as many associations as EKS allows. */
  | 'LIMIT_EXCEEDED';

/** A resource tag to set. Keys must be unique; the `aws:` prefix is reserved. */
export type TagInput = {
  /** The tag key, 1-128 characters, not starting with `aws:` in any case. */
  key: string;
  /** The tag value, up to 256 characters. */
  value: string;
};

/**
 * Which association to tag: by `id`, or by `clusterName` and `associationId` (with `region`), and
 * the tags to add or change.
 */
export type TagPodIdentityAssociationInput = {
  /** The AWS account of the cluster (one of `accounts`). Defaults to the first account served; with `id`, the id's own. */
  accountId?: string | null | undefined;
  /** The association id, with `clusterName`, when `id` is not given. */
  associationId?: string | null | undefined;
  /** Any string; it is returned unchanged in the payload (Relay). */
  clientMutationId?: string | null | undefined;
  /** The name of the cluster, with `associationId`, when `id` is not given. */
  clusterName?: string | null | undefined;
  /** The association's opaque id. Give this, or `clusterName` and `associationId`. */
  id?: string | number | null | undefined;
  /** The region of the cluster, with `clusterName`. Defaults to the gateway's first region. */
  region?: string | null | undefined;
  /**
   * The tags to add, or to give new values: 1 to 50, unique keys, no `aws:` prefix. The
   * association may carry at most 50 tags in all afterwards.
   */
  tags: Array<TagInput>;
};

/**
 * Which association to untag: by `id`, or by `clusterName` and `associationId` (with `region`),
 * and the keys to remove.
 */
export type UntagPodIdentityAssociationInput = {
  /** The AWS account of the cluster (one of `accounts`). Defaults to the first account served; with `id`, the id's own. */
  accountId?: string | null | undefined;
  /** The association id, with `clusterName`, when `id` is not given. */
  associationId?: string | null | undefined;
  /** Any string; it is returned unchanged in the payload (Relay). */
  clientMutationId?: string | null | undefined;
  /** The name of the cluster, with `associationId`, when `id` is not given. */
  clusterName?: string | null | undefined;
  /** The association's opaque id. Give this, or `clusterName` and `associationId`. */
  id?: string | number | null | undefined;
  /** The region of the cluster, with `clusterName`. Defaults to the gateway's first region. */
  region?: string | null | undefined;
  /** The tag keys to remove: 1 to 50 keys of 1-128 characters, no `aws:` prefix. */
  tagKeys: Array<string>;
};

/**
 * Which association to change, and how. Name the association by `id`, or by `clusterName` and
 * `associationId` (with `region`). A field left out keeps its value; `targetRoleArn: null` and
 * `policy: null` remove them. At least one of the five changeable fields is required.
 */
export type UpdatePodIdentityAssociationInput = {
  /** The AWS account of the cluster (one of `accounts`). Defaults to the first account served; with `id`, the id's own. */
  accountId?: string | null | undefined;
  /** The association id, with `clusterName`, when `id` is not given. */
  associationId?: string | null | undefined;
  /** Any string; it is returned unchanged in the payload (Relay). */
  clientMutationId?: string | null | undefined;
  /** An idempotency token, as for create. The gateway makes one when it is left out. */
  clientRequestToken?: string | null | undefined;
  /** The name of the cluster, with `associationId`, when `id` is not given. */
  clusterName?: string | null | undefined;
  /** Whether EKS leaves out session tags. Must be true while a `policy` is set. */
  disableSessionTags?: boolean | null | undefined;
  /** True: change nothing, and answer what would happen (the errors a real update would give, else the diagnosis as it would be), as for create. Tags are not checked against EKS in a dry run. */
  dryRun?: boolean | null | undefined;
  /** The association's opaque id. Give this, or `clusterName` and `associationId`. */
  id?: string | number | null | undefined;
  /** A new inline session policy (JSON text); null removes it. */
  policy?: string | null | undefined;
  /** The region of the cluster, with `clusterName`. Defaults to the gateway's first region. */
  region?: string | null | undefined;
  /** A new IAM role ARN. */
  roleArn?: string | null | undefined;
  /**
   * The association's whole tag set: tags it has that are not listed are removed, listed ones
   * that are new or changed are set, and nothing is sent when they are equal. `[]` removes every
   * tag. At most 50, unique keys, no `aws:` prefix. Left out, the tags stay as they are.
   */
  tags?: Array<TagInput> | null | undefined;
  /** A new target role ARN for role chaining; null removes the target role. */
  targetRoleArn?: string | null | undefined;
};

export type AssociationByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type AssociationByIdQuery = { node:
    | { __typename: 'Cluster', name: string, region: string, status: ClusterStatus | null, id: string }
    | { __typename: 'PodIdentityAssociation', id: string, associationId: string, associationArn: string, clusterName: string, region: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, externalId: string | null, disableSessionTags: boolean | null, policy: string | null, ownerArn: string | null, createdAt: string | null, modifiedAt: string | null, tags: Array<{ key: string, value: string }> | null }
   | null };

export type AssociationByNameQueryVariables = Exact<{
  clusterName: string;
  associationId: string;
  region?: string | null | undefined;
}>;


export type AssociationByNameQuery = { podIdentityAssociation: { id: string, associationId: string, associationArn: string, clusterName: string, region: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, externalId: string | null, disableSessionTags: boolean | null, policy: string | null, ownerArn: string | null, createdAt: string | null, modifiedAt: string | null, tags: Array<{ key: string, value: string }> | null } | null };

export type AssociationDetailsFragment = { id: string, associationId: string, associationArn: string, clusterName: string, region: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, externalId: string | null, disableSessionTags: boolean | null, policy: string | null, ownerArn: string | null, createdAt: string | null, modifiedAt: string | null, tags: Array<{ key: string, value: string }> | null };

export type AssociationsPageQueryVariables = Exact<{
  clusterName: string;
  region?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  namespace?: string | null | undefined;
  serviceAccount?: string | null | undefined;
}>;


export type AssociationsPageQuery = { cluster: { id: string, name: string, region: string, podIdentityAssociations: { edges: Array<{ cursor: string, node: { id: string, associationId: string, namespace: string, serviceAccount: string, roleArn: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type CreateAssociationMutationVariables = Exact<{
  input: CreatePodIdentityAssociationInput;
}>;


export type CreateAssociationMutation = { createPodIdentityAssociation: { clientMutationId: string | null, clientRequestToken: string | null, podIdentityAssociation: { id: string, associationId: string, associationArn: string, clusterName: string, region: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, externalId: string | null, disableSessionTags: boolean | null, policy: string | null, ownerArn: string | null, createdAt: string | null, modifiedAt: string | null, tags: Array<{ key: string, value: string }> | null } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', existingAssociationId: string, code: MutationErrorCode, message: string, existingAssociation: { id: string, associationId: string, roleArn: string | null } | null }
      | { __typename: 'AssociationNotFoundError', associationId: string, code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', clusterName: string, region: string, code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', deniedRoleArn: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', roleArn: string, code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type DeleteAssociationMutationVariables = Exact<{
  input: DeletePodIdentityAssociationInput;
}>;


export type DeleteAssociationMutation = { deletePodIdentityAssociation: { clientMutationId: string | null, deletedPodIdentityAssociationId: string | null, podIdentityAssociation: { id: string, associationId: string, namespace: string, serviceAccount: string } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', existingAssociationId: string, code: MutationErrorCode, message: string, existingAssociation: { id: string, associationId: string, roleArn: string | null } | null }
      | { __typename: 'AssociationNotFoundError', associationId: string, code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', clusterName: string, region: string, code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', deniedRoleArn: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', roleArn: string, code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type FleetAccountsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FleetAccountsQuery = { accounts: Array<{ accountId: string, name: string | null, regions: Array<string> }>, clusters: { nodes: Array<{ id: string, accountId: string, name: string, region: string, version: string | null, account: { name: string | null } }>, unavailableAccounts: Array<{ accountId: string, name: string | null, code: string, stsError: string, message: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type InventoryStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type InventoryStatusQuery = { inventory: { state: InventoryState, lastSweepStartedAt: string | null, lastSweepEndedAt: string | null, accountCount: number, clusterCount: number, associationCount: number, failures: Array<{ accountId: string, region: string, clusterName: string | null, code: string, message: string, since: string }> } };

export type ListClustersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ListClustersQuery = { clusters: { nodes: Array<{ id: string, name: string, region: string, status: ClusterStatus | null, version: string | null, createdAt: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

type MutationErrorDetails_AlreadyExistsError_Fragment = { __typename: 'AlreadyExistsError', existingAssociationId: string, code: MutationErrorCode, message: string, existingAssociation: { id: string, associationId: string, roleArn: string | null } | null };

type MutationErrorDetails_AssociationNotFoundError_Fragment = { __typename: 'AssociationNotFoundError', associationId: string, code: MutationErrorCode, message: string };

type MutationErrorDetails_ClusterNotFoundError_Fragment = { __typename: 'ClusterNotFoundError', clusterName: string, region: string, code: MutationErrorCode, message: string };

type MutationErrorDetails_ForbiddenError_Fragment = { __typename: 'ForbiddenError', deniedRoleArn: string | null, code: MutationErrorCode, message: string };

type MutationErrorDetails_InvalidInputError_Fragment = { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string };

type MutationErrorDetails_InvalidRequestError_Fragment = { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string };

type MutationErrorDetails_InvalidRoleError_Fragment = { __typename: 'InvalidRoleError', roleArn: string, code: MutationErrorCode, message: string };

type MutationErrorDetails_LimitExceededError_Fragment = { __typename: 'LimitExceededError', code: MutationErrorCode, message: string };

export type MutationErrorDetailsFragment =
  | MutationErrorDetails_AlreadyExistsError_Fragment
  | MutationErrorDetails_AssociationNotFoundError_Fragment
  | MutationErrorDetails_ClusterNotFoundError_Fragment
  | MutationErrorDetails_ForbiddenError_Fragment
  | MutationErrorDetails_InvalidInputError_Fragment
  | MutationErrorDetails_InvalidRequestError_Fragment
  | MutationErrorDetails_InvalidRoleError_Fragment
  | MutationErrorDetails_LimitExceededError_Fragment
;

export type TagAssociationMutationVariables = Exact<{
  input: TagPodIdentityAssociationInput;
}>;


export type TagAssociationMutation = { tagPodIdentityAssociation: { clientMutationId: string | null, podIdentityAssociation: { id: string, tags: Array<{ key: string, value: string }> | null } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', existingAssociationId: string, code: MutationErrorCode, message: string, existingAssociation: { id: string, associationId: string, roleArn: string | null } | null }
      | { __typename: 'AssociationNotFoundError', associationId: string, code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', clusterName: string, region: string, code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', deniedRoleArn: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', roleArn: string, code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type TaggedAssociationsQueryVariables = Exact<{
  key: string;
  value?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TaggedAssociationsQuery = { podIdentityAssociations: { totalCount: number, byCluster: Array<{ value: string, count: number }>, byNamespace: Array<{ value: string, count: number }>, nodes: Array<{ id: string, accountId: string, region: string, clusterName: string, namespace: string, serviceAccount: string, roleArn: string | null, createdAt: string | null, syncedAt: string | null, tags: Array<{ key: string, value: string }> | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type UntagAssociationMutationVariables = Exact<{
  input: UntagPodIdentityAssociationInput;
}>;


export type UntagAssociationMutation = { untagPodIdentityAssociation: { clientMutationId: string | null, podIdentityAssociation: { id: string, tags: Array<{ key: string, value: string }> | null } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', existingAssociationId: string, code: MutationErrorCode, message: string, existingAssociation: { id: string, associationId: string, roleArn: string | null } | null }
      | { __typename: 'AssociationNotFoundError', associationId: string, code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', clusterName: string, region: string, code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', deniedRoleArn: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', roleArn: string, code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type UpdateAssociationMutationVariables = Exact<{
  input: UpdatePodIdentityAssociationInput;
}>;


export type UpdateAssociationMutation = { updatePodIdentityAssociation: { clientMutationId: string | null, clientRequestToken: string | null, podIdentityAssociation: { id: string, associationId: string, associationArn: string, clusterName: string, region: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, externalId: string | null, disableSessionTags: boolean | null, policy: string | null, ownerArn: string | null, createdAt: string | null, modifiedAt: string | null, tags: Array<{ key: string, value: string }> | null } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', existingAssociationId: string, code: MutationErrorCode, message: string, existingAssociation: { id: string, associationId: string, roleArn: string | null } | null }
      | { __typename: 'AssociationNotFoundError', associationId: string, code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', clusterName: string, region: string, code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', deniedRoleArn: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', roleArn: string, code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type WhoCanAssumeRoleQueryVariables = Exact<{
  arn: string;
  first?: number | null | undefined;
}>;


export type WhoCanAssumeRoleQuery = { role: { arn: string, accountId: string, name: string, clusterCount: number, associations: { totalCount: number, nodes: Array<{ id: string, accountId: string, region: string, clusterName: string, namespace: string, serviceAccount: string, syncedAt: string | null }> }, targetRoleAssociations: { totalCount: number, nodes: Array<{ id: string, accountId: string, region: string, clusterName: string, namespace: string, serviceAccount: string, roleArn: string | null, syncedAt: string | null }> } } };

export type WhyNotWorkingQueryVariables = Exact<{
  id: string | number;
}>;


export type WhyNotWorkingQuery = { node:
    | { id: string, clusterName: string, namespace: string, serviceAccount: string, roleArn: string | null, diagnosis: { ready: boolean, checks: Array<{ code: DiagnosisCheckCode, status: DiagnosisStatus, message: string, remedy: string | null }> }, cluster: { podIdentityAgent: { installed: boolean, status: string | null, version: string | null, autoMode: boolean, ready: boolean } } }
    | Record<PropertyKey, never>
   | null };

export const AssociationDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssociationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"associationArn"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"disableSessionTags"}},{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<AssociationDetailsFragment, unknown>;
export const MutationErrorDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrorDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssociationNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlreadyExistsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"existingAssociationId"}},{"kind":"Field","name":{"kind":"Name","value":"existingAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRoleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deniedRoleArn"}}]}}]}}]} as unknown as DocumentNode<MutationErrorDetailsFragment, unknown>;
export const AssociationByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssociationById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssociationDetails"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssociationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"associationArn"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"disableSessionTags"}},{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<AssociationByIdQuery, AssociationByIdQueryVariables>;
export const AssociationByNameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssociationByName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clusterName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}}},{"kind":"Argument","name":{"kind":"Name","value":"associationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"associationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssociationDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssociationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"associationArn"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"disableSessionTags"}},{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<AssociationByNameQuery, AssociationByNameQueryVariables>;
export const AssociationsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssociationsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"25"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"serviceAccount"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"namespace"},"value":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}}},{"kind":"Argument","name":{"kind":"Name","value":"serviceAccount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"serviceAccount"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AssociationsPageQuery, AssociationsPageQueryVariables>;
export const CreateAssociationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAssociation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientMutationId"}},{"kind":"Field","name":{"kind":"Name","value":"clientRequestToken"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssociationDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrorDetails"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssociationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"associationArn"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"disableSessionTags"}},{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrorDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssociationNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlreadyExistsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"existingAssociationId"}},{"kind":"Field","name":{"kind":"Name","value":"existingAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRoleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deniedRoleArn"}}]}}]}}]} as unknown as DocumentNode<CreateAssociationMutation, CreateAssociationMutationVariables>;
export const DeleteAssociationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAssociation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeletePodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientMutationId"}},{"kind":"Field","name":{"kind":"Name","value":"deletedPodIdentityAssociationId"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrorDetails"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrorDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssociationNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlreadyExistsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"existingAssociationId"}},{"kind":"Field","name":{"kind":"Name","value":"existingAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRoleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deniedRoleArn"}}]}}]}}]} as unknown as DocumentNode<DeleteAssociationMutation, DeleteAssociationMutationVariables>;
export const FleetAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FleetAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regions"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clusters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unavailableAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"stsError"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<FleetAccountsQuery, FleetAccountsQueryVariables>;
export const InventoryStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InventoryStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inventory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastSweepStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSweepEndedAt"}},{"kind":"Field","name":{"kind":"Name","value":"accountCount"}},{"kind":"Field","name":{"kind":"Name","value":"clusterCount"}},{"kind":"Field","name":{"kind":"Name","value":"associationCount"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"since"}}]}}]}}]}}]} as unknown as DocumentNode<InventoryStatusQuery, InventoryStatusQueryVariables>;
export const ListClustersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListClusters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ListClustersQuery, ListClustersQueryVariables>;
export const TagAssociationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TagAssociation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TagPodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagPodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientMutationId"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrorDetails"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrorDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssociationNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlreadyExistsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"existingAssociationId"}},{"kind":"Field","name":{"kind":"Name","value":"existingAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRoleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deniedRoleArn"}}]}}]}}]} as unknown as DocumentNode<TagAssociationMutation, TagAssociationMutationVariables>;
export const TaggedAssociationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaggedAssociations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"25"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"tag"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"CREATED_AT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","alias":{"kind":"Name","value":"byCluster"},"name":{"kind":"Name","value":"countsBy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"CLUSTER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byNamespace"},"name":{"kind":"Name","value":"countsBy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"NAMESPACE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<TaggedAssociationsQuery, TaggedAssociationsQueryVariables>;
export const UntagAssociationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UntagAssociation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UntagPodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"untagPodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientMutationId"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrorDetails"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrorDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssociationNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlreadyExistsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"existingAssociationId"}},{"kind":"Field","name":{"kind":"Name","value":"existingAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRoleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deniedRoleArn"}}]}}]}}]} as unknown as DocumentNode<UntagAssociationMutation, UntagAssociationMutationVariables>;
export const UpdateAssociationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAssociation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientMutationId"}},{"kind":"Field","name":{"kind":"Name","value":"clientRequestToken"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AssociationDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MutationErrorDetails"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AssociationDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"associationArn"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"disableSessionTags"}},{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MutationErrorDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssociationNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"associationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlreadyExistsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"existingAssociationId"}},{"kind":"Field","name":{"kind":"Name","value":"existingAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRoleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deniedRoleArn"}}]}}]}}]} as unknown as DocumentNode<UpdateAssociationMutation, UpdateAssociationMutationVariables>;
export const WhoCanAssumeRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhoCanAssumeRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"arn"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"25"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"arn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"arn"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clusterCount"}},{"kind":"Field","name":{"kind":"Name","value":"associations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleAssociations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WhoCanAssumeRoleQuery, WhoCanAssumeRoleQueryVariables>;
export const WhyNotWorkingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhyNotWorking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"diagnosis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ready"}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"remedy"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"podIdentityAgent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"installed"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"autoMode"}},{"kind":"Field","name":{"kind":"Name","value":"ready"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WhyNotWorkingQuery, WhyNotWorkingQueryVariables>;