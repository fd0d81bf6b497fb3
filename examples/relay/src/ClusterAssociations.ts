/**
 * A cluster's associations in a Relay app: a pagination fragment with `@connection` over
 * `Cluster.podIdentityAssociations` (refetchable because `Cluster` is a Node), a refetchable row
 * per association, and mutations that keep the connection current with Relay's declarative
 * directives: `@appendNode` for a created association, `@deleteRecord` for a deleted one's id.
 */
import { graphql } from 'relay-runtime';

export const clusterAssociationsFragment = graphql`
  fragment ClusterAssociations_cluster on Cluster
  @refetchable(queryName: "ClusterAssociationsPaginationQuery")
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 25 }
    cursor: { type: "String" }
    namespace: { type: "String" }
  ) {
    name
    region
    podIdentityAssociations(first: $count, after: $cursor, namespace: $namespace)
      @connection(key: "ClusterAssociations_podIdentityAssociations", filters: ["namespace"]) {
      __id
      edges {
        node {
          id
          ...AssociationRow_association
        }
      }
    }
  }
`;

export const associationRowFragment = graphql`
  fragment AssociationRow_association on PodIdentityAssociation
  @refetchable(queryName: "AssociationRowRefetchQuery") {
    associationId
    namespace
    serviceAccount
    roleArn
    modifiedAt
  }
`;

export const clusterPageQuery = graphql`
  query ClusterAssociationsPageQuery($name: String!, $region: String) {
    cluster(name: $name, region: $region) {
      ...ClusterAssociations_cluster
    }
  }
`;

/** `$connections` takes the connection's `__id` from the fragment above. */
export const createAssociationMutation = graphql`
  mutation ClusterAssociationsCreateMutation($input: CreatePodIdentityAssociationInput!, $connections: [ID!]!) {
    createPodIdentityAssociation(input: $input) {
      clientRequestToken
      podIdentityAssociation @appendNode(connections: $connections, edgeTypeName: "PodIdentityAssociationEdge") {
        id
        ...AssociationRow_association
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
`;

export const deleteAssociationMutation = graphql`
  mutation ClusterAssociationsDeleteMutation($input: DeletePodIdentityAssociationInput!) {
    deletePodIdentityAssociation(input: $input) {
      deletedPodIdentityAssociationId @deleteRecord
      errors {
        code
        message
      }
    }
  }
`;
