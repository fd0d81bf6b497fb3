/**
 * Timeouts that hold, against an emulator that stalls one operation for a minute (its
 * operationLatencyMs fault) while it answers the others at once:
 * - EKS_REQUEST_TIMEOUT_MS ends each attempt, and the SDK retries within EKS_MAX_ATTEMPTS, so
 *   16 stalled calls do not keep a call the backend answers at once waiting for the stall;
 * - REQUEST_TIMEOUT_MS ends a request: its fields still waiting answer REQUEST_TIMEOUT, its calls
 *   still queued leave the limiter unsent, its calls in flight are aborted and free their slots;
 * - a mutation cut in flight says it may have been applied, and that a retry with its
 *   clientRequestToken is safe.
 * Every stall is a minute, twice the test timeout: a call that waited for it would fail the test.
 */
import { EksCallRunner, type CallScope } from '../../../src/eks/callRunner';
import { EksClientPool } from '../../../src/eks/clients';
import { RequestTimedOut } from '../../../src/eks/deadline';
import { PodIdentityService } from '../../../src/eks/podIdentityService';
import { clientFacingError } from '../../../src/graphql/errors';
import { associationId as nodeId } from '../../../src/graphql/ids';
import { metricValue, pollUntil, scrapeMetrics } from '../../helpers/metrics';
import { role, seedCluster, startStack, type Stack } from '../../helpers/stack';

const STALL_MS = 60_000;

/** Node ids of `count` associations that do not exist: a Describe each. */
function madeUpIds(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) =>
    nodeId({
      accountId: '000000000000',
      region: 'us-east-1',
      clusterName: 'apps',
      associationId: `a-${String(from + i).padStart(17, '0')}`,
    }),
  );
}

const NODES = 'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }';
const CLUSTERS = '{ clusters(first: 5) { nodes { name } } }';

async function describes(stack: Stack): Promise<number> {
  return (await stack.calls()).DescribePodIdentityAssociation ?? 0;
}

describe('EKS_REQUEST_TIMEOUT_MS ends each attempt', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(
      { seed: { clusters: [seedCluster('apps', 'us-east-1', 1)] } },
      // 16 slots (the default), all of which the stalled calls take.
      { GATEWAY_REGIONS: 'us-east-1', EKS_REQUEST_TIMEOUT_MS: '300', EKS_MAX_ATTEMPTS: '2' },
    );
  });
  afterAll(() => stack.close());

  test('16 stalled calls end at the timeout, retried once each, and a call EKS answers at once is not kept waiting', async () => {
    await stack.faults({ operationLatencyMs: { DescribePodIdentityAssociation: STALL_MS } });
    await stack.resetCalls();
    const stalled = stack.gql(NODES, { ids: madeUpIds(16) });
    // All 16 slots of the region are taken by stalled calls.
    expect(
      await pollUntil(
        () => describes(stack),
        (n) => n >= 16,
      ),
    ).toBeGreaterThanOrEqual(16);

    const quick = await stack.gql<{ clusters: { nodes: Array<{ name: string }> } }>(CLUSTERS);
    expect(quick.errors).toBeUndefined();
    expect(quick.data?.clusters.nodes).toEqual([{ name: 'apps' }]);

    const answer = await stalled;
    expect(answer.errors).toHaveLength(16);
    for (const error of answer.errors ?? []) {
      expect(error.extensions).toMatchObject({
        code: 'EKS_UNAVAILABLE',
        retryable: true,
        awsErrorName: 'TimeoutError',
      });
    }
    // Each call: its first attempt ended at the timeout, and the SDK's retry did too.
    expect(await stack.calls()).toMatchObject({ DescribePodIdentityAssociation: 32, ListClusters: 1 });
    const metrics = await scrapeMetrics(stack.gateway.url);
    expect(metricValue(metrics, 'eks_calls_in_flight', { region: 'us-east-1' })).toBe(0);
    expect(
      metricValue(metrics, 'eks_calls_total', { operation: 'DescribePodIdentityAssociation', result: 'Unavailable' }),
    ).toBe(16);
  });
});

