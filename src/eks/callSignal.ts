/**
 * The abort signal of the AWS call running in this async context. The SDK reuses a command's
 * resolved middleware chain only when `send` gets no per-call options (`cacheMiddleware`), so
 * the signal of a request's deadline reaches the HTTP handler (src/eks/httpHandler.ts) this way
 * instead of as `send`'s `abortSignal`: resolving the chain on every call was a tenth of the
 * gateway's CPU per EKS call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const running = new AsyncLocalStorage<AbortSignal | null>();

/**
 * Runs `call` with `signal` as the signal of the AWS calls it makes (none when null, even
 * inside another call's context).
 */
export function withCallSignal<T>(signal: AbortSignal | null, call: () => Promise<T>): Promise<T> {
  return running.run(signal, call);
}

/** The signal of the call running now, if it has one. */
export function currentCallSignal(): AbortSignal | undefined {
  return running.getStore() ?? undefined;
}
