/** Create, Describe, Update and Delete of pod identity associations: shapes, rules and errors. */
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribeAddonCommand,
  DescribePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
  UpdatePodIdentityAssociationCommand,
  type CreatePodIdentityAssociationCommandInput,
  type EKSClient,
} from '@aws-sdk/client-eks';
import type { RunningEmulator, SeedFile } from '../../../src/emulator';
import { ACCOUNT, eks, expectError, raw, role, start } from './helpers';

const ROLE_DOES_NOT_EXIST = 'Role provided in the request does not exist.';
const TRUST_POLICY_INVALID =
  'Trust policy of the role provided is invalid. Follow the official documentation to resolve the issue.';

const seed: SeedFile = {
  // The seed is lenient: a role not listed here exists at the path "/", trusting EKS Pod Identity (docs/emulator.md).
  roles: [
    'arn:aws-cn:iam::111122223333:role/service-role/team+a=b,c.d@e_f-g',
    'arn:aws:iam::111122223333:role/teams/payments/payments-api',
    {
      // An IRSA role: it trusts the cluster's OIDC provider, not EKS Pod Identity.
      arn: role('payments-irsa'),
      trustPolicy: {
        Statement: {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X' },
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
      },
    },
    {
      // A target role that trusts another account only.
      arn: role('closed-reader', '444455556666'),
      trustPolicy: {
        Statement: { Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sts:AssumeRole' },
      },
    },
  ],
  clusters: [
    {
      name: 'alpha',
      region: 'us-east-1',
      addons: [{ name: 'eks-pod-identity-agent' }, { name: 'aws-ebs-csi-driver', version: 'v1.37.0-eksbuild.1' }],
      associations: [
        {
          namespace: 'kube-system',
          serviceAccount: 'ebs-csi-controller-sa',
          roleArn: role('ebs-csi'),
          ownerAddon: 'aws-ebs-csi-driver',
        },
      ],
    },
    { name: 'beta', region: 'us-east-1' },
  ],
};

let emulator: RunningEmulator;
let client: EKSClient;
let counter = 0;

beforeAll(async () => {
  emulator = await start({ seed });
  client = eks(emulator.url);
});
afterAll(async () => {
  client.destroy();
  await emulator.close();
});

/** A fresh (namespace, service account) pair per call, so tests do not collide. */
function fresh(
  overrides: Partial<CreatePodIdentityAssociationCommandInput> = {},
): CreatePodIdentityAssociationCommandInput {
  counter += 1;
  return {
    clusterName: 'alpha',
    namespace: 'team',
    serviceAccount: `sa-${counter}`,
    roleArn: role(`team-sa-${counter}`),
    ...overrides,
  };
}

async function create(overrides: Partial<CreatePodIdentityAssociationCommandInput> = {}) {
  const { association } = await client.send(new CreatePodIdentityAssociationCommand(fresh(overrides)));
  if (!association) throw new Error('no association in the response');
  return association;
}

describe('CreatePodIdentityAssociation', () => {
  test('answers the full association with epoch-second timestamps the SDK parses into Dates', async () => {
    const before = Date.now();
    const input = fresh();
    const { association, $metadata } = await client.send(new CreatePodIdentityAssociationCommand(input));
    expect($metadata.httpStatusCode).toBe(200);
    expect($metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(association).toEqual({
      clusterName: 'alpha',
      namespace: 'team',
      serviceAccount: input.serviceAccount,
      roleArn: input.roleArn,
      associationId: expect.stringMatching(/^a-[a-z0-9]{17}$/),
      associationArn: expect.stringMatching(
        new RegExp(`^arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/alpha/a-[a-z0-9]{17}$`),
      ),
      tags: {},
      createdAt: expect.any(Date),
      modifiedAt: expect.any(Date),
      disableSessionTags: false,
    });
    expect(association?.associationArn?.endsWith(`/${association.associationId}`)).toBe(true);
    expect(association?.createdAt?.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(association?.modifiedAt).toEqual(association?.createdAt);
  });

  test('keeps tags, session tag settings, a policy and a target role (with a generated externalId)', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    const association = await create({
      tags: { team: 'payments', 'cost-center': '42' },
      disableSessionTags: true,
      policy,
      targetRoleArn: role('reader', '444455556666'),
    });
    expect(association).toMatchObject({
      tags: { team: 'payments', 'cost-center': '42' },
      disableSessionTags: true,
      policy,
      targetRoleArn: role('reader', '444455556666'),
      externalId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
    const described = await client.send(
      new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: association.associationId }),
    );
    expect(described.association).toEqual(association);
  });

  test('a second association for the same namespace and service account is a 409 naming the existing id', async () => {
    const first = await create();
    await expectError(
      client.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: 'alpha',
          namespace: first.namespace,
          serviceAccount: first.serviceAccount,
          roleArn: role('other'),
        }),
      ),
      'ResourceInUseException',
      409,
      `Association already exists: ${first.associationId}`,
    );
    // The same pair in another cluster is fine.
    await client.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'beta',
        namespace: first.namespace,
        serviceAccount: first.serviceAccount,
        roleArn: role('other'),
      }),
    );
  });

  test('an unknown cluster is a 404 with the real message and clusterName', async () => {
    const error = await expectError(
      client.send(new CreatePodIdentityAssociationCommand(fresh({ clusterName: 'nope' }))),
      'ResourceNotFoundException',
      404,
      'No cluster found for name: nope.',
    );
    expect(error.clusterName).toBe('nope');
  });

  test.each([
    ['missing namespace', { namespace: undefined }, /The parameter namespace is required\./],
    ['missing serviceAccount', { serviceAccount: undefined }, /The parameter serviceAccount is required\./],
    ['missing roleArn', { roleArn: undefined }, /The parameter roleArn is required\./],
    ['namespace with capitals', { namespace: 'Payments' }, /namespace must be a DNS-1123 label.*received 'Payments'/],
    ['namespace ending in -', { namespace: 'payments-' }, /namespace must be a DNS-1123 label/],
    ['namespace of 64 characters', { namespace: 'n'.repeat(64) }, /namespace must be a DNS-1123 label: 1-63/],
    ['empty namespace', { namespace: '' }, /namespace must be a DNS-1123 label.*received ''/],
    [
      'serviceAccount with _',
      { serviceAccount: 'my_sa' },
      /serviceAccount must be a DNS-1123 subdomain.*received 'my_sa'/,
    ],
    [
      'serviceAccount of 254 characters',
      { serviceAccount: 'a'.repeat(254) },
      /serviceAccount must be a DNS-1123 subdomain: at most 253/,
    ],
    [
      'roleArn of another service',
      { roleArn: 'arn:aws:s3:::bucket' },
      /roleArn must be an IAM role ARN.*received 'arn:aws:s3:::bucket'/,
    ],
    ['roleArn with a short account', { roleArn: 'arn:aws:iam::1234:role/x' }, /roleArn must be an IAM role ARN/],
    [
      'roleArn of an unknown partition',
      { roleArn: 'arn:gcp:iam::111122223333:role/x' },
      /roleArn must be an IAM role ARN/,
    ],
    [
      'roleArn with a bad character',
      { roleArn: 'arn:aws:iam::111122223333:role/a b' },
      /roleArn must be an IAM role ARN/,
    ],
    [
      'targetRoleArn that is not a role',
      { targetRoleArn: 'arn:aws:iam::111122223333:user/bob' },
      /targetRoleArn must be an IAM role ARN/,
    ],
    [
      '51 tags',
      { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      /at most 50 tags; received 51/,
    ],
    [
      'a tag key of 129 characters',
      { tags: { ['k'.repeat(129)]: 'v' } },
      /Tag keys must be 1-128 characters long.*129 characters/,
    ],
    ['a tag value of 257 characters', { tags: { k: 'v'.repeat(257) } }, /at most 256 characters long; received 257/],
    ['a tag key with the aws: prefix', { tags: { 'AWS:Owner': 'x' } }, /'aws:' are reserved.*received 'AWS:Owner'/],
    [
      'a policy that is not JSON',
      { disableSessionTags: true, policy: '{nope' },
      /policy must be a JSON policy document; it does not parse/,
    ],
    ['a policy that is a JSON array', { disableSessionTags: true, policy: '[]' }, /policy must be a JSON object/],
    [
      'a policy over 2048 characters',
      { disableSessionTags: true, policy: JSON.stringify({ x: 'y'.repeat(2100) }) },
      /policy must be at most 2048 characters/,
    ],
    ['a policy without disableSessionTags', { policy: '{}' }, /policy can only be set when disableSessionTags is true/],
    [
      'a policy with disableSessionTags false',
      { policy: '{}', disableSessionTags: false },
      /policy can only be set when disableSessionTags is true/,
    ],
  ] as Array<[string, Partial<CreatePodIdentityAssociationCommandInput>, RegExp]>)(
    'refuses %s with InvalidParameterException',
    async (_label, overrides, message) => {
      await expectError(
        client.send(new CreatePodIdentityAssociationCommand(fresh(overrides))),
        'InvalidParameterException',
        400,
        message,
      );
    },
  );

  test('accepts the boundary values: 63-character namespace, 253-character dotted service account, 50 tags, 128/256 tag sizes, role paths', async () => {
    const serviceAccount = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    expect(serviceAccount).toHaveLength(253);
    const tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, '']));
    tags['k'.repeat(128)] = 'v'.repeat(256);
    const association = await create({
      namespace: 'n'.repeat(63),
      serviceAccount,
      tags,
      roleArn: 'arn:aws-cn:iam::111122223333:role/service-role/team+a=b,c.d@e_f-g',
    });
    expect(Object.keys(association.tags ?? {})).toHaveLength(50);
  });

  test.each([
    ['roleArn', { roleArn: role('payments-irsa') }, TRUST_POLICY_INVALID],
    ['roleArn with a path no role has', { roleArn: 'arn:aws:iam::111122223333:role/teams/x' }, ROLE_DOES_NOT_EXIST],
    ['targetRoleArn', { targetRoleArn: role('closed-reader', '444455556666') }, TRUST_POLICY_INVALID],
    [
      'targetRoleArn with a path no role has',
      { targetRoleArn: role('teams/reader', '444455556666') },
      ROLE_DOES_NOT_EXIST,
    ],
  ] as Array<[string, Partial<CreatePodIdentityAssociationCommandInput>, string]>)(
    'the emulated IAM checks %s: %j',
    async (_label, overrides, message) => {
      await expectError(
        client.send(new CreatePodIdentityAssociationCommand(fresh(overrides))),
        'InvalidParameterException',
        400,
        message,
      );
    },
  );

  test.each([
    ['a role at a path it does not have', role('payments-/platform-admin')],
    ['a role listed at another path, named at "/"', role('payments-api')],
    ['a role listed at another path, named at a third one', role('teams/payments-api')],
    ['a ".." path segment', role('payments-x/../platform-admin')],
    ['a "." path segment', role('teams/./payments/payments-api')],
    ['a ".." leading to the real path', role('teams/payments/x/../payments-api')],
  ])('a role is known by its name, so %s names no role', async (_label, roleArn) => {
    await expectError(
      client.send(new CreatePodIdentityAssociationCommand(fresh({ roleArn }))),
      'InvalidParameterException',
      400,
      ROLE_DOES_NOT_EXIST,
    );
    await expectError(
      client.send(new CreatePodIdentityAssociationCommand(fresh({ targetRoleArn: roleArn }))),
      'InvalidParameterException',
      400,
      ROLE_DOES_NOT_EXIST,
    );
  });

  test.each([
    [
      ['arn:aws:iam::111122223333:role/a/x', 'arn:aws:iam::111122223333:role/b/X'],
      'seed object (roles[1]): names the role X of account 111122223333 at /b/, but roles lists it at /a/ too',
    ],
    [['arn:aws:iam::111122223333:role/a/../x'], 'seed object (roles[0]): a role path has no "." or ".." segment'],
    [['arn:aws:iam::111122223333:user/x'], 'seed object (roles[0]): The parameter roleArn must be an IAM role ARN'],
    [[7], 'seed object (roles[0]): must be a string, received number 7.'],
  ])('a seed whose roles are %j does not start', async (roles, message) => {
    await expect(start({ seed: { roles: roles as string[], clusters: [] } })).rejects.toThrow(message);
  });

  test('a role listed with a path is bound at that path, and its name matches in any case', async () => {
    expect((await create({ roleArn: role('teams/payments/payments-api') })).roleArn).toBe(
      role('teams/payments/payments-api'),
    );
    expect((await create({ roleArn: role('teams/payments/Payments-API') })).roleArn).toBe(
      role('teams/payments/Payments-API'),
    );
    expect((await create({ roleArn: role('platform-admin') })).roleArn).toBe(role('platform-admin'));
  });

  test('wrong JSON types are refused with InvalidParameterException naming the member', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ disableSessionTags: 'yes' }, /disableSessionTags must be a boolean; received string/],
      [{ tags: ['a'] }, /tags must be an object mapping keys to string values; received array/],
      [{ tags: { a: 1 } }, /The value of tag 'a' must be a string; received number/],
      [{ namespace: 7 }, /namespace must be a string; received number/],
      [{ roleArn: { arn: 'x' } }, /roleArn must be a string; received object/],
      [{ policy: true, disableSessionTags: true }, /policy must be a string; received boolean/],
    ];
    for (const [override, message] of cases) {
      const body = { namespace: 'typed', serviceAccount: 'sa', roleArn: role('typed'), ...override };
      const res = await raw(emulator.url, '/clusters/alpha/pod-identity-associations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect({ status: res.status, type: res.headers.get('x-amzn-errortype') }).toEqual({
        status: 400,
        type: 'InvalidParameterException',
      });
      expect(res.body.message).toMatch(message);
    }
  });

  test('unknown extra members are ignored, as AWS does', async () => {
    const res = await raw(emulator.url, '/clusters/alpha/pod-identity-associations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        namespace: 'extra',
        serviceAccount: 'sa',
        roleArn: role('extra'),
        somethingNew: { nested: true },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.body.association).toMatchObject({ namespace: 'extra', serviceAccount: 'sa' });
    expect(res.body.association).not.toHaveProperty('somethingNew');
  });
});

