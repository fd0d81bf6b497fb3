/**
 * What every request shares on its way to EKS: one SDK client and one fair concurrency limiter
 * per account and region, and the metrics of each call. A call waits for its turn as its request's source
 * (see src/eks/limiter.ts), carries the request's deadline into the SDK, and fails only with an
 * `EksError`, or a `RequestTimedOut` when the deadline cut it.
 */
import type { EKSClient } from '@aws-sdk/client-eks';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { GatewayMetrics } from '../metrics';
import { traceAwsCall } from '../tracing/spans';
import { AccountUnavailable } from './assumedRoles';
import type { EksClientPool } from './clients';
import { RequestTimedOut, type MutationCall } from './deadline';
import { toEksError } from './errors';
import { ConcurrencyLimiter, type WorkSource } from './limiter';
import { IAM_REGION_LABEL, type AccountRegion } from './types';

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
export const UNSCOPED: CallScope = Object.freeze({
  caller: '',
  priority: 'interactive',
  signal: null,
  timeoutMs: null,
});

export class EksCallRunner {
  private readonly limiters = new Map<string, { at: AccountRegion; limiter: ConcurrencyLimiter }>();

  constructor(
    private readonly clients: EksClientPool,
    private readonly maxConcurrency: number,
    private readonly metrics: GatewayMetrics | null = null,
  ) {
    const limiterState = (read: (l: ConcurrencyLimiter) => number) => () =>
      [...this.limiters.values()].map(({ at, limiter }): [Record<string, string>, number] => [
        { account: at.accountId, region: at.region },
        read(limiter),
      ]);
    const labels = ['account', 'region'];
    metrics?.gaugeOnScrape(
      'eks_calls_in_flight',
      'EKS calls running now, by account and region (at most EKS_MAX_CONCURRENCY each).',
      labels,
      limiterState((l) => l.running),
    );
    metrics?.gaugeOnScrape(
      'eks_calls_queued',
      "EKS calls waiting for a slot of their account and region's limiter.",
      labels,
      limiterState((l) => l.queued),
    );
  }

  /** Runs one EKS call for `scope`; `mutation` is set for the calls that change something. */
  run<T>(
    scope: CallScope,
    at: AccountRegion,
    operation: string,
    call: (client: EKSClient, options: SendOptions) => Promise<T>,
    mutation: MutationCall | null = null,
  ): Promise<T> {
    return this.runOn(scope, at, operation, () => this.clients.forLocation(at), call, mutation);
  }

  /**
   * Runs one IAM call (IAM is global: one client, one limiter and the region label `global` per
   * account), with the same turns, deadline, metrics and errors as the EKS calls.
   */
  runIam<T>(
    scope: CallScope,
    accountId: string,
    operation: string,
    call: (client: IAMClient, options: SendOptions) => Promise<T>,
  ): Promise<T> {
    const at = { accountId, region: IAM_REGION_LABEL };
    return this.runOn(scope, at, operation, () => this.clients.iamFor(accountId), call, null);
  }

  private async runOn<C, T>(
    scope: CallScope,
    at: AccountRegion,
    operation: string,
    clientOf: () => C,
    call: (client: C, options: SendOptions) => Promise<T>,
    mutation: MutationCall | null,
  ): Promise<T> {
    const client = clientOf();
    const { accountId: account, region } = at;
    const signal = scope.signal ?? null;
    const options: SendOptions = signal ? { abortSignal: signal } : {};
    try {
      return await this.limiterFor(at).run(async () => {
        if (signal?.aborted) throw this.timedOut(scope, operation, false, mutation);
        const stopTimer = this.metrics?.eksSeconds.startTimer({ operation });
        try {
          const service = region === IAM_REGION_LABEL ? 'IAM' : 'EKS';
          const out = await traceAwsCall({ service, operation, region, account }, () => call(client, options));
          this.metrics?.eksCalls.inc({ operation, account, region, result: 'ok' });
          return out;
        } catch (error) {
          // The account's credentials could not be had: nothing was sent to EKS.
          if (error instanceof AccountUnavailable) {
            this.metrics?.eksCalls.inc({ operation, account, region, result: 'AccountUnavailable' });
            throw error;
          }
          if (signal?.aborted) {
            this.metrics?.eksCalls.inc({ operation, account, region, result: 'Aborted' });
            throw this.timedOut(scope, operation, true, mutation);
          }
          const failure = toEksError(error, operation);
          this.metrics?.eksCalls.inc({ operation, account, region, result: failure.kind });
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

  private limiterFor(at: AccountRegion): ConcurrencyLimiter {
    const key = `${at.accountId}/${at.region}`;
    let entry = this.limiters.get(key);
    if (!entry) {
      entry = {
        at: { accountId: at.accountId, region: at.region },
        limiter: new ConcurrencyLimiter(this.maxConcurrency),
      };
      this.limiters.set(key, entry);
    }
    return entry.limiter;
  }
}
