/**
 * The cost model, measured by the emulator's call counters: summary fields cost List calls only,
 * each detailed association costs exactly one Describe per request, however often it appears.
 */
import { withinEstimate } from '../../helpers/estimates';
import { nonZero, seedCluster, startStack, type GraphQLResponse, type Stack } from '../../helpers/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    seed: { clusters: [seedCluster('big', 'us-east-1', 150), seedCluster('small', 'eu-west-1', 5)] },
  });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetCalls());

/** Each operation of these tests is also held to the cost estimate (the gateway serves two regions). */
function gql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return withinEstimate(stack, { query, variables }, 2, () => stack.gql<T>(query, variables));
}

test('a page of 100 with summary fields only costs one List call and nothing else', async () => {
  const res = await gql<{
    cluster: { name: string; podIdentityAssociations: { edges: Array<{ node: Record<string, unknown> }> } };
  }>(
    `{ cluster(name: "big", region: "us-east-1") {
        name
        podIdentityAssociations(first: 100) {
          edges { cursor node { id associationId associationArn clusterName region namespace serviceAccount ownerArn cluster { id name } } }
          pageInfo { hasNextPage endCursor }
        }
    } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.cluster.podIdentityAssociations.edges).toHaveLength(100);
  expect(nonZero(await stack.calls())).toEqual({ ListPodIdentityAssociations: 1 });

  await stack.resetCalls();
  const viaId = await viaNode({ first: 100, detail: false });
  expect(viaId.errors).toBeUndefined();
  expect(viaId.edges).toHaveLength(100);
  expect(viaId.edges.every((e) => e.node.roleArn === undefined)).toBe(true);
  expect(nonZero(await stack.calls())).toEqual({ ListPodIdentityAssociations: 1 });
});

test('a missing cluster is null, learnt from the List call it needed anyway', async () => {
  const res = await gql<{ cluster: unknown; other: unknown }>(
    `{ cluster(name: "nope", region: "us-east-1") { podIdentityAssociations { nodes { id } } }
       other: cluster(name: "nope", region: "eu-west-1") { name version } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({ cluster: null, other: null });
  expect(nonZero(await stack.calls())).toEqual({ ListPodIdentityAssociations: 1, DescribeCluster: 1 });
});

test('a page of 100 with roleArn costs one List and exactly 100 Describe calls', async () => {
  const res = await viaNode({ first: 100, detail: true });
  expect(res.errors).toBeUndefined();
  expect(res.edges).toHaveLength(100);
  for (const { node } of res.edges)
    expect(node.roleArn).toBe(`arn:aws:iam::111122223333:role/${node.namespace}-${node.serviceAccount}`);
  expect(nonZero(await stack.calls())).toEqual({ ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: 100 });
});

test('the same association reached twice in one operation (a page and node) costs one Describe', async () => {
  const first = await viaNode({ first: 1, detail: false });
  const id = first.edges[0]?.node.id as string;
  await stack.resetCalls();

  const res = await gql<{
    node: { roleArn: string; tags: unknown[] };
    again: { roleArn: string };
    nodes: Array<{ createdAt: string }>;
  }>(
    `query Twice($cluster: ID!, $id: ID!) {
      node(id: $id) { ... on PodIdentityAssociation { roleArn tags { key value } } }
      again: node(id: $id) { ... on PodIdentityAssociation { roleArn } }
      nodes(ids: [$id, $id]) { ... on PodIdentityAssociation { createdAt } }
      page: node(id: $cluster) { ... on Cluster { podIdentityAssociations(first: 3) { nodes { id roleArn modifiedAt } } } }
    }`,
    { id, cluster: clusterNodeId() },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.node.roleArn).toBe(res.data?.again.roleArn);
  expect(res.data?.node.tags).toEqual([{ key: 'index', value: '0' }]);
  // Three distinct associations on the page, one of them also asked for by id four times; the
  // cluster's existence is known from its List call, so no DescribeCluster.
  expect(nonZero(await stack.calls())).toEqual({
    ListPodIdentityAssociations: 1,
    DescribePodIdentityAssociation: 3,
  });
});

test('cluster details cost one DescribeCluster per cluster per request; name and region cost nothing', async () => {
  const names = await gql<{ clusters: { nodes: Array<{ name: string; region: string }> } }>(
    '{ clusters(first: 10) { nodes { name region } } }',
  );
  expect(names.data?.clusters.nodes).toEqual([
    { name: 'big', region: 'us-east-1' },
    { name: 'small', region: 'eu-west-1' },
  ]);
  expect(nonZero(await stack.calls())).toEqual({ ListClusters: 2 });
  await stack.resetCalls();

  const detailed = await gql<{
    clusters: { nodes: Array<{ arn: string; status: string; version: string; createdAt: string }> };
  }>('{ clusters(first: 10) { nodes { arn status version createdAt tags { key } again: arn } } }');
  expect(detailed.errors).toBeUndefined();
  expect(detailed.data?.clusters.nodes[0]).toMatchObject({
    arn: 'arn:aws:eks:us-east-1:000000000000:cluster/big',
    status: 'ACTIVE',
    version: '1.31',
  });
  expect(detailed.data?.clusters.nodes[0]?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(nonZero(await stack.calls())).toEqual({ ListClusters: 2, DescribeCluster: 2 });
});

interface PageData {
  node: {
    podIdentityAssociations: {
      edges: Array<{ node: { id: string; namespace: string; serviceAccount: string; roleArn?: string } }>;
    };
  };
}

async function viaNode(vars: { first: number; detail: boolean }) {
  const res = await gql<PageData>(
    `query Page($id: ID!, $first: Int, $detail: Boolean!) {
      node(id: $id) { ... on Cluster {
        podIdentityAssociations(first: $first) {
          edges { cursor node { id associationId namespace serviceAccount associationArn ownerArn roleArn @include(if: $detail) } }
        }
      } }
    }`,
    { id: clusterNodeId(), ...vars },
  );
  return { errors: res.errors, edges: res.data?.node.podIdentityAssociations.edges ?? [] };
}

function clusterNodeId(): string {
  return Buffer.from('v1:Cluster:us-east-1:big').toString('base64url');
}
