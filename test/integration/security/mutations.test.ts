/**
 * Every mutation for callers of the policy, over real HTTP against the emulator: allowed changes
 * happen; denied ones answer a typed FORBIDDEN payload error and make no mutating EKS call (a
 * create none at all, an update or delete one Describe at most, to learn the namespace); role
 * and target role limits hold; and each attempt leaves its audit record.
 */
import { associationId } from '../../../src/graphql/ids';
import { mutatingCalls, startStack, tempFiles, type Stack } from '../../helpers/stack';
import {
  aid,
  ASSOCIATIONS,
  CALLERS,
  OTHER_ACCOUNT_ADMIN,
  POLICY,
  role,
  seed,
  tokenFile,
  type CallerName,
} from './fixtures';

let stack: Stack;
const files = tempFiles();
const auditFile = `${files.dir}/audit.jsonl`;

beforeAll(async () => {
  stack = await startStack(
    { seed: seed() },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', tokenFile()),
      AUTH_POLICY_FILE: files.write('policy.json', POLICY),
      AUDIT_LOG_FILE: auditFile,
    },
    { captureLogs: true },
  );
});
afterAll(async () => {
  await stack.close();
  files.remove();
});
beforeEach(() => stack.resetState());

type Operation = 'create' | 'update' | 'delete';
const MUTATION: Record<Operation, string> = {
  create: 'createPodIdentityAssociation(input: $input)',
  update: 'updatePodIdentityAssociation(input: $input)',
  delete: 'deletePodIdentityAssociation(input: $input)',
};
const INPUT_TYPE: Record<Operation, string> = {
  create: 'CreatePodIdentityAssociationInput',
  update: 'UpdatePodIdentityAssociationInput',
  delete: 'DeletePodIdentityAssociationInput',
};

interface Payload {
  podIdentityAssociation: {
    associationId: string;
    namespace: string;
    roleArn: string;
    targetRoleArn: string | null;
  } | null;
  errors: Array<{ __typename: string; code: string; message: string; deniedRoleArn?: string | null }>;
}

async function mutate(caller: CallerName, operation: Operation, input: Record<string, unknown>): Promise<Payload> {
  const answer = await stack.gqlAs<Record<string, Payload>>(
    CALLERS[caller].token,
    `mutation M($input: ${INPUT_TYPE[operation]}!) { result: ${MUTATION[operation]} {
      podIdentityAssociation { associationId namespace roleArn targetRoleArn }
      errors { __typename code message ... on ForbiddenError { deniedRoleArn } } } }`,
    { input },
  );
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.result!;
}

const byName = (name: string) => {
  const a = ASSOCIATIONS.find((x) => x.id === aid(name));
  if (!a) throw new Error(`No fixture ${name}`);
  return { clusterName: a.cluster, region: a.region, associationId: a.id };
};
/** The node id of an association of the gateway's own account (the emulator's default). */
const nodeIdOf = (key: { clusterName: string; region: string; associationId: string }) =>
  associationId({ accountId: '000000000000', ...key });
const create = (cluster: string, namespace: string, roleArn: string, extra: Record<string, unknown> = {}) => ({
  clusterName: cluster,
  region: cluster.endsWith('-eu') ? 'eu-west-1' : 'us-east-1',
  namespace,
  serviceAccount: 'new-sa',
  roleArn,
  ...extra,
});

interface Case {
  name: string;
  caller: CallerName;
  operation: Operation;
  input: Record<string, unknown>;
  /**
   * `ok`; `forbidden`, with the EKS calls allowed before the refusal; or `hidden`: an association
   * the caller may neither read nor change is not found, as one that does not exist.
   */
  expect: { outcome: 'ok' } | { outcome: 'forbidden'; roleArn?: string; describes: 0 | 1 } | { outcome: 'hidden' };
}

