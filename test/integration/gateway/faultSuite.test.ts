/**
 * With throttling, 5xx errors and dropped connections on a fifth of all EKS calls, a client that
 * retries with the same clientRequestToken ends with exactly one association per create, and
 * reads return correct data or explicit errors, never wrong data.
 */
import { role, startStack, type Stack } from '../../helpers/stack';

let stack: Stack;
const CREATES = 200;
const CONCURRENCY = 10;

beforeAll(async () => {
  // Two SDK attempts per call: the SDK still retries, and with a fault on a fifth of all calls
  // about 4% of creates reach the client as a fault, so the client's own retries are exercised
  // in every run (with three attempts a run could pass without any).
  stack = await startStack(
    { seed: { clusters: [{ name: 'faulty', region: 'us-east-1', version: '1.31', addons: [], associations: [] }] } },
    { EKS_MAX_ATTEMPTS: '2' },
  );
  await stack.faults({ seed: 2026, rates: { '*': { throttle: 0.05, server: 0.05, unavailable: 0.05, drop: 0.05 } } });
});
afterAll(() => stack.close());

interface CreateResult {
  data?: {
    createPodIdentityAssociation: {
      podIdentityAssociation: { associationId: string } | null;
      errors: Array<{ code: string }>;
    };
  } | null;
  errors?: Array<{ extensions?: { code?: string; retryable?: boolean } }>;
}

/** What a careful platform client does: retry retryable faults with the same token. */
async function createWithRetries(i: number): Promise<{ associationId: string; attempts: number }> {
  const input = {
    clusterName: 'faulty',
    region: 'us-east-1',
    namespace: `team-${i % 7}`,
    serviceAccount: `svc-${i}`,
    roleArn: role(`svc-${i}`),
    clientRequestToken: `fault-suite-${i}`,
  };
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const res = (await stack.gql(
      'mutation($input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $input) { podIdentityAssociation { associationId } errors { code } } }',
      { input },
    )) as CreateResult;
    const payload = res.data?.createPodIdentityAssociation;
    if (payload?.podIdentityAssociation)
      return { associationId: payload.podIdentityAssociation.associationId, attempts: attempt };
    if (payload && payload.errors.length > 0)
      throw new Error(`create ${i} failed with ${JSON.stringify(payload.errors)}`);
    const fault = res.errors?.[0]?.extensions;
    if (!fault?.retryable) throw new Error(`create ${i} failed without a retryable fault: ${JSON.stringify(res)}`);
  }
  throw new Error(`create ${i} did not succeed in 20 attempts`);
}

test('hundreds of retried creates make exactly one association each', async () => {
  const results: Array<{ associationId: string; attempts: number }> = new Array(CREATES);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CREATES) {
        const i = next;
        next += 1;
        results[i] = await createWithRetries(i);
      }
    }),
  );
  const stats = await fetch(`${stack.emulator.url}/_emulator/stats`).then(
    (r) => r.json() as Promise<{ calls: Record<string, number> }>,
  );
  // Faults really happened: more calls than creates, and some clients had to retry.
  expect(stats.calls.CreatePodIdentityAssociation).toBeGreaterThan(CREATES);
  expect(results.some((r) => r.attempts > 1)).toBe(true);

  await stack.faults({ rates: {} });
  const stored = (await stack.state('?region=us-east-1&cluster=faulty')).clusters[0]?.associations ?? [];
  expect(stored).toHaveLength(CREATES);
  const byAccount = new Map(stored.map((a) => [a.serviceAccount, a.associationId]));
  results.forEach((r, i) => expect(byAccount.get(`svc-${i}`)).toBe(r.associationId));
}, 120_000);

test('reads under faults return correct data or explicit errors, never wrong data', async () => {
  const stored = (await stack.state('?region=us-east-1&cluster=faulty')).clusters[0]?.associations ?? [];
  const roleOf = new Map(stored.map((a) => [a.associationId, a.roleArn]));
  await stack.faults({ seed: 7, rates: { '*': { throttle: 0.05, server: 0.05, unavailable: 0.05, drop: 0.05 } } });
  let correct = 0;
  for (let round = 0; round < 5; round += 1) {
    const res = await stack.gql<{
      cluster: {
        podIdentityAssociations: { nodes: Array<{ associationId: string; roleArn: string | null }> } | null;
      } | null;
    }>(
      '{ cluster(name: "faulty", region: "us-east-1") { podIdentityAssociations(first: 50) { nodes { associationId roleArn } } } }',
    );
    const nodes = res.data?.cluster?.podIdentityAssociations?.nodes;
    if (!nodes) {
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const e of res.errors ?? [])
        expect(['EKS_THROTTLED', 'EKS_UNAVAILABLE', 'EKS_INTERNAL_ERROR']).toContain(e.extensions?.code);
      continue;
    }
    const erroredPaths = new Set((res.errors ?? []).map((e) => JSON.stringify(e.path)));
    nodes.forEach((n, i) => {
      if (n.roleArn === null) {
        expect(erroredPaths.has(JSON.stringify(['cluster', 'podIdentityAssociations', 'nodes', i, 'roleArn']))).toBe(
          true,
        );
      } else {
        expect(n.roleArn).toBe(roleOf.get(n.associationId));
        correct += 1;
      }
    });
  }
  expect(correct).toBeGreaterThan(0);
  await stack.faults({ rates: {} });
}, 120_000);
