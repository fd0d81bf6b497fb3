/**
 * Which EKS request ids a mutation's calls got, for the audit log. The EKS layer keeps only the
 * association from an answer, so the id is read on the way out of the SDK by a middleware on
 * each region's client, and handed to whatever mutation is running in this async context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EksClientPool } from '../eks/clients';

type EksClient = ReturnType<EksClientPool['forRegion']>;

const MUTATING_COMMANDS = new Set([
  'CreatePodIdentityAssociationCommand',
  'UpdatePodIdentityAssociationCommand',
  'DeletePodIdentityAssociationCommand',
]);

/** The request ids of the mutating EKS calls made inside one `recordEksRequestIds` run. */
export class EksRequestIds {
  private readonly ids: string[] = [];

  add(id: string | null): void {
    if (id !== null) this.ids.push(id);
  }

  /** The id of the last mutating call; null when none was made or none was answered. */
  get last(): string | null {
    return this.ids[this.ids.length - 1] ?? null;
  }
}

const running = new AsyncLocalStorage<EksRequestIds>();

/** Runs `run`, collecting into `ids` the request ids of the mutating EKS calls it makes. */
export function recordEksRequestIds<T>(ids: EksRequestIds, run: () => Promise<T>): Promise<T> {
  return running.run(ids, run);
}

/** Installs the middleware that reports request ids; once per client, at start-up. */
export function reportEksRequestIds(client: EksClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const ids = running.getStore();
      if (!ids || !MUTATING_COMMANDS.has(context.commandName ?? '')) return next(args);
      try {
        const result = await next(args);
        ids.add(requestIdOf(result.output));
        return result;
      } catch (error) {
        // A failed call has an id too when EKS answered (and the SDK exhausted its retries).
        ids.add(requestIdOf(error));
        throw error;
      }
    },
    { step: 'initialize', name: 'reportEksRequestIds', override: true },
  );
}

function requestIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('$metadata' in value)) return null;
  const metadata = value.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('requestId' in metadata)) return null;
  return typeof metadata.requestId === 'string' && metadata.requestId !== '' ? metadata.requestId : null;
}