const CASES: Case[] = [
  // create
  {
    name: 'admin creates anywhere',
    caller: 'admin',
    operation: 'create',
    input: create('prod-search', 'search', role('search-new')),
    expect: { outcome: 'ok' },
  },
  {
    name: 'admin may chain to another account',
    caller: 'admin',
    operation: 'create',
    input: create('dev-sandbox', 'sandbox', role('sandbox-new'), { targetRoleArn: OTHER_ACCOUNT_ADMIN }),
    expect: { outcome: 'ok' },
  },
  {
    name: 'alice creates in her namespace with her role',
    caller: 'alice',
    operation: 'create',
    input: create('prod-payments', 'payments', role('payments-new')),
    expect: { outcome: 'ok' },
  },
  {
    name: 'alice creates in her namespace of the eu cluster',
    caller: 'alice',
    operation: 'create',
    input: create('prod-payments-eu', 'payments', role('payments-eu-new')),
    expect: { outcome: 'ok' },
  },
  {
    name: 'alice may only read billing',
    caller: 'alice',
    operation: 'create',
    input: create('prod-payments', 'billing', role('payments-new')),
    expect: { outcome: 'forbidden', describes: 0 },
  },
  {
    name: "alice may not bind another team's role",
    caller: 'alice',
    operation: 'create',
    input: create('prod-payments', 'payments', role('billing-invoicer')),
    expect: { outcome: 'forbidden', roleArn: role('billing-invoicer'), describes: 0 },
  },
  {
    name: 'alice may not bind an admin role',
    caller: 'alice',
    operation: 'create',
    input: create('prod-payments', 'payments', role('admin')),
    expect: { outcome: 'forbidden', roleArn: role('admin'), describes: 0 },
  },
  {
    name: 'alice may not chain to a role outside her list',
    caller: 'alice',
    operation: 'create',
    input: create('prod-payments', 'payments', role('payments-new'), { targetRoleArn: OTHER_ACCOUNT_ADMIN }),
    expect: { outcome: 'forbidden', roleArn: OTHER_ACCOUNT_ADMIN, describes: 0 },
  },
  {
    name: 'alice has nothing in the search cluster',
    caller: 'alice',
    operation: 'create',
    input: create('prod-search', 'payments', role('payments-new')),
    expect: { outcome: 'forbidden', describes: 0 },
  },
  {
    name: 'the auditor only reads',
    caller: 'auditor',
    operation: 'create',
    input: create('dev-sandbox', 'sandbox', role('sandbox-new')),
    expect: { outcome: 'forbidden', describes: 0 },
  },
  {
    name: 'the search bot only reads',
    caller: 'searchBot',
    operation: 'create',
    input: create('prod-search', 'search', role('search-new')),
    expect: { outcome: 'forbidden', describes: 0 },
  },
  {
    name: 'mallory has no rule',
    caller: 'mallory',
    operation: 'create',
    input: create('dev-sandbox', 'sandbox', role('sandbox-new')),
    expect: { outcome: 'forbidden', describes: 0 },
  },
  // update
  {
    name: 'alice changes her association to another of her roles',
    caller: 'alice',
    operation: 'update',
    input: { ...byName('payapi'), roleArn: role('payments-api-v2') },
    expect: { outcome: 'ok' },
  },
  {
    name: 'alice updates by node id',
    caller: 'alice',
    operation: 'update',
    input: { id: nodeIdOf(byName('payworker')), roleArn: role('payments-worker-v2') },
    expect: { outcome: 'ok' },
  },
  {
    name: 'alice may not switch to a role outside her list',
    caller: 'alice',
    operation: 'update',
    input: { ...byName('payapi'), roleArn: role('shared-admin') },
    expect: { outcome: 'forbidden', roleArn: role('shared-admin'), describes: 1 },
  },
  {
    name: 'alice may not add a target role outside her list',
    caller: 'alice',
    operation: 'update',
    input: { ...byName('payapi'), targetRoleArn: OTHER_ACCOUNT_ADMIN },
    expect: { outcome: 'forbidden', roleArn: OTHER_ACCOUNT_ADMIN, describes: 1 },
  },
  {
    name: 'alice may not loosen an association bound to a role she may not bind',
    caller: 'alice',
    operation: 'update',
    input: { ...byName('paylegacy'), disableSessionTags: true },
    expect: { outcome: 'forbidden', roleArn: role('shared-legacy'), describes: 1 },
  },
  {
    name: 'alice may not update in billing',
    caller: 'alice',
    operation: 'update',
    input: { ...byName('billing'), roleArn: role('payments-x') },
    expect: { outcome: 'forbidden', describes: 1 },
  },
  {
    name: 'alice may not update in a cluster where she has nothing',
    caller: 'alice',
    operation: 'update',
    input: { ...byName('indexer'), roleArn: role('payments-x') },
    expect: { outcome: 'forbidden', describes: 0 },
  },
  {
    name: 'the auditor may not update',
    caller: 'auditor',
    operation: 'update',
    input: { ...byName('payapi'), roleArn: role('payments-x') },
    expect: { outcome: 'forbidden', describes: 0 },
  },
  {
    name: 'admin updates anything',
    caller: 'admin',
    operation: 'update',
    input: { ...byName('indexer'), roleArn: role('search-indexer-v2') },
    expect: { outcome: 'ok' },
  },
  // delete
  {
    name: 'alice deletes in her namespace',
    caller: 'alice',
    operation: 'delete',
    input: byName('payworker'),
    expect: { outcome: 'ok' },
  },
  {
    name: 'alice may not delete in billing',
    caller: 'alice',
    operation: 'delete',
    input: byName('billing'),
    expect: { outcome: 'forbidden', describes: 1 },
  },
  {
    name: 'alice may not delete in kube-system, which she cannot read: not found',
    caller: 'alice',
    operation: 'delete',
    input: { id: nodeIdOf(byName('agent')) },
    expect: { outcome: 'hidden' },
  },
  {
    name: 'alice may not update in kube-system, which she cannot read: not found',
    caller: 'alice',
    operation: 'update',
    input: { ...byName('agent'), roleArn: role('payments-x') },
    expect: { outcome: 'hidden' },
  },
  {
    name: 'the search bot may not delete',
    caller: 'searchBot',
    operation: 'delete',
    input: byName('indexer'),
    expect: { outcome: 'forbidden', describes: 0 },
  },
  {
    name: 'mallory may not delete',
    caller: 'mallory',
    operation: 'delete',
    input: byName('payapi'),
    expect: { outcome: 'forbidden', describes: 0 },
  },
  {
    name: 'admin deletes anything',
    caller: 'admin',
    operation: 'delete',
    input: byName('toy'),
    expect: { outcome: 'ok' },
  },
];

