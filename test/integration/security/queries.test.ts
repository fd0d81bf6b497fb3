/**
 * Every query, for every caller of the policy, over real HTTP against the emulator: each caller
 * sees exactly what it may read (stated independently in fixtures.ts), a denied object reads as
 * null (not found) without an error, and a request without a valid token runs nothing.
 */
import { associationId, clusterId } from '../../../src/graphql/ids';
import { startStack, tempFiles, type Stack } from '../../helpers/stack';
import {
  ASSOCIATIONS,
  CALLER_NAMES,
  CALLERS,
  CLUSTERS,
  POLICY,
  READABLE,
  READABLE_CLUSTERS,
  seed,
  tokenFile,
  type CallerName,
} from './fixtures';

let stack: Stack;
const files = tempFiles();

beforeAll(async () => {
  stack = await startStack(
    { seed: seed() },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', tokenFile()),
      AUTH_POLICY_FILE: files.write('policy.json', POLICY),
      AUDIT_LOG: 'off',
    },
    { captureLogs: true },
  );
});
afterAll(async () => {
  await stack.close();
  files.remove();
});

const nodeIdOf = (a: (typeof ASSOCIATIONS)[number]) =>
  associationId({ accountId: '000000000000', region: a.region, clusterName: a.cluster, associationId: a.id });
const readableIds = (caller: CallerName) =>
  ASSOCIATIONS.filter(READABLE[caller])
    .map((a) => a.id)
    .sort();

async function query<T>(caller: CallerName | null, text: string, variables?: Record<string, unknown>): Promise<T> {
  const answer = await stack.gqlAs<T>(caller === null ? null : CALLERS[caller].token, text, variables);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  return answer.body.data as T;
}

describe.each(CALLER_NAMES)('as %s', (caller) => {
  test('clusters lists exactly the readable clusters, across regions', async () => {
    const data = await query<{ clusters: { nodes: Array<{ name: string; region: string }> } }>(
      caller,
      '{ clusters(first: 100) { nodes { name region } } }',
    );
    expect(data.clusters.nodes.map((c) => c.name).sort()).toEqual([...READABLE_CLUSTERS[caller]].sort());
  });

  test.each(CLUSTERS)(
    'cluster($name, $region) is there only when readable, with only readable associations',
    async ({ name, region }) => {
      const data = await query<{
        cluster: {
          name: string;
          status: string;
          podIdentityAssociations: { nodes: Array<{ associationId: string; roleArn: string }> };
        } | null;
      }>(
        caller,
        `query($name: String!, $region: String) { cluster(name: $name, region: $region) {
        name status podIdentityAssociations(first: 50) { nodes { associationId roleArn } } } }`,
        { name, region },
      );
      if (!READABLE_CLUSTERS[caller].includes(name)) {
        expect(data.cluster).toBeNull();
        return;
      }
      expect(data.cluster?.status).toBe('ACTIVE');
      const expected = ASSOCIATIONS.filter((a) => a.cluster === name && READABLE[caller](a));
      expect(data.cluster?.podIdentityAssociations.nodes).toEqual(
        expected.map((a) => ({ associationId: a.id, roleArn: a.roleArn })),
      );
    },
  );

  test('cluster(name:) without a region searches only readable clusters', async () => {
    const data = await query<{ a: { region: string } | null; b: { region: string } | null }>(
      caller,
      '{ a: cluster(name: "prod-payments") { region } b: cluster(name: "dev-sandbox") { region } }',
    );
    expect(data.a).toEqual(READABLE_CLUSTERS[caller].includes('prod-payments') ? { region: 'us-east-1' } : null);
    expect(data.b).toEqual(READABLE_CLUSTERS[caller].includes('dev-sandbox') ? { region: 'us-east-1' } : null);
  });

  test('Cluster.podIdentityAssociations with a namespace filter holds nothing unreadable', async () => {
    const data = await query<{
      cluster: { podIdentityAssociations: { nodes: Array<{ associationId: string }> } } | null;
    }>(
      caller,
      '{ cluster(name: "prod-payments", region: "us-east-1") { podIdentityAssociations(first: 10, namespace: "billing") { nodes { associationId } } } }',
    );
    const expected = ASSOCIATIONS.filter(
      (a) => a.cluster === 'prod-payments' && a.namespace === 'billing' && READABLE[caller](a),
    );
    if (!READABLE_CLUSTERS[caller].includes('prod-payments')) expect(data.cluster).toBeNull();
    else
      expect(data.cluster?.podIdentityAssociations.nodes.map((n) => n.associationId)).toEqual(
        expected.map((a) => a.id),
      );
  });

  test.each(ASSOCIATIONS)(
    'podIdentityAssociation($cluster, $namespace/$serviceAccount) is null unless readable',
    async (a) => {
      const data = await query<{
        podIdentityAssociation: { roleArn: string } | null;
        cluster: { podIdentityAssociation: { namespace: string } | null } | null;
      }>(
        caller,
        `query($cluster: String!, $id: String!, $region: String) {
        podIdentityAssociation(clusterName: $cluster, associationId: $id, region: $region) { roleArn }
        cluster(name: $cluster, region: $region) { podIdentityAssociation(associationId: $id) { namespace } } }`,
        { cluster: a.cluster, id: a.id, region: a.region },
      );
      expect(data.podIdentityAssociation).toEqual(READABLE[caller](a) ? { roleArn: a.roleArn } : null);
      if (data.cluster)
        expect(data.cluster.podIdentityAssociation).toEqual(READABLE[caller](a) ? { namespace: a.namespace } : null);
    },
  );

  test('node(id:) and nodes(ids:) refetch only what is readable', async () => {
    const ids = [
      ...ASSOCIATIONS.map(nodeIdOf),
      ...CLUSTERS.map((c) => clusterId({ accountId: '000000000000', region: c.region, name: c.name })),
    ];
    const expected = [
      ...ASSOCIATIONS.map((a) => (READABLE[caller](a) ? { id: nodeIdOf(a) } : null)),
      ...CLUSTERS.map((c) =>
        READABLE_CLUSTERS[caller].includes(c.name)
          ? { id: clusterId({ accountId: '000000000000', region: c.region, name: c.name }) }
          : null,
      ),
    ];
    const data = await query<{ nodes: Array<{ id: string } | null> }>(
      caller,
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids },
    );
    expect(data.nodes).toEqual(expected);
    for (const [i, id] of ids.entries()) {
      const one = await query<{ node: { id: string } | null }>(caller, 'query($id: ID!) { node(id: $id) { id } }', {
        id,
      });
      expect(one.node).toEqual(expected[i]);
    }
  });

  test('every readable association is listed once, and nothing else', async () => {
    const data = await query<{
      clusters: { nodes: Array<{ podIdentityAssociations: { nodes: Array<{ associationId: string }> } }> };
    }>(
      caller,
      '{ clusters(first: 100) { nodes { podIdentityAssociations(first: 100) { nodes { associationId } } } } }',
    );
    const listed = data.clusters.nodes
      .flatMap((c) => c.podIdentityAssociations.nodes.map((n) => n.associationId))
      .sort();
    expect(listed).toEqual(readableIds(caller));
  });
});

