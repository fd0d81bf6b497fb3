/**
 * The clusters list of a Relay app: a pagination fragment on the root Query (`@connection` over
 * `Query.clusters`) and a refetchable card fragment per cluster (`@refetchable` over the Node
 * type `Cluster`, refetched through `Query.node`). With react-relay these feed
 * `usePaginationFragment` and `useRefetchableFragment`.
 */
import { graphql } from 'relay-runtime';

export const clusterListFragment = graphql`
  fragment ClusterList_query on Query
  @refetchable(queryName: "ClusterListPaginationQuery")
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 10 }
    cursor: { type: "String" }
    region: { type: "String" }
  ) {
    clusters(first: $count, after: $cursor, region: $region)
      @connection(key: "ClusterList_clusters", filters: ["region"]) {
      edges {
        node {
          id
          ...ClusterCard_cluster
        }
      }
    }
  }
`;

export const clusterCardFragment = graphql`
  fragment ClusterCard_cluster on Cluster @refetchable(queryName: "ClusterCardRefetchQuery") {
    name
    region
    status
    version
    createdAt
  }
`;

export const clustersPageQuery = graphql`
  query ClusterListPageQuery {
    ...ClusterList_query
  }
`;
