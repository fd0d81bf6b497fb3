/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AssociationById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on PodIdentityAssociation {\n      ...AssociationDetails\n    }\n    ... on Cluster {\n      name\n      region\n      status\n    }\n  }\n}": typeof types.AssociationByIdDocument,
    "query AssociationByName($clusterName: String!, $associationId: String!, $region: String) {\n  podIdentityAssociation(\n    clusterName: $clusterName\n    associationId: $associationId\n    region: $region\n  ) {\n    ...AssociationDetails\n  }\n}": typeof types.AssociationByNameDocument,
    "fragment AssociationDetails on PodIdentityAssociation {\n  id\n  associationId\n  associationArn\n  clusterName\n  region\n  namespace\n  serviceAccount\n  roleArn\n  targetRoleArn\n  externalId\n  disableSessionTags\n  policy\n  ownerArn\n  tags {\n    key\n    value\n  }\n  createdAt\n  modifiedAt\n}": typeof types.AssociationDetailsFragmentDoc,
    "query AssociationsPage($clusterName: String!, $region: String, $first: Int = 25, $after: String, $namespace: String, $serviceAccount: String) {\n  cluster(name: $clusterName, region: $region) {\n    id\n    name\n    region\n    podIdentityAssociations(\n      first: $first\n      after: $after\n      namespace: $namespace\n      serviceAccount: $serviceAccount\n    ) {\n      edges {\n        cursor\n        node {\n          id\n          associationId\n          namespace\n          serviceAccount\n          roleArn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.AssociationsPageDocument,
    "mutation CreateAssociation($input: CreatePodIdentityAssociationInput!) {\n  createPodIdentityAssociation(input: $input) {\n    clientMutationId\n    clientRequestToken\n    podIdentityAssociation {\n      ...AssociationDetails\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": typeof types.CreateAssociationDocument,
    "mutation DeleteAssociation($input: DeletePodIdentityAssociationInput!) {\n  deletePodIdentityAssociation(input: $input) {\n    clientMutationId\n    deletedPodIdentityAssociationId\n    podIdentityAssociation {\n      id\n      associationId\n      namespace\n      serviceAccount\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": typeof types.DeleteAssociationDocument,
    "query FleetAccounts($first: Int = 20, $after: String) {\n  accounts {\n    accountId\n    name\n    regions\n  }\n  clusters(first: $first, after: $after) {\n    nodes {\n      id\n      accountId\n      account {\n        name\n      }\n      name\n      region\n      version\n    }\n    unavailableAccounts {\n      accountId\n      name\n      code\n      stsError\n      message\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.FleetAccountsDocument,
    "query ListClusters($first: Int = 10, $after: String) {\n  clusters(first: $first, after: $after) {\n    nodes {\n      id\n      name\n      region\n      status\n      version\n      createdAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.ListClustersDocument,
    "fragment MutationErrorDetails on MutationError {\n  __typename\n  code\n  message\n  ... on InvalidInputError {\n    field\n  }\n  ... on ClusterNotFoundError {\n    clusterName\n    region\n  }\n  ... on AssociationNotFoundError {\n    associationId\n  }\n  ... on AlreadyExistsError {\n    existingAssociationId\n    existingAssociation {\n      id\n      associationId\n      roleArn\n    }\n  }\n  ... on InvalidRoleError {\n    roleArn\n  }\n  ... on ForbiddenError {\n    deniedRoleArn\n  }\n}": typeof types.MutationErrorDetailsFragmentDoc,
    "mutation TagAssociation($input: TagPodIdentityAssociationInput!) {\n  tagPodIdentityAssociation(input: $input) {\n    clientMutationId\n    podIdentityAssociation {\n      id\n      tags {\n        key\n        value\n      }\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": typeof types.TagAssociationDocument,
    "mutation UntagAssociation($input: UntagPodIdentityAssociationInput!) {\n  untagPodIdentityAssociation(input: $input) {\n    clientMutationId\n    podIdentityAssociation {\n      id\n      tags {\n        key\n        value\n      }\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": typeof types.UntagAssociationDocument,
    "mutation UpdateAssociation($input: UpdatePodIdentityAssociationInput!) {\n  updatePodIdentityAssociation(input: $input) {\n    clientMutationId\n    clientRequestToken\n    podIdentityAssociation {\n      ...AssociationDetails\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": typeof types.UpdateAssociationDocument,
};
const documents: Documents = {
    "query AssociationById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on PodIdentityAssociation {\n      ...AssociationDetails\n    }\n    ... on Cluster {\n      name\n      region\n      status\n    }\n  }\n}": types.AssociationByIdDocument,
    "query AssociationByName($clusterName: String!, $associationId: String!, $region: String) {\n  podIdentityAssociation(\n    clusterName: $clusterName\n    associationId: $associationId\n    region: $region\n  ) {\n    ...AssociationDetails\n  }\n}": types.AssociationByNameDocument,
    "fragment AssociationDetails on PodIdentityAssociation {\n  id\n  associationId\n  associationArn\n  clusterName\n  region\n  namespace\n  serviceAccount\n  roleArn\n  targetRoleArn\n  externalId\n  disableSessionTags\n  policy\n  ownerArn\n  tags {\n    key\n    value\n  }\n  createdAt\n  modifiedAt\n}": types.AssociationDetailsFragmentDoc,
    "query AssociationsPage($clusterName: String!, $region: String, $first: Int = 25, $after: String, $namespace: String, $serviceAccount: String) {\n  cluster(name: $clusterName, region: $region) {\n    id\n    name\n    region\n    podIdentityAssociations(\n      first: $first\n      after: $after\n      namespace: $namespace\n      serviceAccount: $serviceAccount\n    ) {\n      edges {\n        cursor\n        node {\n          id\n          associationId\n          namespace\n          serviceAccount\n          roleArn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.AssociationsPageDocument,
    "mutation CreateAssociation($input: CreatePodIdentityAssociationInput!) {\n  createPodIdentityAssociation(input: $input) {\n    clientMutationId\n    clientRequestToken\n    podIdentityAssociation {\n      ...AssociationDetails\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": types.CreateAssociationDocument,
    "mutation DeleteAssociation($input: DeletePodIdentityAssociationInput!) {\n  deletePodIdentityAssociation(input: $input) {\n    clientMutationId\n    deletedPodIdentityAssociationId\n    podIdentityAssociation {\n      id\n      associationId\n      namespace\n      serviceAccount\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": types.DeleteAssociationDocument,
    "query FleetAccounts($first: Int = 20, $after: String) {\n  accounts {\n    accountId\n    name\n    regions\n  }\n  clusters(first: $first, after: $after) {\n    nodes {\n      id\n      accountId\n      account {\n        name\n      }\n      name\n      region\n      version\n    }\n    unavailableAccounts {\n      accountId\n      name\n      code\n      stsError\n      message\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.FleetAccountsDocument,
    "query ListClusters($first: Int = 10, $after: String) {\n  clusters(first: $first, after: $after) {\n    nodes {\n      id\n      name\n      region\n      status\n      version\n      createdAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.ListClustersDocument,
    "fragment MutationErrorDetails on MutationError {\n  __typename\n  code\n  message\n  ... on InvalidInputError {\n    field\n  }\n  ... on ClusterNotFoundError {\n    clusterName\n    region\n  }\n  ... on AssociationNotFoundError {\n    associationId\n  }\n  ... on AlreadyExistsError {\n    existingAssociationId\n    existingAssociation {\n      id\n      associationId\n      roleArn\n    }\n  }\n  ... on InvalidRoleError {\n    roleArn\n  }\n  ... on ForbiddenError {\n    deniedRoleArn\n  }\n}": types.MutationErrorDetailsFragmentDoc,
    "mutation TagAssociation($input: TagPodIdentityAssociationInput!) {\n  tagPodIdentityAssociation(input: $input) {\n    clientMutationId\n    podIdentityAssociation {\n      id\n      tags {\n        key\n        value\n      }\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": types.TagAssociationDocument,
    "mutation UntagAssociation($input: UntagPodIdentityAssociationInput!) {\n  untagPodIdentityAssociation(input: $input) {\n    clientMutationId\n    podIdentityAssociation {\n      id\n      tags {\n        key\n        value\n      }\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": types.UntagAssociationDocument,
    "mutation UpdateAssociation($input: UpdatePodIdentityAssociationInput!) {\n  updatePodIdentityAssociation(input: $input) {\n    clientMutationId\n    clientRequestToken\n    podIdentityAssociation {\n      ...AssociationDetails\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}": types.UpdateAssociationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssociationById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on PodIdentityAssociation {\n      ...AssociationDetails\n    }\n    ... on Cluster {\n      name\n      region\n      status\n    }\n  }\n}"): (typeof documents)["query AssociationById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on PodIdentityAssociation {\n      ...AssociationDetails\n    }\n    ... on Cluster {\n      name\n      region\n      status\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssociationByName($clusterName: String!, $associationId: String!, $region: String) {\n  podIdentityAssociation(\n    clusterName: $clusterName\n    associationId: $associationId\n    region: $region\n  ) {\n    ...AssociationDetails\n  }\n}"): (typeof documents)["query AssociationByName($clusterName: String!, $associationId: String!, $region: String) {\n  podIdentityAssociation(\n    clusterName: $clusterName\n    associationId: $associationId\n    region: $region\n  ) {\n    ...AssociationDetails\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AssociationDetails on PodIdentityAssociation {\n  id\n  associationId\n  associationArn\n  clusterName\n  region\n  namespace\n  serviceAccount\n  roleArn\n  targetRoleArn\n  externalId\n  disableSessionTags\n  policy\n  ownerArn\n  tags {\n    key\n    value\n  }\n  createdAt\n  modifiedAt\n}"): (typeof documents)["fragment AssociationDetails on PodIdentityAssociation {\n  id\n  associationId\n  associationArn\n  clusterName\n  region\n  namespace\n  serviceAccount\n  roleArn\n  targetRoleArn\n  externalId\n  disableSessionTags\n  policy\n  ownerArn\n  tags {\n    key\n    value\n  }\n  createdAt\n  modifiedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AssociationsPage($clusterName: String!, $region: String, $first: Int = 25, $after: String, $namespace: String, $serviceAccount: String) {\n  cluster(name: $clusterName, region: $region) {\n    id\n    name\n    region\n    podIdentityAssociations(\n      first: $first\n      after: $after\n      namespace: $namespace\n      serviceAccount: $serviceAccount\n    ) {\n      edges {\n        cursor\n        node {\n          id\n          associationId\n          namespace\n          serviceAccount\n          roleArn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query AssociationsPage($clusterName: String!, $region: String, $first: Int = 25, $after: String, $namespace: String, $serviceAccount: String) {\n  cluster(name: $clusterName, region: $region) {\n    id\n    name\n    region\n    podIdentityAssociations(\n      first: $first\n      after: $after\n      namespace: $namespace\n      serviceAccount: $serviceAccount\n    ) {\n      edges {\n        cursor\n        node {\n          id\n          associationId\n          namespace\n          serviceAccount\n          roleArn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateAssociation($input: CreatePodIdentityAssociationInput!) {\n  createPodIdentityAssociation(input: $input) {\n    clientMutationId\n    clientRequestToken\n    podIdentityAssociation {\n      ...AssociationDetails\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"): (typeof documents)["mutation CreateAssociation($input: CreatePodIdentityAssociationInput!) {\n  createPodIdentityAssociation(input: $input) {\n    clientMutationId\n    clientRequestToken\n    podIdentityAssociation {\n      ...AssociationDetails\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteAssociation($input: DeletePodIdentityAssociationInput!) {\n  deletePodIdentityAssociation(input: $input) {\n    clientMutationId\n    deletedPodIdentityAssociationId\n    podIdentityAssociation {\n      id\n      associationId\n      namespace\n      serviceAccount\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"): (typeof documents)["mutation DeleteAssociation($input: DeletePodIdentityAssociationInput!) {\n  deletePodIdentityAssociation(input: $input) {\n    clientMutationId\n    deletedPodIdentityAssociationId\n    podIdentityAssociation {\n      id\n      associationId\n      namespace\n      serviceAccount\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FleetAccounts($first: Int = 20, $after: String) {\n  accounts {\n    accountId\n    name\n    regions\n  }\n  clusters(first: $first, after: $after) {\n    nodes {\n      id\n      accountId\n      account {\n        name\n      }\n      name\n      region\n      version\n    }\n    unavailableAccounts {\n      accountId\n      name\n      code\n      stsError\n      message\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query FleetAccounts($first: Int = 20, $after: String) {\n  accounts {\n    accountId\n    name\n    regions\n  }\n  clusters(first: $first, after: $after) {\n    nodes {\n      id\n      accountId\n      account {\n        name\n      }\n      name\n      region\n      version\n    }\n    unavailableAccounts {\n      accountId\n      name\n      code\n      stsError\n      message\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ListClusters($first: Int = 10, $after: String) {\n  clusters(first: $first, after: $after) {\n    nodes {\n      id\n      name\n      region\n      status\n      version\n      createdAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query ListClusters($first: Int = 10, $after: String) {\n  clusters(first: $first, after: $after) {\n    nodes {\n      id\n      name\n      region\n      status\n      version\n      createdAt\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MutationErrorDetails on MutationError {\n  __typename\n  code\n  message\n  ... on InvalidInputError {\n    field\n  }\n  ... on ClusterNotFoundError {\n    clusterName\n    region\n  }\n  ... on AssociationNotFoundError {\n    associationId\n  }\n  ... on AlreadyExistsError {\n    existingAssociationId\n    existingAssociation {\n      id\n      associationId\n      roleArn\n    }\n  }\n  ... on InvalidRoleError {\n    roleArn\n  }\n  ... on ForbiddenError {\n    deniedRoleArn\n  }\n}"): (typeof documents)["fragment MutationErrorDetails on MutationError {\n  __typename\n  code\n  message\n  ... on InvalidInputError {\n    field\n  }\n  ... on ClusterNotFoundError {\n    clusterName\n    region\n  }\n  ... on AssociationNotFoundError {\n    associationId\n  }\n  ... on AlreadyExistsError {\n    existingAssociationId\n    existingAssociation {\n      id\n      associationId\n      roleArn\n    }\n  }\n  ... on InvalidRoleError {\n    roleArn\n  }\n  ... on ForbiddenError {\n    deniedRoleArn\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TagAssociation($input: TagPodIdentityAssociationInput!) {\n  tagPodIdentityAssociation(input: $input) {\n    clientMutationId\n    podIdentityAssociation {\n      id\n      tags {\n        key\n        value\n      }\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"): (typeof documents)["mutation TagAssociation($input: TagPodIdentityAssociationInput!) {\n  tagPodIdentityAssociation(input: $input) {\n    clientMutationId\n    podIdentityAssociation {\n      id\n      tags {\n        key\n        value\n      }\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UntagAssociation($input: UntagPodIdentityAssociationInput!) {\n  untagPodIdentityAssociation(input: $input) {\n    clientMutationId\n    podIdentityAssociation {\n      id\n      tags {\n        key\n        value\n      }\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"): (typeof documents)["mutation UntagAssociation($input: UntagPodIdentityAssociationInput!) {\n  untagPodIdentityAssociation(input: $input) {\n    clientMutationId\n    podIdentityAssociation {\n      id\n      tags {\n        key\n        value\n      }\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateAssociation($input: UpdatePodIdentityAssociationInput!) {\n  updatePodIdentityAssociation(input: $input) {\n    clientMutationId\n    clientRequestToken\n    podIdentityAssociation {\n      ...AssociationDetails\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"): (typeof documents)["mutation UpdateAssociation($input: UpdatePodIdentityAssociationInput!) {\n  updatePodIdentityAssociation(input: $input) {\n    clientMutationId\n    clientRequestToken\n    podIdentityAssociation {\n      ...AssociationDetails\n    }\n    errors {\n      ...MutationErrorDetails\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;