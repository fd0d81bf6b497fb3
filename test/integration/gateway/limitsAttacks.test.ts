/**
 * A hostile client's documents, over real HTTP against the gateway and the emulator: each is
 * refused with its own code before any EKS call (or bounded), persisted and batched operations
 * pass the same checks as plain ones, refusals are counted in /metrics, and another client
 * keeps being answered meanwhile. Real clients' documents pass.
 */
import { createHash } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { getIntrospectionQuery } from 'graphql';
import { nonZero, seedCluster, startStack, type Stack } from '../../helpers/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    seed: { clusters: [seedCluster('apps', 'us-east-1', 100), seedCluster('eu', 'eu-west-1', 5)] },
  });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetCalls());

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } & unknown[];
}

async function post(body: unknown, url = stack.gateway.graphqlUrl): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function get(params: Record<string, unknown>, url = stack.gateway.graphqlUrl): Promise<Answer> {
  const search = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  const res = await fetch(`${url}?${search.toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** Asserts a 400 with `code` (and `limit`) and that no EKS call was made. */
async function expectRefused(answer: Answer | Promise<Answer>, code: string, limit?: number) {
  const { status, body } = await answer;
  expect({ status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code });
  if (limit !== undefined) expect(body.errors?.[0]?.extensions?.limit).toBe(limit);
  expect(nonZero(await stack.calls())).toEqual({});
  return body.errors?.[0];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

/** Thirty fragments, each spreading the one before it twice: 2^29 copies of `leaf`. */
function bomb(leaf: string, fragments = 30): string {
  return [
    `query { ...F${fragments - 1} }`,
    `fragment F0 on Query { ${leaf} }`,
    ...Array.from({ length: fragments - 1 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`),
  ].join('\n');
}

/** Three levels of cluster > podIdentityAssociations(first: 40) > nodes, with 29 aliased fields at the bottom. */
function nestedPages(): string {
  const fields = [
    'id',
    'namespace',
    'serviceAccount',
    'associationId',
    'clusterName',
    'region',
    'ownerArn',
    'associationArn',
  ];
  const leaf = Array.from({ length: 29 }, (_, i) => `f${i}: ${fields[i % fields.length]}`).join(' ');
  let level = `podIdentityAssociations(first: 40) { nodes { ${leaf} } }`;
  for (let i = 0; i < 2; i += 1) level = `podIdentityAssociations(first: 40) { nodes { cluster { ${level} } } }`;
  return `{ cluster(name: "apps", region: "us-east-1") { ${level} } }`;
}

/** About 40,000 values (100 x 100 x 4): within MAX_RESULT_FIELDS alone, over it twice in a batch. */
const LARGE_ALLOWED =
  '{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: 100) { nodes { cluster { podIdentityAssociations(first: 100) { nodes { id namespace serviceAccount clusterName } } } } } } }';

const SUMMARY = 'id associationId namespace serviceAccount clusterName region ownerArn associationArn';
const DETAIL = `${SUMMARY} roleArn targetRoleArn externalId disableSessionTags policy createdAt modifiedAt tags { key value } cluster { name }`;

describe('case 1: fragment bombs are refused at once', () => {
  test('the 30-fragment `__typename` bomb is TOO_MANY_FIELDS, counted without expanding it', async () => {
    const error = await expectRefused(post({ query: bomb('__typename') }), 'TOO_MANY_FIELDS', 1500);
    expect(error?.extensions?.actual).toBe(2 ** 29);
  });

  test('its `__schema` variant counts against the introspection allowance, its aliased variant against MAX_ALIASES', async () => {
    await expectRefused(post({ query: bomb('__schema { __typename }') }), 'TOO_MANY_INTROSPECTION_FIELDS', 1000);
    await expectRefused(post({ query: bomb('t: __typename') }), 'TOO_MANY_ALIASES', 30);
    await expectRefused(post({ query: bomb('__type(name: "Query") { name }') }), 'TOO_MANY_INTROSPECTION_FIELDS', 1000);
  });

  test('by GET, in a batch, and in an operation that does not run', async () => {
    await expectRefused(get({ query: bomb('__typename') }), 'TOO_MANY_FIELDS');
    await expectRefused(post([{ query: '{ regions }' }, { query: bomb('__typename') }]), 'TOO_MANY_FIELDS');
    // Validation reads every operation of the document, whichever runs.
    const withIdle = bomb('__typename').replace('query {', 'query Idle {') + '\nquery Runs { regions }';
    await expectRefused(post({ query: withIdle, operationName: 'Runs' }), 'TOO_MANY_REPEATED_FIELDS', 100);
  });
});

