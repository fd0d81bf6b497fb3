/**
 * Changing an association's tags through the gateway, over real HTTP, the real SDK and the
 * emulator: tag, untag, the whole tag set of update, what is sent (only what differs), the
 * typed errors, and retries after dropped connections converging on the same tags.
 */
import { nonZero, role, seedCluster, startStack, type Stack } from '../../helpers/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: { clusters: [seedCluster('apps', 'us-east-1', 3)] } });
});
afterAll(() => stack.close());
beforeEach(async () => {
  await stack.faults({ rates: {} });
  await stack.resetCalls();
});

const FIELDS =
  'podIdentityAssociation { associationId roleArn tags { key value } } errors { __typename code message ... on InvalidInputError { field } ... on AssociationNotFoundError { associationId } ... on ClusterNotFoundError { clusterName } }';

interface Payload {
  podIdentityAssociation: {
    associationId: string;
    roleArn: string;
    tags: Array<{ key: string; value: string }>;
  } | null;
  errors: Array<{ __typename: string; code: string; message: string; field?: string | null }>;
}

type Result = {
  payload: Payload | null;
  errors: Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
};

async function mutate(field: string, inputType: string, input: Record<string, unknown>): Promise<Result> {
  const res = await stack.gql<Record<string, Payload>>(
    `mutation M($input: ${inputType}!) { ${field}(input: $input) { ${FIELDS} } }`,
    { input },
  );
  return { payload: res.data?.[field] ?? null, errors: res.errors };
}

const tag = (input: Record<string, unknown>) =>
  mutate('tagPodIdentityAssociation', 'TagPodIdentityAssociationInput', input);
const untag = (input: Record<string, unknown>) =>
  mutate('untagPodIdentityAssociation', 'UntagPodIdentityAssociationInput', input);
const update = (input: Record<string, unknown>) =>
  mutate('updatePodIdentityAssociation', 'UpdatePodIdentityAssociationInput', input);

/** A fresh association of the cluster, with the given tags. */
async function freshAssociation(serviceAccount: string, tags: Record<string, string>): Promise<string> {
  const res = await stack.gql<{ createPodIdentityAssociation: Payload }>(
    `mutation C($input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $input) { ${FIELDS} } }`,
    {
      input: {
        clusterName: 'apps',
        namespace: 'tags',
        serviceAccount,
        roleArn: role('tagged'),
        tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
      },
    },
  );
  const created = res.data?.createPodIdentityAssociation.podIdentityAssociation;
  if (!created) throw new Error(`create failed: ${JSON.stringify(res)}`);
  await stack.resetCalls();
  return created.associationId;
}

/** The tags the emulator holds, from its state. */
async function tagsInEks(associationId: string): Promise<Record<string, string>> {
  const state = (await stack.state()) as unknown as {
    clusters: Array<{
      name: string;
      associations?: Array<{ associationId?: string | null; tags?: Record<string, string> }>;
    }>;
  };
  const association = state.clusters
    .find((c) => c.name === 'apps')
    ?.associations?.find((a) => a.associationId === associationId);
  if (!association) throw new Error(`${associationId} is not in the emulator`);
  return association.tags ?? {};
}

const asMap = (tags: Array<{ key: string; value: string }> | undefined) =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

