/**
 * The guarantees of the audit log over real HTTP, against the emulator: no change is sent that
 * its attempt record could not be written for; the SDK's retries of a call are one attempt;
 * and a flood of refused mutations writes a small, bounded log.
 */
import { readFileSync, statSync } from 'node:fs';
import { mutatingCalls, startStack, tempFiles, type Stack } from '../../helpers/stack';
import { aid, CALLERS, POLICY, role, seed, tokenFile } from './fixtures';

const files = tempFiles();
afterAll(() => files.remove());

const tokenEnv = () => ({
  AUTH_MODE: 'tokens',
  AUTH_TOKENS_FILE: files.write('tokens.json', tokenFile()),
  AUTH_POLICY_FILE: files.write('policy.json', POLICY),
});

const CREATE = `mutation C($input: CreatePodIdentityAssociationInput!) {
  createPodIdentityAssociation(input: $input) { podIdentityAssociation { associationId } errors { code } } }`;
const input = (extra: Record<string, unknown> = {}) => ({
  clusterName: 'prod-payments',
  region: 'us-east-1',
  namespace: 'payments',
  serviceAccount: 'write-ahead',
  roleArn: role('payments-write-ahead'),
  ...extra,
});

function readRecords(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('an audit log that cannot be written', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Every write to /dev/full fails with ENOSPC, as on a full disk.
    stack = await startStack({ seed: seed() }, { ...tokenEnv(), AUDIT_LOG_FILE: '/dev/full' }, { captureLogs: true });
  });
  afterAll(() => stack.close());

  test.each([
    ['create', CREATE, input()],
    [
      'update',
      'mutation U($input: UpdatePodIdentityAssociationInput!) { updatePodIdentityAssociation(input: $input) { errors { code } } }',
      {
        clusterName: 'prod-payments',
        region: 'us-east-1',
        associationId: aid('payapi'),
        roleArn: role('payments-other'),
      },
    ],
    [
      'delete',
      'mutation D($input: DeletePodIdentityAssociationInput!) { deletePodIdentityAssociation(input: $input) { errors { code } } }',
      { clusterName: 'prod-payments', region: 'us-east-1', associationId: aid('payapi') },
    ],
  ])('stops a %s before it is sent: AUDIT_UNAVAILABLE, and EKS changed nothing', async (_name, query, variables) => {
    await stack.resetCalls();
    const answer = await stack.gqlAs(CALLERS.admin.token, query, { input: variables });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('The audit log could not record this change, so it was not sent to EKS'),
        extensions: { code: 'AUDIT_UNAVAILABLE', retryable: true },
      }),
    ]);
    expect(mutatingCalls(await stack.calls())).toBe(0);
    expect(stack.logText()).toContain('Could not write to the audit log');
    expect(stack.logText()).toContain('ENOSPC');
  });

  test('the association is as it was', async () => {
    const answer = await stack.gqlAs<{ podIdentityAssociation: { roleArn: string } | null }>(
      CALLERS.admin.token,
      `{ podIdentityAssociation(clusterName: "prod-payments", associationId: "${aid('payapi')}", region: "us-east-1") { roleArn } }`,
    );
    expect(answer.body.data?.podIdentityAssociation).toEqual({ roleArn: role('payments-api') });
  });

  test('a refusal before any EKS call still answers as always (its record is only lost)', async () => {
    const answer = await stack.gqlAs<{ createPodIdentityAssociation: { errors: Array<{ code: string }> } }>(
      CALLERS.alice.token,
      CREATE,
      {
        input: input({ roleArn: role('admin') }),
      },
    );
    expect(answer.body.data?.createPodIdentityAssociation.errors).toEqual([{ code: 'FORBIDDEN' }]);
  });
});

