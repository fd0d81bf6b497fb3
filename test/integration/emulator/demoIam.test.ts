/**
 * The demo seed's IAM and the cases it holds for a diagnosis of "will this association work?",
 * as the constants exported with it name them, through the real @aws-sdk/client-eks and
 * @aws-sdk/client-iam: every role its associations name is listed (one as deleted), and each
 * case is what its constant says.
 */
import {
  CreatePodIdentityAssociationCommand,
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  ListAddonsCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  DEMO_ACCOUNTS,
  DEMO_AUTO_MODE_CLUSTER,
  DEMO_CLUSTERS,
  DEMO_CROSS_ACCOUNT_ASSOCIATION,
  DEMO_DEGRADED_AGENT,
  DEMO_IRSA_ASSOCIATION,
  DEMO_MISSING_ROLE_ASSOCIATION,
  DEMO_NO_AGENT_CLUSTER,
  DEMO_NO_TAG_SESSION_ASSOCIATION,
  DEMO_ROLE_ACCOUNT,
  DEMO_UNGUARDED_TARGET_ASSOCIATION,
  type MultiAccountSeedFile,
  type RunningEmulator,
} from '../../../src/emulator';
import { control, eks, expectError, iam, start, staticKey } from './helpers';

const TRUST_POLICY_INVALID =
  'Trust policy of the role provided is invalid. Follow the official documentation to resolve the issue.';

interface Statement {
  Effect: string;
  Principal: Record<string, unknown> | string;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

let emulator: RunningEmulator;
const clients: Array<{ destroy(): void }> = [];

beforeAll(async () => {
  emulator = await start({ seed: 'demo' });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await emulator.close();
});

function eksOf(accountId: string, region = 'us-east-1'): EKSClient {
  const client = eks(emulator.url, region, { credentials: staticKey(accountId) });
  clients.push(client);
  return client;
}

function iamOf(accountId: string): IAMClient {
  const client = iam(emulator.url, staticKey(accountId));
  clients.push(client);
  return client;
}

/** The statements of a role's trust policy, as GetRole answers it in the role's account. */
async function trustOf(roleArn: string): Promise<Statement[]> {
  const [, , , , accountId, resource] = roleArn.split(':');
  const roleName = (resource ?? '').split('/').pop() ?? '';
  const { Role } = await iamOf(accountId ?? '').send(new GetRoleCommand({ RoleName: roleName }));
  expect(Role?.Arn).toBe(roleArn);
  const policy = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')) as { Statement: Statement[] };
  return policy.Statement;
}

async function described(association: { accountId: string; region: string; name: string; associationId: string }) {
  const { association: found } = await eksOf(association.accountId, association.region).send(
    new DescribePodIdentityAssociationCommand({
      clusterName: association.name,
      associationId: association.associationId,
    }),
  );
  return found;
}

test('every role the associations name is listed, in its account, but the one deleted', async () => {
  const state = await control<MultiAccountSeedFile>(emulator.url, 'state?account=all');
  const report = await control<{ accounts: Array<{ accountId: string; roles: Array<{ arn: string }> }> }>(
    emulator.url,
    'accounts',
  );
  const listed = new Set(report.accounts.flatMap((account) => account.roles.map((r) => r.arn)));
  const named = new Set(
    state.accounts.flatMap((account) =>
      (account.clusters ?? []).flatMap((cluster) =>
        (cluster.associations ?? []).flatMap((a) => [a.roleArn, ...(a.targetRoleArn ? [a.targetRoleArn] : [])]),
      ),
    ),
  );
  expect(named.size).toBeGreaterThan(250);
  expect([...named].filter((arn) => !listed.has(arn))).toEqual([DEMO_MISSING_ROLE_ASSOCIATION.roleArn]);
});

test('every account is lenient: scripts may bind roles the seed does not list', async () => {
  const report = await control<{ accounts: Array<{ accountId: string; name: string; iam: { strict: boolean } }> }>(
    emulator.url,
    'accounts',
  );
  expect(report.accounts.map((a) => [a.accountId, a.name, a.iam.strict])).toEqual([
    [DEMO_ACCOUNTS.platform.accountId, 'platform', false],
    [DEMO_ACCOUNTS.payments.accountId, 'payments', false],
    [DEMO_ACCOUNTS.data.accountId, 'data', false],
    [DEMO_ROLE_ACCOUNT, 'workloads', false],
  ]);
  const { Role } = await iamOf(DEMO_ACCOUNTS.platform.accountId).send(new GetRoleCommand({ RoleName: 'scratch' }));
  expect(Role?.Arn).toBe(`arn:aws:iam::${DEMO_ACCOUNTS.platform.accountId}:role/scratch`);
});

test("the workloads' roles trust EKS Pod Identity for the platform account's clusters", async () => {
  expect(await trustOf(`arn:aws:iam::${DEMO_ROLE_ACCOUNT}:role/payments-api`)).toEqual([
    {
      Sid: 'AllowEksAuthToAssumeRoleForPodIdentity',
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringEquals: { 'aws:SourceAccount': DEMO_ACCOUNTS.platform.accountId } },
    },
  ]);
});

