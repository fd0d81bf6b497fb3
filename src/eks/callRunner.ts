/**
 * What every request shares on its way to EKS: one SDK client and one fair concurrency limiter
 * per region, and the metrics of each call. A call waits for its turn as its request's source
 * (see src/eks/limiter.ts), carries the request's deadline into the SDK, and fails only with an
 * `EksError`, or a `RequestTimedOut` when the deadline cut it.
 */
import type { EKSClient } from '@aws-sdk/client-eks';
import type { GatewayMetrics } from '../metrics';
import type { EksClientPool } from './clients';
import { RequestTimedOut, type MutationCall } from './deadline';
import { toEksError } from './errors';
import { ConcurrencyLimiter, type WorkSource } from './limiter';

/** Who calls and until when: one per request (or background job); its identity is its turn. */
export interface CallScope extends WorkSource {
  /** The deadline `signal` stands for, in milliseconds, for the error of the calls it cuts. */
  readonly timeoutMs: number | null;
}

/** The options each call passes to `client.send`. */
export interface SendOptions {
  abortSignal?: AbortSignal;
}

/** A scope for work outside any request (scripts, tools): one shared turn, no deadline. */
export const UNSCOPED: CallScope = Object.freeze({ caller: '', priority: 'interactive', signal: null, timeoutMs: null });

export class EksCallRunner {
  private readonly limiters = new Map<string, ConcurrencyLimiter>();

  constructor(
    private readonly clients: EksClientPool,
    private readonly maxConcurrency: number,
    private readonly metrics: GatewayMetrics | null = null,
  ) {
    const limiterState = (read: (l: ConcurrencyLimiter) => number) => () =>
      [...this.limiters].map(([region, limiter]): [string, number] => [region, read(limiter)]);
    metrics?.gaugeOnScrape('eks_calls_in_flight', 'EKS calls running now, by region (at most EKS_MAX_CONCURRENCY).', 'region', limiterState((l) => l.running));
    metrics?.gaugeOnScrape('eks_calls_queued', 'EKS calls waiting for a slot of their region\'s limiter.', 'region', limiterState((l) => l.queued));
  }

  /** Runs one EKS call for `scope`; `mutation` is set for the calls that change something. */
  async run<T>(
    scope: CallScope,
    region: string,
    operation: string,
    call: (client: EKSClient, options: SendOptions) => Promise<T>,
    mutation: MutationCall | null = null,
  ): Promise<T> {
    const client = this.clients.forRegion(region);
    const signal = scope.signal ?? null;
    const options: SendOptions = signal ? { abortSignal: signal } : {};
    try {
      return await this.limiterFor(region).run(async () => {
        if (signal?.aborted) throw this.timedOut(scope, operation, false, mutation);
        const stopTimer = this.metrics?.eksSeconds.startTimer({ operation });
        try {
          const out = await call(client, options);
          this.metrics?.eksCalls.inc({ operation, region, result: 'ok' });
          return out;
        } catch (error) {
          if (signal?.aborted) {
            this.metrics?.eksCalls.inc({ operation, region, result: 'Aborted' });
            throw this.timedOut(scope, operation, true, mutation);
          }
          const failure = toEksError(error, operation);
          this.metrics?.eksCalls.inc({ operation, region, result: failure.kind });
          throw failure;
        } finally {
          stopTimer?.();
        }
      }, scope);
    } catch (error) {
      // Taken out of the queue (or refused before it) by the deadline: nothing was sent.
      if (!(error instanceof RequestTimedOut) && signal?.aborted && error === signal.reason) {
        throw this.timedOut(scope, operation, false, mutation);
      }
      throw error;
    }
  }

  private timedOut(scope: CallScope, operation: string, sent: boolean, mutation: MutationCall | null): RequestTimedOut {
    this.metrics?.refusals.inc({ code: 'REQUEST_TIMEOUT' });
    return new RequestTimedOut(scope.timeoutMs ?? 0, operation, sent, mutation);
  }

  private limiterFor(region: string): ConcurrencyLimiter {
    let limiter = this.limiters.get(region);
    if (!limiter) {
      limiter = new ConcurrencyLimiter(this.maxConcurrency);
      this.limiters.set(region, limiter);
    }
    return limiter;
  }
}
