/**
 * Hostile and broken input through HTTP, a few hundred cases. Each must get a specific error
 * (never a 500 or INTERNAL_SERVER_ERROR), change nothing in EKS, and leave the gateway serving.
 */
import { role, seedCluster, startStack, type Stack } from '../../helpers/stack';

let stack: Stack;
let stateBefore: string;

beforeAll(async () => {
  stack = await startStack({
    seed: { clusters: [seedCluster('apps', 'us-east-1', 5), seedCluster('eu', 'eu-west-1', 2)] },
  });
  stateBefore = JSON.stringify(await stack.state());
});
afterAll(async () => {
  await stack.close();
});

interface Case {
  name: string;
  /** A raw HTTP request, or a GraphQL operation POSTed as JSON. */
  request:
    | { method?: string; headers?: Record<string, string>; body?: string; search?: string }
    | { query: string; variables?: unknown };
  /** The error code the response must carry (top level, or in a mutation payload). */
  code: string;
  /** For payload errors: the input field that must be named. */
  field?: string | null;
}

const cases: Case[] = [];
const add = (c: Case) => cases.push(c);
const b64 = (s: string) => Buffer.from(s).toString('base64url');

// --- ids -----------------------------------------------------------------------------------
const goodId = b64('v1:PodIdentityAssociation:us-east-1:apps:a-0123456789abcdefg');
const badIds = [
  '',
  'x',
  '====',
  'not base64!',
  goodId.slice(0, -3),
  `${goodId}AA`,
  b64('v2:Cluster:us-east-1:apps'),
  b64('v1:Cluster:us-east-1'),
  b64('v1:Cluster:us-east-1:apps:extra'),
  b64('v1:Cluster:Mars:apps'),
  b64('v1:Cluster:us-east-1:bad name'),
  b64('v1:Cluster:us-east-1:'),
  b64('v1:Widget:us-east-1:apps'),
  b64('v1:PodIdentityAssociation:us-east-1:apps:a-short'),
  b64('v1:PodIdentityAssociation:us-east-1:apps:A-0123456789ABCDEFG'),
  b64('v1:PodIdentityAssociation:us-east-1:apps'),
  b64('v1:Cluster:ap-south-1:apps'),
  b64('v1:Cluster:us-east-1:a\u0000b'),
  'a'.repeat(500),
  b64('v1:Cluster:us-east-1:' + 'x'.repeat(101)),
  b64('\u{1F600}'),
  '\u0000',
  'Q2x1c3Rlcg',
  b64('{"type":"Cluster"}'),
];
for (const id of badIds) {
  add({
    name: `node id ${JSON.stringify(id).slice(0, 40)}`,
    request: { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id } },
    code: 'BAD_USER_INPUT',
  });
}
for (const id of badIds.slice(0, 8)) {
  add({
    name: `nodes id ${JSON.stringify(id).slice(0, 40)}`,
    request: { query: 'query($id: ID!) { nodes(ids: [$id]) { id } }', variables: { id } },
    code: 'BAD_USER_INPUT',
  });
  add({
    name: `delete by id ${JSON.stringify(id).slice(0, 40)}`,
    request: {
      query:
        'mutation($id: ID!) { deletePodIdentityAssociation(input: { id: $id }) { errors { code ... on InvalidInputError { field } } } }',
      variables: { id },
    },
    code: 'INVALID_INPUT',
    field: 'id',
  });
}
add({
  name: 'nodes with 101 ids',
  request: { query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: Array(101).fill(goodId) } },
  code: 'BAD_USER_INPUT',
});

