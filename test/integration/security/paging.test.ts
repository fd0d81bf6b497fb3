/**
 * Lists filtered by read permission page exactly: a restricted caller who follows `endCursor`
 * to the end sees each permitted item once, in EKS order, and nothing else; any edge's cursor
 * resumes right after its edge; and a caller who may read everything pays what it always did.
 */
import { seedCluster, startStack, tempFiles, type HttpAnswer, type Stack } from '../../helpers/stack';

let stack: Stack;
const files = tempFiles();
const TOKENS = { admin: 'admin-token-0123456789', teamB: 'team-b-token-012345678' };

/** `count` associations, of which those at the `rare` positions are in namespace `rare`. */
function clusterWithRare(name: string, count: number, rare: number[]) {
  const base = seedCluster(name, 'us-east-1', count, ['other-a', 'other-b']);
  return {
    ...base,
    associations: base.associations.map((a, i) => (rare.includes(i) ? { ...a, namespace: 'rare' } : a)),
  };
}

const clusterNames = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
const EAST_CLUSTERS = [...clusterNames('team-b', 7), ...clusterNames('other', 20)].map((name) => ({
  name,
  region: 'us-east-1',
  status: 'ACTIVE' as const,
}));
const WEST_CLUSTERS = [...clusterNames('other-eu', 9), 'team-b-eu'].map((name) => ({
  name,
  region: 'eu-west-1',
  status: 'ACTIVE' as const,
}));

beforeAll(async () => {
  stack = await startStack(
    {
      seed: {
        clusters: [
          seedCluster('big', 'us-east-1', 250),
          // The two readable items are more than ten EKS pages apart: one call scans at most ten.
          clusterWithRare('huge', 1_150, [5, 1_140]),
          ...EAST_CLUSTERS,
          ...WEST_CLUSTERS,
        ],
      },
    },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', {
        tokens: [
          { token: TOKENS.admin, subject: 'admin', groups: [] },
          { token: TOKENS.teamB, subject: 'team-b-dev', groups: ['team-b'] },
        ],
      }),
      AUTH_POLICY_FILE: files.write('policy.json', {
        rules: [
          { subjects: ['admin'], actions: ['read'] },
          { groups: ['team-b'], actions: ['read'], clusters: ['big', 'huge'], namespaces: ['team-b', 'rare'] },
          { groups: ['team-b'], actions: ['read'], clusters: ['team-b-*'] },
        ],
      }),
      AUDIT_LOG: 'off',
    },
    { captureLogs: true },
  );
}, 60_000);
afterAll(async () => {
  await stack.close();
  files.remove();
});

