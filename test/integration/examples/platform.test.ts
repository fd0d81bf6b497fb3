/**
 * examples/platform/ensure-association.ts against a stack: it creates once however often the
 * connection drops (retrying with the same clientRequestToken), converges an existing association,
 * and reports each typed error with what it carries.
 */
import { DEMO_ADDON_OWNED_ASSOCIATION, DEMO_CLUSTERS, DEMO_MISSING_ROLE_ASSOCIATION } from '../../../src/emulator';
import { role, startStack, type Stack } from '../../helpers/stack';
import { lastJsonLine, runExample } from './run';

let stack: Stack;

beforeAll(async () => {
  // One SDK attempt per EKS call, so each dropped connection reaches the script, which must retry.
  stack = await startStack({ seed: 'demo' }, { EKS_MAX_ATTEMPTS: '1' });
});
afterAll(() => stack.close());
afterEach(() => stack.faults({ rates: {} }));

interface Outcome {
  outcome: 'created' | 'unchanged' | 'updated' | 'rejected';
  id?: string;
  associationId?: string;
  roleArn?: string | null;
  code?: string;
  detail?: Record<string, unknown>;
  requests: number;
}

const { prodPlatform } = DEMO_CLUSTERS;
/** A role of the demo's platform account that was deleted. */
const DELETED_ROLE = DEMO_MISSING_ROLE_ASSOCIATION.roleArn;

function ensure(namespace: string, serviceAccount: string, roleArn: string, extra: string[] = []) {
  return runExample(
    'platform/ensure-association.ts',
    [
      '--cluster',
      prodPlatform.name,
      '--region',
      prodPlatform.region,
      '--namespace',
      namespace,
      '--service-account',
      serviceAccount,
      '--role-arn',
      roleArn,
      '--backoff-ms',
      '5',
      ...extra,
    ],
    stack.gateway.graphqlUrl,
  );
}

async function associationsOf(namespace: string, serviceAccount: string) {
  const state = await stack.state(`?region=${prodPlatform.region}&cluster=${prodPlatform.name}`);
  return (state.clusters[0]?.associations ?? []).filter(
    (a) => a.namespace === namespace && a.serviceAccount === serviceAccount,
  );
}

test('a create whose connection drops after EKS applied it is retried with the same token: one association, the same one', async () => {
  // Fault seed 7 draws, for the first create, a drop after the change is applied; the second goes through.
  await stack.faults({ seed: 7, rates: { CreatePodIdentityAssociation: { drop: 0.5 } } });
  await stack.resetCalls();
  const run = await ensure('payments', 'refunds', role('payments-refunds'));
  expect(run.stderr).toContain('retrying with the same clientRequestToken');
  expect(run.code).toBe(0);
  const result = lastJsonLine<Outcome>(run.stdout);
  // `created`, not `unchanged`: the retry was answered with the first attempt's association
  // (token replay), not refused as ALREADY_EXISTS.
  expect(result).toMatchObject({ outcome: 'created', requests: 2, roleArn: role('payments-refunds') });
  expect((await stack.calls()).CreatePodIdentityAssociation).toBe(2);
  const stored = await associationsOf('payments', 'refunds');
  expect(stored.map((a) => a.associationId)).toEqual([result.associationId]);

  // A re-run of the whole step (same desired state, so the same token) changes nothing.
  const again = lastJsonLine<Outcome>((await ensure('payments', 'refunds', role('payments-refunds'))).stdout);
  expect(again.associationId).toBe(result.associationId);
  expect(await associationsOf('payments', 'refunds')).toHaveLength(1);
});

test('connections dropped before EKS applied anything are retried until one goes through', async () => {
  // Fault seed 8: two drops before applying, then success.
  await stack.faults({ seed: 8, rates: { CreatePodIdentityAssociation: { drop: 0.5 } } });
  const run = await ensure('checkout', 'refunds', role('checkout-refunds'));
  expect(run.code).toBe(0);
  expect(lastJsonLine<Outcome>(run.stdout)).toMatchObject({ outcome: 'created', requests: 3 });
  expect(await associationsOf('checkout', 'refunds')).toHaveLength(1);
});

test('it gives up after --max-attempts retryable faults, with the fault code, and creates nothing', async () => {
  await stack.faults({ seed: 8, rates: { CreatePodIdentityAssociation: { drop: 0.5 } } });
  const run = await ensure('search', 'refunds', role('search-refunds'), ['--max-attempts', '2']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/Gave up: EKS_UNAVAILABLE/);
  expect(await associationsOf('search', 'refunds')).toHaveLength(0);
});

test('an existing association converges: unchanged with the same role, updated to another role', async () => {
  const [existing] = await associationsOf('payments', 'worker');
  expect(existing).toBeDefined();

  const same = await ensure('payments', 'worker', existing?.roleArn as string);
  expect(same.code).toBe(0);
  expect(lastJsonLine<Outcome>(same.stdout)).toMatchObject({
    outcome: 'unchanged',
    associationId: existing?.associationId,
  });

  const changed = await ensure('payments', 'worker', role('payments-worker-v2'));
  expect(changed.code).toBe(0);
  expect(lastJsonLine<Outcome>(changed.stdout)).toMatchObject({
    outcome: 'updated',
    associationId: existing?.associationId,
    roleArn: role('payments-worker-v2'),
  });
  expect((await associationsOf('payments', 'worker')).map((a) => a.roleArn)).toEqual([role('payments-worker-v2')]);
});

test.each([
  ['an invalid namespace', ['Payments', 'refunds', role('x')], 'INVALID_INPUT', { field: 'namespace' }],
  ['a role that does not exist', ['payments', 'audit', DELETED_ROLE], 'INVALID_ROLE', { roleArn: DELETED_ROLE }],
  [
    'a change to an association an add-on manages',
    [DEMO_ADDON_OWNED_ASSOCIATION.namespace, DEMO_ADDON_OWNED_ASSOCIATION.serviceAccount, role('other')],
    'INVALID_REQUEST',
    {},
  ],
] as const)(
  '%s is reported as a typed error with exit status 2',
  async (_, [namespace, serviceAccount, roleArn], code, detail) => {
    const run = await ensure(namespace, serviceAccount, roleArn);
    expect(run.code).toBe(2);
    expect(lastJsonLine<Outcome>(run.stdout)).toMatchObject({ outcome: 'rejected', code, detail });
  },
);

test('a cluster that does not exist is reported with its name and region', async () => {
  const run = await runExample(
    'platform/ensure-association.ts',
    [
      '--cluster',
      'no-such-cluster',
      '--region',
      'eu-west-1',
      '--namespace',
      'a',
      '--service-account',
      'b',
      '--role-arn',
      role('b'),
    ],
    stack.gateway.graphqlUrl,
  );
  expect(run.code).toBe(2);
  expect(lastJsonLine<Outcome>(run.stdout)).toMatchObject({
    outcome: 'rejected',
    code: 'CLUSTER_NOT_FOUND',
    detail: { clusterName: 'no-such-cluster', region: 'eu-west-1' },
  });
});
