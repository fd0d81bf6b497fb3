import type { Logger } from 'pino';
import type { EksLoaders } from '../eks/loaders';
import type { PodIdentityBackend } from '../eks/podIdentityService';

/** What every resolver receives. Built once per HTTP request, in the server layer only. */
export interface GatewayContext {
  readonly service: PodIdentityBackend;
  readonly loaders: EksLoaders;
  /** The served regions; the first is the default of optional `region` arguments. */
  readonly regions: readonly string[];
  readonly logger: Logger;
  readonly requestId: string;
  /** Work started once per request and shared by every field that needs it (see `once`). */
  readonly requestCache: Map<string, Promise<unknown>>;
}

/** Runs `start` at most once per request for `key`; later callers share its promise. */
export function once<T>(ctx: GatewayContext, key: string, start: () => Promise<T>): Promise<T> {
  let promise = ctx.requestCache.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = start();
    // Started early and possibly read later: a failure must not count as unhandled meanwhile.
    promise.catch(() => {});
    ctx.requestCache.set(key, promise);
  }
  return promise;
}
