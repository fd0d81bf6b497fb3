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

/**
 * Which associations of the fleet to return. Every condition given must hold. Text conditions
 * take an exact value or a glob where `*` matches any run of characters (every other character,
 * `%` and `_` included, matches itself, case-sensitively). Globs with no literal prefix before the
 * first `*` (such as `*-reader`) cannot use an index: on a large fleet they are refused with
 * QUERY_TOO_COSTLY unless another condition narrows the search.
 */
export type PodIdentityAssociationFilter = {
  /** Only these accounts (12-digit ids). */
  accountIds?: Array<string> | null | undefined;
  /** Only these clusters (names or globs). */
  clusterNames?: Array<string> | null | undefined;
  /** Only associations created at or after this time. */
  createdAfter?: string | null | undefined;
  /** Only associations created before this time. */
  createdBefore?: string | null | undefined;
  /** Only associations last changed at or after this time. */
  modifiedAfter?: string | null | undefined;
  /** Only associations last changed before this time. */
  modifiedBefore?: string | null | undefined;
  /** The Kubernetes namespace (exact or glob). */
  namespace?: string | null | undefined;
  /** True: only associations owned by an EKS add-on; false: only those no add-on owns. */
  ownedByAddon?: boolean | null | undefined;
  /** Only these regions. */
  regions?: Array<string> | null | undefined;
  /** The role ARN (exact or glob). */
  roleArn?: string | null | undefined;
  /** The Kubernetes service account (exact or glob). */
  serviceAccount?: string | null | undefined;
  /** A tag the association carries: its key, and optionally its value. */
  tag?: TagFilter | null | undefined;
  /** The target role ARN (exact or glob); associations without one never match. */
  targetRoleArn?: string | null | undefined;
};

/** A tag condition: the key, and (optionally) the value it must have. */
export type TagFilter = {
  /** The tag key, exactly. */
  key: string;
  /** The value, exactly; any value when left out. */
  value?: string | null | undefined;
};

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

export type PortalAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalAccountsQuery = { __typename: 'Query', accounts: Array<{ __typename: 'Account', accountId: string, name: string | null, regions: Array<string> }> };

