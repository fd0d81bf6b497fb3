/**
 * The audit log: one JSON line per mutation attempt, whatever its end (ok, denied, an expected
 * error, a fault), with the caller, the input (a session policy only as its hash), the outcome
 * and EKS's request id; appended to a file, or written to stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { startSecureStack, tempFiles, type SecureStack } from '../../helpers/securityStack';
import { CALLERS, POLICY, role, seed, tokenFile } from './fixtures';

const files = tempFiles();
const auditFile = `${files.dir}/audit.jsonl`;
const EARLIER_LINE = '{"note":"written before the gateway started"}\n';
let stack: SecureStack;

beforeAll(async () => {
  writeFileSync(auditFile, EARLIER_LINE);
  stack = await startSecureStack(
    { seed: seed() },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', tokenFile()),
      AUTH_POLICY_FILE: files.write('policy.json', POLICY),
      AUDIT_LOG: auditFile,
      // One attempt per EKS call, so an injected fault reaches the client.
      EKS_MAX_ATTEMPTS: '1',
    },
  );
});
afterAll(async () => {
  await stack.close();
  files.remove();
});
beforeEach(() => stack.resetState());

const CREATE = `mutation C($input: CreatePodIdentityAssociationInput!) {
  createPodIdentityAssociation(input: $input) { podIdentityAssociation { associationId } errors { code } } }`;
const input = (extra: Record<string, unknown> = {}) => ({
  clientMutationId: 'form-1',
  clusterName: 'prod-payments',
  region: 'us-east-1',
  namespace: 'payments',
  serviceAccount: 'audited',
  roleArn: role('payments-audited'),
  clientRequestToken: 'audit-test-1',
  ...extra,
});

function records(): Array<Record<string, unknown>> {
  const [earlier, ...lines] = readFileSync(auditFile, 'utf8').split('\n').filter((l) => l !== '');
  expect(`${earlier}\n`).toBe(EARLIER_LINE);
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function lastRecordOf(token: string, query: string, variables: Record<string, unknown>) {
  const before = records().length;
  const answer = await stack.gql(token, query, variables);
  const added = records().slice(before);
  expect(added).toHaveLength(1);
  return { answer, record: added[0]! };
}

test('the file is appended to, not truncated, and each line is there as soon as the answer is', async () => {
  const { record } = await lastRecordOf(CALLERS.alice.token, CREATE, { input: input() });
  expect(record.outcome).toBe('ok');
});

test('a successful change: who, what, the new association and EKS\'s request id', async () => {
  const { answer, record } = await lastRecordOf(CALLERS.alice.token, CREATE, { input: input() });
  const created = (answer.body.data as { createPodIdentityAssociation: { podIdentityAssociation: { associationId: string } } }).createPodIdentityAssociation;
  expect(record).toEqual({
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    requestId: answer.headers.get('x-request-id'),
    subject: 'alice',
    groups: ['team-payments', 'developers'],
    authenticatedBy: 'tokens',
    operation: 'createPodIdentityAssociation',
    input: input(),
    outcome: 'ok',
    code: null,
    message: null,
    associationId: created.podIdentityAssociation.associationId,
    eksRequestId: expect.stringMatching(/\S/),
  });
});

test('a denied change records the refusal and no EKS request', async () => {
  const { record } = await lastRecordOf(CALLERS.alice.token, CREATE, { input: input({ roleArn: role('admin') }) });
  expect(record).toMatchObject({ outcome: 'denied', code: 'FORBIDDEN', message: expect.stringContaining(role('admin')), eksRequestId: null });
});

test('input refused before any EKS call records the payload error', async () => {
  const { record } = await lastRecordOf(CALLERS.alice.token, CREATE, { input: input({ namespace: 'Not_A_Namespace' }) });
  expect(record).toMatchObject({ outcome: 'error', code: 'INVALID_INPUT', eksRequestId: null });
});

test('an expected failure from EKS records its code and EKS\'s request id', async () => {
  await stack.gql(CALLERS.alice.token, CREATE, { input: input() });
  const { record } = await lastRecordOf(CALLERS.alice.token, CREATE, { input: input({ clientRequestToken: 'audit-test-2' }) });
  expect(record).toMatchObject({ outcome: 'error', code: 'ALREADY_EXISTS', eksRequestId: expect.stringMatching(/\S/) });
});

test('a fault records its code and the request id the client was given', async () => {
  await stack.faults({ rates: { CreatePodIdentityAssociation: { throttle: 1 } } });
  try {
    const { answer, record } = await lastRecordOf(CALLERS.alice.token, CREATE, { input: input() });
    const fault = answer.body.errors?.[0]?.extensions;
    expect(fault?.code).toBe('EKS_THROTTLED');
    expect(record).toMatchObject({ outcome: 'fault', code: 'EKS_THROTTLED', eksRequestId: fault?.awsRequestId });
    expect(record.eksRequestId).toEqual(expect.stringMatching(/\S/));
  } finally {
    await fetch(`${stack.emulator.url}/_emulator/faults`, { method: 'DELETE' });
  }
});

test('update and delete are recorded with the association they name; a session policy only as its hash', async () => {
  const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}';
  const id = 'a-payapi00000000000';
  const update = await lastRecordOf(
    CALLERS.admin.token,
    'mutation U($input: UpdatePodIdentityAssociationInput!) { updatePodIdentityAssociation(input: $input) { errors { code } } }',
    { input: { clusterName: 'prod-payments', region: 'us-east-1', associationId: id, disableSessionTags: true, policy } },
  );
  expect(update.record).toMatchObject({ operation: 'updatePodIdentityAssociation', outcome: 'ok', associationId: id, subject: 'admin' });
  expect((update.record.input as { policy: string }).policy).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(JSON.stringify(update.record)).not.toContain('s3:*');

  const removal = await lastRecordOf(
    CALLERS.admin.token,
    'mutation U($input: UpdatePodIdentityAssociationInput!) { updatePodIdentityAssociation(input: $input) { errors { code } } }',
    { input: { clusterName: 'prod-payments', region: 'us-east-1', associationId: id, policy: null } },
  );
  expect((removal.record.input as { policy: null }).policy).toBeNull();

  const deletion = await lastRecordOf(
    CALLERS.admin.token,
    'mutation D($input: DeletePodIdentityAssociationInput!) { deletePodIdentityAssociation(input: $input) { errors { code } } }',
    { input: { clusterName: 'prod-payments', region: 'us-east-1', associationId: id } },
  );
  expect(deletion.record).toMatchObject({ operation: 'deletePodIdentityAssociation', outcome: 'ok', associationId: id, eksRequestId: expect.stringMatching(/\S/) });
});

test('queries are not audited', async () => {
  const before = records().length;
  await stack.gql(CALLERS.admin.token, '{ clusters { nodes { name } } }');
  expect(records()).toHaveLength(before);
});

test('AUDIT_LOG=stdout writes the same lines to stdout; AUTH_MODE=none records the anonymous caller', async () => {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const local = await startSecureStack({ seed: seed() }, { AUDIT_LOG: 'stdout' });
  try {
    await local.gql(null, CREATE, { input: input() });
  } finally {
    spy.mockRestore();
    await local.close();
  }
  const lines = written.filter((w) => w.startsWith('{"time"')).map((w) => JSON.parse(w) as Record<string, unknown>);
  expect(lines).toEqual([expect.objectContaining({ subject: 'anonymous', groups: [], authenticatedBy: 'none', outcome: 'ok' })]);
});
