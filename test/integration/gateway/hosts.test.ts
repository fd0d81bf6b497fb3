/**
 * DNS rebinding: a page whose name rebinds to 127.0.0.1 reaches the gateway as same-origin, with
 * its own name in the Host header. Without authentication only loopback names are served;
 * ALLOWED_HOSTS adds a deployment's names (and, with authentication, is the whole list).
 */
import { request } from 'node:http';
import { ConfigError, loadConfig } from '../../../src/config';
import { sha256 } from '../../../src/security/tokens';
import { nonZero, role, seedCluster, startStack, tempFiles, type Stack } from '../../helpers/stack';

interface Answer {
  status: number;
  body: string;
}

/** One request to the gateway's socket, with a Host header of our choosing (fetch sets its own). */
function send(
  baseUrl: string,
  host: string | null,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: init.method ?? 'GET',
        setHost: host !== null,
        headers: {
          ...(host === null ? {} : { host }),
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const CREATE = JSON.stringify({
  query: `mutation { createPodIdentityAssociation(input: { clusterName: "apps", region: "us-east-1", namespace: "team-a", serviceAccount: "rebound", roleArn: "${role('team-a-rebound')}" }) { errors { code } } }`,
});
const REGIONS = JSON.stringify({ query: '{ regions }' });

describe('AUTH_MODE=none', () => {
  let stack: Stack;
  let port: string;
  beforeAll(async () => {
    stack = await startStack({ seed: { clusters: [seedCluster('apps', 'us-east-1', 2)] } });
    port = new URL(stack.gateway.url).port;
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetCalls());

  test('a rebinding page (its own name as Host, same-origin) is answered 421 HOST_NOT_ALLOWED, and nothing runs', async () => {
    const answer = await send(stack.gateway.url, `attacker.example:${port}`, '/graphql', {
      method: 'POST',
      body: CREATE,
      headers: { origin: `http://attacker.example:${port}` },
    });
    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [
        {
          message:
            'This gateway does not serve the host "attacker.example:' +
            port +
            '", which protects it from DNS rebinding: use a name in ALLOWED_HOSTS (with AUTH_MODE=none, also localhost, 127.0.0.1 or [::1]).',
          extensions: { code: 'HOST_NOT_ALLOWED' },
        },
      ],
    });
    expect(nonZero(await stack.calls())).toEqual({});
    expect((await stack.state()).clusters[0]?.associations?.some((a) => a.serviceAccount === 'rebound')).toBe(false);
  });

  test.each([
    ['GET /graphql (GraphiQL)', '/graphql', { headers: { accept: 'text/html' } }],
    ['GET /metrics', '/metrics', {}],
    ['GET /', '/', {}],
    ['GET /graphiql/ assets', '/graphiql/graphiql.min.js', {}],
    ['an unknown path', '/nothing', {}],
  ])('every route but the probes is refused to a foreign host: %s', async (_label, path, init) => {
    const answer = await send(stack.gateway.url, 'rebind.example', path, init);
    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('HOST_NOT_ALLOWED');
  });

  test.each([
    ['a name that only ends like localhost', 'evil-localhost'],
    ['a subdomain of localhost', 'a.localhost'],
    ['another loopback address', '127.0.0.2'],
    ['the IPv6 loopback unbracketed', '::1'],
    ['a malformed header', 'local host'],
    ['a bad port', 'localhost:99999'],
  ])('%s is refused', async (_label, host) => {
    expect((await send(stack.gateway.url, host, '/graphql', { method: 'POST', body: REGIONS })).status).toBe(421);
  });

  test('a request without a Host header is refused by Node itself (HTTP/1.1 requires one)', async () => {
    expect((await send(stack.gateway.url, null, '/graphql', { method: 'POST', body: CREATE })).status).toBe(400);
    expect(nonZero(await stack.calls())).toEqual({});
  });

  test.each([
    'localhost',
    '127.0.0.1',
    '[::1]',
    'LOCALHOST',
    'localhost:PORT',
    '127.0.0.1:PORT',
    '[::1]:PORT',
    'localhost:1234',
  ])('the loopback name %s is served, with or without the port', async (host) => {
    const answer = await send(stack.gateway.url, host.replace('PORT', port), '/graphql', {
      method: 'POST',
      body: REGIONS,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { regions: ['us-east-1', 'eu-west-1'] } });
  });

  test('health probes are exempt: Kubernetes sends the pod IP as Host', async () => {
    expect(await send(stack.gateway.url, '10.1.2.3:4000', '/healthz')).toEqual({
      status: 200,
      body: '{"status":"ok"}',
    });
    expect(await send(stack.gateway.url, '10.1.2.3:4000', '/readyz')).toEqual({
      status: 200,
      body: '{"status":"ready"}',
    });
  });
});

describe('ALLOWED_HOSTS', () => {
  test('adds names to the loopback ones without authentication; a port, when given, must match', async () => {
    const stack = await startStack({ seed: 'none' }, { ALLOWED_HOSTS: 'gateway.test, Other.Test:8443,10.0.0.7' });
    try {
      const status = async (host: string) =>
        (await send(stack.gateway.url, host, '/graphql', { method: 'POST', body: REGIONS })).status;
      expect(await status('gateway.test')).toBe(200);
      expect(await status('gateway.test:4000')).toBe(200);
      expect(await status('other.test:8443')).toBe(200);
      expect(await status('other.test:9999')).toBe(421);
      expect(await status('other.test')).toBe(421);
      expect(await status('10.0.0.7:80')).toBe(200);
      expect(await status('127.0.0.1')).toBe(200);
      expect(await status('gateway.test.attacker.example')).toBe(421);
    } finally {
      await stack.close();
    }
  });

  describe('with authentication', () => {
    const files = tempFiles();
    const token = 'hosts-test-token-0123456789';
    const env = {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', {
        tokens: [{ token: `sha256:${sha256(token).toString('hex')}`, subject: 'reader', groups: ['readers'] }],
      }),
      AUTH_POLICY_FILE: files.write('policy.json', { rules: [{ groups: ['readers'], actions: ['read'] }] }),
      AUDIT_LOG: 'off',
    };
    afterAll(() => files.remove());

    test('without ALLOWED_HOSTS every name is served (the credential protects it)', async () => {
      const stack: Stack = await startStack({ seed: 'none' }, env, { captureLogs: true });
      try {
        const answer = await send(stack.gateway.url, 'gateway.example.com', '/graphql', {
          method: 'POST',
          body: REGIONS,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(answer.status).toBe(200);
        expect(
          (await send(stack.gateway.url, 'gateway.example.com', '/graphql', { method: 'POST', body: REGIONS })).status,
        ).toBe(401);
      } finally {
        await stack.close();
      }
    });

    test('with ALLOWED_HOSTS only its names are, loopback ones included, and the refusal comes before authentication', async () => {
      const stack: Stack = await startStack(
        { seed: 'none' },
        { ...env, ALLOWED_HOSTS: 'gateway.example.com' },
        { captureLogs: true },
      );
      try {
        const headers = { authorization: `Bearer ${token}` };
        expect(
          (await send(stack.gateway.url, 'gateway.example.com', '/graphql', { method: 'POST', body: REGIONS, headers }))
            .status,
        ).toBe(200);
        expect(
          (await send(stack.gateway.url, '127.0.0.1', '/graphql', { method: 'POST', body: REGIONS, headers })).status,
        ).toBe(421);
        expect(
          (await send(stack.gateway.url, 'other.example.com', '/graphql', { method: 'POST', body: REGIONS })).status,
        ).toBe(421);
        expect((await send(stack.gateway.url, '10.9.9.9', '/healthz')).status).toBe(200);
      } finally {
        await stack.close();
      }
    });
  });
});

test.each([
  ['a space in a name', 'gateway .test'],
  ['an empty item', 'a.test,,b.test'],
  ['a URL', 'https://gateway.test'],
  ['a port out of range', 'gateway.test:0'],
  ['a path', 'gateway.test/x'],
])('ALLOWED_HOSTS with %s stops start-up naming the variable', (_label, value) => {
  expect(() => loadConfig({ ALLOWED_HOSTS: value })).toThrow(ConfigError);
  expect(() => loadConfig({ ALLOWED_HOSTS: value })).toThrow(
    /^ALLOWED_HOSTS must be a comma-separated list of host names/,
  );
});

test('ALLOWED_HOSTS is read into lowercase names and ports', () => {
  expect(loadConfig({ ALLOWED_HOSTS: 'Gateway.Test, [::1]:4000,10.0.0.7:80' }).allowedHosts).toEqual([
    { name: 'gateway.test', port: null },
    { name: '[::1]', port: 4000 },
    { name: '10.0.0.7', port: 80 },
  ]);
  expect(loadConfig({}).allowedHosts).toBeNull();
});