describe('tagPodIdentityAssociation', () => {
  test('adds and changes tags, keeps the others, and answers the tags EKS holds', async () => {
    const id = await freshAssociation('sa-tag-1', { team: 'a', stage: 'dev' });
    const { payload, errors } = await tag({
      clusterName: 'apps',
      associationId: id,
      tags: [
        { key: 'stage', value: 'prod' },
        { key: 'owner', value: 'x' },
      ],
    });
    expect(errors).toBeUndefined();
    expect(payload?.errors).toEqual([]);
    expect(asMap(payload?.podIdentityAssociation?.tags)).toEqual({ team: 'a', stage: 'prod', owner: 'x' });
    expect(await tagsInEks(id)).toEqual({ team: 'a', stage: 'prod', owner: 'x' });
    // Describe (for the ARN and current tags), TagResource with what differs, ListTagsForResource.
    expect(nonZero(await stack.calls())).toEqual({
      DescribePodIdentityAssociation: 1,
      TagResource: 1,
      ListTagsForResource: 1,
    });
  });

  test('sends nothing when every tag already has its value', async () => {
    const id = await freshAssociation('sa-tag-2', { team: 'a' });
    const { payload } = await tag({ clusterName: 'apps', associationId: id, tags: [{ key: 'team', value: 'a' }] });
    expect(payload?.errors).toEqual([]);
    expect(asMap(payload?.podIdentityAssociation?.tags)).toEqual({ team: 'a' });
    expect(nonZero(await stack.calls())).toEqual({ DescribePodIdentityAssociation: 1 });
  });

  test('refuses bad tags before any EKS call, naming each field', async () => {
    const id = await freshAssociation('sa-tag-3', {});
    const { payload } = await tag({
      clusterName: 'apps',
      associationId: id,
      tags: [
        { key: 'AWS:name', value: 'x' },
        { key: 'k', value: 'v'.repeat(257) },
        { key: '', value: '' },
      ],
    });
    expect(payload?.podIdentityAssociation).toBeNull();
    expect(payload?.errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_INPUT', 'tags.0.key'],
      ['INVALID_INPUT', 'tags.1.value'],
      ['INVALID_INPUT', 'tags.2.key'],
    ]);
    const none = await tag({ clusterName: 'apps', associationId: id, tags: [] });
    expect(none.payload?.errors.map((e) => e.field)).toEqual(['tags']);
    expect(nonZero(await stack.calls())).toEqual({});
  });

  test('refuses a merge past 50 tags as INVALID_INPUT, and changes nothing', async () => {
    const forty = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v']));
    const id = await freshAssociation('sa-tag-4', forty);
    const more = Array.from({ length: 11 }, (_, i) => ({ key: `n${i}`, value: 'v' }));
    const { payload } = await tag({ clusterName: 'apps', associationId: id, tags: more });
    expect(payload?.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'tags', message: expect.stringContaining('51 tags') }),
    ]);
    expect(await tagsInEks(id)).toEqual(forty);
    expect(nonZero(await stack.calls())).toEqual({ DescribePodIdentityAssociation: 1 });
  });

  test('an association or cluster that does not exist is its typed error', async () => {
    const missing = await tag({
      clusterName: 'apps',
      associationId: 'a-00000000000000000',
      tags: [{ key: 'a', value: 'b' }],
    });
    expect(missing.payload?.errors).toEqual([expect.objectContaining({ code: 'ASSOCIATION_NOT_FOUND' })]);
    const noCluster = await tag({
      clusterName: 'nowhere',
      associationId: 'a-00000000000000000',
      tags: [{ key: 'a', value: 'b' }],
    });
    expect(noCluster.payload?.errors).toEqual([
      expect.objectContaining({ code: 'CLUSTER_NOT_FOUND', clusterName: 'nowhere' }),
    ]);
    expect((await stack.calls()).TagResource ?? 0).toBe(0);
  });

  test('a connection dropped on every try is a retryable fault; the same input again converges', async () => {
    const id = await freshAssociation('sa-tag-5', { team: 'a' });
    await stack.faults({ seed: 3, rates: { TagResource: { drop: 1 } } });
    const failed = await tag({ clusterName: 'apps', associationId: id, tags: [{ key: 'stage', value: 'prod' }] });
    expect(failed.errors?.[0]?.extensions).toMatchObject({
      code: 'EKS_UNAVAILABLE',
      retryable: true,
      eksOperation: 'TagResource',
    });
    await stack.faults({ rates: {} });
    const retried = await tag({ clusterName: 'apps', associationId: id, tags: [{ key: 'stage', value: 'prod' }] });
    expect(retried.errors).toBeUndefined();
    expect(asMap(retried.payload?.podIdentityAssociation?.tags)).toEqual({ team: 'a', stage: 'prod' });
    expect(await tagsInEks(id)).toEqual({ team: 'a', stage: 'prod' });
  });

  test('the SDK retries a dropped TagResource by itself, and the merge makes the repeat harmless', async () => {
    const id = await freshAssociation('sa-tag-6', {});
    // Drops about half the tries: seeded, so the run is the same every time.
    await stack.faults({ seed: 11, rates: { TagResource: { drop: 0.5 } } });
    for (let i = 0; i < 4; i++) {
      const { payload, errors } = await tag({
        clusterName: 'apps',
        associationId: id,
        tags: [{ key: `k${i}`, value: String(i) }],
      });
      if (errors) expect(errors[0]?.extensions).toMatchObject({ code: 'EKS_UNAVAILABLE', retryable: true });
      else expect(payload?.errors).toEqual([]);
    }
    await stack.faults({ rates: {} });
    const all = [0, 1, 2, 3].map((i) => ({ key: `k${i}`, value: String(i) }));
    const { payload } = await tag({ clusterName: 'apps', associationId: id, tags: all });
    expect(asMap(payload?.podIdentityAssociation?.tags)).toEqual({ k0: '0', k1: '1', k2: '2', k3: '3' });
    expect(await tagsInEks(id)).toEqual({ k0: '0', k1: '1', k2: '2', k3: '3' });
  });
});

