/**
 * Every document the app sends. GraphQL Code Generator reads these `graphql(...)` calls and
 * writes their types and the trusted-documents manifest to src/gql/ (`npm run web:codegen`).
 *
 * The typed payload errors are selected on their concrete types, never through a fragment on
 * the `MutationError` interface: Apollo Client matches an interface fragment only with
 * `possibleTypes`, which would have to be kept in step with the schema by hand.
 */
import { graphql } from './gql';

export const PortalAccountsDocument = graphql(`
  query PortalAccounts {
    accounts {
      accountId
      name
      regions
    }
  }
`);

export const PortalClustersDocument = graphql(`
  query PortalClusters($accountId: String, $region: String, $first: Int!, $after: String) {
    clusters(accountId: $accountId, region: $region, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          accountId
          name
          region
          status
          version
          account {
            accountId
            name
          }
        }
      }
      unavailableAccounts {
        accountId
        name
        code
        stsError
        message
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PortalAssociationFieldsFragment = graphql(`
  fragment PortalAssociationFields on PodIdentityAssociation {
    id
    associationId
    namespace
    serviceAccount
    roleArn
    targetRoleArn
    ownerArn
    tags {
      key
      value
    }
    modifiedAt
  }
`);

export const PortalAssociationsDocument = graphql(`
  query PortalAssociations(
    $accountId: String!
    $region: String!
    $clusterName: String!
    $first: Int!
    $after: String
    $namespace: String
    $serviceAccount: String
  ) {
    cluster(accountId: $accountId, region: $region, name: $clusterName) {
      id
      name
      region
      accountId
      podIdentityAssociations(
        first: $first
        after: $after
        namespace: $namespace
        serviceAccount: $serviceAccount
      ) {
        edges {
          cursor
          node {
            ...PortalAssociationFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const PortalCreateAssociationDocument = graphql(`
  mutation PortalCreateAssociation($input: CreatePodIdentityAssociationInput!) {
    createPodIdentityAssociation(input: $input) {
      clientRequestToken
      podIdentityAssociation {
        ...PortalAssociationFields
      }
      errors {
        code
        message
        ... on InvalidInputError {
          field
        }
        ... on AlreadyExistsError {
          existingAssociationId
        }
        ... on InvalidRoleError {
          roleArn
        }
        ... on ForbiddenError {
          deniedRoleArn
        }
      }
    }
  }
`);

export const PortalUpdateRoleDocument = graphql(`
  mutation PortalUpdateRole($input: UpdatePodIdentityAssociationInput!) {
    updatePodIdentityAssociation(input: $input) {
      podIdentityAssociation {
        ...PortalAssociationFields
      }
      errors {
        code
        message
        ... on InvalidInputError {
          field
        }
        ... on InvalidRoleError {
          roleArn
        }
        ... on ForbiddenError {
          deniedRoleArn
        }
      }
    }
  }
`);

export const PortalTagDocument = graphql(`
  mutation PortalTag($input: TagPodIdentityAssociationInput!) {
    tagPodIdentityAssociation(input: $input) {
      podIdentityAssociation {
        ...PortalAssociationFields
      }
      errors {
        code
        message
        ... on InvalidInputError {
          field
        }
      }
    }
  }
`);

export const PortalUntagDocument = graphql(`
  mutation PortalUntag($input: UntagPodIdentityAssociationInput!) {
    untagPodIdentityAssociation(input: $input) {
      podIdentityAssociation {
        ...PortalAssociationFields
      }
      errors {
        code
        message
        ... on InvalidInputError {
          field
        }
      }
    }
  }
`);

export const PortalDeleteAssociationDocument = graphql(`
  mutation PortalDeleteAssociation($input: DeletePodIdentityAssociationInput!) {
    deletePodIdentityAssociation(input: $input) {
      deletedPodIdentityAssociationId
      errors {
        code
        message
      }
    }
  }
`);

export const PortalFleetSearchDocument = graphql(`
  query PortalFleetSearch($first: Int!, $after: String, $filter: PodIdentityAssociationFilter) {
    podIdentityAssociations(first: $first, after: $after, filter: $filter) {
      totalCount
      countsBy(field: CLUSTER) {
        value
        count
      }
      edges {
        cursor
        node {
          id
          accountId
          region
          clusterName
          namespace
          serviceAccount
          roleArn
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PortalDiagnosisDocument = graphql(`
  query PortalDiagnosis($id: ID!) {
    node(id: $id) {
      id
      ... on PodIdentityAssociation {
        diagnosis {
          ready
          checks {
            code
            status
            message
            remedy
          }
        }
      }
    }
  }
`);
