/**
 * AUTH_MODE=jwt over real HTTP: JWTs signed with `jose` and verified against a JWKS served on
 * loopback (AUTH_JWKS_URL) or read from a file (AUTH_JWKS_FILE). Only a token that is signed by
 * the provider's key, current, from the issuer and for the audience gets through; its `sub` and
 * groups claim decide what the policy allows.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type KeyLike } from 'jose';
import { startStack, tempFiles, type Stack } from '../../helpers/stack';
import { POLICY, READABLE_CLUSTERS, seed } from './fixtures';

const ISSUER = 'https://idp.example.test/realms/platform';
const AUDIENCE = 'eks-pod-identity-gateway';
const files = tempFiles();

let signingKey: KeyLike;
let strangerKey: KeyLike;
let jwks: { keys: Array<Record<string, unknown>> };
let jwksServer: Server;
let jwksRequests = 0;

async function startJwksServer(): Promise<string> {
  jwksServer = createServer((req, res) => {
    jwksRequests += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
}

interface Claims {
  sub?: string;
  groups?: unknown;
  realm_access?: { roles: string[] };
  iss?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
}

const now = () => Math.floor(Date.now() / 1000);

/** A token as the provider would issue it; `claims` override or (as undefined) drop members. */
async function token(claims: Claims = {}, key: KeyLike = signingKey, kid = 'provider-key-1'): Promise<string> {
  const all: Claims = {
    sub: 'alice',
    groups: ['team-payments'],
    iss: ISSUER,
    aud: AUDIENCE,
    exp: now() + 300,
    ...claims,
  };
  const { iss, aud, exp, nbf, ...rest } = all;
  const jwt = new SignJWT(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)))
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuedAt();
  if (iss !== undefined) jwt.setIssuer(iss);
  if (aud !== undefined) jwt.setAudience(aud);
  if (exp !== undefined) jwt.setExpirationTime(exp);
  if (nbf !== undefined) jwt.setNotBefore(nbf);
  return jwt.sign(key);
}

const CLUSTERS_QUERY = '{ clusters(first: 100) { nodes { name } } }';

beforeAll(async () => {
  const provider = await generateKeyPair('RS256');
  signingKey = provider.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  jwks = { keys: [{ ...(await exportJWK(provider.publicKey)), kid: 'provider-key-1', alg: 'RS256', use: 'sig' }] };
});
afterAll(() => files.remove());