describe('untagPodIdentityAssociation', () => {
  test('removes the keys it has; a key it lacks is no error; nothing is sent when it has none', async () => {
    const id = await freshAssociation('sa-untag-1', { team: 'a', stage: 'dev', owner: 'x' });
    const { payload } = await untag({ clusterName: 'apps', associationId: id, tagKeys: ['stage', 'absent'] });
    expect(payload?.errors).toEqual([]);
    expect(asMap(payload?.podIdentityAssociation?.tags)).toEqual({ team: 'a', owner: 'x' });
    expect(nonZero(await stack.calls())).toEqual({
      DescribePodIdentityAssociation: 1,
      UntagResource: 1,
      ListTagsForResource: 1,
    });
    await stack.resetCalls();
    const again = await untag({ clusterName: 'apps', associationId: id, tagKeys: ['stage'] });
    expect(asMap(again.payload?.podIdentityAssociation?.tags)).toEqual({ team: 'a', owner: 'x' });
    expect(nonZero(await stack.calls())).toEqual({ DescribePodIdentityAssociation: 1 });
    expect(await tagsInEks(id)).toEqual({ team: 'a', owner: 'x' });
  });

  test('refuses empty or reserved keys before any call', async () => {
    const id = await freshAssociation('sa-untag-2', { team: 'a' });
    const { payload } = await untag({ clusterName: 'apps', associationId: id, tagKeys: ['aws:x', ''] });
    expect(payload?.errors.map((e) => e.field)).toEqual(['tagKeys.0', 'tagKeys.1']);
    const none = await untag({ clusterName: 'apps', associationId: id, tagKeys: [] });
    expect(none.payload?.errors.map((e) => e.field)).toEqual(['tagKeys']);
    expect(nonZero(await stack.calls())).toEqual({});
  });
});