export type PortalClustersQueryVariables = Exact<{
  accountId?: string | null | undefined;
  region?: string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type PortalClustersQuery = { __typename: 'Query', clusters: { __typename: 'ClusterConnection', edges: Array<{ __typename: 'ClusterEdge', cursor: string, node: { __typename: 'Cluster', id: string, accountId: string, name: string, region: string, status: ClusterStatus | null, version: string | null, account: { __typename: 'Account', accountId: string, name: string | null } } }>, unavailableAccounts: Array<{ __typename: 'UnavailableAccount', accountId: string, name: string | null, code: string, stsError: string, message: string }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type PortalAssociationFieldsFragment = { __typename: 'PodIdentityAssociation', id: string, associationId: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, ownerArn: string | null, modifiedAt: string | null, tags: Array<{ __typename: 'Tag', key: string, value: string }> | null };

export type PortalAssociationsQueryVariables = Exact<{
  accountId: string;
  region: string;
  clusterName: string;
  first: number;
  after?: string | null | undefined;
  namespace?: string | null | undefined;
  serviceAccount?: string | null | undefined;
}>;


export type PortalAssociationsQuery = { __typename: 'Query', cluster: { __typename: 'Cluster', id: string, name: string, region: string, accountId: string, podIdentityAssociations: { __typename: 'PodIdentityAssociationConnection', edges: Array<{ __typename: 'PodIdentityAssociationEdge', cursor: string, node: { __typename: 'PodIdentityAssociation', id: string, associationId: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, ownerArn: string | null, modifiedAt: string | null, tags: Array<{ __typename: 'Tag', key: string, value: string }> | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type PortalCreateAssociationMutationVariables = Exact<{
  input: CreatePodIdentityAssociationInput;
}>;


export type PortalCreateAssociationMutation = { __typename: 'Mutation', createPodIdentityAssociation: { __typename: 'CreatePodIdentityAssociationPayload', clientRequestToken: string | null, podIdentityAssociation: { __typename: 'PodIdentityAssociation', id: string, associationId: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, ownerArn: string | null, modifiedAt: string | null, tags: Array<{ __typename: 'Tag', key: string, value: string }> | null } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', existingAssociationId: string, code: MutationErrorCode, message: string }
      | { __typename: 'AssociationNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', deniedRoleArn: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', roleArn: string, code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type PortalUpdateRoleMutationVariables = Exact<{
  input: UpdatePodIdentityAssociationInput;
}>;


export type PortalUpdateRoleMutation = { __typename: 'Mutation', updatePodIdentityAssociation: { __typename: 'UpdatePodIdentityAssociationPayload', podIdentityAssociation: { __typename: 'PodIdentityAssociation', id: string, associationId: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, ownerArn: string | null, modifiedAt: string | null, tags: Array<{ __typename: 'Tag', key: string, value: string }> | null } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', code: MutationErrorCode, message: string }
      | { __typename: 'AssociationNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', deniedRoleArn: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', roleArn: string, code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type PortalTagMutationVariables = Exact<{
  input: TagPodIdentityAssociationInput;
}>;


export type PortalTagMutation = { __typename: 'Mutation', tagPodIdentityAssociation: { __typename: 'TagPodIdentityAssociationPayload', podIdentityAssociation: { __typename: 'PodIdentityAssociation', id: string, associationId: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, ownerArn: string | null, modifiedAt: string | null, tags: Array<{ __typename: 'Tag', key: string, value: string }> | null } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', code: MutationErrorCode, message: string }
      | { __typename: 'AssociationNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type PortalUntagMutationVariables = Exact<{
  input: UntagPodIdentityAssociationInput;
}>;


export type PortalUntagMutation = { __typename: 'Mutation', untagPodIdentityAssociation: { __typename: 'UntagPodIdentityAssociationPayload', podIdentityAssociation: { __typename: 'PodIdentityAssociation', id: string, associationId: string, namespace: string, serviceAccount: string, roleArn: string | null, targetRoleArn: string | null, ownerArn: string | null, modifiedAt: string | null, tags: Array<{ __typename: 'Tag', key: string, value: string }> | null } | null, errors: Array<
      | { __typename: 'AlreadyExistsError', code: MutationErrorCode, message: string }
      | { __typename: 'AssociationNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', field: string | null, code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type PortalDeleteAssociationMutationVariables = Exact<{
  input: DeletePodIdentityAssociationInput;
}>;


export type PortalDeleteAssociationMutation = { __typename: 'Mutation', deletePodIdentityAssociation: { __typename: 'DeletePodIdentityAssociationPayload', deletedPodIdentityAssociationId: string | null, errors: Array<
      | { __typename: 'AlreadyExistsError', code: MutationErrorCode, message: string }
      | { __typename: 'AssociationNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ClusterNotFoundError', code: MutationErrorCode, message: string }
      | { __typename: 'ForbiddenError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidInputError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRequestError', code: MutationErrorCode, message: string }
      | { __typename: 'InvalidRoleError', code: MutationErrorCode, message: string }
      | { __typename: 'LimitExceededError', code: MutationErrorCode, message: string }
    > } };

export type PortalFleetSearchQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: PodIdentityAssociationFilter | null | undefined;
}>;


export type PortalFleetSearchQuery = { __typename: 'Query', podIdentityAssociations: { __typename: 'FleetAssociationConnection', totalCount: number, countsBy: Array<{ __typename: 'PodIdentityAssociationCount', value: string, count: number }>, edges: Array<{ __typename: 'FleetAssociationEdge', cursor: string, node: { __typename: 'PodIdentityAssociation', id: string, accountId: string, region: string, clusterName: string, namespace: string, serviceAccount: string, roleArn: string | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type PortalDiagnosisQueryVariables = Exact<{
  id: string | number;
}>;


export type PortalDiagnosisQuery = { __typename: 'Query', node:
    | { __typename: 'Cluster', id: string }
    | { __typename: 'PodIdentityAssociation', id: string, diagnosis: { __typename: 'Diagnosis', ready: boolean, checks: Array<{ __typename: 'DiagnosisCheck', code: DiagnosisCheckCode, status: DiagnosisStatus, message: string, remedy: string | null }> } }
   | null };

export const PortalAssociationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAssociationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<PortalAssociationFieldsFragment, unknown>;
export const PortalAccountsDocument = {"__meta__":{"hash":"sha256:443ed449e4527cb8cdb7aa3b38b0ce876cb79a0e116d7c0c892479635934d0ed"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regions"}}]}}]}}]} as unknown as DocumentNode<PortalAccountsQuery, PortalAccountsQueryVariables>;
export const PortalClustersDocument = {"__meta__":{"hash":"sha256:aa80b687c966b37ca7d31cbb0d13d55ea46448db47b6d1a0c2c7a9e831f50fe2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalClusters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"clusters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unavailableAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"stsError"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PortalClustersQuery, PortalClustersQueryVariables>;
export const PortalAssociationsDocument = {"__meta__":{"hash":"sha256:13ff1c72b4c5bc43c83bcfb78ea666cbc38956bd96815aac0d7edae744f02569"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalAssociations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"serviceAccount"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"namespace"},"value":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}}},{"kind":"Argument","name":{"kind":"Name","value":"serviceAccount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"serviceAccount"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAssociationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAssociationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<PortalAssociationsQuery, PortalAssociationsQueryVariables>;
export const PortalCreateAssociationDocument = {"__meta__":{"hash":"sha256:d28eccc895b60c36a1abccd43689a81e1be9436bde0cf0cdd1fc6e92a5048166"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalCreateAssociation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createPodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"clientRequestToken"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAssociationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlreadyExistsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"existingAssociationId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRoleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deniedRoleArn"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAssociationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<PortalCreateAssociationMutation, PortalCreateAssociationMutationVariables>;
export const PortalUpdateRoleDocument = {"__meta__":{"hash":"sha256:0a7aca5c54b45d4233e6f2fab391c6df0a98e70202d146a0b84a213af114baaf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalUpdateRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"updatePodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAssociationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRoleError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deniedRoleArn"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAssociationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<PortalUpdateRoleMutation, PortalUpdateRoleMutationVariables>;
export const PortalTagDocument = {"__meta__":{"hash":"sha256:f626ccd15c36b9722794fc8523cbb704844638403593807a5c19f8e306aab25c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalTag"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TagPodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"tagPodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAssociationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAssociationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<PortalTagMutation, PortalTagMutationVariables>;
export const PortalUntagDocument = {"__meta__":{"hash":"sha256:e26a5fc57cc46406ebfff48217be4828a5468e11dbd4478d22e439433ea546eb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalUntag"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UntagPodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"untagPodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PortalAssociationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PortalAssociationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationId"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}},{"kind":"Field","name":{"kind":"Name","value":"targetRoleArn"}},{"kind":"Field","name":{"kind":"Name","value":"ownerArn"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"modifiedAt"}}]}}]} as unknown as DocumentNode<PortalUntagMutation, PortalUntagMutationVariables>;
export const PortalDeleteAssociationDocument = {"__meta__":{"hash":"sha256:998add86b1b30f54ae466393d140968e662b441eae91f531dad1cff62e10aba6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PortalDeleteAssociation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeletePodIdentityAssociationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deletePodIdentityAssociation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deletedPodIdentityAssociationId"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PortalDeleteAssociationMutation, PortalDeleteAssociationMutationVariables>;
export const PortalFleetSearchDocument = {"__meta__":{"hash":"sha256:24c5267c9633cb13749f5bc520d3044f94d9e97419e201512b2c7f411b7d1cd1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalFleetSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"podIdentityAssociations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"countsBy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"CLUSTER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"}},{"kind":"Field","name":{"kind":"Name","value":"roleArn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PortalFleetSearchQuery, PortalFleetSearchQueryVariables>;
export const PortalDiagnosisDocument = {"__meta__":{"hash":"sha256:d00e631f38ddfde99bf30eac40e3caeea3cf5868a84c8d3c1555378f88a317de"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalDiagnosis"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodIdentityAssociation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"diagnosis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"ready"}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"remedy"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PortalDiagnosisQuery, PortalDiagnosisQueryVariables>;