import type { Logger } from 'pino';
import type { ServedAccount } from '../accountsFile';
import type { EksLoaders } from '../eks/loaders';
import type { PodIdentityBackend } from '../eks/operations';
import type { AuditLog } from '../security/auditLog';
import type { Caller } from '../security/caller';
import type { InventoryAccess } from './resolvers/inventory';

/** What every resolver receives. Built once per HTTP request, in the server layer only. */
export interface GatewayContext {
  /** EKS under the caller's permissions (src/security/authorizedService.ts): all reads and changes go through it. */
  readonly service: PodIdentityBackend;
  readonly loaders: EksLoaders;
  /** The AWS account served: its clusters are the ones listed, and ids name it. */
  readonly defaultAccountId: string;
  /** Every account served, the default first. */
  readonly accountIds: readonly string[];
  /** The accounts served, with their names and regions, in the configured order. */
  readonly accounts: readonly ServedAccount[];
  /** The served regions; the first is the default of optional `region` arguments. */
  readonly regions: readonly string[];
  readonly logger: Logger;
  /** The gateway's own id of the request, unique. */
  readonly requestId: string;
  /** The client's `x-request-id`, when short and printable: logged and audited beside ours. */
  readonly clientRequestId: string | null;
  /** Who is calling, as authentication established it (`anonymous` when AUTH_MODE=none). */
  readonly caller: Caller;
  /** Where each mutation attempt is recorded (see src/security/auditedMutation.ts). */
  readonly audit: AuditLog;
  /** Work started once per request and shared by every field that needs it (see `once`). */
  readonly requestCache: Map<string, Promise<unknown>>;
  /** The fleet inventory under the caller's visibility; null when INVENTORY=off. */
  readonly inventory: InventoryAccess | null;
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