describe('updatePodIdentityAssociation with tags', () => {
  test('sets the whole tag set: removes what is gone, sets what is new or changed', async () => {
    const id = await freshAssociation('sa-update-1', { team: 'a', stage: 'dev', old: 'x' });
    const { payload } = await update({
      clusterName: 'apps',
      associationId: id,
      tags: [
        { key: 'team', value: 'a' },
        { key: 'stage', value: 'prod' },
        { key: 'new', value: 'y' },
      ],
    });
    expect(payload?.errors).toEqual([]);
    expect(asMap(payload?.podIdentityAssociation?.tags)).toEqual({ team: 'a', stage: 'prod', new: 'y' });
    expect(await tagsInEks(id)).toEqual({ team: 'a', stage: 'prod', new: 'y' });
    expect(nonZero(await stack.calls())).toEqual({
      DescribePodIdentityAssociation: 1,
      UntagResource: 1,
      TagResource: 1,
      ListTagsForResource: 1,
    });
  });

  test('equal tags send nothing; [] removes every tag', async () => {
    const id = await freshAssociation('sa-update-2', { team: 'a' });
    await update({ clusterName: 'apps', associationId: id, tags: [{ key: 'team', value: 'a' }] });
    expect(nonZero(await stack.calls())).toEqual({ DescribePodIdentityAssociation: 1 });
    const { payload } = await update({ clusterName: 'apps', associationId: id, tags: [] });
    expect(payload?.podIdentityAssociation?.tags).toEqual([]);
    expect(await tagsInEks(id)).toEqual({});
  });

  test('a role and tags in one update: the role is changed once, then the tags', async () => {
    const id = await freshAssociation('sa-update-3', { team: 'a' });
    const { payload } = await update({
      clusterName: 'apps',
      associationId: id,
      roleArn: role('other'),
      tags: [{ key: 'team', value: 'b' }],
    });
    expect(payload?.errors).toEqual([]);
    expect(payload?.podIdentityAssociation).toMatchObject({ roleArn: role('other') });
    expect(asMap(payload?.podIdentityAssociation?.tags)).toEqual({ team: 'b' });
    expect(nonZero(await stack.calls())).toEqual({
      UpdatePodIdentityAssociation: 1,
      TagResource: 1,
      ListTagsForResource: 1,
    });
  });

  test('tags: null is refused; a tag problem refuses the whole update before any call', async () => {
    const id = await freshAssociation('sa-update-4', { team: 'a' });
    const nullTags = await update({ clusterName: 'apps', associationId: id, tags: null });
    expect(nullTags.payload?.errors.map((e) => e.field)).toEqual(['tags']);
    const bad = await update({
      clusterName: 'apps',
      associationId: id,
      roleArn: role('other'),
      tags: [
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
      ],
    });
    expect(bad.payload?.errors.map((e) => e.field)).toEqual(['tags.1.key']);
    expect(nonZero(await stack.calls())).toEqual({});
  });

  test('when the tags fail after the role changed, it says so; the same input again finishes without a second role change', async () => {
    const id = await freshAssociation('sa-update-5', { team: 'a' });
    const input = {
      clusterName: 'apps',
      associationId: id,
      roleArn: role('after'),
      tags: [{ key: 'team', value: 'b' }],
      clientRequestToken: 'retry-update-5',
    };
    await stack.faults({ seed: 5, rates: { TagResource: { drop: 1 } } });
    const failed = await update(input);
    expect(failed.errors?.[0]?.extensions).toMatchObject({
      code: 'PARTIALLY_APPLIED',
      retryable: true,
      appliedOperations: ['UpdatePodIdentityAssociation'],
      clientRequestToken: 'retry-update-5',
      cause: expect.objectContaining({ code: 'EKS_UNAVAILABLE' }),
    });
    expect(failed.errors?.[0]?.message).toMatch(/UpdatePodIdentityAssociation was applied, but the tag change was not/);
    await stack.faults({ rates: {} });
    const retried = await update(input);
    expect(retried.errors).toBeUndefined();
    expect(retried.payload?.podIdentityAssociation).toMatchObject({ roleArn: role('after') });
    expect(asMap(retried.payload?.podIdentityAssociation?.tags)).toEqual({ team: 'b' });
    expect(await tagsInEks(id)).toEqual({ team: 'b' });
  });
});

test('a node read after a tag change in the same request sees the new tags', async () => {
  const id = await freshAssociation('sa-same-request', { team: 'a' });
  const res = await stack.gql<{ t: Payload; q: { tags: Array<{ key: string; value: string }> } }>(
    `mutation { t: tagPodIdentityAssociation(input: { clusterName: "apps", associationId: "${id}", tags: [{ key: "x", value: "1" }] }) { ${FIELDS} } }`,
  );
  expect(asMap(res.data?.t.podIdentityAssociation?.tags)).toEqual({ team: 'a', x: '1' });
  const read = await stack.gql<{ podIdentityAssociation: { tags: Array<{ key: string; value: string }> } }>(
    `{ podIdentityAssociation(clusterName: "apps", associationId: "${id}") { tags { key value } } }`,
  );
  expect(asMap(read.data?.podIdentityAssociation.tags)).toEqual({ team: 'a', x: '1' });
});