describe('path labels', () => {
  test('a cluster name over 100 characters gets the real message', async () => {
    await expectError(
      client.send(new ListPodIdentityAssociationsCommand({ clusterName: 'c'.repeat(101) })),
      'InvalidParameterException',
      400,
      'The parameter name should not be greater than 100 characters.',
    );
  });

  test('a cluster name off the pattern, and one holding an encoded /, are refused instead of routed elsewhere', async () => {
    await expectError(
      client.send(new ListPodIdentityAssociationsCommand({ clusterName: '-alpha' })),
      'InvalidParameterException',
      400,
      /name must start with a letter or digit.*received '-alpha'/,
    );
    await expectError(
      client.send(
        new DescribePodIdentityAssociationCommand({
          clusterName: 'alpha/pod-identity-associations',
          associationId: 'a-0123456789abcdefg',
        }),
      ),
      'InvalidParameterException',
      400,
      /received 'alpha\/pod-identity-associations'/,
    );
  });

  test('an association id of the wrong length, and one of the right length but wrong form', async () => {
    await expectError(
      client.send(new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: 'a-123' })),
      'InvalidParameterException',
      400,
      'The parameter associationId should be 19 characters long.',
    );
    await expectError(
      client.send(
        new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: 'b-0123456789ABCDEFG' }),
      ),
      'InvalidParameterException',
      400,
      /associationId must be 'a-' followed by 17 lowercase letters or digits; received 'b-0123456789ABCDEFG'/,
    );
  });
});