describe('the SDK retrying a call', () => {
  let stack: Stack;
  const auditFile = `${files.dir}/retries.jsonl`;
  beforeAll(async () => {
    stack = await startStack(
      { seed: seed() },
      { ...tokenEnv(), AUDIT_LOG_FILE: auditFile, EKS_MAX_ATTEMPTS: '3' },
      { captureLogs: true },
    );
  });
  afterAll(() => stack.close());

  test('is one attempt: one attempt record and one outcome, though EKS got the call twice', async () => {
    // With this seed the first Create is throttled and the second goes through.
    await stack.faults({ seed: 8, rates: { CreatePodIdentityAssociation: { throttle: 0.5 } } });
    const answer = await stack.gqlAs<{
      createPodIdentityAssociation: { podIdentityAssociation: { associationId: string } | null };
    }>(CALLERS.alice.token, CREATE, { input: input({ clientRequestToken: 'retried-once' }) });
    const created = answer.body.data?.createPodIdentityAssociation.podIdentityAssociation;
    expect(created).toEqual({ associationId: expect.stringMatching(/^a-/) });
    expect((await stack.calls()).CreatePodIdentityAssociation).toBe(2);
    const records = readRecords(auditFile);
    expect(records).toEqual([
      expect.objectContaining({ kind: 'attempt', clientRequestToken: 'retried-once' }),
      expect.objectContaining({
        kind: 'outcome',
        attemptId: records[0]?.attemptId,
        outcome: 'ok',
        associationId: created?.associationId,
      }),
    ]);
  });
});

describe('a flood of refused mutations (the audit amplification case)', () => {
  let stack: Stack;
  const auditFile = `${files.dir}/flood.jsonl`;
  let closed = false;
  beforeAll(async () => {
    stack = await startStack({ seed: seed() }, { ...tokenEnv(), AUDIT_LOG_FILE: auditFile }, { captureLogs: true });
  });
  afterAll(async () => {
    if (!closed) await stack.close();
  });

  // 30 aliased creates (MAX_ALIASES) sharing one variable of 3,500 tags: a request of ~0.8 MB.
  const tags = Array.from({ length: 3_500 }, (_, i) => ({ key: `tag-${i}`.padEnd(60, 'k'), value: 'v'.repeat(150) }));
  const query = `mutation Flood($tags: [TagInput!]) {
    ${Array.from(
      { length: 30 },
      (_, i) => `c${i}: createPodIdentityAssociation(input: {
      clusterName: "prod-payments", region: "us-east-1", namespace: "payments", serviceAccount: "flood-${i}",
      roleArn: "${role(`payments-flood-${i}`)}", tags: $tags }) { errors { code } }`,
    ).join('\n')}
  }`;

  async function flood() {
    const res = await fetch(stack.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CALLERS.alice.token}` },
      body: JSON.stringify({ query, variables: { tags } }),
    });
    const body = (await res.json()) as { data?: Record<string, { errors: Array<{ code: string }> }> };
    expect(res.status).toBe(200);
    expect(Object.values(body.data ?? {}).map((payload) => payload.errors[0]?.code)).toEqual(
      Array(30).fill('INVALID_INPUT'),
    );
  }

  test('writes a bounded summary of each refusal, 60 a minute per caller, then one count of the rest', async () => {
    const requestBytes = Buffer.byteLength(JSON.stringify({ query, variables: { tags } }));
    expect(requestBytes).toBeGreaterThan(750_000);
    await stack.resetCalls();
    await flood();
    await flood();
    const kept = readRecords(auditFile);
    expect(kept).toHaveLength(60);
    for (const record of kept) {
      expect(record).toMatchObject({
        kind: 'outcome',
        attemptId: null,
        subject: 'alice',
        outcome: 'error',
        code: 'INVALID_INPUT',
      });
      expect(record.input).toMatchObject({ tags: { count: 3_500, hash: expect.stringMatching(/^sha256:/) } });
    }
    // Each record is about 700 bytes, where the whole input was 0.8 MB.
    const keptBytes = statSync(auditFile).size;
    expect(keptBytes).toBeLessThan(60 * 1_000);

    // Past the rate, nothing more is written until the window ends...
    await flood();
    expect(statSync(auditFile).size).toBe(keptBytes);
    expect(Object.values(await stack.calls()).reduce((sum, n) => sum + n, 0)).toBe(0);
    // ...or the log closes: then one record says how many were left out.
    closed = true;
    await stack.close();
    const records = readRecords(auditFile);
    expect(records).toHaveLength(61);
    expect(records.at(-1)).toMatchObject({
      kind: 'leftOut',
      subject: 'alice',
      authenticatedBy: 'tokens',
      count: 30,
      limitPerMinute: 60,
    });
    expect(statSync(auditFile).size).toBeLessThan(61 * 1_000);
  });
});