describe('reads after another caller read the same objects', () => {
  test('what one caller loaded is never shown to a caller who may not read it', async () => {
    const billing = ASSOCIATIONS.find((a) => a.namespace === 'billing')!;
    const text = `{ podIdentityAssociation(clusterName: "prod-payments", associationId: "${billing.id}", region: "us-east-1") { roleArn } }`;
    expect(await query('admin', text)).toEqual({ podIdentityAssociation: { roleArn: billing.roleArn } });
    expect(await query('searchBot', text)).toEqual({ podIdentityAssociation: null });
    expect(await query('mallory', text)).toEqual({ podIdentityAssociation: null });
  });
});

describe('unauthenticated queries', () => {
  const QUERIES = [
    '{ clusters { nodes { name } } }',
    '{ cluster(name: "prod-payments") { name } }',
    `{ podIdentityAssociation(clusterName: "prod-payments", associationId: "${ASSOCIATIONS[0]!.id}") { roleArn } }`,
    `{ node(id: "${nodeIdOf(ASSOCIATIONS[0]!)}") { id } }`,
    `{ nodes(ids: ["${nodeIdOf(ASSOCIATIONS[0]!)}"]) { id } }`,
    '{ cluster(name: "prod-payments") { podIdentityAssociations { nodes { id } } } }',
  ];

  test.each(QUERIES)('%s answers 401 and makes no EKS call', async (text) => {
    await stack.resetCalls();
    for (const token of [null, 'not-a-known-token-at-all']) {
      const answer = await stack.gqlAs(token, text);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
      });
      expect(answer.body.data).toBeUndefined();
    }
    expect(await stack.calls()).toEqual(
      expect.objectContaining({
        ListClusters: 0,
        DescribeCluster: 0,
        ListPodIdentityAssociations: 0,
        DescribePodIdentityAssociation: 0,
      }),
    );
  });
});
