/**
 * The example configurations of docs/security.md (examples/security/) start a working gateway
 * over the demo data, and behave as the documentation says.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { loadConfig } from '../../../src/config';
import { mutatingCalls, startStack, tempFiles, type Stack } from '../../helpers/stack';

const ROOT = join(__dirname, '..', '..', '..');
const files = tempFiles();
afterAll(() => files.remove());

/** `KEY=value` lines of an env file; paths in it are relative to the repository root. */
function readEnvFile(name: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(ROOT, 'examples', 'security', name), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    env[key] = value.startsWith('examples/') ? join(ROOT, value) : value;
  }
  return env;
}

/** The plain tokens that docs/security.md gives for examples/security/tokens.json. */
const TOKENS = {
  admin: 'example-platform-admin-token-change-me',
  payments: 'example-payments-dev-token-change-me',
  deployer: 'example-ci-deployer-token-change-me',
  auditor: 'example-auditor-token-change-me',
};

test('docs/security.md gives these tokens', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'security.md'), 'utf8');
  for (const token of Object.values(TOKENS)) expect(doc).toContain(token);
});

describe('examples/security/tokens.env', () => {
  let stack: Stack;
  const env = readEnvFile('tokens.env');

  beforeAll(async () => {
    // As written it listens on every interface, which authentication allows.
    expect(loadConfig(env).host).toBe('0.0.0.0');
    stack = await startStack({ seed: 'demo' }, { ...env, HOST: '127.0.0.1', AUDIT_LOG: 'off' }, { captureLogs: true });
  });
  afterAll(() => stack.close());

  const CLUSTERS = '{ clusters { nodes { name podIdentityAssociations(first: 100) { nodes { namespace } } } } }';
  type Clusters = {
    clusters: { nodes: Array<{ name: string; podIdentityAssociations: { nodes: Array<{ namespace: string }> } }> };
  };
  const namespacesSeen = async (token: string) => {
    const answer = await stack.gqlAs<Clusters>(token, CLUSTERS);
    expect(answer.body.errors).toBeUndefined();
    return new Set(
      answer.body.data!.clusters.nodes.flatMap((c) => c.podIdentityAssociations.nodes.map((a) => a.namespace)),
    );
  };

  test('without a token nothing runs', async () => {
    expect((await stack.gqlAs(null, CLUSTERS)).status).toBe(401);
  });

  test('the payments developer sees only the payments namespace; the auditor and the admin see all', async () => {
    expect([...(await namespacesSeen(TOKENS.payments))]).toEqual(['payments']);
    expect((await namespacesSeen(TOKENS.auditor)).size).toBeGreaterThan(5);
    expect(await namespacesSeen(TOKENS.admin)).toEqual(await namespacesSeen(TOKENS.auditor));
  });

  const CREATE = `mutation($roleArn: String!, $cluster: String!) { createPodIdentityAssociation(input: {
    clusterName: $cluster, namespace: "payments", serviceAccount: "docs-example", roleArn: $roleArn }) {
    podIdentityAssociation { roleArn } errors { code message } } }`;

  test('the payments developer binds payments roles, and is refused any other role', async () => {
    await stack.resetCalls();
    const refused = await stack.gqlAs<{ createPodIdentityAssociation: { errors: Array<{ code: string }> } }>(
      TOKENS.payments,
      CREATE,
      { cluster: 'prod-platform', roleArn: 'arn:aws:iam::111122223333:role/platform-admin' },
    );
    expect(refused.body.data?.createPodIdentityAssociation.errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect(mutatingCalls(await stack.calls())).toBe(0);
    const allowed = await stack.gqlAs<{ createPodIdentityAssociation: { errors: unknown[] } }>(
      TOKENS.payments,
      CREATE,
      {
        cluster: 'prod-platform',
        roleArn: 'arn:aws:iam::111122223333:role/payments-docs-example',
      },
    );
    expect(allowed.body.data?.createPodIdentityAssociation.errors).toEqual([]);
  });

  test('the deploy robot works in staging only', async () => {
    const roleArn = 'arn:aws:iam::111122223333:role/payments-docs-example';
    const staging = await stack.gqlAs<{ createPodIdentityAssociation: { errors: unknown[] } }>(
      TOKENS.deployer,
      CREATE,
      { cluster: 'staging-apps', roleArn },
    );
    expect(staging.body.data?.createPodIdentityAssociation.errors).toEqual([]);
    const prod = await stack.gqlAs<{ createPodIdentityAssociation: { errors: Array<{ code: string }> } }>(
      TOKENS.deployer,
      CREATE,
      { cluster: 'prod-platform', roleArn },
    );
    expect(prod.body.data?.createPodIdentityAssociation.errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });
});

describe('examples/security/jwt.env, with a stand-in for the identity provider', () => {
  let stack: Stack;
  let provider: Server;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  const env = readEnvFile('jwt.env');

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] };
    provider = createServer((_, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)),
    );
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    sign = (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(env.AUTH_JWT_ISSUER!)
        .setAudience(env.AUTH_JWT_AUDIENCE!)
        .setExpirationTime('5m')
        .sign(privateKey);
    stack = await startStack(
      { seed: 'demo' },
      {
        ...env,
        HOST: '127.0.0.1',
        AUTH_JWKS_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/realms/platform/protocol/openid-connect/certs`,
        AUDIT_LOG_FILE: join(files.dir, 'audit.jsonl'),
      },
      { captureLogs: true },
    );
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((resolve) => provider.close(resolve));
  });

  test('a token from the provider for this audience works, with its groups', async () => {
    const answer = await stack.gqlAs<{ clusters: { nodes: unknown[] } }>(
      await sign({ sub: 'someone', groups: ['auditors'] }),
      '{ clusters { nodes { name } } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data?.clusters.nodes).toHaveLength(3);
  });

  test('as in production: no introspection', async () => {
    const answer = await stack.gqlAs(
      await sign({ sub: 'someone', groups: ['auditors'] }),
      '{ __schema { types { name } } }',
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