describe('DescribePodIdentityAssociation', () => {
  test('an unknown id in a known cluster is a 404 naming the id', async () => {
    await expectError(
      client.send(
        new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: 'a-00000000000000000' }),
      ),
      'ResourceNotFoundException',
      404,
      /a-00000000000000000/,
    );
  });

  test('an association of another cluster is not found through this one', async () => {
    const association = await create({ clusterName: 'beta' });
    await expectError(
      client.send(
        new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: association.associationId }),
      ),
      'ResourceNotFoundException',
      404,
    );
  });
});

describe('UpdatePodIdentityAssociation', () => {
  test('changes the role and advances modifiedAt, keeping createdAt and the fixed members', async () => {
    const original = await create();
    const { association } = await client.send(
      new UpdatePodIdentityAssociationCommand({
        clusterName: 'alpha',
        associationId: original.associationId,
        roleArn: role('new-role'),
      }),
    );
    expect(association).toMatchObject({ ...original, roleArn: role('new-role'), modifiedAt: expect.any(Date) });
    expect(association?.modifiedAt?.getTime()).toBeGreaterThan(original.modifiedAt?.getTime() ?? Infinity);
    expect(association?.createdAt).toEqual(original.createdAt);
  });

  test('a target role fills externalId, keeps it stable while a target stays set, and an empty string clears both', async () => {
    const original = await create();
    const update = (input: Record<string, unknown>) =>
      client.send(
        new UpdatePodIdentityAssociationCommand({
          clusterName: 'alpha',
          associationId: original.associationId,
          ...input,
        }),
      );
    const first = (await update({ targetRoleArn: role('reader', '444455556666') })).association;
    expect(first?.externalId).toMatch(/^[0-9a-f-]{36}$/);
    const second = (await update({ targetRoleArn: role('writer', '444455556666') })).association;
    expect(second).toMatchObject({ targetRoleArn: role('writer', '444455556666'), externalId: first?.externalId });
    const third = (await update({ roleArn: role('another') })).association;
    expect(third?.externalId).toBe(first?.externalId);
    const cleared = (await update({ targetRoleArn: '' })).association;
    expect(cleared).not.toHaveProperty('targetRoleArn');
    expect(cleared).not.toHaveProperty('externalId');
  });

  test('policy needs disableSessionTags true on the resulting association; an empty policy clears it', async () => {
    const original = await create();
    const update = (input: Record<string, unknown>) =>
      client.send(
        new UpdatePodIdentityAssociationCommand({
          clusterName: 'alpha',
          associationId: original.associationId,
          ...input,
        }),
      );
    await expectError(
      update({ policy: '{}' }),
      'InvalidParameterException',
      400,
      /policy can only be set when disableSessionTags is true/,
    );
    const withPolicy = (await update({ policy: '{"Version":"2012-10-17"}', disableSessionTags: true })).association;
    expect(withPolicy).toMatchObject({ policy: '{"Version":"2012-10-17"}', disableSessionTags: true });
    await expectError(
      update({ disableSessionTags: false }),
      'InvalidParameterException',
      400,
      /policy can only be set when disableSessionTags is true/,
    );
    const cleared = (await update({ policy: '', disableSessionTags: false })).association;
    expect(cleared).toMatchObject({ disableSessionTags: false });
    expect(cleared).not.toHaveProperty('policy');
  });

  test('an update that gives none of the changeable members is refused', async () => {
    const original = await create();
    await expectError(
      client.send(
        new UpdatePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: original.associationId }),
      ),
      'InvalidParameterException',
      400,
      /At least one of roleArn, targetRoleArn, disableSessionTags, policy must be provided/,
    );
  });

  test('validates roles like create does', async () => {
    const original = await create();
    const update = (input: Record<string, unknown>) =>
      client.send(
        new UpdatePodIdentityAssociationCommand({
          clusterName: 'alpha',
          associationId: original.associationId,
          ...input,
        }),
      );
    await expectError(
      update({ roleArn: 'not-an-arn' }),
      'InvalidParameterException',
      400,
      /roleArn must be an IAM role ARN/,
    );
    await expectError(
      update({ roleArn: role('elsewhere/payments-api') }),
      'InvalidParameterException',
      400,
      ROLE_DOES_NOT_EXIST,
    );
    await expectError(
      update({ roleArn: role('payments-irsa') }),
      'InvalidParameterException',
      400,
      TRUST_POLICY_INVALID,
    );
    await expectError(
      update({ targetRoleArn: role('closed-reader', '444455556666') }),
      'InvalidParameterException',
      400,
      TRUST_POLICY_INVALID,
    );
    await expectError(
      update({ policy: 'nope', disableSessionTags: true }),
      'InvalidParameterException',
      400,
      /policy must be a JSON policy document/,
    );
    await expectError(
      update({ roleArn: role('team-x/../platform-admin') }),
      'InvalidParameterException',
      400,
      ROLE_DOES_NOT_EXIST,
    );
    await expectError(
      update({ targetRoleArn: role('payments-/platform-admin') }),
      'InvalidParameterException',
      400,
      ROLE_DOES_NOT_EXIST,
    );
  });

  test('an unknown association is a 404', async () => {
    await expectError(
      client.send(
        new UpdatePodIdentityAssociationCommand({
          clusterName: 'alpha',
          associationId: 'a-zzzzzzzzzzzzzzzzz',
          roleArn: role('x'),
        }),
      ),
      'ResourceNotFoundException',
      404,
      /a-zzzzzzzzzzzzzzzzz/,
    );
  });
});

