/**
 * Faults of EKS as clients see them: stable codes, the AWS request id, whether to retry, and
 * partial results where only the failed part is null.
 */
import { role, seedCluster, startStack, type Stack } from '../../helpers/stack';

let stack: Stack;

beforeAll(async () => {
  // One attempt per call, so each injected fault reaches the gateway's error mapping.
  stack = await startStack({ seed: { clusters: [seedCluster('apps', 'us-east-1', 40)] } }, { EKS_MAX_ATTEMPTS: '1' });
});
afterAll(() => stack.close());
afterEach(() => stack.faults({ rates: {} }));

const LIST = '{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: 5) { nodes { id } } } }';

test.each([
  ['throttle', 'EKS_THROTTLED', 'ThrottlingException', true],
  ['server', 'EKS_INTERNAL_ERROR', 'ServerException', true],
  ['unavailable', 'EKS_UNAVAILABLE', 'ServiceUnavailableException', true],
])(
  'a %s fault is a top-level %s error with the request id and retryable',
  async (kind, code, awsErrorName, retryable) => {
    await stack.faults({ seed: 1, rates: { ListPodIdentityAssociations: { [kind]: 1 } } });
    const res = await stack.gql(LIST);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.path).toEqual(['cluster', 'podIdentityAssociations']);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code,
      awsErrorName,
      retryable,
      eksOperation: 'ListPodIdentityAssociations',
    });
    expect(res.errors?.[0]?.extensions?.awsRequestId).toEqual(expect.stringMatching(/\S+/));
    // A fault is never reported as data: the cluster is not claimed to be missing.
    expect(res.data).toEqual({ cluster: { podIdentityAssociations: null } });
  },
);

test('a dropped connection is EKS_UNAVAILABLE, retryable', async () => {
  await stack.faults({ seed: 1, rates: { DescribeCluster: { drop: 1 } } });
  const res = await stack.gql('{ cluster(name: "apps", region: "us-east-1") { version } }');
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'EKS_UNAVAILABLE', retryable: true });
  expect(res.data).toEqual({ cluster: null });
});

test('failed describes null only their own association, with errors at their paths', async () => {
  await stack.faults({ seed: 7, rates: { DescribePodIdentityAssociation: { server: 0.3 } } });
  const res = await stack.gql<{
    cluster: {
      podIdentityAssociations: { nodes: Array<{ id: string; serviceAccount: string; roleArn: string | null }> };
    };
  }>(
    '{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: 40) { nodes { id serviceAccount roleArn } } } }',
  );
  const nodes = res.data?.cluster.podIdentityAssociations.nodes ?? [];
  expect(nodes).toHaveLength(40);
  const failed = nodes.flatMap((n, i) => (n.roleArn === null ? [i] : []));
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.length).toBeLessThan(40);
  expect(res.errors?.map((e) => e.path)).toEqual(
    failed.map((i) => ['cluster', 'podIdentityAssociations', 'nodes', i, 'roleArn']),
  );
  for (const e of res.errors ?? []) expect(e.extensions?.code).toBe('EKS_INTERNAL_ERROR');
  for (const n of nodes) {
    expect(n.serviceAccount).toMatch(/^sa-\d+$/);
    if (n.roleArn !== null) expect(n.roleArn).toContain(n.serviceAccount);
  }
});

test('a create that meets a fault is a top-level error carrying the token to retry with', async () => {
  await stack.faults({ seed: 1, rates: { CreatePodIdentityAssociation: { throttle: 1 } } });
  const res = await stack.gql(
    `mutation { createPodIdentityAssociation(input: { clusterName: "apps", region: "us-east-1", namespace: "x", serviceAccount: "y", roleArn: "${role('r')}" }) { podIdentityAssociation { id } } }`,
  );
  expect(res.data).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject({
    code: 'EKS_THROTTLED',
    retryable: true,
    clientRequestToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
});
