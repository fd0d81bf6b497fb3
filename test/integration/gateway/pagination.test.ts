/**
 * Relay connections over EKS nextToken pagination: complete traversals, exact resumption from
 * any edge, filters, cursor binding, and the refusal of bad arguments.
 */
import { nonZero, seedCluster, startStack, type GraphQLResponse, type Stack } from '../../helpers/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    seed: {
      clusters: [
        seedCluster('thousand', 'us-east-1', 1000),
        seedCluster('alpha', 'us-east-1', 3),
        seedCluster('beta', 'us-east-1', 3),
        seedCluster('gamma', 'eu-west-1', 3),
      ],
    },
  });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetCalls());

interface Edge {
  cursor: string;
  node: { associationId: string; namespace: string; serviceAccount: string };
}
interface Page {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

async function page(
  args: string,
  cluster = 'thousand',
): Promise<GraphQLResponse<{ cluster: { podIdentityAssociations: Page } }>> {
  return stack.gql(
    `query P { cluster(name: "${cluster}", region: "us-east-1") {
      podIdentityAssociations${args ? `(${args})` : ''} {
        edges { cursor node { associationId namespace serviceAccount } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      } } }`,
  );
}

async function pageAfter(first: number, after: string | null, filters = ''): Promise<Page> {
  const res = await stack.gql<{ cluster: { podIdentityAssociations: Page } }>(
    `query P($first: Int, $after: String) { cluster(name: "thousand", region: "us-east-1") {
      podIdentityAssociations(first: $first, after: $after ${filters}) {
        edges { cursor node { associationId namespace serviceAccount } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      } } }`,
    { first, after },
  );
  expect(res.errors).toBeUndefined();
  return (res.data as { cluster: { podIdentityAssociations: Page } }).cluster.podIdentityAssociations;
}

test('paging through 1,000 associations with first: 37 returns every one exactly once, one List call per page', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const p: Page = await pageAfter(37, after);
    pages += 1;
    seen.push(...p.edges.map((e) => e.node.associationId));
    expect(p.pageInfo.hasPreviousPage).toBe(false);
    expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor);
    expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1]?.cursor);
    if (!p.pageInfo.hasNextPage) break;
    expect(p.edges).toHaveLength(37);
    after = p.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(1000);
  expect(new Set(seen).size).toBe(1000);
  expect(pages).toBe(Math.ceil(1000 / 37));
  const state = await stack.state('?region=us-east-1&cluster=thousand');
  const ids = state.clusters[0]?.associations?.map((a) => a.associationId) ?? [];
  expect([...seen].sort()).toEqual([...ids].sort());
  expect(nonZero(await stack.calls())).toEqual({ ListPodIdentityAssociations: pages });
});

test('a cursor from the middle of a page resumes exactly after its edge, across EKS pages too', async () => {
  const first = await pageAfter(100, null);
  const second = await pageAfter(100, first.pageInfo.endCursor);
  const ids = [...first.edges, ...second.edges].map((e) => e.node.associationId);
  for (const i of [0, 17, 36, 95, 98, 99]) {
    const resumed = await pageAfter(10, first.edges[i]?.cursor ?? null);
    expect(resumed.edges.map((e) => e.node.associationId)).toEqual(ids.slice(i + 1, i + 11));
    expect(resumed.pageInfo.hasNextPage).toBe(true);
  }
});

