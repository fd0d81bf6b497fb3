/**
 * The per-region limiter serves callers fairly. One caller floods the gateway with batched
 * requests of Describe calls for made-up ids (the shared cache bypassed), with the document
 * limits raised so that they let it through; the region has two slots and each Describe takes
 * 50 ms at the emulator. Another caller's one-call query, and the flooding caller's own small
 * request, are answered while the flood still has almost all of its calls to make: counted by
 * the emulator, not timed. Bulk work (a background job's) waits for interactive work.
 */
import { EksCallRunner } from '../../../src/eks/callRunner';
import { EksClientPool } from '../../../src/eks/clients';
import { PodIdentityService } from '../../../src/eks/podIdentityService';
import { associationId as nodeId } from '../../../src/graphql/ids';
import { metricValue, pollUntil, scrapeMetrics } from '../../helpers/metrics';
import { seedCluster, startStack, tempFiles, type Stack } from '../../helpers/stack';

const TOKENS = { flood: 'flood-token-0123456789', other: 'other-token-0123456789' };
const ALIASES = 5;
const IDS_PER_ALIAS = 50;
const OPERATIONS_PER_REQUEST = 2;
const REQUESTS = 2;
const FLOOD_CALLS = REQUESTS * OPERATIONS_PER_REQUEST * ALIASES * IDS_PER_ALIAS;
/** Draining the flood's thousand calls through two slots takes seconds on a busy machine. */
const FLOOD_TEST_TIMEOUT_MS = 90_000;

let stack: Stack;
const files = tempFiles();

beforeAll(async () => {
  stack = await startStack(
    { seed: { clusters: [seedCluster('apps', 'us-east-1', 1)] } },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', {
        tokens: [
          { token: TOKENS.flood, subject: 'flood', groups: [] },
          { token: TOKENS.other, subject: 'other', groups: [] },
        ],
      }),
      AUTH_POLICY_FILE: files.write('policy.json', { rules: [{ subjects: ['flood', 'other'], actions: ['read'] }] }),
      AUDIT_LOG: 'off',
      LOG_LEVEL: 'warn',
      GATEWAY_REGIONS: 'us-east-1',
      EKS_MAX_CONCURRENCY: '2',
      EKS_MAX_ATTEMPTS: '1',
      // The document limits and the caller's budget let the flood through: fairness alone is tested.
      MAX_EKS_CALLS_PER_OPERATION: '100000',
      MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: '0',
    },
    { captureLogs: true },
  );
}, 60_000);
afterAll(async () => {
  await stack.close();
  files.remove();
});
afterEach(() => stack.faults({ operationLatencyMs: {} }));

/** One operation of the flood: ALIASES x nodes(ids:) of IDS_PER_ALIAS distinct made-up ids. */
function floodOperation(first: number) {
  const variables: Record<string, string[]> = {};
  const fields: string[] = [];
  for (let alias = 0; alias < ALIASES; alias += 1) {
    variables[`i${alias}`] = Array.from({ length: IDS_PER_ALIAS }, (_, i) => {
      const n = first + alias * IDS_PER_ALIAS + i;
      return nodeId({
        accountId: '000000000000',
        region: 'us-east-1',
        clusterName: 'apps',
        associationId: `a-${String(n).padStart(17, '0')}`,
      });
    });
    fields.push(`n${alias}: nodes(ids: $i${alias}) { id }`);
  }
  const parameters = Object.keys(variables)
    .map((name) => `$${name}: [ID!]!`)
    .join(', ');
  return { query: `query Flood(${parameters}) { ${fields.join(' ')} }`, variables };
}