describe('case 2: persisted queries pass the same checks as the documents they stand for', () => {
  const wide = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: regions`).join(' ')} }`;
  const cheapAndWide = `query Cheap { regions } query Wide ${wide}`;

  test('registered as Cheap, run as Wide: refused like the plain request (POST and GET)', async () => {
    const registered = await post({ query: cheapAndWide, operationName: 'Cheap', extensions: persisted(cheapAndWide) });
    expect(registered).toEqual({ status: 200, body: { data: { regions: ['us-east-1', 'eu-west-1'] } } });
    const plain = await expectRefused(post({ query: cheapAndWide, operationName: 'Wide' }), 'TOO_MANY_ALIASES', 30);
    const byHash = await expectRefused(
      post({ operationName: 'Wide', extensions: persisted(cheapAndWide) }),
      'TOO_MANY_ALIASES',
      30,
    );
    expect(byHash).toEqual(plain);
    await expectRefused(get({ operationName: 'Wide', extensions: persisted(cheapAndWide) }), 'TOO_MANY_ALIASES', 30);
    await expectRefused(
      post([
        { operationName: 'Cheap', extensions: persisted(cheapAndWide) },
        { operationName: 'Wide', extensions: persisted(cheapAndWide) },
      ]),
      'TOO_MANY_ALIASES',
    );
    // Cheap by hash still runs, by POST and GET.
    expect(await post({ operationName: 'Cheap', extensions: persisted(cheapAndWide) })).toEqual(registered);
    expect(await get({ operationName: 'Cheap', extensions: persisted(cheapAndWide) })).toEqual(registered);
  });

  test('a costly operation behind a cheap registration makes no EKS call', async () => {
    const document =
      'query Cheap { regions } query Costly { clusters(first: 100) { nodes { podIdentityAssociations(first: 100) { nodes { roleArn } } } } }';
    expect((await post({ query: document, operationName: 'Cheap', extensions: persisted(document) })).status).toBe(200);
    await expectRefused(post({ operationName: 'Costly', extensions: persisted(document) }), 'QUERY_TOO_COSTLY', 2000);
    await expectRefused(get({ operationName: 'Costly', extensions: persisted(document) }), 'QUERY_TOO_COSTLY', 2000);
  });

  test('an unknown hash is PERSISTED_QUERY_NOT_FOUND, and Apollo Client registers and then runs by hash', async () => {
    const unknown = await post({ extensions: persisted('{ never sent }') });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const sent: Array<{ method: string; query: boolean }> = [];
    const client = () =>
      new ApolloClient({
        cache: new InMemoryCache(),
        link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
          new HttpLink({
            uri: stack.gateway.graphqlUrl,
            headers: { 'apollo-require-preflight': 'true' },
            fetch: async (input, init) => {
              const url = new URL(String(input));
              sent.push({
                method: init?.method ?? 'GET',
                query: url.searchParams.has('query') || String(init?.body ?? '').includes('"query"'),
              });
              return fetch(input, init);
            },
          }),
        ),
      });
    const query = gql`
      query AppsPage {
        cluster(name: "apps", region: "us-east-1") {
          name
          podIdentityAssociations(first: 3) {
            nodes {
              namespace
            }
          }
        }
      }
    `;
    const first = await client().query({ query });
    expect(first.data).toMatchObject({ cluster: { name: 'apps', podIdentityAssociations: { nodes: [{}, {}, {}] } } });
    // Hash alone first (not found), then the document.
    expect(sent).toEqual([
      { method: 'GET', query: false },
      { method: 'POST', query: true },
    ]);
    const second = await client().query({ query });
    expect(second.data).toEqual(first.data);
    expect(sent.slice(2)).toEqual([{ method: 'GET', query: false }]);
  });
});

