/**
 * The gateway as a pod of EKS runs it: GATEWAY_BACKEND=aws, its EKS (and STS) endpoint the
 * emulator, and for credentials only what EKS Pod Identity injects into the pod,
 * AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, here pointing at
 * the emulator's Pod Identity agent endpoint and a token the emulator issued for the gateway's
 * service account. The SDK's own default chain does the rest.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiAccountSeedFile, RunningEmulator } from '../../../src/emulator';
import { startEmulator } from '../../../src/emulator';
import { baseEnvironment, buildGateway, launchBuilt, until, type LaunchedGateway } from '../../helpers/builtGateway';

const ACCOUNT = '000000000000';
const GATEWAY_ROLE = `arn:aws:iam::${ACCOUNT}:role/eks-pod-identity-gateway`;

const seed: MultiAccountSeedFile = {
  accounts: [
    {
      accountId: ACCOUNT,
      iam: { strict: true },
      roles: [
        {
          roleName: 'eks-pod-identity-gateway',
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'pods.eks.amazonaws.com' },
                Action: ['sts:AssumeRole', 'sts:TagSession'],
                Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
              },
            ],
          },
        },
        'arn:aws:iam::000000000000:role/orders-api',
      ],
      clusters: [
        {
          name: 'platform',
          region: 'eu-west-1',
          associations: [
            { namespace: 'eks-pod-identity-gateway', serviceAccount: 'gateway', roleArn: GATEWAY_ROLE },
            { namespace: 'orders', serviceAccount: 'api', roleArn: 'arn:aws:iam::000000000000:role/orders-api' },
          ],
        },
      ],
    },
  ],
};

const QUERY =
  '{ clusters { nodes { name region podIdentityAssociations(first: 5) { nodes { namespace serviceAccount roleArn } } } } }';

let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  buildGateway();
  // 302 s: the SDK renews credentials 5 minutes before they expire, so each set is used for about 2 s.
  emulator = await startEmulator({ seed, podIdentityCredentialSeconds: 302 });
  dir = mkdtempSync(join(tmpdir(), 'gateway-pod-identity-'));
}, 120_000);
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function issueToken(serviceAccount: string): Promise<string> {
  const res = await fetch(`${emulator.url}/_emulator/pod-identity-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      region: 'eu-west-1',
      clusterName: 'platform',
      namespace: 'eks-pod-identity-gateway',
      serviceAccount,
      podName: 'eks-pod-identity-gateway-6c7d9-x2kq4',
    }),
  });
  return ((await res.json()) as { token: string }).token;
}

function launchPod(tokenFile: string): LaunchedGateway {
  return launchBuilt({
    env: {
      ...baseEnvironment(),
      PORT: '0',
      LOG_LEVEL: 'info',
      GATEWAY_BACKEND: 'aws',
      GATEWAY_REGIONS: 'eu-west-1',
      EKS_ENDPOINT: emulator.url,
      INVENTORY: 'off',
      CACHE_TTL_MS: '0',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emulator.url}/v1/credentials`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
      // No shared config or credentials file of this machine may take part.
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    },
  });
}

interface AgentReport {
  issued: Array<{ accessKeyId: string; roleArn: string; serviceAccount: string; issuedAt: string; expiration: string }>;
  refused: Record<string, number>;
}

async function agentReport(): Promise<AgentReport> {
  return (await (await fetch(`${emulator.url}/_emulator/pod-identity`)).json()) as AgentReport;
}

async function graphql(url: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  return (await res.json()) as { data?: unknown; errors?: unknown[] };
}

async function readyz(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(new URL('/readyz', url));
  return { status: res.status, body: await res.json() };
}

test('with only the agent URI and token file it works as its service account’s role, and renews the credentials before they expire', async () => {
  const tokenFile = join(dir, 'eks-pod-identity-token');
  writeFileSync(tokenFile, await issueToken('gateway'));
  const before = (await agentReport()).issued.length;
  const pod = launchPod(tokenFile);
  try {
    const url = await pod.ready;
    expect(await readyz(url)).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await graphql(url)).toEqual({
      data: {
        clusters: {
          nodes: [
            {
              name: 'platform',
              region: 'eu-west-1',
              podIdentityAssociations: {
                nodes: [
                  { namespace: 'eks-pod-identity-gateway', serviceAccount: 'gateway', roleArn: GATEWAY_ROLE },
                  { namespace: 'orders', serviceAccount: 'api', roleArn: 'arn:aws:iam::000000000000:role/orders-api' },
                ],
              },
            },
          ],
        },
      },
    });
    // Every answer is whole while the SDK goes back to the agent for new credentials.
    const answers: Array<{ errors?: unknown[] }> = [];
    await until(
      async () => {
        answers.push(await graphql(url));
        await new Promise((resolve) => setTimeout(resolve, 200));
        return (await agentReport()).issued.length - before >= 3;
      },
      'a third set of credentials',
      30_000,
    );
    expect(answers.filter((answer) => answer.errors !== undefined)).toEqual([]);
    const issued = (await agentReport()).issued.slice(before);
    expect(new Set(issued.map((set) => set.accessKeyId)).size).toBe(issued.length);
    for (const set of issued) expect(set).toMatchObject({ roleArn: GATEWAY_ROLE, serviceAccount: 'gateway' });
    // Each new set was asked for while the one before it was still good.
    for (let i = 1; i < issued.length; i += 1) {
      expect(Date.parse(issued[i]?.issuedAt ?? '')).toBeLessThan(Date.parse(issued[i - 1]?.expiration ?? ''));
    }
  } finally {
    pod.child.kill('SIGTERM');
  }
  expect(await pod.exited).toEqual({ code: 0, signal: null });
}, 60_000);

test('a token the agent refuses keeps it unready (503, waiting for credentials) until the token file holds a good one', async () => {
  const tokenFile = join(dir, 'wrong-token');
  // A token of another service account, with no association: the agent refuses it, as it does a forged one.
  writeFileSync(tokenFile, await issueToken('someone-else'));
  const refusedBefore = (await agentReport()).refused.ResourceNotFoundException ?? 0;
  const pod = launchPod(tokenFile);
  try {
    const url = await pod.ready;
    expect(await readyz(url)).toEqual({ status: 503, body: { status: 'starting', waitingFor: ['credentials'] } });
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    expect((await graphql(url)).errors).toEqual(expect.arrayContaining([expect.anything()]));
    expect((await agentReport()).refused.ResourceNotFoundException).toBeGreaterThan(refusedBefore);
    expect(pod.stdout()).toContain('Not ready yet; retrying');

    // The kubelet rotates the projected token in place; the SDK reads the file on each request.
    writeFileSync(tokenFile, await issueToken('gateway'));
    await until(async () => (await readyz(url)).status === 200, 'readiness', 30_000);
    expect((await graphql(url)).errors).toBeUndefined();
  } finally {
    pod.child.kill('SIGTERM');
  }
  expect(await pod.exited).toEqual({ code: 0, signal: null });
}, 60_000);

test('a forged token is refused by the agent', async () => {
  const good = await issueToken('gateway');
  const forged = `${good.slice(0, good.lastIndexOf('.'))}.${Buffer.from('forged').toString('base64url')}`;
  const res = await fetch(`${emulator.url}/v1/credentials`, { headers: { authorization: forged } });
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({
    Code: 'InvalidTokenException',
    Message: 'The service account token is not valid: it was not issued by this cluster.',
  });
});