/** Sends the flood: REQUESTS batched requests, each of OPERATIONS_PER_REQUEST operations. */
function flood(offset: number): Array<Promise<Response>> {
  return Array.from({ length: REQUESTS }, (_, r) =>
    fetch(stack.gateway.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKENS.flood}`,
        'cache-control': 'no-cache',
      },
      body: JSON.stringify(
        Array.from({ length: OPERATIONS_PER_REQUEST }, (_, o) =>
          floodOperation(offset + (r * OPERATIONS_PER_REQUEST + o) * ALIASES * IDS_PER_ALIAS),
        ),
      ),
    }),
  );
}

const queued = async () =>
  metricValue(await scrapeMetrics(stack.gateway.url, TOKENS.other), 'eks_calls_queued', { region: 'us-east-1' });
const describes = async () => (await stack.calls()).DescribePodIdentityAssociation ?? 0;

/** Floods, checks `whileFlooding` once the flood is queued, then lets the flood drain and checks its answers. */
async function duringFlood(offset: number, whileFlooding: () => Promise<void>): Promise<void> {
  await stack.resetCalls();
  await stack.faults({ operationLatencyMs: { DescribePodIdentityAssociation: 50 } });
  const requests = flood(offset);
  expect(await pollUntil(queued, (n) => n >= FLOOD_CALLS * 0.9)).toBeGreaterThanOrEqual(FLOOD_CALLS * 0.9);
  await whileFlooding();
  // Let the rest of the flood through at full speed.
  await stack.faults({ operationLatencyMs: {} });
  for (const response of await Promise.all(requests)) {
    expect(response.status).toBe(200);
    const answers = (await response.json()) as Array<{ data?: Record<string, unknown[]>; errors?: unknown[] }>;
    expect(answers).toHaveLength(OPERATIONS_PER_REQUEST);
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.n0).toHaveLength(IDS_PER_ALIAS);
    }
  }
  expect(await describes()).toBe(FLOOD_CALLS);
  expect(await queued()).toBe(0);
}

test(
  "another caller's one-call query is answered while the flood still has almost all its calls to make",
  async () => {
    await duringFlood(0, async () => {
      const answer = await stack.gqlAs<{ clusters: { nodes: Array<{ name: string }> } }>(
        TOKENS.other,
        '{ clusters(first: 5) { nodes { name } } }',
      );
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.clusters.nodes).toEqual([{ name: 'apps' }]);
      // First in, first out, the query would have waited for all of the flood's calls.
      expect(await describes()).toBeLessThan(FLOOD_CALLS / 10);
    });
  },
  FLOOD_TEST_TIMEOUT_MS,
);

test(
  "the flooding caller's own small request is not starved by its huge ones",
  async () => {
    await duringFlood(FLOOD_CALLS, async () => {
      const answer = await stack.gqlAs(TOKENS.flood, '{ clusters(first: 5) { nodes { name } } }', undefined, {
        'cache-control': 'no-cache',
      });
      expect(answer.body.errors).toBeUndefined();
      expect(await describes()).toBeLessThan(FLOOD_CALLS / 10);
    });
  },
  FLOOD_TEST_TIMEOUT_MS,
);

test('bulk work waits for interactive work: a background job does not delay the requests', async () => {
  // The EKS layer as a background job would use it: its own scope, of the bulk priority.
  const clients = new EksClientPool({
    endpoint: stack.emulator.url,
    credentialsFor: () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
    maxSockets: 1,
    maxAttempts: 1,
    requestTimeoutMs: 10_000,
    retryMode: 'standard',
  });
  const runner = new EksCallRunner(clients, 1);
  const job = new PodIdentityService(runner, {
    caller: 'inventory-sync',
    priority: 'bulk',
    signal: null,
    timeoutMs: null,
  });
  const request = new PodIdentityService(runner, {
    caller: 'alice',
    priority: 'interactive',
    signal: null,
    timeoutMs: null,
  });
  try {
    await stack.resetCalls();
    await stack.faults({ operationLatencyMs: { DescribePodIdentityAssociation: 50 } });
    const sweep = Array.from({ length: 30 }, (_, i) =>
      job.describeAssociation({
        accountId: '000000000000',
        region: 'us-east-1',
        clusterName: 'apps',
        associationId: `a-${String(i).padStart(17, '9')}`,
      }),
    );
    expect(await pollUntil(describes, (n) => n >= 1)).toBe(1);
    const page = await request.listClusters({ accountId: '000000000000', region: 'us-east-1' }, 10, null);
    expect(page.items).toEqual(['apps']);
    // The job's first call was running; its next waited for the request's.
    expect(await describes()).toBeLessThanOrEqual(2);
    await stack.faults({ operationLatencyMs: {} });
    expect(await Promise.all(sweep)).toEqual(Array.from({ length: 30 }, () => null));
  } finally {
    clients.destroy();
  }
});