const MUTATING_OPERATION: Record<Operation, string> = {
  create: 'CreatePodIdentityAssociation',
  update: 'UpdatePodIdentityAssociation',
  delete: 'DeletePodIdentityAssociation',
};

test.each(CASES)('$name', async ({ caller, operation, input, expect: expected }) => {
  const auditedBefore = stack.auditRecords().length;
  const payload = await mutate(caller, operation, input);
  const calls = await stack.calls();
  const audit = stack.auditRecords().slice(auditedBefore);
  // A change that reached EKS: its attempt (with the input), then its outcome; a refusal: one record.
  expect(audit).toHaveLength(expected.outcome === 'ok' ? 2 : 1);
  const [first, record] = [audit[0]!, audit.at(-1)!];
  const who = {
    subject: CALLERS[caller].subject,
    groups: [...CALLERS[caller].groups],
    authenticatedBy: 'tokens',
    operation: `${operation}PodIdentityAssociation`,
  };
  expect(first).toMatchObject({ ...who, input });
  expect(record).toMatchObject({ ...who, kind: 'outcome' });

  if (expected.outcome === 'ok') {
    expect(payload.errors).toEqual([]);
    expect(payload.podIdentityAssociation).not.toBeNull();
    expect(calls[MUTATING_OPERATION[operation]]).toBe(1);
    expect(first).toMatchObject({ kind: 'attempt', attemptId: record.attemptId });
    expect(record).toMatchObject({
      outcome: 'ok',
      code: null,
      associationId: payload.podIdentityAssociation!.associationId,
      eksRequestId: expect.any(String),
    });
    return;
  }
  expect(payload.podIdentityAssociation).toBeNull();
  if (expected.outcome === 'hidden') {
    expect(payload.errors).toEqual([
      {
        __typename: 'AssociationNotFoundError',
        code: 'ASSOCIATION_NOT_FOUND',
        message: `No association ${aid('agent')} exists in cluster "prod-payments" (us-east-1).`,
      },
    ]);
    expect(mutatingCalls(calls)).toBe(0);
    expect(record).toMatchObject({ outcome: 'error', code: 'ASSOCIATION_NOT_FOUND', eksRequestId: null });
    return;
  }
  expect(payload.errors).toEqual([
    {
      __typename: 'ForbiddenError',
      code: 'FORBIDDEN',
      message: expect.stringContaining(`"${CALLERS[caller].subject}"`),
      deniedRoleArn: expected.roleArn ?? null,
    },
  ]);
  expect(mutatingCalls(calls)).toBe(0);
  const total = Object.values(calls).reduce((sum, n) => sum + n, 0);
  expect({ total, describes: calls.DescribePodIdentityAssociation }).toEqual({
    total: expected.describes,
    describes: expected.describes,
  });
  expect(record).toMatchObject({
    attemptId: null,
    outcome: 'denied',
    code: 'FORBIDDEN',
    message: payload.errors[0]!.message,
    eksRequestId: null,
  });
});

test('a denied update or delete leaves the association as it was', async () => {
  await mutate('alice', 'update', { ...byName('billing'), roleArn: role('payments-x') });
  await mutate('alice', 'delete', byName('billing'));
  const answer = await stack.gqlAs<{ podIdentityAssociation: { roleArn: string } | null }>(
    CALLERS.admin.token,
    `{ podIdentityAssociation(clusterName: "prod-payments", associationId: "${aid('billing')}", region: "us-east-1") { roleArn } }`,
  );
  expect(answer.body.data?.podIdentityAssociation).toEqual({ roleArn: role('billing-invoicer') });
});

test('an association that does not exist is ASSOCIATION_NOT_FOUND, with no mutating call', async () => {
  const payload = await mutate('alice', 'update', {
    clusterName: 'prod-payments',
    region: 'us-east-1',
    associationId: aid('missing'),
    roleArn: role('payments-x'),
  });
  expect(payload.errors.map((e) => e.code)).toEqual(['ASSOCIATION_NOT_FOUND']);
  expect(mutatingCalls(await stack.calls())).toBe(0);
});

test('an unauthenticated mutation answers 401, runs nothing and is not audited as a caller', async () => {
  const before = stack.auditRecords().length;
  for (const token of [null, 'sha256:0000', 'an-unknown-token-1234567']) {
    const answer = await stack.gqlAs(
      token,
      'mutation { deletePodIdentityAssociation(input: { id: "x" }) { errors { code } } }',
    );
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="eks-pod-identity-gateway"/);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
  expect(Object.values(await stack.calls()).every((n) => n === 0)).toBe(true);
  expect(stack.auditRecords()).toHaveLength(before);
});
