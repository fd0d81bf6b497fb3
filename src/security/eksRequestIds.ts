/**
 * Where a mutation meets EKS, for the audit log: an SDK middleware on each region's client sees
 * every mutating command right before it is sent and hands it to the audited mutation running
 * in this async context (src/security/auditedMutation.ts), which writes the attempt ahead of
 * the call; then it reports the request id EKS gave the answer. A mutating command sent outside
 * an audited mutation is refused, so no change can reach EKS unrecorded.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EksClientPool } from '../eks/clients';
import { EksError } from '../eks/errors';
import { MUTATING_COMMANDS } from '../eks/operations';

type EksClient = ReturnType<EksClientPool['forLocation']>;

/** What the audited mutation of this async context learns of its mutating EKS call. */
export interface MutationWatch {
  /**
   * A call of `eksOperation` is about to be sent, with this idempotency token. Throwing stops
   * it: nothing is sent. Called once per call; the SDK's retries of it are the same attempt.
   */
  beforeSend(eksOperation: string, clientRequestToken: string | null): void;
  /** The call ended; the request id EKS gave its answer (or its error), when one came. */
  answered(eksRequestId: string | null): void;
}

const running = new AsyncLocalStorage<MutationWatch>();
/** Audited mutations running now. */
let watching = 0;

/**
 * Runs `run` with `watch` told of each mutating EKS call it makes. The async context is turned
 * off again when no audited mutation runs: on Node.js 20 an AsyncLocalStorage in use installs
 * promise hooks on every promise of the process (about a sixth of the gateway's CPU on reads),
 * and with it off a mutating command finds no watch, and is refused, as outside a mutation.
 */
export async function watchEksMutations<T>(watch: MutationWatch, run: () => Promise<T>): Promise<T> {
  watching += 1;
  try {
    return await running.run(watch, run);
  } finally {
    watching -= 1;
    if (watching === 0) running.disable();
  }
}

/** Installs the middleware; once per client, at start-up, before the client's first call. */
export function auditEksMutations(client: EksClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!MUTATING_COMMANDS.has(command)) return next(args);
      const watch = running.getStore();
      if (!watch) {
        throw new EksError(
          'Internal',
          `${command} was about to be sent outside an audited mutation; it was not sent.`,
          'UnauditedMutation',
          command,
          null,
          null,
          false,
        );
      }
      // The last step before the SDK's retry loop, signing and the HTTP handler: the request is
      // built, so the token recorded is the one sent.
      watch.beforeSend(command.replace(/Command$/, ''), clientRequestTokenOf(args));
      try {
        const result = await next(args);
        watch.answered(requestIdOf(result.output));
        return result;
      } catch (error) {
        // A failed call has an id too when EKS answered (and the SDK exhausted its retries).
        watch.answered(requestIdOf(error));
        throw error;
      }
    },
    { step: 'build', priority: 'low', name: 'auditEksMutations', override: true },
  );
}

/** The token in the serialised body (the SDK fills in one when the input has none). */
function clientRequestTokenOf(args: { input: object; request?: unknown }): string | null {
  const body = (args.request as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      const token = (parsed as { clientRequestToken?: unknown } | null)?.clientRequestToken;
      if (typeof token === 'string') return token;
    } catch {
      // Not JSON: read the input instead.
    }
  }
  const token = (args.input as { clientRequestToken?: unknown }).clientRequestToken;
  return typeof token === 'string' ? token : null;
}

function requestIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('$metadata' in value)) return null;
  const metadata = value.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('requestId' in metadata)) return null;
  return typeof metadata.requestId === 'string' && metadata.requestId !== '' ? metadata.requestId : null;
}