describe('DeletePodIdentityAssociation', () => {
  test('answers the association as it was with a later modifiedAt; a second delete is a 404 naming the id', async () => {
    const original = await create({ tags: { keep: 'me' } });
    const { association } = await client.send(
      new DeletePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: original.associationId }),
    );
    expect(association).toMatchObject({ ...original, modifiedAt: expect.any(Date) });
    expect(association?.modifiedAt?.getTime()).toBeGreaterThan(original.modifiedAt?.getTime() ?? Infinity);
    await expectError(
      client.send(
        new DeletePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: original.associationId }),
      ),
      'ResourceNotFoundException',
      404,
      new RegExp(original.associationId ?? 'unreachable'),
    );
    await expectError(
      client.send(
        new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: original.associationId }),
      ),
      'ResourceNotFoundException',
      404,
    );
    // The pair is free again.
    await client.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'alpha',
        namespace: original.namespace,
        serviceAccount: original.serviceAccount,
        roleArn: role('again'),
      }),
    );
  });
});

describe('associations owned by an add-on', () => {
  async function owned() {
    const { associations } = await client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'alpha', namespace: 'kube-system' }),
    );
    const summary = associations?.find((a) => a.serviceAccount === 'ebs-csi-controller-sa');
    if (!summary) throw new Error('owned association missing');
    return summary;
  }

  test('carry ownerArn (the add-on ARN) in summaries and descriptions, and DescribeAddon lists them', async () => {
    const summary = await owned();
    const { addon } = await client.send(
      new DescribeAddonCommand({ clusterName: 'alpha', addonName: 'aws-ebs-csi-driver' }),
    );
    expect(addon?.addonArn).toMatch(
      new RegExp(`^arn:aws:eks:us-east-1:${ACCOUNT}:addon/alpha/aws-ebs-csi-driver/[0-9a-f-]{36}$`),
    );
    expect(summary.ownerArn).toBe(addon?.addonArn);
    expect(addon?.podIdentityAssociations).toEqual([summary.associationArn]);
    const { association } = await client.send(
      new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: summary.associationId }),
    );
    expect(association?.ownerArn).toBe(addon?.addonArn);
  });

  test('cannot be updated or deleted directly', async () => {
    const summary = await owned();
    await expectError(
      client.send(
        new UpdatePodIdentityAssociationCommand({
          clusterName: 'alpha',
          associationId: summary.associationId,
          roleArn: role('x'),
        }),
      ),
      'InvalidRequestException',
      400,
      /managed by the add-on aws-ebs-csi-driver/,
    );
    const error = await expectError(
      client.send(
        new DeletePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: summary.associationId }),
      ),
      'InvalidRequestException',
      400,
      /managed by the add-on aws-ebs-csi-driver \(arn:aws:eks:us-east-1:000000000000:addon\/alpha\/aws-ebs-csi-driver\//,
    );
    expect(error.addonName).toBe('aws-ebs-csi-driver');
    expect((await owned()).associationId).toBe(summary.associationId);
  });
});