describe('case 3: the size of the answer is bounded', () => {
  test('three levels of 40-item pages with 29 aliased fields: RESULT_TOO_LARGE, alone and in a batch of three', async () => {
    const error = await expectRefused(post({ query: nestedPages() }), 'RESULT_TOO_LARGE', 50_000);
    expect(error?.extensions?.actual).toBeGreaterThan(40 ** 3 * 29);
    await expectRefused(
      post([{ query: nestedPages() }, { query: nestedPages() }, { query: nestedPages() }]),
      'RESULT_TOO_LARGE',
      50_000,
    );
  });

  test('a batch whose answers together pass the bound is refused, though each would pass', async () => {
    const error = await expectRefused(
      post([{ query: LARGE_ALLOWED }, { query: LARGE_ALLOWED }]),
      'RESULT_TOO_LARGE',
      50_000,
    );
    expect(error?.message).toMatch(/^The answers of this batch may hold up to \d+ values together/);
    const alone = await post({ query: LARGE_ALLOWED });
    expect(alone.status).toBe(200);
    expect(alone.body.errors).toBeUndefined();
  });

  test('what portals ask for passes: a detailed page of 100 associations, a clusters page with association pages', async () => {
    const detailed = await post({
      query: `{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: 100) { nodes { ${DETAIL} } } } }`,
    });
    expect(detailed.status).toBe(200);
    expect(detailed.body.errors).toBeUndefined();
    expect(nonZero(await stack.calls())).toEqual({
      ListPodIdentityAssociations: 1,
      DescribePodIdentityAssociation: 100,
    });
    const portal = await post({
      query: `{ clusters(first: 100) { nodes { id name region status version podIdentityAssociations(first: 40) { edges { cursor node { ${SUMMARY} } } pageInfo { hasNextPage endCursor } } } pageInfo { hasNextPage endCursor } } }`,
    });
    expect(portal.status).toBe(200);
    expect(portal.body.errors).toBeUndefined();
  });
});

describe('case 6: introspection has its own allowance, and its aliases count', () => {
  test('1,600 aliased `__schema` are TOO_MANY_ALIASES; a wide introspection tree TOO_MANY_INTROSPECTION_FIELDS', async () => {
    await expectRefused(
      post({ query: `{ ${Array.from({ length: 1600 }, (_, i) => `s${i}: __schema { __typename }`).join(' ')} }` }),
      'TOO_MANY_ALIASES',
      30,
    );
    const tree = [
      '{ __schema { types { ...T7 } } }',
      'fragment T0 on __Type { name }',
      ...Array.from(
        { length: 7 },
        (_, i) =>
          `fragment T${i + 1} on __Type { ofType { ...T${i} } interfaces { ...T${i} } possibleTypes { ...T${i} } }`,
      ),
    ].join('\n');
    await expectRefused(post({ query: tree }), 'TOO_MANY_INTROSPECTION_FIELDS', 1000);
  });

  test("graphql-js's introspection query with every option and GraphiQL's pass", async () => {
    const options = {
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    };
    for (const query of [
      getIntrospectionQuery(options as Parameters<typeof getIntrospectionQuery>[0]),
      getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }),
    ]) {
      const answer = await post({ query, operationName: 'IntrospectionQuery' });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
  });
});

