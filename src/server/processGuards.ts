/**
 * What the process does when a promise rejection slips past every handler. Node's default is to
 * exit, which would turn one request's bug into an outage for every client. The gateway logs it
 * (with the request it came from), counts it, and keeps serving: the rejected promise is already
 * settled, so nothing of it stays running. Each one is still a bug, made visible in the metrics.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../metrics';

/** The request whose work is running, for logs written outside its own code paths. */
interface RequestScope {
  requestId: string | null;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs the handling of one HTTP request in its own scope; its id is bound once known. */
export function runInRequestScope<T>(handle: () => T): T {
  return requestScope.run({ requestId: null }, handle);
}

export function bindRequestId(requestId: string): void {
  const scope = requestScope.getStore();
  if (scope) scope.requestId = requestId;
}

/** The id of the request whose work is running now, or null outside of any request. */
export function currentRequestId(): string | null {
  return requestScope.getStore()?.requestId ?? null;
}

/**
 * Handles rejections nobody handled, for the life of the process; returns the function that
 * removes the handler. Node runs the handler in the async context of the rejected promise, so
 * the request id is the one of the request that caused it.
 */
export function surviveUnhandledRejections(logger: Logger, metrics: GatewayMetrics): () => void {
  const onRejection = (reason: unknown) => {
    metrics.unhandledRejections.inc();
    logger.error(
      { err: reason, reqId: currentRequestId() },
      'Unhandled promise rejection (a bug); the gateway keeps serving',
    );
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
