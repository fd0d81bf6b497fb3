/**
 * The gateway's Prometheus metrics, served at `/metrics`: HTTP requests, GraphQL operations,
 * every EKS call (what the cost model counts) with its outcome and time, the per-region
 * limiter, the shared cache, and Node.js's own process metrics. One registry per gateway, so
 * several gateways in one process (the tests) keep their counts apart. Labels take values from
 * small fixed sets only (no cluster names, no operation names chosen by clients).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const PREFIX = 'eks_pod_identity_gateway_';
/** From a cached answer (a millisecond) to an EKS call retried with backoff (seconds). */
const SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Where a request went, as a label. */
export type RouteLabel = 'graphql' | 'graphiql' | 'health' | 'metrics' | 'other';

export class GatewayMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by route, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpSeconds = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time from a request arriving to its answer being sent, by route.',
    labelNames: ['route'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  readonly graphqlOperations = new Counter({
    name: `${PREFIX}graphql_operations_total`,
    help: 'GraphQL operations executed, by type (query, mutation) and result (ok, or errors when the answer has any).',
    labelNames: ['type', 'result'] as const,
    registers: [this.registry],
  });

  readonly eksCalls = new Counter({
    name: `${PREFIX}eks_calls_total`,
    help: 'EKS API calls made (a call retried by the SDK counts once), by operation, account, region and result (ok, or the kind of error).',
    labelNames: ['operation', 'account', 'region', 'result'] as const,
    registers: [this.registry],
  });

  readonly eksSeconds = new Histogram({
    name: `${PREFIX}eks_call_duration_seconds`,
    help: 'Time of one EKS call, SDK retries included, from leaving the limiter to its answer, by operation.',
    labelNames: ['operation'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: `${PREFIX}cache_lookups_total`,
    help: 'Reads of the shared EKS cache, by result: hit, miss, bypass (Cache-Control: no-cache) or error (answered from EKS).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  /**
   * Requests and fields refused to protect the gateway, by the code the client got (limits on
   * the document, the answer, rate and time): a rising count is what an attack looks like.
   */
  readonly refusals = new Counter({
    name: `${PREFIX}refusals_total`,
    help: 'Requests or fields refused by a protective limit, by the code the client received.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  /** Promise rejections nothing handled: each is a bug, logged with its request id and survived. */
  readonly unhandledRejections = new Counter({
    name: `${PREFIX}unhandled_rejections_total`,
    help: 'Promise rejections that no code handled; each one is logged as an error and the process keeps serving.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A gauge read when scraped, with one value per label set that `read` returns. */
  /** The fleet inventory's sweeps (src/inventory): how long each took and what it cost. */
  readonly inventorySweepSeconds = new Histogram({
    name: `${PREFIX}inventory_sweep_duration_seconds`,
    help: 'Time of one inventory sweep, by kind (full or refresh).',
    labelNames: ['kind'] as const,
    buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  readonly inventorySweepCalls = new Counter({
    name: `${PREFIX}inventory_sweep_calls_total`,
    help: 'EKS calls made by inventory sweeps, by kind (full or refresh).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  gaugeOnScrape(
    name: string,
    help: string,
    labels: readonly string[],
    read: () => Array<[Record<string, string>, number]>,
  ): void {
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      labelNames: labels,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [values, n] of read()) this.set(values, n);
      },
    });
  }

  /** The text exposition format that Prometheus scrapes. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
