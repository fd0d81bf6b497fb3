/**
 * Pages through all of a cluster's associations with Apollo Client, as a React list with a "load
 * more" button would: the cache's `relayStylePagination` merges every page into one list, and
 * `fetchMore` asks for the page after `pageInfo.endCursor` until `hasNextPage` is false. It uses
 * Apollo Client's core entry (no React) and the typed document of the typed client.
 *
 *   GATEWAY_URL=http://127.0.0.1:4000/graphql npx tsx examples/apollo-client/page-associations.ts \
 *     --cluster prod-platform --region us-east-1 [--namespace payments] [--first 25]
 *
 * Prints one JSON line: the cluster, how many pages it fetched and how many associations the
 * cache then holds for it.
 */
import { parseArgs } from 'node:util';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { filter, firstValueFrom } from 'rxjs';
import { AssociationsPageDocument, type AssociationsPageQueryVariables } from '../generated/graphql';

const { values } = parseArgs({
  options: {
    cluster: { type: 'string', default: 'prod-platform' },
    region: { type: 'string', default: 'us-east-1' },
    namespace: { type: 'string' },
    first: { type: 'string', default: '25' },
  },
});

const client = new ApolloClient({
  link: new HttpLink({ uri: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql' }),
  cache: new InMemoryCache({
    typePolicies: {
      Cluster: {
        fields: {
          // One cached list per filter; `first` and `after` only say which part of it to fetch.
          podIdentityAssociations: relayStylePagination(['namespace', 'serviceAccount']),
        },
      },
    },
  }),
});

async function main(): Promise<void> {
  const variables: AssociationsPageQueryVariables = {
    clusterName: values.cluster,
    region: values.region,
    namespace: values.namespace ?? null,
    first: Number(values.first),
  };
  const query = client.watchQuery({ query: AssociationsPageDocument, variables });
  // A watched query fetches once it has a subscriber; wait for its first complete result.
  const first = await firstValueFrom(
    query.pipe(filter((result) => result.dataState === 'complete' || result.error !== undefined)),
  );
  if (first.error) throw first.error;

  let pages = 1;
  for (;;) {
    const current = query.getCurrentResult();
    if (current.dataState !== 'complete') throw current.error ?? new Error('The cache holds no complete result');
    const connection = current.data.cluster?.podIdentityAssociations;
    if (!connection) throw new Error(`No cluster ${values.cluster} in ${values.region}`);
    if (!connection.pageInfo.hasNextPage) {
      const ids = new Set(connection.edges.map((edge) => edge.node.id));
      console.log(
        JSON.stringify({
          cluster: values.cluster,
          region: values.region,
          namespace: values.namespace ?? null,
          pages,
          associations: ids.size,
        }),
      );
      break;
    }
    // The merged result keeps the last page's pageInfo, so endCursor is where the next page starts.
    await query.fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    pages += 1;
  }
  client.stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
