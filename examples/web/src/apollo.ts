/**
 * One Apollo Client per session (a new sign-in starts with an empty cache). The cache keeps one
 * list per cluster and filter (and one per filter of the fleet search), and `relayStylePagination` appends each page "Load more" fetches
 * after `pageInfo.endCursor`. Queries ask for `errorPolicy: 'all'`: a failed field (one cluster's
 * DescribeCluster throttled) leaves the rest of the answer shown beside the error.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { Kind } from 'graphql';
import type { Session } from './session';
import { trustedText } from './trustedDocuments';

export function createClient(session: Session): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({
      uri: session.gatewayUrl,
      headers: session.token === null ? {} : { authorization: `Bearer ${session.token}` },
      print: (document, print) => (document.kind === Kind.DOCUMENT ? trustedText(document) : print(document)),
    }),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // One list per account and region chosen; `first` and `after` only say which part to fetch.
            clusters: relayStylePagination(['accountId', 'region']),
            // The fleet search: one list per filter (its totalCount and countsBy ride along).
            podIdentityAssociations: relayStylePagination(['filter']),
          },
        },
        Cluster: {
          fields: {
            podIdentityAssociations: relayStylePagination(['namespace', 'serviceAccount']),
          },
        },
        PodIdentityAssociation: {
          fields: {
            // Each diagnosis replaces the last one whole: it has no id to merge by.
            diagnosis: { merge: false },
          },
        },
      },
    }),
  });
}