test('filters by namespace and service account, and the cursor stays bound to them', async () => {
  const teamB = await pageAfter(100, null, ', namespace: "team-b"');
  expect(teamB.edges.length).toBe(100);
  expect(teamB.edges.every((e) => e.node.namespace === 'team-b')).toBe(true);
  const all = [...teamB.edges];
  for (let p = teamB; p.pageInfo.hasNextPage;) {
    p = await pageAfter(100, p.pageInfo.endCursor, ', namespace: "team-b"');
    all.push(...p.edges);
  }
  expect(new Set(all.map((e) => e.node.associationId)).size).toBe(333);
  expect(all.every((e) => e.node.namespace === 'team-b')).toBe(true);

  const one = await pageAfter(5, null, ', namespace: "team-a", serviceAccount: "sa-3"');
  expect(one.edges.map((e) => [e.node.namespace, e.node.serviceAccount])).toEqual([['team-a', 'sa-3']]);
  expect(one.pageInfo.hasNextPage).toBe(false);

  const none = await pageAfter(5, null, ', namespace: "team-a", serviceAccount: "nobody"');
  expect(none.edges).toEqual([]);
  expect(none.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });

  const misuse = await stack.gql(
    `query P($after: String) { cluster(name: "thousand", region: "us-east-1") {
      podIdentityAssociations(first: 5, after: $after, namespace: "team-c") { edges { cursor } } } }`,
    { after: teamB.pageInfo.endCursor },
  );
  expect(misuse.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(misuse.errors?.[0]?.message).toMatch(/made for another list or other filters/);

  const otherCluster = await stack.gql(
    `query P($after: String) { cluster(name: "alpha", region: "us-east-1") {
      podIdentityAssociations(first: 5, after: $after, namespace: "team-b") { edges { cursor } } } }`,
    { after: teamB.pageInfo.endCursor },
  );
  expect(otherCluster.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('a bad filter without `region` answers as that filter, not as a cluster found in every region', async () => {
  const res = await stack.gql(
    `{ cluster(name: "thousand") { podIdentityAssociations(first: 5, namespace: "Not A Namespace") { nodes { associationId } } } }`,
  );
  expect(res.errors).toHaveLength(1);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'namespace' });
  expect(res.errors?.[0]?.path).toEqual(['cluster', 'podIdentityAssociations']);
});

test('forged, truncated and foreign cursors are BAD_USER_INPUT, not crashes', async () => {
  const good = (await pageAfter(3, null)).pageInfo.endCursor as string;
  const forgedToken = Buffer.from(
    'cursor:v1:' +
      JSON.stringify([['PodIdentityAssociations', 'us-east-1', 'thousand', null, null], null, 'not-an-eks-token', 0]),
  ).toString('base64url');
  const cases = [
    'garbage',
    good.slice(0, -5),
    `${good}x`,
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('cursor:v1:[1,2,3,4]').toString('base64url'),
    forgedToken,
    '',
    'x'.repeat(5000),
  ];
  for (const after of cases) {
    const res = await stack.gql(
      `query P($after: String) { cluster(name: "thousand", region: "us-east-1") { podIdentityAssociations(first: 5, after: $after) { edges { cursor } } } }`,
      { after },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.path).toEqual(['cluster', 'podIdentityAssociations']);
  }
});

test('first must be 1-100 (default 25); last and before are refused with a clear error', async () => {
  const defaults = await page('');
  expect(defaults.data?.cluster.podIdentityAssociations.edges).toHaveLength(25);
  for (const first of [0, -1, 101, 1000]) {
    const res = await page(`first: ${first}`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(`received ${first}`);
  }
  const huge = await page('first: 9007199254740991');
  expect(huge.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const last = await page('last: 5');
  expect(last.errors?.[0]?.message).toMatch(/`last` is not supported: EKS pages forward only/);
  const before = await page('first: 5, before: "abc"');
  expect(before.errors?.[0]?.message).toMatch(/`before` is not supported/);
  const badNamespace = await page('namespace: "Not_A_Label"');
  expect(badNamespace.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('clusters page across regions in order, filter by region, and resume from any cursor', async () => {
  const all: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GraphQLResponse<{
      clusters: {
        edges: Array<{ cursor: string; node: { name: string; region: string } }>;
        pageInfo: Page['pageInfo'];
      };
    }> = await stack.gql(
      `query C($after: String) { clusters(first: 2, after: $after) { edges { cursor node { name region } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.errors).toBeUndefined();
    const connection = res.data!.clusters;
    all.push(...connection.edges.map((e) => `${e.node.region}/${e.node.name}`));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  expect(all).toEqual(['us-east-1/alpha', 'us-east-1/beta', 'us-east-1/thousand', 'eu-west-1/gamma']);

  const eu = await stack.gql<{ clusters: { nodes: Array<{ name: string }> } }>(
    '{ clusters(region: "eu-west-1") { nodes { name } } }',
  );
  expect(eu.data?.clusters.nodes).toEqual([{ name: 'gamma' }]);
  const unknown = await stack.gql('{ clusters(region: "ap-south-1") { nodes { name } } }');
  expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(unknown.errors?.[0]?.message).toContain('us-east-1, eu-west-1');
});
