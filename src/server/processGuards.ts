/**
 * What the process does when a promise rejection slips past every handler. Node's default is to
 * exit, which would turn one request's bug into an outage for every client. The gateway logs it
 * (with the requests in flight then), counts it, and keeps serving: the rejected promise is already
 * settled, so nothing of it stays running. Each one is still a bug, made visible in the metrics.
 */
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../metrics';

/** One HTTP request being handled; its id is bound once known. */
export interface RequestScope {
  requestId: string | null;
}

/**
 * The requests being handled now. Not an AsyncLocalStorage, which would name the very request a
 * rejection came from: on Node.js 20 one in use installs promise hooks on every promise of the
 * process, about a sixth of the gateway's CPU, for the sake of a log line about a bug.
 */
const inFlight = new Set<RequestScope>();

/** Handles one HTTP request as in flight until `handle` settles. */
export async function runInRequestScope<T>(handle: (scope: RequestScope) => Promise<T>): Promise<T> {
  const scope: RequestScope = { requestId: null };
  inFlight.add(scope);
  try {
    return await handle(scope);
  } finally {
    inFlight.delete(scope);
  }
}

/** At most this many ids in a log line, however many requests are in flight. */
const LOGGED_REQUEST_IDS = 20;

/** The ids of the requests in flight now (at most LOGGED_REQUEST_IDS), and how many there are. */
export function requestsInFlight(): { ids: string[]; count: number } {
  const ids: string[] = [];
  for (const scope of inFlight) {
    if (ids.length === LOGGED_REQUEST_IDS) break;
    if (scope.requestId !== null) ids.push(scope.requestId);
  }
  return { ids, count: inFlight.size };
}

/**
 * Handles rejections nobody handled, for the life of the process; returns the function that
 * removes the handler. The log names the requests in flight when the rejection surfaced: the one
 * that caused it is among them unless it outlived its request.
 */
export function surviveUnhandledRejections(logger: Logger, metrics: GatewayMetrics): () => void {
  const onRejection = (reason: unknown) => {
    metrics.unhandledRejections.inc();
    const inFlightNow = requestsInFlight();
    logger.error(
      { err: reason, inFlightReqIds: inFlightNow.ids, inFlight: inFlightNow.count },
      'Unhandled promise rejection (a bug); the gateway keeps serving',
    );
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
