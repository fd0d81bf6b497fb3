/**
 * The gateway's spans, each made by a small hook where its work happens:
 * - `traceHttpRequest` (the HTTP layer): a SERVER span per `/graphql` request, the child of an
 *   incoming `traceparent`, whose own `traceparent` goes back in the response header;
 * - `operationSpans` (an Apollo plugin): a span per GraphQL operation, named by its type and
 *   name (`query AssociationsPage`), never its variables;
 * - `traceAwsCall` (the call runner's EKS and IAM calls, and the STS calls): a CLIENT span per call, with its
 *   operation, region, account, SDK attempts, result and AWS request id;
 * - `cacheEvent` (the shared cache): a hit or miss as an event of the operation's span.
 * Before `enableTracing` (tracing off) each is a plain pass-through. Only work of a traced
 * request is traced: the inventory's background sweeps make no spans.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  createContextKey,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';

let enabled = false;

/** Called once the SDK is registered (setup.ts). */
export function enableTracing(): void {
  enabled = true;
}

const tracer = () => trace.getTracer('eks-pod-identity-gateway');

/** The GraphQL operations of one HTTP request that are running (more than one in a batch). */
interface RequestOperations {
  spans: Set<Span>;
}
const OPERATIONS = createContextKey('eks-pod-identity-gateway: operations of the request');
/** Set inside an AWS call's span: a call it makes (STS for its credentials) is its child. */
const IN_AWS_CALL = createContextKey('eks-pod-identity-gateway: inside an AWS call');

/** Runs the handling of one HTTP request in its span (only `/graphql` is traced: probes would drown the rest). */
export function traceHttpRequest(
  req: IncomingMessage,
  res: ServerResponse,
  handle: () => Promise<void>,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (!enabled || path !== '/graphql') return handle();
  const parent = propagation.extract(context.active(), req.headers);
  const method = req.method ?? 'GET';
  const span = tracer().startSpan(
    `${method} /graphql`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'http.route': '/graphql', 'url.path': '/graphql' },
    },
    parent,
  );
  const active = trace.setSpan(parent, span).setValue(OPERATIONS, { spans: new Set() } satisfies RequestOperations);
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  if (carrier.traceparent) res.setHeader('traceparent', carrier.traceparent);
  // `close` comes after `finish`, and also when the client went away first.
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(active, handle);
}

/** `traceId` and `spanId` of the span in force, for a request's log lines; empty when untraced. */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const span = enabled ? trace.getActiveSpan() : undefined;
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** What the operation spans need of Apollo's request hooks (structurally an Apollo plugin). */
export interface OperationSpanHooks {
  requestDidStart(): Promise<{
    didResolveOperation?(request: {
      operationName?: string | null;
      operation?: { operation: string } | null;
    }): Promise<void>;
    willSendResponse?(request: {
      response: { body: { kind: string; singleResult?: { errors?: readonly unknown[] } } };
    }): Promise<void>;
  }>;
}

/** An Apollo plugin: one span per operation, a child of the request's. */
export function operationSpans(): OperationSpanHooks {
  return {
    async requestDidStart() {
      if (!enabled) return {};
      const active = context.active();
      const operations = active.getValue(OPERATIONS) as RequestOperations | undefined;
      const span = tracer().startSpan('graphql', { kind: SpanKind.INTERNAL }, active);
      operations?.spans.add(span);
      return {
        async didResolveOperation({ operationName, operation }) {
          const type = operation?.operation ?? 'unknown';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult?.errors?.length ?? 0) : 0;
          span.setAttribute('graphql.errors', errors);
          if (errors > 0) span.setStatus({ code: SpanStatusCode.ERROR, message: `${errors} errors in the answer` });
          span.end();
          operations?.spans.delete(span);
        },
      };
    },
  };
}

/**
 * The context the work of an operation runs under: the operation's span when the request runs
 * one (Apollo runs resolvers outside the plugin's reach, so its span is found here), the
 * request's when it runs several at once (a batch), an AWS call's inside that call.
 */
function operationContext(): Context {
  const active = context.active();
  if (active.getValue(IN_AWS_CALL)) return active;
  const operations = active.getValue(OPERATIONS) as RequestOperations | undefined;
  const [only, ...others] = operations?.spans ?? [];
  return only && others.length === 0 ? trace.setSpan(active, only) : active;
}

export interface AwsCall {
  service: 'EKS' | 'STS' | 'IAM';
  operation: string;
  region: string;
  account: string;
}

interface ResponseMetadata {
  requestId?: string;
  attempts?: number;
}

/** Runs one SDK call (its retries included) in a span of its own, when a traced request makes it. */
export async function traceAwsCall<T>(call: AwsCall, run: () => Promise<T>): Promise<T> {
  if (!enabled) return run();
  const parent = operationContext();
  if (!trace.getSpan(parent)) return run();
  const span = tracer().startSpan(
    `${call.service}/${call.operation}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'rpc.system': 'aws-api',
        'rpc.service': call.service,
        'rpc.method': call.operation,
        'cloud.region': call.region,
        'cloud.account.id': call.account,
      },
    },
    parent,
  );
  const record = (outcome: unknown, result: string) => {
    const metadata = (outcome as { $metadata?: ResponseMetadata } | null)?.$metadata;
    span.setAttribute('aws.result', result);
    if (metadata?.requestId) span.setAttribute('aws.request_id', metadata.requestId);
    if (metadata?.attempts !== undefined) {
      span.setAttribute('aws.attempts', metadata.attempts);
      span.setAttribute('aws.retries', Math.max(0, metadata.attempts - 1));
    }
  };
  try {
    const out = await context.with(trace.setSpan(parent, span).setValue(IN_AWS_CALL, true), run);
    record(out, 'ok');
    return out;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    record(error, name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** A read of the shared cache, as an event of the operation's span. */
export function cacheEvent(result: 'hit' | 'miss' | 'bypass' | 'error'): void {
  if (!enabled) return;
  trace.getSpan(operationContext())?.addEvent(`cache.${result}`);
}