describe('documents that would make validation super-linear are refused before it', () => {
  test('fields merged at one response path: TOO_MANY_REPEATED_FIELDS (fragments and enclosing repeats included)', async () => {
    const repeats = `{ ${`cluster(name: "apps", region: "us-east-1") { ${'name '.repeat(20)} }`.repeat(20)} }`;
    const error = await expectRefused(post({ query: repeats }), 'TOO_MANY_REPEATED_FIELDS', 100);
    expect(error?.extensions?.actual).toBe(400);
    const throughFragments = `{ node(id: "x") { ${Array.from({ length: 101 }, (_, i) => `...F${i}`).join(' ')} } } ${Array.from({ length: 101 }, (_, i) => `fragment F${i} on Cluster { id }`).join(' ')}`;
    await expectRefused(post({ query: throughFragments }), 'TOO_MANY_REPEATED_FIELDS', 100);
  });

  test('Relay-style documents, many fragments each selecting `id`, pass', async () => {
    const fragments = Array.from(
      { length: 60 },
      (_, i) => `fragment F${i} on Cluster { id name ${i % 2 ? 'region' : 'version'} }`,
    );
    const query = `query Page { clusters(first: 5) { edges { cursor node { id ${Array.from({ length: 60 }, (_, i) => `...F${i}`).join(' ')} } } } } ${fragments.join(' ')}`;
    const answer = await post({ query });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  test('thousands of directives or variables', async () => {
    await expectRefused(
      post({ query: `{ ${'regions @include(if: true) '.repeat(1200)} }` }),
      'TOO_MANY_DIRECTIVES',
      500,
    );
    await expectRefused(
      post({ query: `query(${Array.from({ length: 2400 }, (_, i) => `$v${i}: Int`).join(' ')}) { regions }` }),
      'TOO_MANY_VARIABLES',
      200,
    );
  });

  test('many operations each re-walking a big fragment: TOO_MANY_FRAGMENT_VISITS', async () => {
    const big = `fragment B on Query { clusters { nodes { id name region arn status version platformVersion endpoint createdAt oidcIssuer tags { key value } podIdentityAssociations { nodes { ${DETAIL} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`;
    const query = `${Array.from({ length: 1000 }, (_, i) => `query Q${i} { ...B }`).join(' ')} ${big}`;
    await expectRefused(post({ query, operationName: 'Q1' }), 'TOO_MANY_FRAGMENT_VISITS', 20_000);
  });

  test('what no single rule foresees is bounded by the validation budget: DOCUMENT_TOO_COMPLEX', async () => {
    // A chain of unused fragments: validation compares each one's fields with every fragment after it.
    const chain = `{ regions } ${Array.from({ length: 400 }, (_, i) => `fragment F${i} on Query { x${i}: regions ${i < 399 ? `...F${i + 1}` : ''} }`).join(' ')}`;
    await expectRefused(post({ query: chain }), 'DOCUMENT_TOO_COMPLEX', 100_000);
  });
});

describe('the hard cap on the serialized answer', () => {
  let small: Stack;
  beforeAll(async () => {
    small = await startStack(
      { seed: { clusters: [seedCluster('apps', 'us-east-1', 100)] } },
      { MAX_RESPONSE_BYTES: '4096' },
    );
  });
  afterAll(() => small.close());

  test('an answer over MAX_RESPONSE_BYTES is RESPONSE_TOO_LARGE, alone and for a batch together', async () => {
    const page =
      '{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: 100) { nodes { id } } } }';
    const big = await post({ query: page }, small.gateway.graphqlUrl);
    expect(big.status).toBe(400);
    expect(big.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      limit: 4096,
      actual: expect.any(Number),
    });
    const half =
      '{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: 30) { nodes { id } } } }';
    const one = await post({ query: half }, small.gateway.graphqlUrl);
    expect(one.status).toBe(200);
    const batch = await post([{ query: half }, { query: half }], small.gateway.graphqlUrl);
    expect(batch.status).toBe(400);
    expect(batch.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
  });
});

describe('every limit is set by its variable', () => {
  let strict: Stack;
  beforeAll(async () => {
    strict = await startStack(
      { seed: { clusters: [seedCluster('apps', 'us-east-1', 3)] } },
      {
        MAX_INTROSPECTION_FIELDS: '3',
        MAX_REPEATED_FIELDS: '2',
        MAX_DIRECTIVES: '1',
        MAX_VARIABLES: '1',
        MAX_FRAGMENT_VISITS: '2',
        MAX_DOCUMENT_STEPS: '40',
        MAX_RESULT_FIELDS: '20',
        PERSISTED_QUERIES_CACHE_MB: '0',
      },
    );
  });
  afterAll(() => strict.close());

  test.each([
    ['{ __schema { queryType { name } mutationType { name } } }', 'TOO_MANY_INTROSPECTION_FIELDS', 3],
    ['{ regions regions regions }', 'TOO_MANY_REPEATED_FIELDS', 2],
    ['{ regions @include(if: true) @skip(if: false) }', 'TOO_MANY_DIRECTIVES', 1],
    ['query($a: Int, $b: Int) { regions }', 'TOO_MANY_VARIABLES', 1],
    ['query A { ...R } query B { ...R } fragment R on Query { regions __typename }', 'TOO_MANY_FRAGMENT_VISITS', 2],
    [`{ ${Array.from({ length: 25 }, (_, i) => `a${i}: regions`).join(' ')} }`, 'DOCUMENT_TOO_COMPLEX', 40],
    ['{ clusters(first: 10) { nodes { name region } } }', 'RESULT_TOO_LARGE', 20],
  ])('%s is %s', async (query, code, limit) => {
    const answer = await post(
      { query, operationName: query.startsWith('query A') ? 'A' : undefined },
      strict.gateway.graphqlUrl,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code, limit });
  });

  test('PERSISTED_QUERIES_CACHE_MB=0 turns automatic persisted queries off', async () => {
    const answer = await post(
      { query: '{ regions }', extensions: persisted('{ regions }') },
      strict.gateway.graphqlUrl,
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});

describe('refusals are counted in /metrics by code', () => {
  function count(text: string, code: string): number {
    const line = text.split('\n').find((l) => l.startsWith(`eks_pod_identity_gateway_refusals_total{code="${code}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  test('each refusal of the HTTP layer and of the limits shows under its code', async () => {
    const scrape = async () => (await fetch(`${stack.gateway.url}/metrics`)).text();
    const before = await scrape();
    const requests: Array<[string, () => Promise<unknown>]> = [
      ['TOO_MANY_FIELDS', () => post({ query: bomb('__typename') })],
      [
        'TOO_MANY_ALIASES',
        () =>
          post({
            operationName: 'Wide',
            query: `query Wide { ${Array.from({ length: 31 }, (_, i) => `a${i}: regions`).join(' ')} }`,
          }),
      ],
      ['RESULT_TOO_LARGE', () => post({ query: nestedPages() })],
      ['TOO_MANY_DIRECTIVES', () => post({ query: `{ ${'regions @include(if: true) '.repeat(600)} }` })],
      ['QUERY_TOO_DEEP', () => post({ query: `{ ${'clusters { '.repeat(3000)} }` })],
      ['DOCUMENT_TOO_LARGE', () => post({ query: `{ regions } #${'x'.repeat(100_001)}` })],
      ['BATCH_TOO_LARGE', () => post(Array.from({ length: 11 }, () => ({ query: '{ regions }' })))],
      [
        'PAYLOAD_TOO_LARGE',
        () =>
          fetch(stack.gateway.graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: `{ regions } #${'x'.repeat(1_100_000)}` }),
          }),
      ],
    ];
    for (const [, send] of requests) await send();
    const after = await scrape();
    for (const [code] of requests)
      expect({ code, counted: count(after, code) - count(before, code) }).toEqual({ code, counted: 1 });
  });
});

describe('another client keeps being answered while one sends the worst documents', () => {
  test('interleaved answers for the second client, refusals for the first, no 500', async () => {
    const worst: Array<() => Promise<Answer>> = [
      () => post({ query: bomb('__typename') }),
      () => post({ query: bomb('__schema { __typename }') }),
      () => post({ query: bomb('t: __typename') }),
      () => post([{ query: nestedPages() }, { query: nestedPages() }, { query: nestedPages() }]),
      () =>
        post({
          operationName: 'Wide',
          extensions: persisted(
            `query Cheap { regions } query Wide { ${Array.from({ length: 200 }, (_, i) => `a${i}: regions`).join(' ')} }`,
          ),
        }),
      () =>
        post({
          query: `{ ${'cluster(name: "apps", region: "us-east-1") { name name name name name name name name name name } '.repeat(40)} }`,
        }),
      () =>
        post({
          query: `{ regions } ${Array.from({ length: 400 }, (_, i) => `fragment F${i} on Query { x${i}: regions ${i < 399 ? `...F${i + 1}` : ''} }`).join(' ')}`,
        }),
      // The largest answer the limits let through, executed.
      () => post({ query: LARGE_ALLOWED }),
    ];
    let attacking = true;
    const attacker = (async () => {
      const statuses: number[] = [];
      for (let round = 0; round < 5; round += 1) {
        const answers = await Promise.all(worst.map((send) => send()));
        statuses.push(...answers.map((a) => a.status));
      }
      attacking = false;
      return statuses;
    })();
    let answeredDuringAttack = 0;
    const victimStatuses: number[] = [];
    for (let i = 0; i < 200 && attacking; i += 1) {
      const res = await fetch(stack.gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ cluster(name: "eu", region: "eu-west-1") { name } }' }),
      });
      victimStatuses.push(res.status);
      expect(await res.json()).toEqual({ data: { cluster: { name: 'eu' } } });
      if (attacking) answeredDuringAttack += 1;
    }
    const statuses = await attacker;
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5 * (worst.length - 1));
    expect(victimStatuses.every((s) => s === 200)).toBe(true);
    expect(answeredDuringAttack).toBeGreaterThanOrEqual(3);
  });
});
