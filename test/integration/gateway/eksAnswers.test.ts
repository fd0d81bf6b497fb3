/**
 * Whatever EKS answers, and in whatever order its answers come, the gateway answers each field
 * with data or a typed error: a failed DescribeCluster that ends while the List calls of the
 * same cluster still wait, and answers of the wrong shape (`{"cluster": "malformed"}`), used to
 * be rejections nobody handled, which end a Node.js process (jest's sandboxed `process` cannot
 * see them: test/integration/gateway/process.test.ts checks the built gateway counts none).
 */
import { seedCluster, startStack, type Stack } from '../../helpers/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack(
    { seed: { clusters: [seedCluster('staging-apps', 'us-east-1', 12), seedCluster('other', 'eu-west-1', 2)] } },
    { EKS_MAX_ATTEMPTS: '2' },
  );
});
afterAll(() => stack.close());
afterEach(() => stack.faults({ rates: {} }));

const CLUSTER_WITH_LIST =
  '{ cluster(name: "staging-apps", region: "us-east-1") { arn podIdentityAssociations(first: 1) { nodes { id } } } }';

test("DescribeCluster failing while the cluster's List still waits is an error at the cluster, not a crash", async () => {
  // The SDK backs off longer after throttling (500 ms) than after a server error (100 ms), so
  // DescribeCluster fails first, while the List is still being retried.
  await stack.faults({
    seed: 1,
    rates: { DescribeCluster: { server: 1 }, ListPodIdentityAssociations: { throttle: 1 } },
  });
  const res = await stack.gql(CLUSTER_WITH_LIST);
  expect(res.data).toEqual({ cluster: null });
  expect(res.errors).toHaveLength(1);
  expect(res.errors?.[0]?.path).toEqual(['cluster']);
  expect(res.errors?.[0]?.extensions).toMatchObject({
    code: 'EKS_INTERNAL_ERROR',
    awsErrorName: 'ServerException',
    eksOperation: 'DescribeCluster',
  });
  // The gateway still serves.
  await stack.faults({ rates: {} });
  const again = await stack.gql<{ cluster: { podIdentityAssociations: { nodes: unknown[] } } }>(CLUSTER_WITH_LIST);
  expect(again.errors).toBeUndefined();
  expect(again.data?.cluster.podIdentityAssociations.nodes).toHaveLength(1);
});

test('the List failing first, then DescribeCluster, answers the same way', async () => {
  await stack.faults({
    seed: 1,
    rates: { DescribeCluster: { throttle: 1 }, ListPodIdentityAssociations: { server: 1 } },
  });
  const res = await stack.gql(CLUSTER_WITH_LIST);
  expect(res.data).toEqual({ cluster: null });
  expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['cluster'], 'EKS_THROTTLED']]);
});

describe('an answer of the wrong shape is EKS_INTERNAL_ERROR at its own field', () => {
  test.each([
    [
      'DescribeCluster',
      '{ cluster(name: "staging-apps", region: "us-east-1") { arn } }',
      { cluster: null },
      [['cluster']],
    ],
    ['DescribeCluster', CLUSTER_WITH_LIST, { cluster: null }, [['cluster']]],
    [
      'ListPodIdentityAssociations',
      '{ cluster(name: "staging-apps", region: "us-east-1") { name podIdentityAssociations(first: 3) { nodes { id } } } }',
      { cluster: { name: 'staging-apps', podIdentityAssociations: null } },
      [['cluster', 'podIdentityAssociations']],
    ],
    // `clusters` is non-null in the schema: its error nulls the whole answer.
    ['ListClusters', '{ clusters(region: "us-east-1") { nodes { name } } }', null, [['clusters']]],
  ])('%s', async (operation, query, data, paths) => {
    await stack.faults({ seed: 1, rates: { [operation]: { malformed: 1 } } });
    const res = await stack.gql(query);
    expect(res.data).toEqual(data);
    expect(res.errors?.map((e) => e.path)).toEqual(paths);
    for (const error of res.errors ?? []) {
      expect(error.extensions).toMatchObject({
        code: 'EKS_INTERNAL_ERROR',
        awsErrorName: 'InvalidResponse',
        eksOperation: operation,
        retryable: false,
      });
    }
  });

  test('DescribePodIdentityAssociation: only the details of each association are null', async () => {
    await stack.faults({ seed: 1, rates: { DescribePodIdentityAssociation: { malformed: 1 } } });
    const res = await stack.gql<{
      cluster: { podIdentityAssociations: { nodes: Array<{ namespace: string; roleArn: string | null }> } };
    }>(
      '{ cluster(name: "staging-apps", region: "us-east-1") { podIdentityAssociations(first: 3) { nodes { namespace roleArn } } } }',
    );
    const nodes = res.data?.cluster.podIdentityAssociations.nodes ?? [];
    expect(nodes).toHaveLength(3);
    for (const node of nodes) expect(node).toEqual({ namespace: expect.any(String), roleArn: null });
    expect(res.errors).toHaveLength(3);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([
      'EKS_INTERNAL_ERROR',
      'EKS_INTERNAL_ERROR',
      'EKS_INTERNAL_ERROR',
    ]);
  });

  test('a create whose answer is malformed is a top-level fault; retrying with the same token returns the association once', async () => {
    const create = `mutation ($token: String) {
      createPodIdentityAssociation(input: { clusterName: "staging-apps", region: "us-east-1", namespace: "shape", serviceAccount: "checked",
        roleArn: "arn:aws:iam::111122223333:role/shape-checked", clientRequestToken: $token }) {
        podIdentityAssociation { namespace serviceAccount } errors { code }
      }
    }`;
    await stack.faults({ seed: 1, rates: { CreatePodIdentityAssociation: { malformed: 1 } } });
    const first = await stack.gql(create, { token: 'shape-checked-token-1' });
    expect(first.errors?.[0]?.extensions).toMatchObject({
      code: 'EKS_INTERNAL_ERROR',
      awsErrorName: 'InvalidResponse',
    });
    await stack.faults({ rates: {} });
    const retried = await stack.gql<{ createPodIdentityAssociation: unknown }>(create, {
      token: 'shape-checked-token-1',
    });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.createPodIdentityAssociation).toEqual({
      podIdentityAssociation: { namespace: 'shape', serviceAccount: 'checked' },
      errors: [],
    });
    const state = await stack.state('?region=us-east-1&cluster=staging-apps');
    expect(state.clusters[0]?.associations?.filter((a) => a.namespace === 'shape')).toHaveLength(1);
  });
});
