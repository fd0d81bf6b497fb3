/** The HTTP surface: endpoints, GET queries with CSRF prevention, GraphiQL, and bad requests. */
import { startStack, type Stack } from '../../helpers/stack';

let stack: Stack;
let base: string;
let graphql: string;

beforeAll(async () => {
  stack = await startStack({ seed: 'demo' });
  base = stack.gateway.url;
  graphql = stack.gateway.graphqlUrl;
});
afterAll(() => stack.close());

test('health and readiness', async () => {
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
});

test('queries over GET work with a preflight header; a simple GET is blocked as CSRF', async () => {
  const url = `${graphql}?query=${encodeURIComponent('{ regions }')}`;
  const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ data: { regions: ['us-east-1', 'eu-west-1'] } });
  const simple = await fetch(url);
  expect(simple.status).toBe(400);
  expect(await simple.text()).toMatch(/CSRF/i);
  const mutation = await fetch(`${graphql}?query=${encodeURIComponent('mutation { __typename }')}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
  expect(mutation.status).toBe(405);
});

test('browsers get the offline GraphiQL page under a strict CSP, with local assets only', async () => {
  const page = await fetch(graphql, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  const html = await page.text();
  const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
  expect(sources.length).toBeGreaterThanOrEqual(5);
  for (const src of sources) {
    expect(src.startsWith('/graphiql/')).toBe(true);
    const asset = await fetch(`${base}${src}`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
  }
  expect(html).not.toMatch(/<script>(?!<\/script>)/);
  expect((await fetch(`${base}/graphiql/nope.js`)).status).toBe(404);
});

test('malformed JSON, a wrong content type, an oversized body and unknown paths are 4xx with a clear message', async () => {
  const malformed = await fetch(graphql, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query": ',
  });
  expect(malformed.status).toBe(400);
  expect(await malformed.json()).toMatchObject({
    errors: [{ extensions: { code: 'BAD_REQUEST' }, message: expect.stringContaining('not valid JSON') }],
  });

  const wrongType = await fetch(graphql, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: '{ regions }',
  });
  expect(wrongType.status).toBe(400);

  const huge = await fetch(graphql, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ regions } # ${'x'.repeat(2 * 1024 * 1024)}` }),
  });
  expect(huge.status).toBe(413);

  const missing = await fetch(`${base}/nope`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });

  const invalid = await stack.gql('{ clusters { nope } }');
  expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

test("every response carries a request id of the gateway's own: a caller's x-request-id never becomes it", async () => {
  const ids: string[] = [];
  const sent: Array<Record<string, string>> = [{ 'x-request-id': 'trace-123' }, { 'x-request-id': 'trace-123' }, {}];
  for (const headers of sent) {
    const res = await fetch(`${base}/healthz`, { headers });
    ids.push(res.headers.get('x-request-id') ?? '');
  }
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  // The same client id twice: two requests, two ids.
  expect(new Set(ids).size).toBe(3);
});

test('the demo data answers a dashboard query', async () => {
  const res = await stack.gql<{
    clusters: {
      nodes: Array<{ name: string; region: string; podIdentityAssociations: { nodes: Array<{ roleArn: string }> } }>;
    };
  }>(
    '{ clusters { nodes { name region status podIdentityAssociations(first: 3) { nodes { namespace serviceAccount roleArn } } } } }',
  );
  expect(res.errors).toBeUndefined();
  const clusters = res.data?.clusters.nodes ?? [];
  expect(new Set(clusters.map((c) => c.region))).toEqual(new Set(['us-east-1', 'eu-west-1']));
  expect(clusters.length).toBeGreaterThanOrEqual(3);
  for (const c of clusters)
    for (const a of c.podIdentityAssociations.nodes) expect(a.roleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
});