describe('REQUEST_TIMEOUT_MS ends the request', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(
      { seed: { clusters: [seedCluster('apps', 'us-east-1', 1)] } },
      // The attempt timeout is longer than the stall: only the request's deadline ends the calls.
      {
        GATEWAY_REGIONS: 'us-east-1',
        EKS_MAX_CONCURRENCY: '2',
        EKS_REQUEST_TIMEOUT_MS: '120000',
        REQUEST_TIMEOUT_MS: '1000',
      },
    );
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetCalls());
  afterEach(() => stack.faults({ operationLatencyMs: {} }));

  test('fields still waiting answer REQUEST_TIMEOUT; queued calls are never sent, calls in flight free their slots', async () => {
    await stack.faults({ operationLatencyMs: { DescribePodIdentityAssociation: STALL_MS } });
    const before = await scrapeMetrics(stack.gateway.url);
    const answer = await stack.gql<{ nodes: unknown[] }>(NODES, { ids: madeUpIds(5) });
    expect(answer.data?.nodes).toEqual([null, null, null, null, null]);
    expect(answer.errors).toHaveLength(5);
    for (const error of answer.errors ?? []) {
      expect(error.extensions).toMatchObject({
        code: 'REQUEST_TIMEOUT',
        retryable: true,
        timeoutMs: 1000,
        eksOperation: 'DescribePodIdentityAssociation',
      });
      expect(error.message).toMatch(/time limit of 1000 ms \(REQUEST_TIMEOUT_MS\)/);
    }
    // Two calls took the two slots; the other three left the queue unsent.
    expect(await describes(stack)).toBe(2);
    const after = await scrapeMetrics(stack.gateway.url);
    const delta = (name: string, labels: Record<string, string>) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(metricValue(after, 'eks_calls_in_flight', { region: 'us-east-1' })).toBe(0);
    expect(metricValue(after, 'eks_calls_queued', { region: 'us-east-1' })).toBe(0);
    expect(delta('eks_calls_total', { operation: 'DescribePodIdentityAssociation', result: 'Aborted' })).toBe(2);
    expect(delta('refusals_total', { code: 'REQUEST_TIMEOUT' })).toBe(5);

    // The slots are free: the next request is answered at once.
    const next = await stack.gql(CLUSTERS);
    expect(next.errors).toBeUndefined();
    expect((await stack.calls()).ListClusters).toBe(1);
  });

  test('a mutation cut in flight may have been applied, and says that retrying with its clientRequestToken is safe', async () => {
    await stack.faults({ operationLatencyMs: { CreatePodIdentityAssociation: STALL_MS } });
    const input = {
      clusterName: 'apps',
      region: 'us-east-1',
      namespace: 'late',
      serviceAccount: 'api',
      roleArn: role('late-api'),
      clientRequestToken: 'late-api-1',
    };
    const mutation = `mutation C($input: CreatePodIdentityAssociationInput!) {
      createPodIdentityAssociation(input: $input) { clientRequestToken podIdentityAssociation { namespace serviceAccount } errors { code } }
    }`;
    const cut = await stack.gql(mutation, { input });
    expect(cut.errors).toHaveLength(1);
    const [error] = cut.errors ?? [];
    expect(error?.extensions).toMatchObject({
      code: 'REQUEST_TIMEOUT',
      retryable: true,
      mayHaveBeenApplied: true,
      clientRequestToken: 'late-api-1',
      eksOperation: 'CreatePodIdentityAssociation',
    });
    expect(error?.message).toMatch(/may have been applied/);
    expect(error?.message).toMatch(/same clientRequestToken \(late-api-1\) is safe/);

    await stack.faults({ operationLatencyMs: {} });
    const retried = await stack.gql<{
      createPodIdentityAssociation: { podIdentityAssociation: unknown; errors: unknown[] };
    }>(mutation, { input });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.createPodIdentityAssociation).toMatchObject({
      podIdentityAssociation: { namespace: 'late', serviceAccount: 'api' },
      errors: [],
    });
    const state = await stack.state('?region=us-east-1&cluster=apps');
    expect(state.clusters[0]?.associations?.filter((a) => a.namespace === 'late')).toHaveLength(1);
  });

  test('a mutation the deadline takes out of the queue was never sent, and says nothing was changed', async () => {
    // The EKS layer alone, on its own client and limiter of one slot, so that the test decides
    // when each deadline passes.
    await stack.faults({ operationLatencyMs: { DescribePodIdentityAssociation: STALL_MS } });
    const clients = new EksClientPool({
      endpoint: stack.emulator.url,
      credentialsFor: () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
      maxSockets: 1,
      maxAttempts: 1,
      requestTimeoutMs: 120_000,
      retryMode: 'standard',
    });
    const runner = new EksCallRunner(clients, 1);
    const scope = (signal: AbortSignal): CallScope => ({
      caller: 'alice',
      priority: 'interactive',
      signal,
      timeoutMs: 1000,
    });
    try {
      const reader = new AbortController();
      const writer = new AbortController();
      const read = new PodIdentityService(runner, scope(reader.signal)).describeAssociation({
        accountId: '000000000000',
        region: 'us-east-1',
        clusterName: 'apps',
        associationId: 'a-00000000000000000',
      });
      read.catch(() => {});
      expect(
        await pollUntil(
          () => describes(stack),
          (n) => n >= 1,
        ),
      ).toBe(1);
      const deletion = new PodIdentityService(runner, scope(writer.signal)).deleteAssociation({
        accountId: '000000000000',
        region: 'us-east-1',
        clusterName: 'apps',
        associationId: 'a-00000000000000001',
      });
      writer.abort(new Error('deadline'));
      const refused = await deletion.then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(RequestTimedOut);
      expect(refused).toMatchObject({
        sent: false,
        operation: 'DeletePodIdentityAssociation',
        mutation: { clientRequestToken: null },
      });
      const facing = clientFacingError(refused);
      expect(facing?.extensions).toMatchObject({ code: 'REQUEST_TIMEOUT', retryable: true, mayHaveBeenApplied: false });
      expect(facing?.message).toMatch(/before DeletePodIdentityAssociation was sent to EKS: nothing was changed/);
      // The read in flight is aborted by its own deadline, and was sent.
      reader.abort(new Error('deadline'));
      await expect(read).rejects.toMatchObject({ sent: true, mutation: null });
      expect(await stack.calls()).toMatchObject({ DescribePodIdentityAssociation: 1, DeletePodIdentityAssociation: 0 });
    } finally {
      clients.destroy();
    }
  });
});
