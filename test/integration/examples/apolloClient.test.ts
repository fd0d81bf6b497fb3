/**
 * examples/apollo-client/page-associations.ts against a stack: Apollo Client's
 * relayStylePagination merges every page that fetchMore brings into one list, as many as the
 * emulator holds, one List call per page.
 */
import { DEMO_CLUSTERS } from '../../../src/emulator';
import { startStack, type Stack } from '../../helpers/stack';
import { lastJsonLine, runExample } from './run';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: 'demo' });
});
afterAll(() => stack.close());

interface Printed {
  cluster: string;
  region: string;
  namespace: string | null;
  pages: number;
  associations: number;
}

async function emulatorCount(cluster: { name: string; region: string }, namespace?: string): Promise<number> {
  const state = await stack.state(`?region=${cluster.region}&cluster=${cluster.name}`);
  return (state.clusters[0]?.associations ?? []).filter((a) => namespace === undefined || a.namespace === namespace)
    .length;
}

test.each([
  { cluster: DEMO_CLUSTERS.prodPlatform, first: 25, namespace: undefined },
  { cluster: DEMO_CLUSTERS.euAnalytics, first: 3, namespace: 'reporting' },
])(
  'pages $cluster.name to the end with fetchMore ($first a page, namespace $namespace)',
  async ({ cluster, first, namespace }) => {
    const expected = await emulatorCount(cluster, namespace);
    // Enough for several pages, or the test would not show pages being merged.
    expect(expected).toBeGreaterThan(first * 2);
    await stack.resetCalls();

    const args = ['--cluster', cluster.name, '--region', cluster.region, '--first', String(first)];
    const run = await runExample(
      'apollo-client/page-associations.ts',
      namespace ? [...args, '--namespace', namespace] : args,
      stack.gateway.graphqlUrl,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const pages = Math.ceil(expected / first);
    expect(lastJsonLine<Printed>(run.stdout)).toEqual({
      cluster: cluster.name,
      region: cluster.region,
      namespace: namespace ?? null,
      pages,
      associations: expected,
    });
    // Each fetchMore asked for the next page only: one List call per page, resumed by cursor.
    expect((await stack.calls()).ListPodIdentityAssociations).toBe(pages);
  },
);
