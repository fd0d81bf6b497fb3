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
    "\n  query PortalAccounts {\n    accounts {\n      accountId\n      name\n      regions\n    }\n  }\n": typeof types.PortalAccountsDocument,
    "\n  query PortalClusters($accountId: String, $region: String, $first: Int!, $after: String) {\n    clusters(accountId: $accountId, region: $region, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          accountId\n          name\n          region\n          status\n          version\n          account {\n            accountId\n            name\n          }\n        }\n      }\n      unavailableAccounts {\n        accountId\n        name\n        code\n        stsError\n        message\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PortalClustersDocument,
    "\n  fragment PortalAssociationFields on PodIdentityAssociation {\n    id\n    associationId\n    namespace\n    serviceAccount\n    roleArn\n    targetRoleArn\n    ownerArn\n    tags {\n      key\n      value\n    }\n    modifiedAt\n  }\n": typeof types.PortalAssociationFieldsFragmentDoc,
    "\n  query PortalAssociations(\n    $accountId: String!\n    $region: String!\n    $clusterName: String!\n    $first: Int!\n    $after: String\n    $namespace: String\n    $serviceAccount: String\n  ) {\n    cluster(accountId: $accountId, region: $region, name: $clusterName) {\n      id\n      name\n      region\n      accountId\n      podIdentityAssociations(\n        first: $first\n        after: $after\n        namespace: $namespace\n        serviceAccount: $serviceAccount\n      ) {\n        edges {\n          cursor\n          node {\n            ...PortalAssociationFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.PortalAssociationsDocument,
    "\n  mutation PortalCreateAssociation($input: CreatePodIdentityAssociationInput!) {\n    createPodIdentityAssociation(input: $input) {\n      clientRequestToken\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n        ... on AlreadyExistsError {\n          existingAssociationId\n        }\n        ... on InvalidRoleError {\n          roleArn\n        }\n        ... on ForbiddenError {\n          deniedRoleArn\n        }\n      }\n    }\n  }\n": typeof types.PortalCreateAssociationDocument,
    "\n  mutation PortalUpdateRole($input: UpdatePodIdentityAssociationInput!) {\n    updatePodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n        ... on InvalidRoleError {\n          roleArn\n        }\n        ... on ForbiddenError {\n          deniedRoleArn\n        }\n      }\n    }\n  }\n": typeof types.PortalUpdateRoleDocument,
    "\n  mutation PortalTag($input: TagPodIdentityAssociationInput!) {\n    tagPodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n      }\n    }\n  }\n": typeof types.PortalTagDocument,
    "\n  mutation PortalUntag($input: UntagPodIdentityAssociationInput!) {\n    untagPodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n      }\n    }\n  }\n": typeof types.PortalUntagDocument,
    "\n  mutation PortalDeleteAssociation($input: DeletePodIdentityAssociationInput!) {\n    deletePodIdentityAssociation(input: $input) {\n      deletedPodIdentityAssociationId\n      errors {\n        code\n        message\n      }\n    }\n  }\n": typeof types.PortalDeleteAssociationDocument,
};
const documents: Documents = {
    "\n  query PortalAccounts {\n    accounts {\n      accountId\n      name\n      regions\n    }\n  }\n": types.PortalAccountsDocument,
    "\n  query PortalClusters($accountId: String, $region: String, $first: Int!, $after: String) {\n    clusters(accountId: $accountId, region: $region, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          accountId\n          name\n          region\n          status\n          version\n          account {\n            accountId\n            name\n          }\n        }\n      }\n      unavailableAccounts {\n        accountId\n        name\n        code\n        stsError\n        message\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PortalClustersDocument,
    "\n  fragment PortalAssociationFields on PodIdentityAssociation {\n    id\n    associationId\n    namespace\n    serviceAccount\n    roleArn\n    targetRoleArn\n    ownerArn\n    tags {\n      key\n      value\n    }\n    modifiedAt\n  }\n": types.PortalAssociationFieldsFragmentDoc,
    "\n  query PortalAssociations(\n    $accountId: String!\n    $region: String!\n    $clusterName: String!\n    $first: Int!\n    $after: String\n    $namespace: String\n    $serviceAccount: String\n  ) {\n    cluster(accountId: $accountId, region: $region, name: $clusterName) {\n      id\n      name\n      region\n      accountId\n      podIdentityAssociations(\n        first: $first\n        after: $after\n        namespace: $namespace\n        serviceAccount: $serviceAccount\n      ) {\n        edges {\n          cursor\n          node {\n            ...PortalAssociationFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.PortalAssociationsDocument,
    "\n  mutation PortalCreateAssociation($input: CreatePodIdentityAssociationInput!) {\n    createPodIdentityAssociation(input: $input) {\n      clientRequestToken\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n        ... on AlreadyExistsError {\n          existingAssociationId\n        }\n        ... on InvalidRoleError {\n          roleArn\n        }\n        ... on ForbiddenError {\n          deniedRoleArn\n        }\n      }\n    }\n  }\n": types.PortalCreateAssociationDocument,
    "\n  mutation PortalUpdateRole($input: UpdatePodIdentityAssociationInput!) {\n    updatePodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n        ... on InvalidRoleError {\n          roleArn\n        }\n        ... on ForbiddenError {\n          deniedRoleArn\n        }\n      }\n    }\n  }\n": types.PortalUpdateRoleDocument,
    "\n  mutation PortalTag($input: TagPodIdentityAssociationInput!) {\n    tagPodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n      }\n    }\n  }\n": types.PortalTagDocument,
    "\n  mutation PortalUntag($input: UntagPodIdentityAssociationInput!) {\n    untagPodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n      }\n    }\n  }\n": types.PortalUntagDocument,
    "\n  mutation PortalDeleteAssociation($input: DeletePodIdentityAssociationInput!) {\n    deletePodIdentityAssociation(input: $input) {\n      deletedPodIdentityAssociationId\n      errors {\n        code\n        message\n      }\n    }\n  }\n": types.PortalDeleteAssociationDocument,
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
export function graphql(source: "\n  query PortalAccounts {\n    accounts {\n      accountId\n      name\n      regions\n    }\n  }\n"): (typeof documents)["\n  query PortalAccounts {\n    accounts {\n      accountId\n      name\n      regions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalClusters($accountId: String, $region: String, $first: Int!, $after: String) {\n    clusters(accountId: $accountId, region: $region, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          accountId\n          name\n          region\n          status\n          version\n          account {\n            accountId\n            name\n          }\n        }\n      }\n      unavailableAccounts {\n        accountId\n        name\n        code\n        stsError\n        message\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalClusters($accountId: String, $region: String, $first: Int!, $after: String) {\n    clusters(accountId: $accountId, region: $region, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          accountId\n          name\n          region\n          status\n          version\n          account {\n            accountId\n            name\n          }\n        }\n      }\n      unavailableAccounts {\n        accountId\n        name\n        code\n        stsError\n        message\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortalAssociationFields on PodIdentityAssociation {\n    id\n    associationId\n    namespace\n    serviceAccount\n    roleArn\n    targetRoleArn\n    ownerArn\n    tags {\n      key\n      value\n    }\n    modifiedAt\n  }\n"): (typeof documents)["\n  fragment PortalAssociationFields on PodIdentityAssociation {\n    id\n    associationId\n    namespace\n    serviceAccount\n    roleArn\n    targetRoleArn\n    ownerArn\n    tags {\n      key\n      value\n    }\n    modifiedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalAssociations(\n    $accountId: String!\n    $region: String!\n    $clusterName: String!\n    $first: Int!\n    $after: String\n    $namespace: String\n    $serviceAccount: String\n  ) {\n    cluster(accountId: $accountId, region: $region, name: $clusterName) {\n      id\n      name\n      region\n      accountId\n      podIdentityAssociations(\n        first: $first\n        after: $after\n        namespace: $namespace\n        serviceAccount: $serviceAccount\n      ) {\n        edges {\n          cursor\n          node {\n            ...PortalAssociationFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalAssociations(\n    $accountId: String!\n    $region: String!\n    $clusterName: String!\n    $first: Int!\n    $after: String\n    $namespace: String\n    $serviceAccount: String\n  ) {\n    cluster(accountId: $accountId, region: $region, name: $clusterName) {\n      id\n      name\n      region\n      accountId\n      podIdentityAssociations(\n        first: $first\n        after: $after\n        namespace: $namespace\n        serviceAccount: $serviceAccount\n      ) {\n        edges {\n          cursor\n          node {\n            ...PortalAssociationFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalCreateAssociation($input: CreatePodIdentityAssociationInput!) {\n    createPodIdentityAssociation(input: $input) {\n      clientRequestToken\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n        ... on AlreadyExistsError {\n          existingAssociationId\n        }\n        ... on InvalidRoleError {\n          roleArn\n        }\n        ... on ForbiddenError {\n          deniedRoleArn\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalCreateAssociation($input: CreatePodIdentityAssociationInput!) {\n    createPodIdentityAssociation(input: $input) {\n      clientRequestToken\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n        ... on AlreadyExistsError {\n          existingAssociationId\n        }\n        ... on InvalidRoleError {\n          roleArn\n        }\n        ... on ForbiddenError {\n          deniedRoleArn\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalUpdateRole($input: UpdatePodIdentityAssociationInput!) {\n    updatePodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n        ... on InvalidRoleError {\n          roleArn\n        }\n        ... on ForbiddenError {\n          deniedRoleArn\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalUpdateRole($input: UpdatePodIdentityAssociationInput!) {\n    updatePodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n        ... on InvalidRoleError {\n          roleArn\n        }\n        ... on ForbiddenError {\n          deniedRoleArn\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalTag($input: TagPodIdentityAssociationInput!) {\n    tagPodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalTag($input: TagPodIdentityAssociationInput!) {\n    tagPodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalUntag($input: UntagPodIdentityAssociationInput!) {\n    untagPodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalUntag($input: UntagPodIdentityAssociationInput!) {\n    untagPodIdentityAssociation(input: $input) {\n      podIdentityAssociation {\n        ...PortalAssociationFields\n      }\n      errors {\n        code\n        message\n        ... on InvalidInputError {\n          field\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalDeleteAssociation($input: DeletePodIdentityAssociationInput!) {\n    deletePodIdentityAssociation(input: $input) {\n      deletedPodIdentityAssociationId\n      errors {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalDeleteAssociation($input: DeletePodIdentityAssociationInput!) {\n    deletePodIdentityAssociation(input: $input) {\n      deletedPodIdentityAssociationId\n      errors {\n        code\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;