// --- cursors -------------------------------------------------------------------------------
const scope = ['PodIdentityAssociations', 'us-east-1', 'apps', null, null];
const badCursors = [
  '',
  'x',
  '!!!',
  b64('cursor:v1:'),
  b64('cursor:v1:not json'),
  b64('cursor:v1:{}'),
  b64('cursor:v1:[]'),
  b64('cursor:v2:[[],null,null,0]'),
  b64(`cursor:v1:${JSON.stringify([scope, null, null, -1])}`),
  b64(`cursor:v1:${JSON.stringify([scope, null, null, 1.5])}`),
  b64(`cursor:v1:${JSON.stringify([scope, null, null, 101])}`),
  b64(`cursor:v1:${JSON.stringify([scope, null, 42, 0])}`),
  b64(`cursor:v1:${JSON.stringify([scope, null, '', 0])}`),
  b64(`cursor:v1:${JSON.stringify([scope, null, 'forged-eks-token', 0])}`),
  b64(`cursor:v1:${JSON.stringify([['PodIdentityAssociations', 'us-east-1', 'other', null, null], null, null, 0])}`),
  b64(`cursor:v1:${JSON.stringify([['PodIdentityAssociations', 'us-east-1', 'apps', 'team-a', null], null, null, 0])}`),
  b64(`cursor:v1:${JSON.stringify([['Clusters', null], 'us-east-1', null, 0])}`),
  'a'.repeat(5000),
  b64('cursor:v1:' + '['.repeat(5000)),
  b64(`cursor:v1:${JSON.stringify([scope, null, 'x'.repeat(3000), 0])}`),
];
for (const after of badCursors) {
  add({
    name: `association cursor ${after.slice(0, 30)}`,
    request: {
      query:
        'query($after: String) { cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(after: $after) { nodes { id } } } }',
      variables: { after },
    },
    code: 'BAD_USER_INPUT',
  });
}
for (const after of badCursors.slice(0, 10)) {
  add({
    name: `clusters cursor ${after.slice(0, 30)}`,
    request: { query: 'query($after: String) { clusters(after: $after) { nodes { name } } }', variables: { after } },
    code: 'BAD_USER_INPUT',
  });
}
add({
  name: 'clusters cursor for another region filter',
  request: {
    query: 'query($after: String) { clusters(region: "eu-west-1", after: $after) { nodes { name } } }',
    variables: { after: b64(`cursor:v1:${JSON.stringify([['Clusters', null], 'us-east-1', null, 0])}`) },
  },
  code: 'BAD_USER_INPUT',
});

// --- first / last / before -----------------------------------------------------------------
for (const first of [0, -1, 101, 1000, 2 ** 31 - 1, -(2 ** 31)]) {
  add({
    name: `first: ${first} (variable)`,
    request: { query: 'query($n: Int) { clusters(first: $n) { nodes { name } } }', variables: { n: first } },
    code: 'BAD_USER_INPUT',
  });
  add({
    name: `first: ${first} (literal)`,
    request: {
      query: `{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: ${first}) { nodes { id } } } }`,
    },
    code: 'BAD_USER_INPUT',
  });
}
for (const first of [2 ** 53, 2 ** 31, 1.5, '10', true, [1], { n: 1 }]) {
  add({
    name: `first: ${JSON.stringify(first)} (bad variable type)`,
    request: { query: 'query($n: Int) { clusters(first: $n) { nodes { name } } }', variables: { n: first } },
    code: 'BAD_USER_INPUT',
  });
}
for (const literal of ['9007199254740992', '2147483648', '1.5', '"10"', 'true', 'null_']) {
  add({
    name: `first: ${literal} (bad literal)`,
    request: { query: `{ clusters(first: ${literal}) { nodes { name } } }` },
    code: 'GRAPHQL_VALIDATION_FAILED',
  });
}
add({ name: 'last', request: { query: '{ clusters(last: 5) { nodes { name } } }' }, code: 'BAD_USER_INPUT' });
add({ name: 'before', request: { query: '{ clusters(before: "x") { nodes { name } } }' }, code: 'BAD_USER_INPUT' });
add({
  name: 'last on associations',
  request: {
    query: '{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(last: 1) { nodes { id } } } }',
  },
  code: 'BAD_USER_INPUT',
});