describe('quota', () => {
  let small: RunningEmulator;
  let smallClient: EKSClient;
  beforeAll(async () => {
    small = await start({ seed: { clusters: [{ name: 'tiny', region: 'us-east-1' }] }, associationLimit: 3 });
    smallClient = eks(small.url);
  });
  afterAll(async () => {
    smallClient.destroy();
    await small.close();
  });

  test('the per-cluster limit answers ResourceLimitExceededException; deleting makes room again', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { association } = await smallClient.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: 'tiny',
          namespace: 'ns',
          serviceAccount: `sa-${i}`,
          roleArn: role(`r${i}`),
        }),
      );
      ids.push(association?.associationId ?? '');
    }
    const error = await expectError(
      smallClient.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: 'tiny',
          namespace: 'ns',
          serviceAccount: 'sa-3',
          roleArn: role('r3'),
        }),
      ),
      'ResourceLimitExceededException',
      400,
      /limit per cluster is 3/,
    );
    expect(error.clusterName).toBe('tiny');
    await smallClient.send(new DeletePodIdentityAssociationCommand({ clusterName: 'tiny', associationId: ids[0] }));
    await smallClient.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'tiny',
        namespace: 'ns',
        serviceAccount: 'sa-3',
        roleArn: role('r3'),
      }),
    );
  });
});
