/**
 * MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: each caller's EKS calls, across all of its requests and
 * the operations of its batches, up to a limit per minute. A call past it is not made: its field
 * is null with RATE_LIMITED (retryable, with a retry-after hint). Answers from the shared cache
 * are free, other callers keep their own allowance, and every refusal is counted in /metrics.
 * The limit is 10 a minute, so the allowance refills by one call in 6 s: more than these tests take.
 */
import { associationId as nodeId } from '../../../src/graphql/ids';
import { metricValue, scrapeMetrics } from '../../helpers/metrics';
import { seedCluster, startStack, tempFiles, type Stack } from '../../helpers/stack';

const TOKENS = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789' };
const LIMIT = 10;

let stack: Stack;
let ids: string[];
const files = tempFiles();

beforeAll(async () => {
  stack = await startStack(
    { seed: { clusters: [seedCluster('apps', 'us-east-1', 20)] } },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', {
        tokens: [
          { token: TOKENS.alice, subject: 'alice', groups: [] },
          { token: TOKENS.bob, subject: 'bob', groups: [] },
        ],
      }),
      AUTH_POLICY_FILE: files.write('policy.json', { rules: [{ subjects: ['alice', 'bob'], actions: ['read'] }] }),
      AUDIT_LOG: 'off',
      LOG_LEVEL: 'warn',
      GATEWAY_REGIONS: 'us-east-1',
      CACHE_TTL_MS: '600000',
      MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: String(LIMIT),
    },
    { captureLogs: true },
  );
  const state = (await (await fetch(`${stack.emulator.url}/_emulator/state`)).json()) as {
    clusters: Array<{ associations: Array<{ associationId: string }> }>;
  };
  ids = state.clusters[0]!.associations.map((a) =>
    nodeId({ accountId: '000000000000', region: 'us-east-1', clusterName: 'apps', associationId: a.associationId }),
  );
}, 60_000);
afterAll(async () => {
  await stack.close();
  files.remove();
});

const NODES = 'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on PodIdentityAssociation { roleArn } } }';

interface Answer {
  data?: { nodes: Array<{ id: string } | null> } | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

async function batch(token: string, idLists: string[][], headers: Record<string, string> = {}): Promise<Answer[]> {
  const res = await fetch(stack.gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(idLists.map((list) => ({ query: NODES, variables: { ids: list } }))),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer[];
}

const describes = async () => (await stack.calls()).DescribePodIdentityAssociation ?? 0;
const refusals = async () =>
  metricValue(await scrapeMetrics(stack.gateway.url, TOKENS.bob), 'refusals_total', { code: 'RATE_LIMITED' });
const answered = (answers: Answer[]) =>
  answers.flatMap((a) => a.data?.nodes ?? []).filter((n): n is { id: string } => n !== null);
const errorsOf = (answers: Answer[]) => answers.flatMap((a) => a.errors ?? []);

test('a caller past its limit gets RATE_LIMITED for the calls not made; other callers, and cached answers, are not affected', async () => {
  await stack.resetCalls();
  const refusedBefore = await refusals();

  // Two operations of six Describes each: alone each fits the limit; together, in one batch, they do not.
  const first = await batch(TOKENS.alice, [ids.slice(0, 6), ids.slice(6, 12)]);
  expect(answered(first)).toHaveLength(LIMIT);
  const refused = errorsOf(first);
  expect(refused).toHaveLength(12 - LIMIT);
  for (const error of refused) {
    expect(error.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      limit: LIMIT,
      eksOperation: 'DescribePodIdentityAssociation',
    });
    expect(error.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    expect(error.extensions?.retryAfterSeconds as number).toBeGreaterThanOrEqual(1);
    expect(error.extensions?.retryAfterSeconds as number).toBeLessThanOrEqual(60 / LIMIT);
    expect(error.message).toMatch(/limit of 10 EKS calls per minute \(MAX_EKS_CALLS_PER_CALLER_PER_MINUTE\)/);
    expect(error.path).toEqual(['nodes', expect.any(Number)]);
  }
  expect(await describes()).toBe(LIMIT);

  // A later request of the same caller: the allowance is the caller's, not the request's.
  const later = await batch(TOKENS.alice, [ids.slice(12, 14)], { 'cache-control': 'no-cache' });
  expect(answered(later)).toHaveLength(0);
  expect(errorsOf(later).map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  expect(await describes()).toBe(LIMIT);

  // What the cache holds costs nothing: the associations alice was answered, read again.
  const cachedIds = answered(first).map((n) => n.id);
  const cached = await batch(TOKENS.alice, [cachedIds]);
  expect(errorsOf(cached)).toEqual([]);
  expect(answered(cached).map((n) => n.id)).toEqual(cachedIds);
  expect(await describes()).toBe(LIMIT);

  // Bob has his own allowance, even for fresh reads.
  const bob = await batch(TOKENS.bob, [ids.slice(14, 18)], { 'cache-control': 'no-cache' });
  expect(errorsOf(bob)).toEqual([]);
  expect(answered(bob)).toHaveLength(4);
  expect(await describes()).toBe(LIMIT + 4);

  expect((await refusals()) - refusedBefore).toBe(12 - LIMIT + 2);
});
