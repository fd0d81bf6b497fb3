/**
 * OpenTelemetry tracing of the built gateway, sent by OTLP over HTTP (JSON) to a receiver this
 * test runs: the span tree of a detailed page (the request, its operation, one List and one
 * Describe per association under it), the caller's `traceparent` honoured and the gateway's
 * sent back, cache hits and misses as events, the trace id in the log lines, no variable
 * values in any span; and nothing of it when OTEL_EXPORTER_OTLP_ENDPOINT is unset.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { baseEnvironment, buildGateway, launchBuilt, until, type LaunchedGateway } from '../../helpers/builtGateway';
import { startStack } from '../../helpers/stack';

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
}

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean | undefined>;
  events: string[];
  status?: { code?: number };
}

interface OtlpExport {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: OtlpValue }> };
    scopeSpans: Array<{
      spans: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: Array<{ key: string; value: OtlpValue }>;
        events?: Array<{ name: string }>;
        status?: { code?: number };
      }>;
    }>;
  }>;
}

const valueOf = (value: OtlpValue) =>
  value.stringValue ?? (value.intValue === undefined ? value.boolValue : Number(value.intValue));

/** An OTLP/HTTP collector: POST /v1/traces with the JSON encoding, spans kept in memory. */
function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; services: Set<string> }> {
  const spans: ReceivedSpan[] = [];
  const services = new Set<string>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !/json/.test(req.headers['content-type'] ?? '')) {
        res.writeHead(415).end();
        return;
      }
      const exported = JSON.parse(body) as OtlpExport;
      for (const resource of exported.resourceSpans) {
        const service = resource.resource.attributes.find((a) => a.key === 'service.name');
        if (service) services.add(String(valueOf(service.value)));
        for (const scope of resource.scopeSpans) {
          for (const span of scope.spans) {
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              kind: span.kind,
              attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
              events: (span.events ?? []).map((event) => event.name),
              ...(span.status ? { status: span.status } : {}),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, services }),
    ),
  );
}

const PAGE = `query DetailedPage($cluster: String!) {
  cluster(name: $cluster, region: "us-east-1") {
    podIdentityAssociations(first: 5) { nodes { associationId roleArn createdAt } }
  }
}`;
const INCOMING_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const INCOMING_SPAN = '00f067aa0ba902b7';

describe('with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let emulator: RunningEmulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let gateway: LaunchedGateway;
  let url: string;

  beforeAll(async () => {
    buildGateway();
    emulator = await startEmulator({ seed: 'demo' });
    receiver = await startReceiver();
    gateway = launchBuilt({
      env: {
        ...baseEnvironment(),
        PORT: '0',
        LOG_LEVEL: 'info',
        EKS_ENDPOINT: emulator.url,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: 'gateway-under-test',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
    url = await gateway.ready;
  }, 120_000);

  afterAll(async () => {
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    await emulator.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  async function page(traceparent?: string): Promise<{ traceparent: string | null; body: unknown }> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(traceparent ? { traceparent } : {}) },
      body: JSON.stringify({ query: PAGE, variables: { cluster: 'staging-apps' } }),
    });
    return { traceparent: res.headers.get('traceparent'), body: await res.json() };
  }

  const inTrace = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);

  test('a detailed page is one request span, one operation span, and under it 1 List and 5 Describe spans', async () => {
    const answer = await page(`00-${INCOMING_TRACE}-${INCOMING_SPAN}-01`);
    expect(answer.body).toEqual({
      data: { cluster: { podIdentityAssociations: { nodes: expect.arrayContaining([expect.anything()]) } } },
    });
    // The caller's trace goes on: the answer names the gateway's request span in it.
    const header = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(answer.traceparent ?? '');
    expect(header?.[1]).toBe(INCOMING_TRACE);
    await until(async () => inTrace(INCOMING_TRACE).length >= 8, 'the spans of the page');
    const spans = inTrace(INCOMING_TRACE);
    expect(receiver.services).toEqual(new Set(['gateway-under-test']));

    const [request, ...otherRoots] = spans.filter((span) => span.parentSpanId === INCOMING_SPAN);
    expect(otherRoots).toEqual([]);
    expect(request).toMatchObject({
      spanId: header?.[2],
      name: 'POST /graphql',
      kind: 2, // SERVER
      attributes: { 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 },
    });
    const [operation, ...otherOperations] = spans.filter((span) => span.parentSpanId === request?.spanId);
    expect(otherOperations).toEqual([]);
    expect(operation).toMatchObject({
      name: 'query DetailedPage',
      attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'DetailedPage', 'graphql.errors': 0 },
    });
    const calls = spans.filter((span) => span.parentSpanId === operation?.spanId);
    expect(calls.map((span) => span.name).sort()).toEqual([
      'EKS/DescribePodIdentityAssociation',
      'EKS/DescribePodIdentityAssociation',
      'EKS/DescribePodIdentityAssociation',
      'EKS/DescribePodIdentityAssociation',
      'EKS/DescribePodIdentityAssociation',
      'EKS/ListPodIdentityAssociations',
    ]);
    for (const call of calls) {
      expect(call).toMatchObject({
        kind: 3, // CLIENT
        attributes: {
          'rpc.system': 'aws-api',
          'rpc.service': 'EKS',
          'cloud.region': 'us-east-1',
          'cloud.account.id': '000000000000',
          'aws.result': 'ok',
          'aws.attempts': 1,
          'aws.retries': 0,
          'aws.request_id': expect.stringMatching(/^[0-9a-f-]{36}$/),
        },
      });
    }
    // Nothing deeper, and no variable value anywhere.
    expect(spans).toHaveLength(8);
    expect(JSON.stringify(spans)).not.toContain('staging-apps');
    // Each read missed the shared cache first.
    expect(operation?.events.filter((event) => event === 'cache.miss')).toHaveLength(6);

    // The request's log lines carry its trace.
    const logged = gateway
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; traceId?: string; spanId?: string; path?: string });
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'request', path: '/graphql', traceId: INCOMING_TRACE, spanId: request?.spanId }),
    );
  });

  test('the same page again within the cache TTL: cache hits as events, no EKS span; a new trace without traceparent', async () => {
    const answer = await page();
    const traceId = /^00-([0-9a-f]{32})-/.exec(answer.traceparent ?? '')?.[1] ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(INCOMING_TRACE);
    await until(async () => inTrace(traceId).length >= 2, 'the spans of the cached page');
    const spans = inTrace(traceId);
    const operation = spans.find((span) => span.name === 'query DetailedPage');
    expect(spans.filter((span) => span.name.startsWith('EKS/'))).toEqual([]);
    expect(operation?.events).toEqual(Array.from({ length: 6 }, () => 'cache.hit'));
    expect(spans.find((span) => span.name === 'POST /graphql')?.parentSpanId).toBeUndefined();
  });

  test('probes are not traced', async () => {
    const before = receiver.spans.length;
    expect((await fetch(new URL('/readyz', url))).headers.get('traceparent')).toBeNull();
    await page();
    await until(async () => receiver.spans.length > before, 'the next spans');
    expect(receiver.spans.slice(before).map((span) => span.name)).not.toContain('GET /readyz');
  });
});

test('without OTEL_EXPORTER_OTLP_ENDPOINT nothing is traced: no traceparent in answers', async () => {
  const stack = await startStack({ seed: 'demo' });
  try {
    const res = await fetch(stack.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${INCOMING_TRACE}-${INCOMING_SPAN}-01` },
      body: JSON.stringify({ query: '{ regions }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('traceparent')).toBeNull();
  } finally {
    await stack.close();
  }
});