// --- names, regions and filters in queries -------------------------------------------------
const badClusterNames = [
  '',
  ' ',
  'bad name',
  '-lead',
  '_lead',
  'a/b',
  'a%2Fb',
  '../x',
  'x'.repeat(101),
  'naïve',
  'a\u0000b',
  '\u{1F680}',
  'a.b',
  'a:b',
  '<script>',
];
for (const name of badClusterNames) {
  add({
    name: `cluster name ${JSON.stringify(name).slice(0, 30)}`,
    request: {
      query: 'query($n: String!) { cluster(name: $n, region: "us-east-1") { name } }',
      variables: { n: name },
    },
    code: 'BAD_USER_INPUT',
  });
  add({
    name: `create with cluster name ${JSON.stringify(name).slice(0, 30)}`,
    request: {
      query:
        'mutation($n: String!) { createPodIdentityAssociation(input: { clusterName: $n, namespace: "a", serviceAccount: "b", roleArn: "arn:aws:iam::111122223333:role/r" }) { errors { code ... on InvalidInputError { field } } } }',
      variables: { n: name },
    },
    code: 'INVALID_INPUT',
    field: 'clusterName',
  });
}
for (const region of ['', 'mars', 'US-EAST-1', 'us-east-2', 'ap-south-1', 'us-east-1 ', 'x'.repeat(1000)]) {
  add({
    name: `region ${JSON.stringify(region).slice(0, 30)}`,
    request: { query: 'query($r: String) { cluster(name: "apps", region: $r) { name } }', variables: { r: region } },
    code: 'BAD_USER_INPUT',
  });
  add({
    name: `clusters region ${JSON.stringify(region).slice(0, 30)}`,
    request: { query: 'query($r: String) { clusters(region: $r) { nodes { name } } }', variables: { r: region } },
    code: 'BAD_USER_INPUT',
  });
}
for (const ns of ['Team', '-a', 'a-', 'a_b', 'a.b', 'x'.repeat(64), ' ', '\u0000']) {
  add({
    name: `namespace filter ${JSON.stringify(ns).slice(0, 30)}`,
    request: {
      query:
        'query($ns: String) { cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(namespace: $ns) { nodes { id } } } }',
      variables: { ns },
    },
    code: 'BAD_USER_INPUT',
  });
}
add({
  name: 'association id lookup too short',
  request: { query: '{ podIdentityAssociation(clusterName: "apps", associationId: "a-1") { id } }' },
  code: 'BAD_USER_INPUT',
});
add({
  name: 'association id lookup uppercase',
  request: { query: '{ podIdentityAssociation(clusterName: "apps", associationId: "A-0123456789ABCDEFG") { id } }' },
  code: 'BAD_USER_INPUT',
});

// --- create: every field -------------------------------------------------------------------
const createQuery =
  'mutation($input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $input) { podIdentityAssociation { id } errors { code ... on InvalidInputError { field } } } }';
const base = { clusterName: 'apps', region: 'us-east-1', namespace: 'ns', serviceAccount: 'sa', roleArn: role('r') };
const createCase = (name: string, patch: Record<string, unknown>, field: string | null) =>
  add({
    name: `create: ${name}`,
    request: { query: createQuery, variables: { input: { ...base, ...patch } } },
    code: 'INVALID_INPUT',
    field,
  });
for (const ns of ['', 'Team', '-a', 'a-', 'a_b', 'a.b', 'x'.repeat(64), 'naïve', 'a\u0000', ' a', '\u{1F600}'])
  createCase(`namespace ${JSON.stringify(ns).slice(0, 20)}`, { namespace: ns }, 'namespace');
for (const sa of ['', 'SA', '-a', 'a..b', 'a.', `${'a'.repeat(64)}.b`, 'x'.repeat(254), 'a b', 'a\u0000b', 'ü'])
  createCase(`serviceAccount ${JSON.stringify(sa).slice(0, 20)}`, { serviceAccount: sa }, 'serviceAccount');
const badArns = [
  '',
  'role',
  'arn:aws:iam::111122223333:user/alice',
  'arn:aws:iam::1111:role/r',
  'arn:aws:iam::111122223333:role/',
  'arn:aws:s3:::bucket',
  'arn:aws:iam:us-east-1:111122223333:role/r',
  'arn:aws:iam::111122223333:role/has space',
  `arn:aws:iam::111122223333:role/${'r'.repeat(65)}`,
  'arn:aws:iam::111122223333:role/r\u0000',
  'arn:azure:iam::111122223333:role/r',
  ' arn:aws:iam::111122223333:role/r',
];
for (const arn of badArns) {
  createCase(`roleArn ${JSON.stringify(arn).slice(0, 30)}`, { roleArn: arn }, 'roleArn');
  createCase(`targetRoleArn ${JSON.stringify(arn).slice(0, 30)}`, { targetRoleArn: arn }, 'targetRoleArn');
}
for (const policy of ['{not json', '[]', '"string"', '42', 'null', 'x'.repeat(2049)]) {
  createCase(`policy ${policy.slice(0, 15)}`, { policy, disableSessionTags: true }, 'policy');
}
createCase('policy without disableSessionTags', { policy: '{}' }, 'policy');
createCase('policy with disableSessionTags false', { policy: '{}', disableSessionTags: false }, 'policy');
createCase('51 tags', { tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }, 'tags');
for (const key of ['aws:x', 'AWS:x', 'Aws:owner', '', 'k'.repeat(129)])
  createCase(`tag key ${JSON.stringify(key).slice(0, 20)}`, { tags: [{ key, value: 'v' }] }, 'tags.0.key');
