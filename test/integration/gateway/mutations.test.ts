/**
 * Every mutation path through real HTTP, the SDK and the emulator: success, retries with the same
 * token, each typed error, and input refused before any EKS call.
 */
import { nonZero, role, seedCluster, startStack, type Stack } from '../../helpers/stack';

let stack: Stack;
const LIMIT = 12;
/** An account whose IAM is strict: a role of it that the seed does not list does not exist. */
const STRICT_ACCOUNT = '123456789012';
const DELETED_ROLE = `arn:aws:iam::${STRICT_ACCOUNT}:role/deleted-role`;

beforeAll(async () => {
  const withAddon = seedCluster('apps', 'us-east-1', 2);
  stack = await startStack({
    associationLimit: LIMIT,
    seed: {
      accounts: [
        { accountId: '000000000000', clusters: clusters(withAddon) },
        { accountId: STRICT_ACCOUNT, iam: { strict: true } },
        {
          accountId: '111122223333',
          roles: [
            {
              // An IRSA role: it trusts an OIDC provider, not EKS Pod Identity.
              arn: role('irsa-role'),
              trustPolicy: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: {
                      Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A',
                    },
                    Action: 'sts:AssumeRoleWithWebIdentity',
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetCalls());

function clusters(withAddon: ReturnType<typeof seedCluster>) {
  return [
    {
      ...withAddon,
      addons: [...withAddon.addons, { name: 'aws-ebs-csi-driver', version: 'v1.35.0-eksbuild.1' }],
      associations: [
        ...withAddon.associations,
        {
          namespace: 'kube-system',
          serviceAccount: 'ebs-csi-controller-sa',
          roleArn: role('ebs-csi'),
          ownerAddon: 'aws-ebs-csi-driver',
        },
      ],
    },
    seedCluster('eu-apps', 'eu-west-1', 0),
    seedCluster('full', 'us-east-1', LIMIT),
  ];
}

const FIELDS = `id associationId associationArn clusterName region namespace serviceAccount roleArn targetRoleArn externalId
  disableSessionTags policy tags { key value } createdAt modifiedAt ownerArn cluster { name }`;
const ERRORS = `errors {
  __typename code message
  ... on InvalidInputError { field }
  ... on ClusterNotFoundError { clusterName region }
  ... on AssociationNotFoundError { associationId }
  ... on AlreadyExistsError { existingAssociationId existingAssociation { id serviceAccount roleArn } }
  ... on InvalidRoleError { roleArn }
}`;

interface Payload {
  clientMutationId: string | null;
  clientRequestToken: string | null;
  podIdentityAssociation: Record<string, unknown> | null;
  deletedPodIdentityAssociationId?: string | null;
  errors: Array<Record<string, unknown>>;
}

async function create(input: Record<string, unknown>): Promise<Payload> {
  const res = await stack.gql<{ createPodIdentityAssociation: Payload }>(
    `mutation C($input: CreatePodIdentityAssociationInput!) {
      createPodIdentityAssociation(input: $input) { clientMutationId clientRequestToken podIdentityAssociation { ${FIELDS} } ${ERRORS} }
    }`,
    { input: { clusterName: 'apps', region: 'us-east-1', ...input } },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createPodIdentityAssociation;
}

async function update(input: Record<string, unknown>): Promise<Payload> {
  const res = await stack.gql<{ updatePodIdentityAssociation: Payload }>(
    `mutation U($input: UpdatePodIdentityAssociationInput!) {
      updatePodIdentityAssociation(input: $input) { clientMutationId clientRequestToken podIdentityAssociation { ${FIELDS} } ${ERRORS} }
    }`,
    { input },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.updatePodIdentityAssociation;
}

async function remove(input: Record<string, unknown>): Promise<Payload> {
  const res = await stack.gql<{ deletePodIdentityAssociation: Payload }>(
    `mutation D($input: DeletePodIdentityAssociationInput!) {
      deletePodIdentityAssociation(input: $input) { clientMutationId deletedPodIdentityAssociationId podIdentityAssociation { ${FIELDS} } ${ERRORS} }
    }`,
    { input },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.deletePodIdentityAssociation;
}

async function associationsOf(cluster: string, region = 'us-east-1') {
  const state = await stack.state(`?region=${region}&cluster=${cluster}`);
  return state.clusters[0]?.associations ?? [];
}

describe('createPodIdentityAssociation', () => {
  test('creates, echoes clientMutationId, returns every field, and primes the loader', async () => {
    const p = await create({
      clientMutationId: 'form-1',
      namespace: 'payments',
      serviceAccount: 'api',
      roleArn: role('payments-api'),
      tags: [
        { key: 'team', value: 'payments' },
        { key: 'env', value: 'prod' },
      ],
    });
    expect(p.errors).toEqual([]);
    expect(p.clientMutationId).toBe('form-1');
    expect(p.clientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.podIdentityAssociation).toMatchObject({
      clusterName: 'apps',
      region: 'us-east-1',
      namespace: 'payments',
      serviceAccount: 'api',
      roleArn: role('payments-api'),
      targetRoleArn: null,
      externalId: null,
      disableSessionTags: false,
      policy: null,
      ownerArn: null,
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'payments' },
      ],
      cluster: { name: 'apps' },
    });
    expect(p.podIdentityAssociation?.associationId).toMatch(/^a-[a-z0-9]{17}$/);
    expect(p.podIdentityAssociation?.associationArn).toBe(
      `arn:aws:eks:us-east-1:000000000000:podidentityassociation/apps/${p.podIdentityAssociation?.associationId}`,
    );
    // Every detail field came from the create response: no Describe call.
    expect(nonZero(await stack.calls())).toEqual({ CreatePodIdentityAssociation: 1 });
    const stored = (await associationsOf('apps')).filter((a) => a.serviceAccount === 'api');
    expect(stored).toHaveLength(1);
  });

  test('a retry with the same clientRequestToken returns the first association and creates nothing more', async () => {
    const input = {
      namespace: 'orders',
      serviceAccount: 'worker',
      roleArn: role('orders-worker'),
      clientRequestToken: 'orders-worker-1',
    };
    const first = await create(input);
    const second = await create(input);
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    expect(second.podIdentityAssociation?.associationId).toBe(first.podIdentityAssociation?.associationId);
    expect(second.clientRequestToken).toBe('orders-worker-1');
    expect((await associationsOf('apps')).filter((a) => a.serviceAccount === 'worker')).toHaveLength(1);

    const reused = await create({ ...input, roleArn: role('something-else') });
    expect(reused.errors).toMatchObject([{ __typename: 'InvalidRequestError', code: 'INVALID_REQUEST' }]);
    expect(reused.podIdentityAssociation).toBeNull();
  });

  test('a second association for the same service account is ALREADY_EXISTS, linking the existing one', async () => {
    const first = await create({ namespace: 'search', serviceAccount: 'indexer', roleArn: role('search-indexer') });
    const again = await create({ namespace: 'search', serviceAccount: 'indexer', roleArn: role('other') });
    expect(again.errors).toEqual([
      {
        __typename: 'AlreadyExistsError',
        code: 'ALREADY_EXISTS',
        message: expect.stringContaining(first.podIdentityAssociation?.associationId as string),
        existingAssociationId: first.podIdentityAssociation?.associationId,
        existingAssociation: {
          id: first.podIdentityAssociation?.id,
          serviceAccount: 'indexer',
          roleArn: role('search-indexer'),
        },
      },
    ]);
  });

  test('an unknown cluster is CLUSTER_NOT_FOUND; a full cluster is LIMIT_EXCEEDED', async () => {
    const missing = await create({ clusterName: 'ghost', namespace: 'a', serviceAccount: 'b', roleArn: role('r') });
    expect(missing.errors).toEqual([
      {
        __typename: 'ClusterNotFoundError',
        code: 'CLUSTER_NOT_FOUND',
        message: expect.stringContaining('ghost'),
        clusterName: 'ghost',
        region: 'us-east-1',
      },
    ]);
    const full = await create({ clusterName: 'full', namespace: 'a', serviceAccount: 'b', roleArn: role('r') });
    expect(full.errors).toMatchObject([{ __typename: 'LimitExceededError', code: 'LIMIT_EXCEEDED' }]);
    expect(await associationsOf('full')).toHaveLength(LIMIT);
  });

  test('a role that does not exist or does not trust EKS is INVALID_ROLE', async () => {
    const missing = await create({ namespace: 'x', serviceAccount: 'y', roleArn: DELETED_ROLE });
    expect(missing.errors).toEqual([
      {
        __typename: 'InvalidRoleError',
        code: 'INVALID_ROLE',
        message: 'Role provided in the request does not exist.',
        roleArn: DELETED_ROLE,
      },
    ]);
    const untrusted = await create({ namespace: 'x', serviceAccount: 'y', roleArn: role('irsa-role') });
    expect(untrusted.errors).toMatchObject([
      {
        code: 'INVALID_ROLE',
        message:
          'Trust policy of the role provided is invalid. Follow the official documentation to resolve the issue.',
      },
    ]);
  });

  test('invalid input is refused with one error per field, before any EKS call', async () => {
    const p = await create({
      clusterName: 'bad name!',
      region: 'mars-1',
      namespace: 'Payments',
      serviceAccount: '-svc',
      roleArn: 'arn:aws:iam::123:user/alice',
      targetRoleArn: 'not-an-arn',
      policy: '{not json',
      tags: [
        { key: 'aws:owner', value: 'x' },
        { key: '', value: 'y' },
        { key: 'k', value: 'v'.repeat(257) },
        { key: 'k', value: 'again' },
      ],
      clientRequestToken: 'has spaces',
    });
    expect(p.podIdentityAssociation).toBeNull();
    expect(p.clientRequestToken).toBeNull();
    const fields = p.errors.map((e) => e.field);
    expect(fields).toEqual([
      'clusterName',
      'region',
      'namespace',
      'serviceAccount',
      'roleArn',
      'targetRoleArn',
      'policy',
      'clientRequestToken',
      'policy',
      'tags.0.key',
      'tags.1.key',
      'tags.2.value',
      'tags.3.key',
    ]);
    for (const e of p.errors) expect(e).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT' });
    expect(p.errors[2]?.message).toContain('"Payments"');
    const tooMany = await create({
      namespace: 'a',
      serviceAccount: 'b',
      roleArn: role('r'),
      tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
    });
    expect(tooMany.errors).toMatchObject([{ field: 'tags', message: expect.stringContaining('at most 50') }]);
    expect(nonZero(await stack.calls())).toEqual({});
  });

  test('policy with disableSessionTags and a cross-account target role', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    const p = await create({
      namespace: 'data',
      serviceAccount: 'reader',
      roleArn: role('data-reader'),
      targetRoleArn: 'arn:aws:iam::444455556666:role/shared-reader',
      disableSessionTags: true,
      policy,
    });
    expect(p.errors).toEqual([]);
    expect(p.podIdentityAssociation).toMatchObject({
      targetRoleArn: 'arn:aws:iam::444455556666:role/shared-reader',
      disableSessionTags: true,
      policy,
    });
    expect(p.podIdentityAssociation?.externalId).toEqual(expect.any(String));
  });

  test('the region argument reaches the right region', async () => {
    const p = await create({
      clusterName: 'eu-apps',
      region: 'eu-west-1',
      namespace: 'eu',
      serviceAccount: 'svc',
      roleArn: role('eu'),
    });
    expect(p.errors).toEqual([]);
    expect(p.podIdentityAssociation?.associationArn).toContain(':eu-west-1:');
    expect(await associationsOf('eu-apps', 'eu-west-1')).toHaveLength(1);
  });
});

describe('updatePodIdentityAssociation', () => {
  let id: string;
  let associationId: string;
  beforeAll(async () => {
    const p = await create({ namespace: 'billing', serviceAccount: 'api', roleArn: role('billing-v1') });
    id = p.podIdentityAssociation?.id as string;
    associationId = p.podIdentityAssociation?.associationId as string;
  });

  test('changes the role by id, and by cluster name and association id', async () => {
    const byId = await update({ id, roleArn: role('billing-v2'), clientMutationId: 'u1' });
    expect(byId.errors).toEqual([]);
    expect(byId.clientMutationId).toBe('u1');
    expect(byId.podIdentityAssociation).toMatchObject({ id, roleArn: role('billing-v2'), namespace: 'billing' });
    expect(nonZero(await stack.calls())).toEqual({ UpdatePodIdentityAssociation: 1 });
    const byName = await update({ clusterName: 'apps', associationId, roleArn: role('billing-v3') });
    expect(byName.podIdentityAssociation?.roleArn).toBe(role('billing-v3'));
    expect(new Date(byName.podIdentityAssociation?.modifiedAt as string).getTime()).toBeGreaterThanOrEqual(
      new Date(byName.podIdentityAssociation?.createdAt as string).getTime(),
    );
  });

  test('sets and removes the target role and the session policy', async () => {
    const set = await update({
      id,
      targetRoleArn: 'arn:aws:iam::444455556666:role/x',
      disableSessionTags: true,
      policy: '{"Version":"2012-10-17","Statement":[]}',
    });
    expect(set.errors).toEqual([]);
    expect(set.podIdentityAssociation).toMatchObject({
      targetRoleArn: 'arn:aws:iam::444455556666:role/x',
      disableSessionTags: true,
    });
    expect(set.podIdentityAssociation?.externalId).toEqual(expect.any(String));
    const cleared = await update({ id, targetRoleArn: null, policy: null });
    expect(cleared.errors).toEqual([]);
    expect(cleared.podIdentityAssociation).toMatchObject({ targetRoleArn: null, externalId: null, policy: null });
  });

  test('an update with nothing to change, or naming no association, is INVALID_INPUT without a call', async () => {
    const nothing = await update({ id });
    expect(nothing.errors).toMatchObject([
      { code: 'INVALID_INPUT', field: null, message: expect.stringContaining('at least one of roleArn') },
    ]);
    const noTarget = await update({ roleArn: role('x') });
    expect(noTarget.errors).toMatchObject([{ code: 'INVALID_INPUT', field: 'id' }]);
    const both = await update({ id, clusterName: 'apps', associationId, roleArn: role('x') });
    expect(both.errors).toMatchObject([{ code: 'INVALID_INPUT', field: 'id' }]);
    const clusterId = Buffer.from('v1:Cluster:us-east-1:apps').toString('base64url');
    const wrongType = await update({ id: clusterId, roleArn: role('x') });
    expect(wrongType.errors).toMatchObject([
      { code: 'INVALID_INPUT', field: 'id', message: expect.stringContaining('names a Cluster') },
    ]);
    const removeRole = await update({ id, roleArn: null });
    expect(removeRole.errors).toMatchObject([{ field: 'roleArn' }]);
    const policyWithoutFlag = await update({ id, policy: '{}', disableSessionTags: false });
    expect(policyWithoutFlag.errors).toMatchObject([{ field: 'policy' }]);
    expect(nonZero(await stack.calls())).toEqual({});
  });

  test('an unknown association or cluster is a typed not-found error', async () => {
    const gone = await update({ clusterName: 'apps', associationId: 'a-00000000000000000', roleArn: role('x') });
    expect(gone.errors).toEqual([
      {
        __typename: 'AssociationNotFoundError',
        code: 'ASSOCIATION_NOT_FOUND',
        message: expect.any(String),
        associationId: 'a-00000000000000000',
      },
    ]);
    const noCluster = await update({ clusterName: 'ghost', associationId, roleArn: role('x') });
    expect(noCluster.errors).toMatchObject([{ code: 'CLUSTER_NOT_FOUND', clusterName: 'ghost' }]);
  });

  test('an association managed by an add-on is INVALID_REQUEST', async () => {
    const owned = (await associationsOf('apps')).find((a) => a.serviceAccount === 'ebs-csi-controller-sa');
    const p = await update({ clusterName: 'apps', associationId: owned?.associationId, roleArn: role('x') });
    expect(p.errors).toMatchObject([{ __typename: 'InvalidRequestError', code: 'INVALID_REQUEST' }]);
  });
});

describe('deletePodIdentityAssociation', () => {
  test('deletes, returns what was deleted, and a repeat is ASSOCIATION_NOT_FOUND', async () => {
    const created = await create({ namespace: 'temp', serviceAccount: 'job', roleArn: role('temp-job') });
    const id = created.podIdentityAssociation?.id as string;
    const deleted = await remove({ id, clientMutationId: 'd1' });
    expect(deleted.errors).toEqual([]);
    expect(deleted.clientMutationId).toBe('d1');
    expect(deleted.deletedPodIdentityAssociationId).toBe(id);
    expect(deleted.podIdentityAssociation).toMatchObject({ id, roleArn: role('temp-job'), namespace: 'temp' });
    expect((await associationsOf('apps')).some((a) => a.serviceAccount === 'job')).toBe(false);

    const again = await remove({ id });
    expect(again.errors).toMatchObject([
      { code: 'ASSOCIATION_NOT_FOUND', associationId: created.podIdentityAssociation?.associationId },
    ]);
    expect(again.deletedPodIdentityAssociationId).toBeNull();
    const lookup = await stack.gql<{ node: unknown }>('query N($id: ID!) { node(id: $id) { id } }', { id });
    expect(lookup.data).toEqual({ node: null });
  });

  test('an invalid id is INVALID_INPUT', async () => {
    const p = await remove({ id: 'bogus' });
    expect(p.errors).toMatchObject([{ code: 'INVALID_INPUT', field: 'id' }]);
  });
});
