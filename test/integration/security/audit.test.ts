/**
 * The audit log: a mutation that reaches EKS leaves an attempt record (written ahead of the
 * mutating call) and an outcome record, linked by attemptId; one refused before any EKS call
 * leaves one outcome record. Records carry the caller, the input (summarised: a session policy
 * only as its hash), the outcome and EKS's request id; appended to a file, or written to stdout.
 */
import fs, { readFileSync, writeFileSync } from 'node:fs';
import { startStack, tempFiles, type Stack } from '../../helpers/stack';
import { CALLERS, POLICY, role, seed, tokenFile } from './fixtures';

const files = tempFiles();
const auditFile = `${files.dir}/audit.jsonl`;
const EARLIER_LINE = '{"note":"written before the gateway started"}\n';
let stack: Stack;

beforeAll(async () => {
  writeFileSync(auditFile, EARLIER_LINE);
  stack = await startStack(
    { seed: seed() },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', tokenFile()),
      AUTH_POLICY_FILE: files.write('policy.json', POLICY),
      AUDIT_LOG: auditFile,
      // One attempt per EKS call, so an injected fault reaches the client.
      EKS_MAX_ATTEMPTS: '1',
    },
    { captureLogs: true },
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
  const [earlier, ...lines] = readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  expect(`${earlier}\n`).toBe(EARLIER_LINE);
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The records one request added: as many as `count`. */
async function recordsOf(count: number, token: string, query: string, variables: Record<string, unknown>) {
  const before = records().length;
  const answer = await stack.gqlAs(token, query, variables);
  const added = records().slice(before);
  expect(added).toHaveLength(count);
  return { answer, added };
}

/** A mutation that reached EKS: its attempt and its outcome, linked. */
async function attemptAndOutcome(token: string, query: string, variables: Record<string, unknown>) {
  const { answer, added } = await recordsOf(2, token, query, variables);
  const [attempt, outcome] = added as [Record<string, unknown>, Record<string, unknown>];
  expect(attempt).toMatchObject({ kind: 'attempt', attemptId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(outcome).toMatchObject({ kind: 'outcome', attemptId: attempt.attemptId, requestId: attempt.requestId });
  expect(outcome).not.toHaveProperty('input');
  return { answer, attempt, outcome };
}

/** A mutation refused before any EKS call: one outcome record, with the input. */
async function refusal(token: string, query: string, variables: Record<string, unknown>) {
  const { answer, added } = await recordsOf(1, token, query, variables);
  expect(added[0]).toMatchObject({ kind: 'outcome', attemptId: null, eksRequestId: null, input: expect.any(Object) });
  return { answer, record: added[0]! };
}

test('the file is appended to, not truncated, and each line is there as soon as the answer is', async () => {
  const { outcome } = await attemptAndOutcome(CALLERS.alice.token, CREATE, { input: input() });
  expect(outcome.outcome).toBe('ok');
});

test("a successful change: the attempt (who, what, the token sent), then its outcome (the new association, EKS's request id)", async () => {
  const { answer, attempt, outcome } = await attemptAndOutcome(CALLERS.alice.token, CREATE, { input: input() });
  const created = (
    answer.body.data as { createPodIdentityAssociation: { podIdentityAssociation: { associationId: string } } }
  ).createPodIdentityAssociation;
  const caller = {
    requestId: answer.headers.get('x-request-id'),
    clientRequestId: null,
    subject: 'alice',
    groups: ['team-payments', 'developers'],
    authenticatedBy: 'tokens',
    operation: 'createPodIdentityAssociation',
    // The input names no account: the change is for the default one, the emulator's own.
    accountId: '000000000000',
  };
  const time = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(attempt).toEqual({
    time,
    kind: 'attempt',
    attemptId: expect.any(String),
    ...caller,
    eksOperation: 'CreatePodIdentityAssociation',
    input: input(),
    clientRequestToken: 'audit-test-1',
  });
  expect(outcome).toEqual({
    time,
    kind: 'outcome',
    attemptId: attempt.attemptId,
    ...caller,
    outcome: 'ok',
    code: null,
    message: null,
    associationId: created.podIdentityAssociation.associationId,
    eksRequestId: expect.stringMatching(/\S/),
  });
});

test('the attempt records the idempotency token actually sent, also when the gateway chose it', async () => {
  const { answer, attempt } = await attemptAndOutcome(
    CALLERS.alice.token,
    `mutation C($input: CreatePodIdentityAssociationInput!) {
    createPodIdentityAssociation(input: $input) { clientRequestToken errors { code } } }`,
    { input: input({ clientRequestToken: undefined }) },
  );
  const sent = (answer.body.data as { createPodIdentityAssociation: { clientRequestToken: string } })
    .createPodIdentityAssociation.clientRequestToken;
  expect(sent).toMatch(/^[0-9a-f-]{36}$/);
  expect(attempt.clientRequestToken).toBe(sent);
  expect(attempt.input).not.toHaveProperty('clientRequestToken');
});

test('a denied change records the refusal once, and no EKS request', async () => {
  const { record } = await refusal(CALLERS.alice.token, CREATE, { input: input({ roleArn: role('admin') }) });
  expect(record).toMatchObject({
    outcome: 'denied',
    code: 'FORBIDDEN',
    message: expect.stringContaining(role('admin')),
    input: input({ roleArn: role('admin') }),
  });
});

test('input refused before any EKS call records the payload error once', async () => {
  const { record } = await refusal(CALLERS.alice.token, CREATE, { input: input({ namespace: 'Not_A_Namespace' }) });
  expect(record).toMatchObject({ outcome: 'error', code: 'INVALID_INPUT' });
});

test("an expected failure from EKS: the attempt, then its payload error with EKS's request id", async () => {
  await stack.gqlAs(CALLERS.alice.token, CREATE, { input: input() });
  const { outcome } = await attemptAndOutcome(CALLERS.alice.token, CREATE, {
    input: input({ clientRequestToken: 'audit-test-2' }),
  });
  expect(outcome).toMatchObject({
    outcome: 'error',
    code: 'ALREADY_EXISTS',
    eksRequestId: expect.stringMatching(/\S/),
  });
});

test('a fault: the attempt, then the fault with its code and the request id the client was given', async () => {
  await stack.faults({ rates: { CreatePodIdentityAssociation: { throttle: 1 } } });
  try {
    const { answer, attempt, outcome } = await attemptAndOutcome(CALLERS.alice.token, CREATE, { input: input() });
    const fault = answer.body.errors?.[0]?.extensions;
    expect(fault?.code).toBe('EKS_THROTTLED');
    expect(attempt.clientRequestToken).toBe(fault?.clientRequestToken);
    expect(outcome).toMatchObject({ outcome: 'fault', code: 'EKS_THROTTLED', eksRequestId: fault?.awsRequestId });
    expect(outcome.eksRequestId).toEqual(expect.stringMatching(/\S/));
  } finally {
    await fetch(`${stack.emulator.url}/_emulator/faults`, { method: 'DELETE' });
  }
});

test('update and delete are recorded with the association they name; a session policy only as its hash', async () => {
  const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}';
  const id = 'a-payapi00000000000';
  const UPDATE =
    'mutation U($input: UpdatePodIdentityAssociationInput!) { updatePodIdentityAssociation(input: $input) { errors { code } } }';
  const update = await attemptAndOutcome(CALLERS.admin.token, UPDATE, {
    input: { clusterName: 'prod-payments', region: 'us-east-1', associationId: id, disableSessionTags: true, policy },
  });
  expect(update.attempt).toMatchObject({
    operation: 'updatePodIdentityAssociation',
    subject: 'admin',
    clientRequestToken: expect.stringMatching(/\S/),
  });
  expect(update.outcome).toMatchObject({ outcome: 'ok', associationId: id });
  expect((update.attempt.input as { policy: string }).policy).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(JSON.stringify([update.attempt, update.outcome])).not.toContain('s3:*');

  const removal = await attemptAndOutcome(CALLERS.admin.token, UPDATE, {
    input: { clusterName: 'prod-payments', region: 'us-east-1', associationId: id, policy: null },
  });
  expect((removal.attempt.input as { policy: null }).policy).toBeNull();

  const deletion = await attemptAndOutcome(
    CALLERS.admin.token,
    'mutation D($input: DeletePodIdentityAssociationInput!) { deletePodIdentityAssociation(input: $input) { errors { code } } }',
    { input: { clusterName: 'prod-payments', region: 'us-east-1', associationId: id } },
  );
  // Delete takes no idempotency token.
  expect(deletion.attempt).toMatchObject({ operation: 'deletePodIdentityAssociation', clientRequestToken: null });
  expect(deletion.outcome).toMatchObject({
    outcome: 'ok',
    associationId: id,
    eksRequestId: expect.stringMatching(/\S/),
  });
});

test("the request id is the gateway's own; a client's x-request-id is recorded beside it", async () => {
  const before = records().length;
  const first = await stack.gqlAs(
    CALLERS.alice.token,
    CREATE,
    { input: input({ namespace: 'Bad_1' }) },
    { 'x-request-id': 'client-trace-7' },
  );
  const second = await stack.gqlAs(
    CALLERS.alice.token,
    CREATE,
    { input: input({ namespace: 'Bad_2' }) },
    { 'x-request-id': 'client-trace-7' },
  );
  const [one, two] = records().slice(before);
  expect(one).toMatchObject({ requestId: first.headers.get('x-request-id'), clientRequestId: 'client-trace-7' });
  expect(two).toMatchObject({ requestId: second.headers.get('x-request-id'), clientRequestId: 'client-trace-7' });
  expect(one!.requestId).not.toBe(two!.requestId);
  expect(one!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  // The gateway's log lines of each request carry both.
  const logged = stack
    .logText()
    .split('\n')
    .filter((l) => l.includes('"clientRequestId":"client-trace-7"'))
    .map((l) => JSON.parse(l) as { reqId: string });
  expect(new Set(logged.map((l) => l.reqId))).toEqual(new Set([one!.requestId, two!.requestId]));
});

test('queries are not audited', async () => {
  const before = records().length;
  await stack.gqlAs(CALLERS.admin.token, '{ clusters { nodes { name } } }');
  expect(records()).toHaveLength(before);
});

test('AUDIT_LOG=stdout writes the same lines to stdout, synchronously; AUTH_MODE=none records the anonymous caller', async () => {
  const written: string[] = [];
  const writeSync = fs.writeSync;
  // The audit log writes to the descriptor itself, not through process.stdout's buffer.
  const spy = jest.spyOn(fs, 'writeSync').mockImplementation(((
    fd: number,
    buffer: Buffer,
    offset: number,
    length: number,
  ) => {
    if (fd !== 1) return (writeSync as (...args: unknown[]) => number)(fd, buffer, offset, length);
    written.push(buffer.subarray(offset, offset + length).toString('utf8'));
    return length;
  }) as typeof fs.writeSync);
  const local = await startStack({ seed: seed() }, { AUDIT_LOG: 'stdout' }, { captureLogs: true });
  try {
    await local.gqlAs(null, CREATE, { input: input() });
  } finally {
    spy.mockRestore();
    await local.close();
  }
  const lines = written.filter((w) => w.startsWith('{"time"')).map((w) => JSON.parse(w) as Record<string, unknown>);
  const caller = { subject: 'anonymous', groups: [], authenticatedBy: 'none' };
  expect(lines).toEqual([
    expect.objectContaining({ kind: 'attempt', ...caller }),
    expect.objectContaining({ kind: 'outcome', ...caller, outcome: 'ok' }),
  ]);
});