describe('the association cases of prod-platform, whose agent is active', () => {
  test('an IRSA role: it trusts the OIDC provider of the cluster, and no EKS Pod Identity', async () => {
    const association = await described(DEMO_IRSA_ASSOCIATION);
    expect(association).toMatchObject({
      namespace: DEMO_IRSA_ASSOCIATION.namespace,
      serviceAccount: DEMO_IRSA_ASSOCIATION.serviceAccount,
      roleArn: DEMO_IRSA_ASSOCIATION.roleArn,
    });
    const { cluster } = await eksOf(DEMO_IRSA_ASSOCIATION.accountId).send(
      new DescribeClusterCommand({ name: DEMO_IRSA_ASSOCIATION.name }),
    );
    const provider = (cluster?.identity?.oidc?.issuer ?? '').replace('https://', '');
    const statements = await trustOf(DEMO_IRSA_ASSOCIATION.roleArn);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${DEMO_IRSA_ASSOCIATION.accountId}:oidc-provider/${provider}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${provider}:sub`]: `system:serviceaccount:${DEMO_IRSA_ASSOCIATION.namespace}:${DEMO_IRSA_ASSOCIATION.serviceAccount}`,
            [`${provider}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ]);
    // EKS would not have let it be made.
    await expectError(
      eksOf(DEMO_IRSA_ASSOCIATION.accountId).send(
        new CreatePodIdentityAssociationCommand({
          clusterName: DEMO_IRSA_ASSOCIATION.name,
          namespace: DEMO_IRSA_ASSOCIATION.namespace,
          serviceAccount: 'another',
          roleArn: DEMO_IRSA_ASSOCIATION.roleArn,
        }),
      ),
      'InvalidParameterException',
      400,
      TRUST_POLICY_INVALID,
    );
  });

  test('a role allowing sts:AssumeRole without sts:TagSession, unscoped, with session tags on, changed lately', async () => {
    const association = await described(DEMO_NO_TAG_SESSION_ASSOCIATION);
    expect(association).toMatchObject({ roleArn: DEMO_NO_TAG_SESSION_ASSOCIATION.roleArn, disableSessionTags: false });
    expect(association?.modifiedAt?.getTime()).toBeGreaterThan(association?.createdAt?.getTime() ?? Infinity);
    expect(await trustOf(DEMO_NO_TAG_SESSION_ASSOCIATION.roleArn)).toEqual([
      { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('a target role in another account that trusts the role but asks no external id', async () => {
    const association = await described(DEMO_UNGUARDED_TARGET_ASSOCIATION);
    expect(association).toMatchObject({
      roleArn: DEMO_UNGUARDED_TARGET_ASSOCIATION.roleArn,
      targetRoleArn: DEMO_UNGUARDED_TARGET_ASSOCIATION.targetRoleArn,
      externalId: DEMO_UNGUARDED_TARGET_ASSOCIATION.externalId,
    });
    expect(await trustOf(DEMO_UNGUARDED_TARGET_ASSOCIATION.targetRoleArn)).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: DEMO_UNGUARDED_TARGET_ASSOCIATION.roleArn },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ]);
    // Its own role is the right one: both actions, scoped to the account and the cluster.
    const [statement] = await trustOf(DEMO_UNGUARDED_TARGET_ASSOCIATION.roleArn);
    expect(statement).toMatchObject({
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: { 'aws:SourceAccount': DEMO_UNGUARDED_TARGET_ASSOCIATION.accountId },
        ArnEquals: {
          'aws:SourceArn': `arn:aws:eks:${DEMO_UNGUARDED_TARGET_ASSOCIATION.region}:${DEMO_UNGUARDED_TARGET_ASSOCIATION.accountId}:cluster/${DEMO_UNGUARDED_TARGET_ASSOCIATION.name}`,
        },
      },
    });
  });

  test('a role that no longer exists', async () => {
    expect((await described(DEMO_MISSING_ROLE_ASSOCIATION))?.roleArn).toBe(DEMO_MISSING_ROLE_ASSOCIATION.roleArn);
    await expectError(
      iamOf(DEMO_MISSING_ROLE_ASSOCIATION.accountId).send(new GetRoleCommand({ RoleName: 'orders-legacy-batch' })),
      'NoSuchEntityException',
      404,
      'The role with name orders-legacy-batch cannot be found.',
    );
    await expectError(
      eksOf(DEMO_MISSING_ROLE_ASSOCIATION.accountId).send(
        new CreatePodIdentityAssociationCommand({
          clusterName: DEMO_MISSING_ROLE_ASSOCIATION.name,
          namespace: DEMO_MISSING_ROLE_ASSOCIATION.namespace,
          serviceAccount: 'another-batch',
          roleArn: DEMO_MISSING_ROLE_ASSOCIATION.roleArn,
        }),
      ),
      'InvalidParameterException',
      400,
      'Role provided in the request does not exist.',
    );
  });

  test('the cross-account association of before passes what EKS checks', async () => {
    const { association } = await eksOf(DEMO_ACCOUNTS.platform.accountId).send(
      new CreatePodIdentityAssociationCommand({
        clusterName: DEMO_CROSS_ACCOUNT_ASSOCIATION.name,
        namespace: DEMO_CROSS_ACCOUNT_ASSOCIATION.namespace,
        serviceAccount: 'settlement-exporter-2',
        roleArn: `arn:aws:iam::${DEMO_ROLE_ACCOUNT}:role/payments-settlement-exporter`,
        targetRoleArn: DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn,
      }),
    );
    expect(association?.targetRoleArn).toBe(DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn);
  });
});