createCase('tag value too long', { tags: [{ key: 'k', value: 'v'.repeat(257) }] }, 'tags.0.value');
createCase(
  'duplicate tag keys',
  {
    tags: [
      { key: 'k', value: '1' },
      { key: 'k', value: '2' },
    ],
  },
  'tags.1.key',
);
for (const token of ['', 'a b', 'x'.repeat(65), 'tok\u0000en', 'tök'])
  createCase(
    `clientRequestToken ${JSON.stringify(token).slice(0, 20)}`,
    { clientRequestToken: token },
    'clientRequestToken',
  );
createCase('unknown region', { region: 'eu-north-9' }, 'region');
createCase('huge namespace', { namespace: 'n'.repeat(100_000) }, 'namespace');

const typeMismatches: Array<[string, Record<string, unknown>]> = [
  ['namespace as number', { namespace: 5 }],
  ['roleArn null', { roleArn: null }],
  ['missing clusterName', { clusterName: undefined }],
  ['tags as object', { tags: { k: 'v' } }],
  ['tags entry without value', { tags: [{ key: 'k' }] }],
  ['disableSessionTags as string', { disableSessionTags: 'yes' }],
  ['unknown input field', { owner: 'me' }],
];
for (const [name, patch] of typeMismatches) {
  add({
    name: `create: ${name}`,
    request: { query: createQuery, variables: { input: { ...base, ...patch } } },
    code: 'BAD_USER_INPUT',
  });
}

// --- update and delete ---------------------------------------------------------------------
const updateQuery =
  'mutation($input: UpdatePodIdentityAssociationInput!) { updatePodIdentityAssociation(input: $input) { errors { code ... on InvalidInputError { field } } } }';
const updateCase = (name: string, input: Record<string, unknown>, field: string | null) =>
  add({ name: `update: ${name}`, request: { query: updateQuery, variables: { input } }, code: 'INVALID_INPUT', field });
updateCase('nothing to change', { id: goodId }, null);
updateCase('no target', { roleArn: role('r') }, 'id');
updateCase('only clusterName', { clusterName: 'apps', roleArn: role('r') }, 'id');
updateCase('id and clusterName', { id: goodId, clusterName: 'apps', roleArn: role('r') }, 'id');
updateCase('id naming a cluster', { id: b64('v1:Cluster:us-east-1:apps'), roleArn: role('r') }, 'id');
updateCase('roleArn null', { id: goodId, roleArn: null }, 'roleArn');
updateCase('disableSessionTags null', { id: goodId, disableSessionTags: null }, 'disableSessionTags');
updateCase('policy with disableSessionTags false', { id: goodId, policy: '{}', disableSessionTags: false }, 'policy');
updateCase('bad association id', { clusterName: 'apps', associationId: 'a-1', roleArn: role('r') }, 'associationId');
updateCase(
  'bad cluster name',
  { clusterName: 'a b', associationId: 'a-0123456789abcdefg', roleArn: role('r') },
  'clusterName',
);
for (const arn of badArns.slice(0, 6))
  updateCase(`roleArn ${JSON.stringify(arn).slice(0, 30)}`, { id: goodId, roleArn: arn }, 'roleArn');
for (const policy of ['{', '[]', '1'])
  updateCase(`policy ${policy}`, { id: goodId, policy, disableSessionTags: true }, 'policy');
const deleteQuery =
  'mutation($input: DeletePodIdentityAssociationInput!) { deletePodIdentityAssociation(input: $input) { errors { code ... on InvalidInputError { field } } } }';
for (const [name, input, field] of [
  ['nothing', {}, 'id'],
  ['only associationId', { associationId: 'a-0123456789abcdefg' }, 'id'],
  ['bad association id', { clusterName: 'apps', associationId: 'nope' }, 'associationId'],
  ['bad region', { clusterName: 'apps', associationId: 'a-0123456789abcdefg', region: 'moon-1' }, 'region'],
  ['id and region', { id: goodId, region: 'us-east-1' }, 'id'],
] as Array<[string, Record<string, unknown>, string]>) {
  add({ name: `delete: ${name}`, request: { query: deleteQuery, variables: { input } }, code: 'INVALID_INPUT', field });
}

