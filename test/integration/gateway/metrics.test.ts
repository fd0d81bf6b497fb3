/**
 * `/metrics` in the Prometheus text format: the EKS calls it counts are the ones the emulator
 * saw, by operation, region and outcome; GraphQL operations, HTTP requests and the shared
 * cache are counted too; it can be turned off; and it asks for the same credentials as GraphQL.
 */
import { seedCluster, startStack, tempFiles, type Stack } from '../../helpers/stack';

/** The value of one sample, e.g. value(text, 'eks_calls_total', { operation: 'ListClusters' }); 0 when absent. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return text
    .split('\n')
    .filter((line) => line.startsWith(`eks_pod_identity_gateway_${name}`) && !line.startsWith('#'))
    .filter((line) => {
      const [sample] = line.split(' ');
      const bare = sample?.replace(/\{.*$/, '');
      return bare === `eks_pod_identity_gateway_${name}` && wanted.every((pair) => line.includes(pair));
    })
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function scrape(stack: Stack): Promise<string> {
  const res = await fetch(new URL('/metrics', stack.gateway.url));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

const DETAILED =
  '{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: 5) { nodes { roleArn } } } }';

describe('without the cache', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: { clusters: [seedCluster('apps', 'us-east-1', 20)] } }, { EKS_MAX_ATTEMPTS: '1' });
  });
  afterAll(() => stack.close());
  afterEach(() => stack.faults({ rates: {} }));

  test('EKS calls are counted as the emulator saw them, by operation, region and result', async () => {
    const before = await scrape(stack);
    await stack.resetCalls();
    expect((await stack.gql(DETAILED)).errors).toBeUndefined();
    const after = await scrape(stack);
    const seen = await stack.calls();
    for (const operation of ['ListPodIdentityAssociations', 'DescribePodIdentityAssociation']) {
      const labels = { operation, region: 'us-east-1', result: 'ok' };
      expect(value(after, 'eks_calls_total', labels) - value(before, 'eks_calls_total', labels)).toBe(seen[operation]);
    }
    expect(seen).toMatchObject({ ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: 5 });
    const timed = { operation: 'DescribePodIdentityAssociation' };
    expect(
      value(after, 'eks_call_duration_seconds_count', timed) - value(before, 'eks_call_duration_seconds_count', timed),
    ).toBe(5);
    expect(value(after, 'eks_calls_in_flight', { region: 'us-east-1' })).toBe(0);
  });

  test('a failed call is counted by its kind of error, and its operation as one with errors', async () => {
    const before = await scrape(stack);
    await stack.faults({ seed: 1, rates: { DescribePodIdentityAssociation: { throttle: 1 } } });
    const answer = await stack.gql(DETAILED);
    expect(answer.errors?.[0]?.extensions?.code).toBe('EKS_THROTTLED');
    const after = await scrape(stack);
    const throttled = { operation: 'DescribePodIdentityAssociation', result: 'Throttled' };
    expect(value(after, 'eks_calls_total', throttled) - value(before, 'eks_calls_total', throttled)).toBe(5);
    const withErrors = { type: 'query', result: 'errors' };
    expect(
      value(after, 'graphql_operations_total', withErrors) - value(before, 'graphql_operations_total', withErrors),
    ).toBe(1);
  });

  test('HTTP requests are counted by route and status, with paths outside the routes as "other"', async () => {
    const before = await scrape(stack);
    await fetch(new URL('/no/such/path', stack.gateway.url));
    await fetch(new URL('/healthz', stack.gateway.url));
    await stack.gql('{ regions }');
    const after = await scrape(stack);
    const delta = (labels: Record<string, string>) =>
      value(after, 'http_requests_total', labels) - value(before, 'http_requests_total', labels);
    expect(delta({ route: 'other', method: 'GET', status: '404' })).toBe(1);
    expect(delta({ route: 'health', status: '200' })).toBe(1);
    expect(delta({ route: 'graphql', method: 'POST', status: '200' })).toBe(1);
    // Node.js's own metrics are there too.
    expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});

test('the shared cache counts hits, misses and bypasses', async () => {
  const stack = await startStack(
    { seed: { clusters: [seedCluster('apps', 'us-east-1', 20)] } },
    { CACHE_TTL_MS: '60000' },
  );
  try {
    await stack.gql(DETAILED);
    const first = await scrape(stack);
    await stack.gql(DETAILED);
    const second = await scrape(stack);
    await stack.gql(DETAILED, {}, { 'cache-control': 'no-cache' });
    const third = await scrape(stack);
    // A page of 5: its List and 5 Describes, read from the cache the second time.
    expect(value(first, 'cache_lookups_total', { result: 'miss' })).toBe(6);
    expect(value(second, 'cache_lookups_total', { result: 'hit' })).toBe(6);
    expect(value(third, 'cache_lookups_total', { result: 'bypass' })).toBe(6);
  } finally {
    await stack.close();
  }
});

test('ENABLE_METRICS=false turns /metrics off', async () => {
  const stack = await startStack({}, { ENABLE_METRICS: 'false' });
  try {
    expect((await fetch(new URL('/metrics', stack.gateway.url))).status).toBe(404);
  } finally {
    await stack.close();
  }
});

test('with authentication on, /metrics asks for the same credentials as GraphQL, and the policy\'s "metrics" right or read on everything', async () => {
  const files = tempFiles();
  const token = 'scraper-token-0123456789';
  const stack = await startStack(
    {},
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', {
        tokens: [
          { token, subject: 'prometheus' },
          { token: 'reader-token-0123456789', subject: 'someone-else' },
          { token: 'team-token-012345678901', subject: 'team' },
        ],
      }),
      // The scraper needs no right to any EKS data, only a credential and "metrics".
      AUTH_POLICY_FILE: files.write('policy.json', {
        rules: [
          { subjects: ['someone-else'], actions: ['read'] },
          { subjects: ['team'], actions: ['read'], namespaces: ['team-*'] },
          { subjects: ['prometheus'], actions: ['metrics'] },
        ],
      }),
      AUDIT_LOG: 'off',
    },
    { captureLogs: true },
  );
  try {
    const url = new URL('/metrics', stack.gateway.url);
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    // Who may read only part of the fleet could learn from the counters what others read.
    const team = await fetch(url, { headers: { authorization: 'Bearer team-token-012345678901' } });
    expect(team.status).toBe(403);
    const reader = await fetch(url, { headers: { authorization: 'Bearer reader-token-0123456789' } });
    expect(reader.status).toBe(200);
    const scraper = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(scraper.status).toBe(200);
    expect(await scraper.text()).toContain('eks_pod_identity_gateway_http_requests_total');
  } finally {
    await stack.close();
    files.remove();
  }
});
