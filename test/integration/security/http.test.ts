/**
 * The HTTP surface with AUTH_MODE=tokens, and the hardening switches: how a request without a
 * valid token is refused, what stays open, the secure headers, CSRF prevention, and that tokens
 * and the policy never reach the logs or the audit log. Then production defaults: no
 * introspection and no GraphiQL unless turned on.
 */
import { startStack, tempFiles, type Stack } from '../../helpers/stack';
import { CALLERS, CALLER_NAMES, POLICY, seed, tokenFile } from './fixtures';

const files = tempFiles();
const tokenEnv = () => ({
  AUTH_MODE: 'tokens',
  AUTH_TOKENS_FILE: files.write('tokens.json', tokenFile()),
  AUTH_POLICY_FILE: files.write('policy.json', POLICY),
});
const INTROSPECTION = '{ __schema { queryType { name } } }';
afterAll(() => files.remove());

describe('AUTH_MODE=tokens', () => {
  let stack: Stack;
  let graphql: string;

  beforeAll(async () => {
    stack = await startStack(
      { seed: seed() },
      { ...tokenEnv(), AUDIT_LOG_FILE: `${files.dir}/audit.jsonl` },
      { captureLogs: true },
    );
    graphql = stack.gateway.graphqlUrl;
  });
  afterAll(() => stack.close());

  test('no Authorization header: 401, a Bearer challenge without error, a JSON error, no caching', async () => {
    const res = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ regions }"}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="eks-pod-identity-gateway"');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'Authentication is required: send the header "Authorization: Bearer <token>".',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  test.each([
    ['another scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['an empty bearer token', 'Bearer '],
    ['an unknown token', 'Bearer unknown-token-0123456789'],
    ['a token with a stray character', `Bearer ${CALLERS.admin.token}x`],
    ['the stored hash instead of the token', `Bearer sha256:${tokenFile().tokens[0]!.token.slice(7)}`],
  ])('%s: 401 invalid_token', async (_, authorization) => {
    const res = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: '{"query":"{ regions }"}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  test.each(CALLER_NAMES)('the token of %s is accepted, whether the file holds it hashed or plain', async (name) => {
    const answer = await stack.gqlAs(CALLERS[name].token, '{ regions }');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { regions: ['us-east-1', 'eu-west-1'] } });
  });

  test('GET queries and batches need the token too', async () => {
    const get = `${graphql}?query=${encodeURIComponent('{ regions }')}`;
    expect((await fetch(get, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(401);
    const withToken = await fetch(get, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${CALLERS.auditor.token}` },
    });
    expect(withToken.status).toBe(200);
    const batch = JSON.stringify([{ query: '{ regions }' }, { query: '{ regions }' }]);
    expect(
      (await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch })).status,
    ).toBe(401);
  });

  test('CSRF prevention stays on for authenticated requests', async () => {
    const res = await fetch(`${graphql}?query=${encodeURIComponent('{ regions }')}`, {
      headers: { authorization: `Bearer ${CALLERS.admin.token}` },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/i);
  });

  test('health, readiness and GraphiQL (whose headers editor carries the token) stay open', async () => {
    expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.gateway.url}/readyz`)).status).toBe(200);
    const page = await fetch(graphql, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await fetch(`${stack.gateway.url}/graphiql/init.js`)).status).toBe(200);
  });

  test('GraphQL answers carry the secure headers and are never cached', async () => {
    const res = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CALLERS.admin.token}` },
      body: '{"query":"{ regions }"}',
    });
    expect(res.status).toBe(200);
    expect(
      Object.fromEntries(
        [
          'cache-control',
          'x-content-type-options',
          'referrer-policy',
          'x-frame-options',
          'content-security-policy',
        ].map((h) => [h, res.headers.get(h)]),
      ),
    ).toEqual({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
  });

  test('introspection is on outside production', async () => {
    const answer = await stack.gqlAs(CALLERS.auditor.token, INTROSPECTION);
    expect(answer.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  test('tokens, Authorization headers and the policy never reach the logs or the audit log', async () => {
    for (const name of CALLER_NAMES) {
      await stack.gqlAs(
        CALLERS[name].token,
        `mutation { deletePodIdentityAssociation(input: { clusterName: "dev-sandbox", associationId: "a-nothing0000000000" }) { errors { code } } }`,
      );
      await stack.gqlAs(`${CALLERS[name].token}-wrong`, '{ regions }');
    }
    const logs = stack.logText();
    const audit = JSON.stringify(stack.auditRecords());
    expect(logs).toContain('Request refused by authentication');
    expect(audit).toContain('deletePodIdentityAssociation');
    for (const text of [logs, audit]) {
      for (const name of CALLER_NAMES) expect(text).not.toContain(CALLERS[name].token);
      for (const rule of POLICY.rules) expect(text).not.toContain(rule.description);
      expect(text).not.toContain('payments-*');
    }
  });
});

describe('NODE_ENV=production', () => {
  test('introspection and GraphiQL are off by default', async () => {
    const stack = await startStack(
      { seed: seed() },
      { ...tokenEnv(), NODE_ENV: 'production', AUDIT_LOG: 'off' },
      { captureLogs: true },
    );
    try {
      const answer = await stack.gqlAs(CALLERS.admin.token, INTROSPECTION);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(answer.body.errors?.[0]?.message).toMatch(/introspection/i);
      const page = await fetch(stack.gateway.graphqlUrl, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(404);
      expect(await page.json()).toEqual({
        errors: [{ message: expect.stringContaining('ENABLE_GRAPHIQL'), extensions: { code: 'NOT_FOUND' } }],
      });
      expect((await fetch(`${stack.gateway.url}/graphiql/init.js`)).status).toBe(404);
      // Ordinary queries still work.
      expect((await stack.gqlAs(CALLERS.admin.token, '{ regions }')).status).toBe(200);
    } finally {
      await stack.close();
    }
  });

  test('ENABLE_INTROSPECTION=true and ENABLE_GRAPHIQL=true turn them back on', async () => {
    const stack = await startStack(
      { seed: seed() },
      {
        ...tokenEnv(),
        NODE_ENV: 'production',
        ENABLE_INTROSPECTION: 'true',
        ENABLE_GRAPHIQL: 'true',
        AUDIT_LOG: 'off',
      },
      { captureLogs: true },
    );
    try {
      expect((await stack.gqlAs(CALLERS.admin.token, INTROSPECTION)).body).toEqual({
        data: { __schema: { queryType: { name: 'Query' } } },
      });
      expect((await fetch(stack.gateway.graphqlUrl, { headers: { accept: 'text/html' } })).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});