// --- malformed requests --------------------------------------------------------------------
const json = { 'content-type': 'application/json' };
for (const body of [
  '{',
  '{"query": ',
  '[',
  'nul',
  '{"query": "{ regions }",}',
  "{'query': '{ regions }'}",
  '\u0000',
  '{"query": "\\u0000"}',
]) {
  add({
    name: `malformed JSON ${JSON.stringify(body).slice(0, 20)}`,
    request: { method: 'POST', headers: json, body },
    code: body.includes('\\u0000') ? 'GRAPHQL_PARSE_FAILED' : 'BAD_REQUEST',
  });
}
for (const body of [
  '{}',
  '{"query": 42}',
  '{"query": null}',
  '{"query": "{ regions }", "variables": "x"}',
  '{"query": "{ regions }", "variables": [1]}',
  '{"query": ["{ regions }"]}',
  '{"operationName": 5, "query": "{ regions }"}',
  '"just a string"',
  '42',
  '[1, 2]',
]) {
  add({
    name: `wrong body shape ${body.slice(0, 30)}`,
    request: { method: 'POST', headers: json, body },
    code: 'BAD_REQUEST',
  });
}
for (const type of [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'image/png',
]) {
  add({
    name: `content type ${type}`,
    request: { method: 'POST', headers: { 'content-type': type }, body: '{"query":"{ regions }"}' },
    code: 'BAD_REQUEST',
  });
}
add({
  name: 'no content type',
  request: { method: 'POST', headers: {}, body: '{"query":"{ regions }"}' },
  code: 'BAD_REQUEST',
});
for (const method of ['PUT', 'DELETE', 'PATCH']) {
  add({
    name: `method ${method}`,
    request: { method, headers: json, body: '{"query":"{ regions }"}' },
    code: 'METHOD_NOT_ALLOWED',
  });
}
add({
  name: 'GET without query',
  request: { method: 'GET', headers: { 'apollo-require-preflight': 'true' } },
  code: 'BAD_REQUEST',
});
add({
  name: 'GET mutation',
  request: {
    method: 'GET',
    headers: { 'apollo-require-preflight': 'true' },
    search: `?query=${encodeURIComponent('mutation { deletePodIdentityAssociation(input: {}) { errors { code } } }')}`,
  },
  code: 'BAD_REQUEST',
});
add({
  name: 'GET bad variables',
  request: {
    method: 'GET',
    headers: { 'apollo-require-preflight': 'true' },
    search: `?query=${encodeURIComponent('{ regions }')}&variables=%7B`,
  },
  code: 'BAD_REQUEST',
});
add({
  name: 'body over the limit',
  request: { method: 'POST', headers: json, body: JSON.stringify({ query: `{ regions } #${'x'.repeat(1_100_000)}` }) },
  code: 'PAYLOAD_TOO_LARGE',
});
add({ name: 'empty batch', request: { method: 'POST', headers: json, body: '[]' }, code: 'BAD_REQUEST' });
add({
  name: 'batch too large',
  request: { method: 'POST', headers: json, body: JSON.stringify(Array(11).fill({ query: '{ regions }' })) },
  code: 'BATCH_TOO_LARGE',
});

