/**
 * The Pod Identity agent's credentials endpoint: tokens issued for a service account of a
 * cluster, the credentials of the role its association names (checked against the emulated
 * IAM as EKS Pod Identity checks it), which the real EKS and STS clients then use as that role's
 * session; and the refusals of tokens that are missing, forged, expired or without an association.
 */
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { MultiAccountSeedFile, RunningEmulator } from '../../../src/emulator';
import { control, eks, start, sts, type Credentials } from './helpers';

const PLATFORM = '000000000000';
const MEMBER = '222222222222';

const podTrust = (actions: string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: actions }],
});

const seed: MultiAccountSeedFile = {
  accounts: [
    {
      accountId: PLATFORM,
      roles: [
        { roleName: 'gateway', trustPolicy: podTrust(['sts:AssumeRole', 'sts:TagSession']) },
        { roleName: 'no-tag-session', trustPolicy: podTrust(['sts:AssumeRole']) },
      ],
      clusters: [
        {
          name: 'platform',
          region: 'eu-west-1',
          associations: [
            { namespace: 'gateway', serviceAccount: 'gateway', roleArn: `arn:aws:iam::${PLATFORM}:role/gateway` },
            {
              namespace: 'gateway',
              serviceAccount: 'chained',
              roleArn: `arn:aws:iam::${PLATFORM}:role/gateway`,
              targetRoleArn: `arn:aws:iam::${MEMBER}:role/reader`,
            },
            {
              namespace: 'gateway',
              serviceAccount: 'untagged',
              roleArn: `arn:aws:iam::${PLATFORM}:role/no-tag-session`,
            },
          ],
        },
      ],
    },
    {
      accountId: MEMBER,
      roles: [
        {
          roleName: 'reader',
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${PLATFORM}:role/gateway` },
                Action: 'sts:AssumeRole',
              },
            ],
          },
        },
      ],
      clusters: [{ name: 'member-cluster', region: 'eu-west-1' }],
    },
  ],
};

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await start({ seed, podIdentityCredentialSeconds: 900 });
});
afterAll(() => emulator.close());

async function token(serviceAccount: string, extra: Record<string, unknown> = {}): Promise<string> {
  const issued = await control<{ token: string; subject: string }>(emulator.url, 'pod-identity-tokens', 'POST', {
    region: 'eu-west-1',
    clusterName: 'platform',
    namespace: 'gateway',
    serviceAccount,
    ...extra,
  });
  expect(issued.subject).toBe(`system:serviceaccount:gateway:${serviceAccount}`);
  return issued.token;
}

async function agent(authorization?: string, method = 'GET') {
  const res = await fetch(`${emulator.url}/v1/credentials`, {
    method,
    headers: authorization === undefined ? {} : { authorization },
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

const asCredentials = (body: Record<string, string>): Credentials => ({
  accessKeyId: body.AccessKeyId ?? '',
  secretAccessKey: body.SecretAccessKey ?? '',
  sessionToken: body.Token ?? '',
});

test('a service account with an association gets its role as temporary credentials that EKS and STS accept', async () => {
  const answer = await agent(await token('gateway', { podName: 'gateway-7d9f-abc' }));
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({
    AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
    SecretAccessKey: expect.any(String),
    Token: expect.any(String),
    AccountId: PLATFORM,
    Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
  });
  const now = Date.parse((await control<{ now: string }>(emulator.url, 'clock')).now);
  expect(Date.parse(answer.body.Expiration ?? '') - now).toBeGreaterThan(890_000);
  expect(Date.parse(answer.body.Expiration ?? '') - now).toBeLessThanOrEqual(900_000);

  const identity = await sts(emulator.url, asCredentials(answer.body)).send(new GetCallerIdentityCommand({}));
  expect(identity.Account).toBe(PLATFORM);
  expect(identity.Arn).toMatch(/^arn:aws:sts::000000000000:assumed-role\/gateway\/eks-platform-gateway-7d9f-abc-/);
  const clusters = await eks(emulator.url, 'eu-west-1', { credentials: asCredentials(answer.body) }).send(
    new ListClustersCommand({}),
  );
  expect(clusters.clusters).toEqual(['platform']);

  const report = await control<{ issued: Array<Record<string, string>> }>(emulator.url, 'pod-identity');
  expect(report.issued.at(-1)).toMatchObject({
    accessKeyId: answer.body.AccessKeyId,
    roleArn: `arn:aws:iam::${PLATFORM}:role/gateway`,
    clusterName: 'platform',
    namespace: 'gateway',
    serviceAccount: 'gateway',
  });
});

test('with a target role, the credentials are those of the target role, in its account', async () => {
  const answer = await agent(await token('chained'));
  expect(answer.status).toBe(200);
  expect(answer.body.AccountId).toBe(MEMBER);
  const clusters = await eks(emulator.url, 'eu-west-1', { credentials: asCredentials(answer.body) }).send(
    new ListClustersCommand({}),
  );
  expect(clusters.clusters).toEqual(['member-cluster']);
});

test('missing, forged and expired tokens, and service accounts without an association or a usable role, are refused', async () => {
  expect(await agent()).toEqual({
    status: 401,
    body: { Code: 'InvalidTokenException', Message: 'Service account token cannot be empty.' },
  });
  const good = await token('gateway');
  const [header, payload] = good.split('.');
  const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
  expect((await agent(forged)).body.Code).toBe('InvalidTokenException');
  expect((await agent('a-token-from-another-cluster')).status).toBe(401);
  expect((await agent(good, 'POST')).status).toBe(405);

  const other = await agent(await token('nobody'));
  expect(other).toEqual({
    status: 404,
    body: {
      Code: 'ResourceNotFoundException',
      Message: 'No Pod Identity association for the service account gateway/nobody in the cluster platform.',
    },
  });
  const untagged = await agent(await token('untagged'));
  expect(untagged.status).toBe(403);
  expect(untagged.body.Message).toMatch(/sts:TagSession/);

  const shortLived = await token('gateway', { expiresInSeconds: 60 });
  await control(emulator.url, 'clock', 'POST', { advanceSeconds: 61 });
  try {
    expect(await agent(shortLived)).toEqual({
      status: 401,
      body: { Code: 'ExpiredTokenException', Message: 'The service account token has expired.' },
    });
  } finally {
    await control(emulator.url, 'clock', 'DELETE');
  }
  const report = await control<{ refused: Record<string, number> }>(emulator.url, 'pod-identity');
  expect(report.refused).toMatchObject({
    InvalidTokenException: 3,
    ExpiredTokenException: 1,
    ResourceNotFoundException: 1,
    AccessDeniedException: 1,
  });
});

test('tokens are issued only for clusters of the state, and the request is checked', async () => {
  const res = await fetch(`${emulator.url}/_emulator/pod-identity-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clusterName: 'nowhere', namespace: 'gateway', serviceAccount: 'gateway' }),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { message: string }).message).toMatch(/No cluster nowhere in us-east-1/);
  const typo = await fetch(`${emulator.url}/_emulator/pod-identity-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clusterName: 'platform', namespace: 'gateway', serviceaccount: 'gateway' }),
  });
  expect(typo.status).toBe(400);
});
