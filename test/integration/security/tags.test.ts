/**
 * Tag changes under the policy, over real HTTP against the emulator: `tag` (given by `update`
 * too) lets a caller change tags and nothing else; a denied tag change makes no mutating EKS
 * call; what the caller may not read does not exist for it; and each mutating call of a tag
 * change is recorded ahead of it, under its mutation's one attemptId.
 */
import { MUTATING_OPERATIONS } from '../../../src/emulator/model';
import { withinEstimate } from '../../helpers/estimates';
import { nonZero, startStack, tempFiles, type Stack } from '../../helpers/stack';
import { aid, CALLERS, POLICY, role, seed, tokenFile } from './fixtures';

let stack: Stack;
const files = tempFiles();
const auditFile = `${files.dir}/audit.jsonl`;
const LABELLER = { token: 'labeller-token-0123456', subject: 'labeller', groups: [] as string[] };

beforeAll(async () => {
  const policy = {
    rules: [
      ...POLICY.rules,
      {
        description: 'Labels payments associations, binds nothing',
        subjects: ['labeller'],
        actions: ['read', 'tag'],
        clusters: ['prod-payments'],
        namespaces: ['payments'],
      },
    ],
  };
  const tokens = tokenFile();
  stack = await startStack(
    { seed: seed() },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', { tokens: [...tokens.tokens, LABELLER] }),
      AUTH_POLICY_FILE: files.write('policy.json', policy),
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

const payApi = { clusterName: 'prod-payments', region: 'us-east-1', associationId: aid('payapi') };
const billing = { clusterName: 'prod-payments', region: 'us-east-1', associationId: aid('billing') };

interface Payload {
  podIdentityAssociation: { tags: Array<{ key: string; value: string }>; roleArn: string } | null;
  errors: Array<{ code: string; message: string }>;
}

async function run(
  token: string,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
): Promise<Payload> {
  const answer = await stack.gqlAs<{ result: Payload }>(
    token,
    `mutation M($input: ${inputType}!) { result: ${mutation}(input: $input) { podIdentityAssociation { roleArn tags { key value } } errors { code message } } }`,
    { input },
  );
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.result;
}

const tag = (token: string, input: Record<string, unknown>) =>
  run(token, 'tagPodIdentityAssociation', 'TagPodIdentityAssociationInput', input);
const untag = (token: string, input: Record<string, unknown>) =>
  run(token, 'untagPodIdentityAssociation', 'UntagPodIdentityAssociationInput', input);
const update = (token: string, input: Record<string, unknown>) =>
  run(token, 'updatePodIdentityAssociation', 'UpdatePodIdentityAssociationInput', input);

const mutating = async () =>
  Object.entries(await stack.calls())
    .filter(([name]) => MUTATING_OPERATIONS.has(name as never))
    .reduce((n, [, c]) => n + c, 0);

test('a rule with tag alone lets its caller tag and untag, but not change the role', async () => {
  const tagged = await tag(LABELLER.token, { ...payApi, tags: [{ key: 'cost-centre', value: '42' }] });
  expect(tagged.errors).toEqual([]);
  expect(tagged.podIdentityAssociation?.tags).toEqual([{ key: 'cost-centre', value: '42' }]);
  const untagged = await untag(LABELLER.token, { ...payApi, tagKeys: ['cost-centre'] });
  expect(untagged.podIdentityAssociation?.tags).toEqual([]);
  await stack.resetCalls();
  const rebind = await update(LABELLER.token, { ...payApi, roleArn: role('payments-api-v2') });
  expect(rebind.errors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
  expect(await mutating()).toBe(0);
});

test('update gives tag: the payments team tags its own associations, in update and on its own', async () => {
  const viaUpdate = await update(CALLERS.alice.token, { ...payApi, tags: [{ key: 'team', value: 'payments' }] });
  expect(viaUpdate.errors).toEqual([]);
  const viaTag = await tag(CALLERS.alice.token, { ...payApi, tags: [{ key: 'stage', value: 'prod' }] });
  expect(viaTag.podIdentityAssociation?.tags).toEqual([
    { key: 'stage', value: 'prod' },
    { key: 'team', value: 'payments' },
  ]);
});

test('read alone is not tag: FORBIDDEN, and no mutating call', async () => {
  for (const [token, target] of [
    [CALLERS.auditor.token, payApi],
    [CALLERS.alice.token, billing],
    [LABELLER.token, billing],
  ] as const) {
    await stack.resetCalls();
    const answer = await tag(token, { ...target, tags: [{ key: 'x', value: 'y' }] });
    expect(answer.errors.map((e) => e.code)).toEqual(
      target === billing && token === LABELLER.token ? ['ASSOCIATION_NOT_FOUND'] : ['FORBIDDEN'],
    );
    expect(await mutating()).toBe(0);
  }
});

test('what the caller may not read does not exist for it', async () => {
  // Mallory sees no cluster at all: the answer is the one for a cluster that does not exist.
  const answer = await untag(CALLERS.mallory.token, { ...payApi, tagKeys: ['x'] });
  expect(answer.errors.map((e) => e.code)).toEqual(['CLUSTER_NOT_FOUND']);
  expect(await mutating()).toBe(0);
});

test('an update of role and tags writes an attempt record ahead of each mutating call, all under one attemptId', async () => {
  await tag(CALLERS.admin.token, { ...payApi, tags: [{ key: 'old', value: '1' }] });
  const before = stack.auditRecords().length;
  const answer = await update(CALLERS.admin.token, {
    ...payApi,
    roleArn: role('payments-api-v2'),
    tags: [{ key: 'new', value: '2' }],
  });
  expect(answer.errors).toEqual([]);
  const added = stack.auditRecords().slice(before);
  expect(added.map((r) => [r.kind, r.eksOperation])).toEqual([
    ['attempt', 'UpdatePodIdentityAssociation'],
    ['attempt', 'UntagResource'],
    ['attempt', 'TagResource'],
    ['outcome', undefined],
  ]);
  const ids = new Set(added.map((r) => r.attemptId));
  expect(ids.size).toBe(1);
  expect(added[3]).toMatchObject({
    operation: 'updatePodIdentityAssociation',
    outcome: 'ok',
    associationId: aid('payapi'),
  });
});

test('under a namespace-limited rule, the Describe that reads the current tags also answers the policy', async () => {
  const perCall = (mutation: string, inputType: string, input: Record<string, unknown>) => {
    const query = `mutation M($input: ${inputType}!) { result: ${mutation}(input: $input) { errors { code } } }`;
    return withinEstimate(stack, { query, variables: { input } }, 2, () =>
      stack.gqlAs<{ result: Payload }>(LABELLER.token, query, { input }),
    );
  };
  const tagged = await perCall('tagPodIdentityAssociation', 'TagPodIdentityAssociationInput', {
    ...payApi,
    tags: [{ key: 'stage', value: 'prod' }],
  });
  expect(tagged.body.data?.result.errors).toEqual([]);
  expect(nonZero(await stack.calls())).toEqual({
    DescribePodIdentityAssociation: 1,
    TagResource: 1,
    ListTagsForResource: 1,
  });

  const untagged = await perCall('untagPodIdentityAssociation', 'UntagPodIdentityAssociationInput', {
    ...payApi,
    tagKeys: ['stage'],
  });
  expect(untagged.body.data?.result.errors).toEqual([]);
  expect(nonZero(await stack.calls())).toEqual({
    DescribePodIdentityAssociation: 1,
    UntagResource: 1,
    ListTagsForResource: 1,
  });

  // Alice may update (and so tag) the payments namespace: the policy's Describe before the
  // update is the only one, however many tag calls follow.
  const query = `mutation M($input: UpdatePodIdentityAssociationInput!) { result: updatePodIdentityAssociation(input: $input) { errors { code } } }`;
  const input = { ...payApi, roleArn: role('payments-api-v2'), tags: [{ key: 'team', value: 'payments' }] };
  const updated = await withinEstimate(stack, { query, variables: { input } }, 2, () =>
    stack.gqlAs<{ result: Payload }>(CALLERS.alice.token, query, { input }),
  );
  expect(updated.body.data?.result.errors).toEqual([]);
  expect(nonZero(await stack.calls())).toEqual({
    DescribePodIdentityAssociation: 1,
    UpdatePodIdentityAssociation: 1,
    TagResource: 1,
    ListTagsForResource: 1,
  });
});
