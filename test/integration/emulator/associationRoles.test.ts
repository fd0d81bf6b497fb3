/**
 * Create and Update of associations check their roles against the emulated IAM, as EKS does:
 * a role that does not exist, or whose trust policy does not let pods.eks.amazonaws.com assume
 * it, and a target role that does not exist or does not trust the association's role, are
 * InvalidParameterException with EKS's messages. The trust policy is evaluated (principals,
 * actions with wildcards and lists, conditions, Deny before Allow), through the real
 * @aws-sdk/client-eks.
 */
import {
  CreatePodIdentityAssociationCommand,
  UpdatePodIdentityAssociationCommand,
  type CreatePodIdentityAssociationCommandInput,
  type EKSClient,
} from '@aws-sdk/client-eks';
import type { MultiAccountSeedFile, RunningEmulator, SeedRoleDefinition } from '../../../src/emulator';
import { eks, expectError, role, start } from './helpers';

const HOME = '000000000000';
const TARGETS = '444455556666';
const LENIENT = '555555555555';
const ROLE_DOES_NOT_EXIST = 'Role provided in the request does not exist.';
const TRUST_POLICY_INVALID =
  'Trust policy of the role provided is invalid. Follow the official documentation to resolve the issue.';
const PODS = { Service: 'pods.eks.amazonaws.com' };
const BOTH = ['sts:AssumeRole', 'sts:TagSession'];
const APPS_ARN = `arn:aws:eks:us-east-1:${HOME}:cluster/apps`;

/** A role of `account` whose trust policy has these statements. */
function trusting(roleName: string, ...Statement: unknown[]): SeedRoleDefinition {
  return { roleName, trustPolicy: { Version: '2012-10-17', Statement } };
}
const allowPods = (Action: unknown = BOTH, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: PODS,
  Action,
  ...extra,
});