describe('with the JWKS fetched from AUTH_JWKS_URL', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(
      { seed: seed() },
      {
        AUTH_MODE: 'jwt',
        AUTH_JWKS_URL: await startJwksServer(),
        AUTH_JWT_ISSUER: ISSUER,
        AUTH_JWT_AUDIENCE: AUDIENCE,
        AUTH_POLICY_FILE: files.write('policy.json', POLICY),
        AUDIT_LOG_FILE: `${files.dir}/audit.jsonl`,
      },
      { captureLogs: true },
    );
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  test('a valid token gets the data its subject and groups may read', async () => {
    const answer = await stack.gqlAs<{ clusters: { nodes: Array<{ name: string }> } }>(await token(), CLUSTERS_QUERY);
    expect(answer.status).toBe(200);
    expect(answer.body.data?.clusters.nodes.map((c) => c.name).sort()).toEqual([...READABLE_CLUSTERS.alice].sort());
    const admin = await stack.gqlAs<{ clusters: { nodes: unknown[] } }>(
      await token({ sub: 'root', groups: ['platform-admins'] }),
      CLUSTERS_QUERY,
    );
    expect(admin.body.data?.clusters.nodes).toHaveLength(READABLE_CLUSTERS.admin.length);
    const nobody = await stack.gqlAs<{ clusters: { nodes: unknown[] } }>(
      await token({ sub: 'mallory', groups: [] }),
      CLUSTERS_QUERY,
    );
    expect(nobody.body.data?.clusters.nodes).toEqual([]);
  });

  test('the keys are fetched once and cached, not per request', async () => {
    const before = jwksRequests;
    for (let i = 0; i < 3; i += 1) expect((await stack.gqlAs(await token(), CLUSTERS_QUERY)).status).toBe(200);
    expect(jwksRequests - before).toBe(0);
  });

  const REFUSED: Array<[string, () => Promise<string>, RegExp]> = [
    ['expired', () => token({ exp: now() - 120 }), /expired/],
    ['not yet valid', () => token({ nbf: now() + 600 }), /"nbf"/],
    ["signed by another key under the provider's key id", () => token({}, strangerKey), /signature/],
    [
      'signed by a key the provider does not have',
      () => token({}, strangerKey, 'unknown-key'),
      /not signed by a key of the identity provider/,
    ],
    ['for another audience', () => token({ aud: 'another-service' }), /"aud"/],
    ['from another issuer', () => token({ iss: 'https://evil.example.test/' }), /"iss"/],
    ['without a subject', () => token({ sub: undefined }), /"sub"/],
    ['without an expiry', () => token({ exp: undefined }), /"exp"/],
    ['with a malformed groups claim', () => token({ groups: 42 }), /"groups" claim/],
    [
      'unsigned (alg none)',
      async () =>
        new UnsecuredJWT({ sub: 'alice', groups: ['platform-admins'] })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime('5m')
          .encode(),
      /not a valid signed JWT|algorithm/,
    ],
    ['not a JWT at all', async () => 'not.a.jwt', /not a valid signed JWT/],
  ];

  test.each(REFUSED)('a token %s answers 401 with the reason, and runs nothing', async (_, make, reason) => {
    await stack.resetCalls();
    const answer = await stack.gqlAs(await make(), CLUSTERS_QUERY);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="eks-pod-identity-gateway", error="invalid_token"/,
    );
    expect(answer.body.errors).toEqual([
      { message: expect.stringMatching(reason), extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    expect(Object.values(await stack.calls()).every((n) => n === 0)).toBe(true);
  });

  test('a mutation made with a JWT is audited under its subject', async () => {
    const answer = await stack.gqlAs(
      await token(),
      `mutation { createPodIdentityAssociation(input: { clusterName: "prod-payments", region: "us-east-1", namespace: "payments",
        serviceAccount: "jwt-sa", roleArn: "arn:aws:iam::111122223333:role/payments-jwt" }) { errors { code } } }`,
    );
    expect(answer.body).toEqual({ data: { createPodIdentityAssociation: { errors: [] } } });
    expect(stack.auditRecords().at(-1)).toMatchObject({
      subject: 'alice',
      groups: ['team-payments'],
      authenticatedBy: 'jwt',
      outcome: 'ok',
    });
  });
});

describe('with the JWKS read from AUTH_JWKS_FILE and groups from a nested claim', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(
      { seed: seed() },
      {
        AUTH_MODE: 'jwt',
        AUTH_JWKS_FILE: files.write('jwks.json', jwks),
        AUTH_JWT_ISSUER: ISSUER,
        AUTH_JWT_AUDIENCE: AUDIENCE,
        AUTH_JWT_GROUPS_CLAIM: 'realm_access.roles',
        AUTH_POLICY_FILE: files.write('policy-file-mode.json', POLICY),
        AUDIT_LOG: 'off',
      },
      { captureLogs: true },
    );
  });
  afterAll(() => stack.close());

  test('groups come from the configured claim, not from "groups"', async () => {
    const fromRoles = await stack.gqlAs<{ clusters: { nodes: unknown[] } }>(
      await token({ groups: undefined, realm_access: { roles: ['platform-admins'] } }),
      CLUSTERS_QUERY,
    );
    expect(fromRoles.body.data?.clusters.nodes).toHaveLength(READABLE_CLUSTERS.admin.length);
    const ignored = await stack.gqlAs<{ clusters: { nodes: unknown[] } }>(
      await token({ sub: 'x', groups: ['platform-admins'] }),
      CLUSTERS_QUERY,
    );
    expect(ignored.body.data?.clusters.nodes).toEqual([]);
  });

  test("an expired token and a stranger's token are refused here too", async () => {
    expect((await stack.gqlAs(await token({ exp: now() - 120 }), CLUSTERS_QUERY)).status).toBe(401);
    expect((await stack.gqlAs(await token({}, strangerKey), CLUSTERS_QUERY)).status).toBe(401);
    expect((await stack.gqlAs(await token(), CLUSTERS_QUERY)).status).toBe(200);
  });
});

test('when the JWKS cannot be fetched, requests answer 503, not 401, and run nothing', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/jwks.json`;
  await new Promise((resolve) => closed.close(resolve));
  const stack = await startStack(
    { seed: seed() },
    {
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: url,
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
      AUTH_POLICY_FILE: files.write('policy-down.json', POLICY),
      AUDIT_LOG: 'off',
    },
    { captureLogs: true },
  );
  try {
    const answer = await stack.gqlAs(await token(), CLUSTERS_QUERY);
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('AUTHENTICATION_UNAVAILABLE');
    expect(Object.values(await stack.calls()).every((n) => n === 0)).toBe(true);
  } finally {
    await stack.close();
  }
});