// --- documents -----------------------------------------------------------------------------
const documents: Array<[string, string, string]> = [
  ['syntax error', '{ clusters { ', 'GRAPHQL_PARSE_FAILED'],
  ['unknown field', '{ nope }', 'GRAPHQL_VALIDATION_FAILED'],
  ['subscription', 'subscription { regions }', 'OPERATION_NOT_SUPPORTED'],
  ['fragment cycle', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }', 'GRAPHQL_VALIDATION_FAILED'],
  ['two operations without a name', 'query A { regions } query B { regions }', 'OPERATION_RESOLUTION_FAILURE'],
  ['unused variable', 'query($x: Int) { regions }', 'GRAPHQL_VALIDATION_FAILED'],
  ['missing required argument', '{ cluster { name } }', 'GRAPHQL_VALIDATION_FAILED'],
  [
    'alias bomb',
    `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: clusters { nodes { name } }`).join(' ')} }`,
    'TOO_MANY_ALIASES',
  ],
  ['repeated fields', `{ ${'regions '.repeat(5000)} }`, 'TOO_MANY_FIELDS'],
  [
    'fragment bomb',
    [
      'query { ...F0 }',
      ...Array.from({ length: 9 }, (_, i) => `fragment F${i} on Query { ${`...F${i + 1} `.repeat(5)} }`),
      'fragment F9 on Query { regions }',
    ].join('\n'),
    'TOO_MANY_FIELDS',
  ],
  [
    'deep nesting',
    `{ clusters { nodes { ${'podIdentityAssociations { nodes { cluster { '.repeat(6)} name ${'} } } '.repeat(6)} } } }`,
    'QUERY_TOO_DEEP',
  ],
  ['very large document', `{ regions ${' '.repeat(200_000)} }`, 'DOCUMENT_TOO_LARGE'],
  ['too many tokens', `{ ${'__typename '.repeat(12_000)} }`, 'DOCUMENT_TOO_LARGE'],
  [
    'costly fan-out',
    '{ clusters(first: 100) { edges { node { podIdentityAssociations(first: 100) { edges { node { createdAt } } } } } } }',
    'QUERY_TOO_COSTLY',
  ],
  ['unterminated nesting', `{ ${'regions { '.repeat(3000)}`, 'QUERY_TOO_DEEP'],
  ['deeply nested list value', `{ nodes(ids: ${'['.repeat(3000)}"x"${']'.repeat(3000)}) { id } }`, 'QUERY_TOO_DEEP'],
  [
    'braces inside strings and comments do not count',
    `{ cluster(name: "${'{'.repeat(50)}") { name } } # ${'{'.repeat(50)}`,
    'BAD_USER_INPUT',
  ],
  ['3,000 levels of nesting', `{ ${'clusters { '.repeat(3000)} name ${'} '.repeat(3000)} }`, 'QUERY_TOO_DEEP'],
  ['unicode garbage', '{ \u{1F600} }', 'GRAPHQL_PARSE_FAILED'],
  ['NUL in document', '{ regions \u0000 }', 'GRAPHQL_PARSE_FAILED'],
  ['directive abuse', `{ regions ${'@skip(if: false) '.repeat(50)} }`, 'GRAPHQL_VALIDATION_FAILED'],
];
for (const [name, query, code] of documents) add({ name: `document: ${name}`, request: { query }, code });

// -------------------------------------------------------------------------------------------

test('the suite has at least 200 cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(200);
});

test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  const res = await send(c.request);
  expect(res.status).toBeLessThan(500);
  expect(res.text).not.toContain('INTERNAL_SERVER_ERROR');
  const codes = errorCodes(res.body);
  expect(codes).toContain(c.code);
  if (c.field !== undefined) {
    const fields = payloadErrors(res.body).map((e) => e.field ?? null);
    expect(fields).toContain(c.field);
  }
});

test('nothing changed in EKS, and the gateway still serves', async () => {
  expect(JSON.stringify(await stack.state())).toBe(stateBefore);
  const res = await stack.gql<{ clusters: { nodes: Array<{ name: string }> } }>('{ clusters { nodes { name } } }');
  expect(res.data?.clusters.nodes.map((n) => n.name)).toEqual(['apps', 'eu']);
  expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
});

async function send(request: Case['request']): Promise<{ status: number; text: string; body: unknown }> {
  const init =
    'query' in request
      ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request), search: '' }
      : {
          method: request.method ?? 'POST',
          headers: request.headers ?? {},
          body: request.body,
          search: request.search ?? '',
        };
  const res = await fetch(`${stack.gateway.graphqlUrl}${init.search}`, {
    method: init.method,
    headers: init.headers,
    body: init.body,
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, text, body };
}

interface PayloadError {
  code?: string;
  field?: string | null;
}

/** Top-level error codes plus the codes of every mutation payload's typed errors. */
function errorCodes(body: unknown): string[] {
  const top = ((body as { errors?: Array<{ extensions?: { code?: string } }> } | null)?.errors ?? []).map(
    (e) => e.extensions?.code ?? '',
  );
  return [...top, ...payloadErrors(body).map((e) => e.code ?? '')];
}

function payloadErrors(body: unknown): PayloadError[] {
  const data = (body as { data?: Record<string, { errors?: PayloadError[] } | null> | null } | null)?.data ?? {};
  return Object.values(data ?? {}).flatMap((payload) => payload?.errors ?? []);
}