describe('the Pod Identity agent of the clusters', () => {
  test('the Auto Mode cluster has no add-on and its agent built in', async () => {
    const client = eksOf(DEMO_AUTO_MODE_CLUSTER.accountId, DEMO_AUTO_MODE_CLUSTER.region);
    const { cluster } = await client.send(new DescribeClusterCommand({ name: DEMO_AUTO_MODE_CLUSTER.name }));
    expect(cluster?.computeConfig?.enabled).toBe(true);
    expect((await client.send(new ListAddonsCommand({ clusterName: DEMO_AUTO_MODE_CLUSTER.name }))).addons).toEqual([]);
    await expectError(
      client.send(
        new DescribeAddonCommand({ clusterName: DEMO_AUTO_MODE_CLUSTER.name, addonName: 'eks-pod-identity-agent' }),
      ),
      'ResourceNotFoundException',
      404,
    );
  });

  test('the cluster without the agent is not in Auto Mode either', async () => {
    const client = eksOf(DEMO_NO_AGENT_CLUSTER.accountId, DEMO_NO_AGENT_CLUSTER.region);
    expect(DEMO_NO_AGENT_CLUSTER.name).toBe(DEMO_CLUSTERS.euAnalytics.name);
    const { cluster } = await client.send(new DescribeClusterCommand({ name: DEMO_NO_AGENT_CLUSTER.name }));
    expect(cluster?.computeConfig).toBeUndefined();
    const { addons } = await client.send(new ListAddonsCommand({ clusterName: DEMO_NO_AGENT_CLUSTER.name }));
    expect(addons).not.toContain('eks-pod-identity-agent');
  });

  test('the degraded agent says why', async () => {
    const { addon } = await eksOf(DEMO_DEGRADED_AGENT.accountId, DEMO_DEGRADED_AGENT.region).send(
      new DescribeAddonCommand({ clusterName: DEMO_DEGRADED_AGENT.name, addonName: DEMO_DEGRADED_AGENT.addonName }),
    );
    expect(addon).toMatchObject({
      status: DEMO_DEGRADED_AGENT.status,
      addonVersion: DEMO_DEGRADED_AGENT.addonVersion,
      health: { issues: [expect.objectContaining({ code: DEMO_DEGRADED_AGENT.issueCode })] },
    });
  });
});

test('with another platform account id, the cases follow it', async () => {
  const renamed = await start({ seed: 'demo', accountId: '123456789012' });
  const client = iam(renamed.url, staticKey('123456789012'));
  try {
    const { Role } = await client.send(new GetRoleCommand({ RoleName: 'orders-api-irsa' }));
    expect(Role?.Arn).toBe('arn:aws:iam::123456789012:role/orders-api-irsa');
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')).toContain(
      'arn:aws:iam::123456789012:oidc-provider/',
    );
  } finally {
    client.destroy();
    await renamed.close();
  }
});
