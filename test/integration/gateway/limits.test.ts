/**
 * Limits that keep one request from hurting the rest: each answered 400 with its own code before
 * any EKS call, while real dashboard queries and GraphiQL's introspection pass.
 */
import { getIntrospectionQuery } from 'graphql';
import { nonZero, seedCluster, startStack, type Stack } from '../../helpers/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    seed: { clusters: [seedCluster('apps', 'us-east-1', 30), seedCluster('eu', 'eu-west-1', 30)] },
  });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetCalls());

async function raw(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(stack.gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    json: (await res.json()) as
      { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | unknown[],
  };
}

async function refused(query: string, code: string, variables?: Record<string, unknown>) {
  const res = await raw({ query, variables });
  expect(res.status).toBe(400);
  const body = res.json as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
  expect(body.errors[0]?.extensions.code).toBe(code);
  expect(nonZero(await stack.calls())).toEqual({});
  return body.errors[0];
}

test('a realistic dashboard query and the introspection query pass', async () => {
  const dashboard = await stack.gql(`{
    clusters(first: 50) { nodes { id name region status version createdAt tags { key value }
      podIdentityAssociations(first: 20) { edges { cursor node { id namespace serviceAccount roleArn targetRoleArn createdAt modifiedAt tags { key value } } }
        pageInfo { hasNextPage endCursor } } } pageInfo { hasNextPage endCursor } } }`);
  expect(dashboard.errors).toBeUndefined();
  const introspection = await stack.gql(
    getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }),
  );
  expect(introspection.errors).toBeUndefined();
});

test('a query that may fan out past the EKS call budget is QUERY_TOO_COSTLY', async () => {
  const error = await refused(
    '{ clusters(first: 100) { nodes { podIdentityAssociations(first: 100) { nodes { roleArn } } } } }',
    'QUERY_TOO_COSTLY',
  );
  expect(error?.extensions).toMatchObject({ limit: 2000, actual: expect.any(Number) });
  expect(error?.message).toMatch(/may cost up to \d+ EKS calls; the limit is 2000/);
  // The same shape through variables and fragments is counted the same way.
  await refused(
    'query Q($n: Int) { clusters(first: $n) { ...C } } fragment C on ClusterConnection { edges { node { podIdentityAssociations(first: $n) { nodes { ...A } } } } } fragment A on PodIdentityAssociation { tags { key } }',
    'QUERY_TOO_COSTLY',
    { n: 100 },
  );
  // Summary fields only cost no Describe: the same page sizes pass.
  const cheap = await stack.gql(
    '{ clusters(first: 100) { nodes { podIdentityAssociations(first: 10) { nodes { id namespace } } } } }',
  );
  expect(cheap.errors).toBeUndefined();
});

test('depth, aliases, fields and document size each have their own code', async () => {
  // 14 levels: clusters > nodes > (podIdentityAssociations > nodes > cluster) x 4 > name
  let deep = 'name';
  for (let i = 0; i < 4; i += 1) deep = `podIdentityAssociations { nodes { cluster { ${deep} } } }`;
  deep = `{ clusters { nodes { ${deep} } } }`;
  await refused(deep, 'QUERY_TOO_DEEP');
  const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: regions`).join(' ')} }`;
  await refused(aliases, 'TOO_MANY_ALIASES');
  const bomb = [
    'query { ...F0 }',
    'fragment F0 on Query { ...F1 ...F1 ...F1 ...F1 }',
    'fragment F1 on Query { ...F2 ...F2 ...F2 ...F2 }',
    'fragment F2 on Query { ...F3 ...F3 ...F3 ...F3 }',
    'fragment F3 on Query { ...F4 ...F4 ...F4 ...F4 }',
    'fragment F4 on Query { ...F5 ...F5 ...F5 ...F5 }',
    'fragment F5 on Query { regions regions regions regions }',
  ].join('\n');
  await refused(bomb, 'TOO_MANY_FIELDS');
  await refused(`{ ${'regions '.repeat(2000)} }`, 'TOO_MANY_FIELDS');
  await refused(`{ regions } ${'#'.repeat(100_001)}`, 'DOCUMENT_TOO_LARGE');
  await refused(`{ regions(${'a: 1 '.repeat(4000)}) }`, 'DOCUMENT_TOO_LARGE');
});

test('batches are limited in size, and each operation in them is checked', async () => {
  const ok = await raw([{ query: '{ regions }' }, { query: '{ clusters { nodes { name } } }' }]);
  expect(ok.status).toBe(200);
  expect(ok.json).toEqual([
    { data: { regions: ['us-east-1', 'eu-west-1'] } },
    { data: { clusters: { nodes: [{ name: 'apps' }, { name: 'eu' }] } } },
  ]);
  const big = await raw(Array.from({ length: 11 }, () => ({ query: '{ regions }' })));
  expect(big.status).toBe(400);
  expect((big.json as unknown as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe(
    'BATCH_TOO_LARGE',
  );
  const costly = await raw([
    { query: '{ regions }' },
    { query: '{ clusters(first: 100) { nodes { podIdentityAssociations(first: 100) { nodes { roleArn } } } } }' },
  ]);
  expect(costly.status).toBe(400);
});

test('limits are set by configuration', async () => {
  const strict = await startStack(
    { seed: { clusters: [seedCluster('apps', 'us-east-1', 3)] } },
    { MAX_QUERY_DEPTH: '2', MAX_BATCH_OPERATIONS: '1' },
  );
  try {
    const res = await fetch(strict.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ clusters { nodes { name } } }' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'QUERY_TOO_DEEP', limit: 2 } }] });
  } finally {
    await strict.close();
  }
});