interface Edge {
  cursor: string;
  node: { associationId: string; namespace: string };
}
interface Page {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function associationsPage(token: string, cluster: string, first: number, after: string | null): Promise<Page> {
  const answer = await stack.gqlAs<{ cluster: { podIdentityAssociations: Page } }>(
    token,
    `query($cluster: String!, $first: Int!, $after: String) { cluster(name: $cluster, region: "us-east-1") {
      podIdentityAssociations(first: $first, after: $after) { edges { cursor node { associationId namespace } } pageInfo { hasNextPage endCursor } } } }`,
    { cluster, first, after },
  );
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.cluster.podIdentityAssociations;
}

/** Follows `endCursor` to the last page; returns every edge in order. */
async function allAssociations(token: string, cluster: string, first: number): Promise<Edge[]> {
  const edges: Edge[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 2_000; pages += 1) {
    const page: Page = await associationsPage(token, cluster, first, after);
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return edges;
    expect(page.pageInfo.endCursor).not.toBeNull();
    after = page.pageInfo.endCursor;
  }
  throw new Error('Paging did not end');
}

interface ClustersPage {
  clusters: {
    nodes: Array<{ name: string; region: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const ids = (edges: Edge[]) => edges.map((e) => e.node.associationId);

describe("a cluster's associations, for a caller who may read two namespaces of it", () => {
  let everything: Edge[];
  let permitted: string[];

  beforeAll(async () => {
    everything = await allAssociations(TOKENS.admin, 'big', 100);
    permitted = ids(everything.filter((e) => e.node.namespace === 'team-b'));
  });

  test('the unfiltered list is whole (the reference for the others)', () => {
    expect(everything).toHaveLength(250);
    expect(permitted).toHaveLength(83);
  });

  test.each([1, 2, 7, 25, 83, 100])(
    'paging by endCursor with first: %i yields each permitted association once, in order',
    async (first) => {
      const edges = await allAssociations(TOKENS.teamB, 'big', first);
      expect(edges.every((e) => e.node.namespace === 'team-b')).toBe(true);
      expect(ids(edges)).toEqual(permitted);
    },
  );

  test("every edge's cursor resumes right after its edge", async () => {
    const page = await associationsPage(TOKENS.teamB, 'big', 30, null);
    for (const [i, edge] of page.edges.entries()) {
      const next = await associationsPage(TOKENS.teamB, 'big', 4, edge.cursor);
      expect(ids(next.edges)).toEqual(permitted.slice(i + 1, i + 5));
    }
  });

  test('a page of summaries still costs one List call, as for a caller who may read everything', async () => {
    await stack.resetCalls();
    await associationsPage(TOKENS.teamB, 'big', 25, null);
    expect((await stack.calls()).ListPodIdentityAssociations).toBe(1);
    await stack.resetCalls();
    await associationsPage(TOKENS.admin, 'big', 25, null);
    expect((await stack.calls()).ListPodIdentityAssociations).toBe(1);
  });

  test("a cursor made for one caller's filtered list is refused as a cursor for the unfiltered one", async () => {
    const page = await associationsPage(TOKENS.teamB, 'big', 3, null);
    const answer = await stack.gqlAs(
      TOKENS.admin,
      `{ cluster(name: "big", region: "us-east-1") { podIdentityAssociations(first: 3, after: "${page.pageInfo.endCursor}") { edges { cursor } } } }`,
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

test('permitted items far apart: found by scanning in EKS pages of 100, ten at most per call, each once', async () => {
  const everything = await allAssociations(TOKENS.admin, 'huge', 100);
  const rare = ids(everything.filter((e) => e.node.namespace === 'rare'));
  expect(rare).toHaveLength(2);
  await stack.resetCalls();
  const page = await associationsPage(TOKENS.teamB, 'huge', 10, null);
  expect(ids(page.edges)).toEqual(rare);
  expect(page.pageInfo.hasNextPage).toBe(false);
  // 1,150 associations: the first call stops after ten pages with a token, the next reads two.
  expect((await stack.calls()).ListPodIdentityAssociations).toBe(12);
  for (const first of [1, 2]) expect(ids(await allAssociations(TOKENS.teamB, 'huge', first))).toEqual(rare);
});

describe('clusters, for a caller who may read some clusters in each region', () => {
  const readable = (name: string) => name.startsWith('team-b-') || name === 'big' || name === 'huge';
  const permitted = [
    'us-east-1/big',
    'us-east-1/huge',
    ...[...EAST_CLUSTERS, ...WEST_CLUSTERS].filter((c) => readable(c.name)).map((c) => `${c.region}/${c.name}`),
  ];

  async function allClusters(token: string, first: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 200; pages += 1) {
      const answer: HttpAnswer<ClustersPage> = await stack.gqlAs<ClustersPage>(
        token,
        'query($first: Int!, $after: String) { clusters(first: $first, after: $after) { nodes { name region } pageInfo { hasNextPage endCursor } } }',
        { first, after },
      );
      expect(answer.body.errors).toBeUndefined();
      const { nodes, pageInfo }: ClustersPage['clusters'] = answer.body.data!.clusters;
      seen.push(...nodes.map((c) => `${c.region}/${c.name}`));
      if (!pageInfo.hasNextPage) return seen;
      after = pageInfo.endCursor;
    }
    throw new Error('Paging did not end');
  }

  test.each([1, 3, 4, 100])(
    'paging with first: %i lists each readable cluster once, region by region',
    async (first) => {
      const seen = await allClusters(TOKENS.teamB, first);
      expect([...seen].sort()).toEqual([...permitted].sort());
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.findIndex((c) => c.startsWith('eu-west-1/'))).toBe(seen.length - 1);
    },
  );

  test('the same listing in EKS order, as the unfiltered list shows it', async () => {
    const everything = await allClusters(TOKENS.admin, 100);
    expect(await allClusters(TOKENS.teamB, 2)).toEqual(everything.filter((c) => readable(c.split('/')[1]!)));
  });
});