const seed: MultiAccountSeedFile = {
  accounts: [
    {
      accountId: HOME,
      iam: { strict: true },
      roles: [
        trusting('pod-identity', allowPods()),
        trusting('assume-only', allowPods('sts:AssumeRole')),
        trusting('tag-only', allowPods('sts:TagSession')),
        trusting('irsa', {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${HOME}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:a:b' } },
        }),
        trusting('sts-wildcard', allowPods('sts:*')),
        trusting('single-character-wildcard', allowPods('sts:Assume?ole')),
        trusting('everyone', { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }),
        trusting('every-aws-principal', { Effect: 'Allow', Principal: { AWS: '*' }, Action: BOTH }),
        trusting('another-service', { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: BOTH }),
        trusting('service-list', {
          Effect: 'Allow',
          Principal: { Service: ['ec2.amazonaws.com', 'pods.eks.amazonaws.com'] },
          Action: BOTH,
        }),
        trusting('denied', allowPods(), { Effect: 'Deny', Principal: PODS, Action: 'sts:AssumeRole' }),
        trusting('denied-by-wildcard', allowPods(), { Effect: 'Deny', Principal: '*', Action: '*' }),
        trusting('apps-only-by-deny', allowPods(), {
          Effect: 'Deny',
          Principal: PODS,
          Action: '*',
          Condition: { ArnNotEquals: { 'aws:SourceArn': APPS_ARN } },
        }),
        trusting('scoped-account', allowPods(BOTH, { Condition: { StringEquals: { 'aws:SourceAccount': HOME } } })),
        trusting(
          'scoped-elsewhere',
          allowPods(BOTH, { Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } }),
        ),
        trusting(
          'scoped-cluster',
          allowPods(BOTH, { Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:eks:*:${HOME}:cluster/apps` } } }),
        ),
        trusting(
          'namespace-tag',
          allowPods(BOTH, { Condition: { StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'team' } } }),
        ),
        trusting(
          'namespace-tag-if-exists',
          allowPods(BOTH, { Condition: { StringEqualsIfExists: { 'aws:RequestTag/kubernetes-namespace': 'team' } } }),
        ),
        trusting('source-arn-present', allowPods(BOTH, { Condition: { Null: { 'aws:SourceArn': 'false' } } })),
        trusting('deny-debug-pods', allowPods(), {
          Effect: 'Deny',
          Principal: PODS,
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'aws:RequestTag/kubernetes-pod-name': 'debug-*' } },
        }),
        trusting(
          'one-pod-only',
          allowPods(BOTH, { Condition: { StringEquals: { 'aws:RequestTag/kubernetes-pod-name': 'api-0' } } }),
        ),
        `arn:aws:iam::${HOME}:role/svc/listed-by-arn`,
      ],
      clusters: [{ name: 'apps' }, { name: 'other' }],
    },
    {
      accountId: TARGETS,
      iam: { strict: true },
      roles: [
        trusting('reader', {
          Effect: 'Allow',
          Principal: { AWS: role('pod-identity', HOME) },
          Action: BOTH,
          Condition: { StringEquals: { 'sts:ExternalId': 'whatever-eks-generates' } },
        }),
        trusting('account-reader', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${HOME}:root` }, Action: BOTH }),
        trusting('closed', { Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sts:AssumeRole' }),
        trusting('pods-trusting', allowPods()),
        trusting(
          'not-for-assume-only',
          { Effect: 'Allow', Principal: { AWS: HOME }, Action: BOTH },
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sts:AssumeRole',
            Condition: { StringLike: { 'aws:PrincipalArn': '*/assume-only' } },
          },
        ),
      ],
    },
    { accountId: LENIENT, roles: [{ roleName: 'deleted', deleted: true }] },
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

function create(overrides: Partial<CreatePodIdentityAssociationCommandInput>) {
  counter += 1;
  return client.send(
    new CreatePodIdentityAssociationCommand({
      clusterName: 'apps',
      namespace: 'team',
      serviceAccount: `sa-${counter}`,
      roleArn: role('pod-identity', HOME),
      ...overrides,
    }),
  );
}

async function refused(call: Promise<unknown>, message: string): Promise<void> {
  await expectError(call, 'InvalidParameterException', 400, message);
}

describe('the role of an association', () => {
  test.each([
    ['both actions for pods.eks.amazonaws.com', 'pod-identity'],
    ['sts:AssumeRole alone (EKS does not check sts:TagSession)', 'assume-only'],
    ['the action sts:*', 'sts-wildcard'],
    ['the action sts:Assume?ole', 'single-character-wildcard'],
    ['the principal "*"', 'everyone'],
    ['a list of services with pods.eks.amazonaws.com', 'service-list'],
    ['aws:SourceAccount of the cluster', 'scoped-account'],
    ['aws:SourceArn like the cluster', 'scoped-cluster'],
    ['a Deny of every cluster but this one', 'apps-only-by-deny'],
    ['a session tag the association will carry', 'namespace-tag'],
    ['a Null condition on a key EKS sends', 'source-arn-present'],
    ['a Deny on the pod name, which is not known yet', 'deny-debug-pods'],
    ['an Allow on the pod name, which is not known yet', 'one-pod-only'],
  ])('is accepted when its trust policy allows %s', async (_label, name) => {
    const { association } = await create({ roleArn: role(name, HOME) });
    expect(association?.roleArn).toBe(role(name, HOME));
  });

  test.each([
    ['trusts only an OIDC provider (an IRSA role)', 'irsa'],
    ['allows sts:TagSession only', 'tag-only'],
    ['names every AWS principal, which a service is not', 'every-aws-principal'],
    ['trusts another service', 'another-service'],
    ['denies what it allows: Deny wins', 'denied'],
    ['denies every action to everyone', 'denied-by-wildcard'],
    ['is scoped to another account', 'scoped-elsewhere'],
  ])('is refused when its trust policy %s', async (_label, name) => {
    await refused(create({ roleArn: role(name, HOME) }), TRUST_POLICY_INVALID);
  });

  test('the conditions see the cluster, the namespace and whether session tags are on', async () => {
    await refused(create({ clusterName: 'other', roleArn: role('scoped-cluster', HOME) }), TRUST_POLICY_INVALID);
    await refused(create({ clusterName: 'other', roleArn: role('apps-only-by-deny', HOME) }), TRUST_POLICY_INVALID);
    await refused(create({ namespace: 'elsewhere', roleArn: role('namespace-tag', HOME) }), TRUST_POLICY_INVALID);
    // Without session tags the tag is absent: a StringEquals on it fails, a ...IfExists holds.
    await refused(create({ roleArn: role('namespace-tag', HOME), disableSessionTags: true }), TRUST_POLICY_INVALID);
    const { association } = await create({
      namespace: 'elsewhere',
      roleArn: role('namespace-tag-if-exists', HOME),
      disableSessionTags: true,
    });
    expect(association?.disableSessionTags).toBe(true);
  });

  test('a role the strict account does not list does not exist; in a lenient account every name exists', async () => {
    await refused(create({ roleArn: role('deleted', HOME) }), ROLE_DOES_NOT_EXIST);
    await refused(create({ roleArn: role('listed-by-arn', HOME) }), ROLE_DOES_NOT_EXIST);
    expect((await create({ roleArn: role('svc/listed-by-arn', HOME) })).association?.roleArn).toBe(
      role('svc/listed-by-arn', HOME),
    );
    expect((await create({ roleArn: role('anything', LENIENT) })).association?.roleArn).toBe(role('anything', LENIENT));
    await refused(create({ roleArn: role('a/path/nobody/has', LENIENT) }), ROLE_DOES_NOT_EXIST);
    // ...but the one the seed lists as deleted.
    await refused(create({ roleArn: role('deleted', LENIENT) }), ROLE_DOES_NOT_EXIST);
    await refused(create({ targetRoleArn: role('deleted', LENIENT) }), ROLE_DOES_NOT_EXIST);
  });
});

describe('the target role of an association', () => {
  test.each([
    ['trusts the association role (its external id is not known before the create)', 'reader'],
    ["trusts the association role's account", 'account-reader'],
  ])('is accepted when it %s', async (_label, name) => {
    const { association } = await create({ targetRoleArn: role(name, TARGETS) });
    expect(association).toMatchObject({ targetRoleArn: role(name, TARGETS), externalId: expect.any(String) });
  });

  test.each([
    ['trusts another account only', 'closed', 'pod-identity'],
    ['trusts EKS Pod Identity, not the role', 'pods-trusting', 'pod-identity'],
    ['denies this very role', 'not-for-assume-only', 'assume-only'],
  ])('is refused when it %s', async (_label, name, source) => {
    await refused(create({ roleArn: role(source, HOME), targetRoleArn: role(name, TARGETS) }), TRUST_POLICY_INVALID);
  });

  test('is refused when it does not exist; in a lenient account it is taken as trusting', async () => {
    await refused(create({ targetRoleArn: role('deleted', TARGETS) }), ROLE_DOES_NOT_EXIST);
    expect((await create({ targetRoleArn: role('any-target', LENIENT) })).association?.targetRoleArn).toBe(
      role('any-target', LENIENT),
    );
  });

  test('the role is checked first', async () => {
    await refused(
      create({ roleArn: role('deleted', HOME), targetRoleArn: role('closed', TARGETS) }),
      ROLE_DOES_NOT_EXIST,
    );
    await refused(
      create({ roleArn: role('irsa', HOME), targetRoleArn: role('deleted', TARGETS) }),
      TRUST_POLICY_INVALID,
    );
  });
});

describe('UpdatePodIdentityAssociation', () => {
  async function made(roleName = 'assume-only') {
    const { association } = await create({ roleArn: role(roleName, HOME) });
    if (!association?.associationId) throw new Error('no association');
    const associationId = association.associationId;
    return (input: Record<string, unknown>) =>
      client.send(new UpdatePodIdentityAssociationCommand({ clusterName: 'apps', associationId, ...input }));
  }

  test('checks a new role as create does', async () => {
    const update = await made();
    await refused(update({ roleArn: role('deleted', HOME) }), ROLE_DOES_NOT_EXIST);
    await refused(update({ roleArn: role('irsa', HOME) }), TRUST_POLICY_INVALID);
    await refused(update({ roleArn: role('namespace-tag', HOME), disableSessionTags: true }), TRUST_POLICY_INVALID);
    expect((await update({ roleArn: role('namespace-tag', HOME) })).association?.roleArn).toBe(
      role('namespace-tag', HOME),
    );
  });

  test('checks a new target role against the role the association will have', async () => {
    const update = await made('assume-only');
    // `reader` trusts pod-identity, not the association's role assume-only...
    await refused(update({ targetRoleArn: role('reader', TARGETS) }), TRUST_POLICY_INVALID);
    await refused(update({ targetRoleArn: role('deleted', TARGETS) }), ROLE_DOES_NOT_EXIST);
    // ...which the same update may change.
    const { association } = await update({
      roleArn: role('pod-identity', HOME),
      targetRoleArn: role('reader', TARGETS),
    });
    expect(association).toMatchObject({ roleArn: role('pod-identity', HOME), targetRoleArn: role('reader', TARGETS) });
  });
});
