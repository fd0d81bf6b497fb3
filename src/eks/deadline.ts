/**
 * The overall deadline of one request (REQUEST_TIMEOUT_MS): an AbortSignal that every EKS call
 * of the request carries. When it fires, the request's calls still queued in a limiter leave the
 * queue, the calls in flight are aborted (the SDK's `abortSignal`), and later calls are refused,
 * so the fields still waiting are answered at once and no slot stays taken.
 */
import { setMaxListeners } from 'node:events';

/** A signal that aborts `ms` after now. */
export function requestDeadline(ms: number): AbortSignal {
  // AbortSignal.timeout's timer does not keep the process alive, and is dropped with the signal
  // once the request is done (nothing needs to clear it).
  const signal = AbortSignal.timeout(ms);
  // Each call in flight listens while it runs (the SDK removes its listener when done); a
  // request with more calls in flight than the default of 10 is no leak.
  setMaxListeners(0, signal);
  return signal;
}

/** What a call that ended at its mutation's deadline had done, for the client to decide. */
export interface MutationCall {
  /** The idempotency token sent with a create or update; null for a delete. */
  readonly clientRequestToken: string | null;
}

/** Thrown for an EKS call the request's deadline cut or refused. */
export class RequestTimedOut extends Error {
  override readonly name = 'RequestTimedOut';

  constructor(
    /** The deadline, in milliseconds. */
    readonly timeoutMs: number,
    readonly operation: string,
    /** Whether the call had left the gateway: then EKS may have acted on it. */
    readonly sent: boolean,
    /** Set for a mutating call. */
    readonly mutation: MutationCall | null,
  ) {
    super(
      sent
        ? `The request reached its deadline of ${timeoutMs} ms while ${operation} was in flight; the call was aborted.`
        : `The request reached its deadline of ${timeoutMs} ms before ${operation} was sent; the call was not made.`,
    );
  }
}
