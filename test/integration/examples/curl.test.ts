/** The curl examples against a stack, run by sh as the README shows them. */
import { DEMO_CLUSTERS } from '../../../src/emulator';
import { startStack, type Stack } from '../../helpers/stack';
import { run } from './run';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: 'demo' });
});
afterAll(() => stack.close());

async function curlExample(script: string, ...args: string[]): Promise<any> {
  const result = await run('sh', [`examples/curl/${script}`, ...args], { GATEWAY_URL: stack.gateway.graphqlUrl });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

test('list-clusters.sh answers every demo cluster', async () => {
  const body = await curlExample('list-clusters.sh');
  expect(body.errors).toBeUndefined();
  expect(body.data.clusters.nodes.map((c: { name: string }) => c.name)).toEqual(
    Object.values(DEMO_CLUSTERS).map((c) => c.name),
  );
});

test('get-query.sh passes CSRF prevention with its preflight header', async () => {
  expect(await curlExample('get-query.sh')).toEqual({ data: { regions: ['us-east-1', 'eu-west-1'] } });
});

test('page-associations.sh pages a cluster to the end by passing endCursor back', async () => {
  const { name, region } = DEMO_CLUSTERS.stagingApps;
  const state = await stack.state(`?region=${region}&cluster=${name}`);
  const expected = (state.clusters[0]?.associations ?? []).map((a) => a.associationId);
  const seen: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 10; page++) {
    const body = await curlExample('page-associations.sh', name, region, ...(after ? [after] : []));
    expect(body.errors).toBeUndefined();
    const connection = body.data.cluster.podIdentityAssociations;
    seen.push(...connection.edges.map((e: { node: { associationId: string } }) => e.node.associationId));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  expect(expected.length).toBeGreaterThan(50);
  expect(seen).toEqual(expected);
});

test('create-association.sh creates once: a second run answers the same association; bad input is a typed error', async () => {
  const first = await curlExample('create-association.sh', 'checkout', 'refunds');
  expect(first.data.createPodIdentityAssociation.errors).toEqual([]);
  const created = first.data.createPodIdentityAssociation.podIdentityAssociation;
  expect(created.roleArn).toBe('arn:aws:iam::111122223333:role/checkout-refunds');

  const second = await curlExample('create-association.sh', 'checkout', 'refunds');
  expect(second.data.createPodIdentityAssociation.podIdentityAssociation.associationId).toBe(created.associationId);

  const bad = await curlExample('create-association.sh', 'Checkout', 'refunds');
  expect(bad.data.createPodIdentityAssociation.errors).toEqual([
    expect.objectContaining({ __typename: 'InvalidInputError', code: 'INVALID_INPUT', field: 'namespace' }),
  ]);
});
