/**
 * CORS over real HTTP: a page of a listed origin gets its preflight answered and may read the
 * answers; any other origin gets no CORS headers (the browser then blocks it: see the browser
 * test of the web app); without CORS_ORIGINS nothing changes. CSRF prevention stays on.
 */
import { request } from 'node:http';
import { startStack, type Stack } from '../../helpers/stack';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request (fetch will not send an Origin header of our choosing). */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const PORTAL = 'http://portal.localhost:5173';
const QUERY = JSON.stringify({ query: '{ regions }' });
const preflight = (url: string, origin: string, requestHeaders = 'content-type, authorization') =>
  send(url, 'OPTIONS', {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': requestHeaders,
  });
const post = (url: string, origin: string | null, extra: Record<string, string> = {}) =>
  send(url, 'POST', { 'content-type': 'application/json', ...(origin ? { origin } : {}), ...extra }, QUERY);

describe('with CORS_ORIGINS', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(
      { seed: 'demo' },
      { CORS_ORIGINS: `${PORTAL},http://*.apps.localhost:8080`, CORS_MAX_AGE_SECONDS: '120' },
    );
  });
  afterAll(() => stack.close());

  test('a preflight from a listed origin is answered with what /graphql takes, before authentication', async () => {
    const answer = await preflight(stack.gateway.graphqlUrl, PORTAL);
    expect(answer.status).toBe(204);
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': PORTAL,
      'access-control-allow-methods': 'GET, POST',
      'access-control-max-age': '120',
      vary: 'Origin',
    });
    expect(String(answer.headers['access-control-allow-headers']).split(', ')).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id']),
    );
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('the answer to a listed origin may be read by its page; one subdomain label matches the wildcard', async () => {
    for (const origin of [PORTAL, 'http://team-a.apps.localhost:8080']) {
      const answer = await post(stack.gateway.graphqlUrl, origin);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ data: { regions: ['us-east-1', 'eu-west-1'] } });
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
      expect(answer.headers['access-control-expose-headers']).toBe('x-request-id');
      expect(String(answer.headers.vary)).toMatch(/\bOrigin\b/);
    }
  });

  test('an origin not listed gets no CORS headers: its preflight is refused and its answers are not readable', async () => {
    for (const origin of ['http://evil.localhost:5173', 'http://a.b.apps.localhost:8080', 'null']) {
      const refused = await preflight(stack.gateway.graphqlUrl, origin);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('CORS_ORIGIN_NOT_ALLOWED');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      const answer = await post(stack.gateway.graphqlUrl, origin);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(answer.headers['access-control-allow-methods']).toBeUndefined();
    }
  });

  test('CSRF prevention stays on: a simple cross-origin GET without a preflight header is refused by Apollo', async () => {
    const answer = await send(`${stack.gateway.graphqlUrl}?query=%7Bregions%7D`, 'GET', { origin: PORTAL });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/CSRF/);
    const allowed = await send(`${stack.gateway.graphqlUrl}?query=%7Bregions%7D`, 'GET', {
      origin: PORTAL,
      'apollo-require-preflight': 'true',
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(PORTAL);
  });

  test('other paths carry no CORS headers', async () => {
    const answer = await send(`${stack.gateway.url}/healthz`, 'GET', { origin: PORTAL });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('with credentials allowed', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: 'demo' }, { CORS_ORIGINS: PORTAL, CORS_ALLOW_CREDENTIALS: 'true' });
  });
  afterAll(() => stack.close());

  test('the answers say so', async () => {
    expect((await preflight(stack.gateway.graphqlUrl, PORTAL)).headers['access-control-allow-credentials']).toBe(
      'true',
    );
    expect((await post(stack.gateway.graphqlUrl, PORTAL)).headers['access-control-allow-credentials']).toBe('true');
  });
});

describe('without CORS_ORIGINS (the default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: 'demo' });
  });
  afterAll(() => stack.close());

  test('no origin gets CORS headers, and OPTIONS is not a method of /graphql', async () => {
    const answer = await post(stack.gateway.graphqlUrl, PORTAL);
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(stack.gateway.graphqlUrl, PORTAL)).status).toBe(405);
  });
});
