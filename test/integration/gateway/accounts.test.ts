/**
 * The account in the gateway's ids, cursors and metrics: ids carry the account (version 2), ids
 * from before (version 1) still name the gateway's own account, and an id naming an account the
 * gateway does not serve is the client's mistake.
 */
import { clusterId } from '../../../src/graphql/ids';
import { seedCluster, startStack, type Stack } from '../../helpers/stack';

const OWN = '000000000000';
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: { clusters: [seedCluster('apps', 'us-east-1', 3)] } }, { ENABLE_METRICS: 'true' });
});
afterAll(() => stack.close());

const v1 = (text: string) => Buffer.from(text).toString('base64url');

test("ids name the account; a version-1 id still resolves, to the gateway's own account", async () => {
  const res = await stack.gql<{
    node: { id: string; name: string; podIdentityAssociations: { nodes: Array<{ id: string }> } };
  }>(
    'query($id: ID!) { node(id: $id) { id ... on Cluster { name podIdentityAssociations(first: 1) { nodes { id } } } } }',
    { id: v1('v1:Cluster:us-east-1:apps') },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.node.name).toBe('apps');
  expect(Buffer.from(res.data!.node.id, 'base64url').toString()).toBe(`v2:Cluster:${OWN}:us-east-1:apps`);
  const assoc = Buffer.from(res.data!.node.podIdentityAssociations.nodes[0]!.id, 'base64url').toString();
  expect(assoc).toMatch(new RegExp(`^v2:PodIdentityAssociation:${OWN}:us-east-1:apps:a-[a-z0-9]{17}$`));

  const again = await stack.gql<{ node: { name: string } }>(
    'query($id: ID!) { node(id: $id) { ... on Cluster { name } } }',
    { id: res.data!.node.id },
  );
  expect(again.data?.node.name).toBe('apps');
});

test('an id naming an account the gateway does not serve is BAD_USER_INPUT, for reads and changes, and costs no call', async () => {
  const foreign = clusterId({ accountId: '999999999999', region: 'us-east-1', name: 'apps' });
  await stack.resetCalls();
  const read = await stack.gql('query($id: ID!) { node(id: $id) { id } }', { id: foreign });
  expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(read.errors?.[0]?.message).toMatch(
    /account of id must be one of the accounts this gateway serves \(000000000000\), received "999999999999"/,
  );

  const assocId = Buffer.from('v2:PodIdentityAssociation:999999999999:us-east-1:apps:a-00000000000000000').toString(
    'base64url',
  );
  const change = await stack.gql<{ deletePodIdentityAssociation: { errors: Array<{ code: string; field?: string }> } }>(
    'mutation($id: ID!) { deletePodIdentityAssociation(input: { id: $id }) { errors { code ... on InvalidInputError { field } } } }',
    { id: assocId },
  );
  expect(change.data?.deletePodIdentityAssociation.errors).toEqual([{ code: 'INVALID_INPUT', field: 'id' }]);
  expect(Object.values(await stack.calls()).reduce((a, b) => a + b, 0)).toBe(0);
});

test('metrics of EKS calls carry the account beside the region', async () => {
  await stack.gql('{ clusters(first: 5) { nodes { name } } }');
  const text = await (await fetch(`${stack.gateway.url}/metrics`)).text();
  expect(text).toMatch(
    new RegExp(`eks_calls_total\\{operation="ListClusters",account="${OWN}",region="us-east-1",result="ok"\\} [1-9]`),
  );
  expect(text).toMatch(new RegExp(`eks_calls_in_flight\\{account="${OWN}",region="us-east-1"\\} 0`));
});
