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
import { startWithSignal } from './callSignal';
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

/** A scope for work outside any request (scripts, tools): one shared turn, no deadline. */
export const UNSCOPED: CallScope = Object.freeze({
  caller: '',
  priority: 'interactive',
  signal: null,
  timeoutMs: null,
});

export class EksCallRunner {
  private readonly limiters = new Map<string, { at: AccountRegion; limiter: ConcurrencyLimiter }>();
  private readonly metricSeries = new Map<string, CallMetrics>();
  /** Interactive calls waiting for a slot or running, in every location of the process. */
  private interactiveCalls = 0;
  private readonly interactiveIdle = new Set<() => void>();

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
    call: (client: EKSClient) => Promise<T>,
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
    call: (client: IAMClient) => Promise<T>,
  ): Promise<T> {
    const at = { accountId, region: IAM_REGION_LABEL };
    return this.runOn(scope, at, operation, () => this.clients.iamFor(accountId), call, null);
  }

  private async runOn<C extends object, T>(
    scope: CallScope,
    at: AccountRegion,
    operation: string,
    clientOf: () => C,
    call: (client: C) => Promise<T>,
    mutation: MutationCall | null,
  ): Promise<T> {
    const client = clientOf();
    const { accountId: account, region } = at;
    const signal = scope.signal ?? null;
    const interactive = scope.priority === 'interactive';
    if (interactive) this.interactiveCalls += 1;
    try {
      return await this.limiterFor(at).run(async () => {
        if (signal?.aborted) throw this.timedOut(scope, operation, false, mutation);
        const metrics = this.callMetrics(operation, at);
        const stopTimer = metrics?.seconds.startTimer();
        try {
          const service = region === IAM_REGION_LABEL ? 'IAM' : 'EKS';
          // The signal reaches the HTTP handler with the command, not as `send`'s options, so
          // that the SDK reuses each command's resolved middleware (src/eks/callSignal.ts).
          const out = await traceAwsCall({ service, operation, region, account }, () =>
            untilAborted(
              signal,
              startWithSignal(signal, () => call(client)),
            ),
          );
          metrics?.count('ok');
          return out;
        } catch (error) {
          // The account's credentials could not be had: nothing was sent to EKS.
          if (error instanceof AccountUnavailable) {
            metrics?.count('AccountUnavailable');
            throw error;
          }
          if (signal?.aborted) {
            metrics?.count('Aborted');
            throw this.timedOut(scope, operation, true, mutation);
          }
          const failure = toEksError(error, operation);
          metrics?.count(failure.kind);
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
    } finally {
      if (interactive && --this.interactiveCalls === 0) for (const wake of this.interactiveIdle) wake();
    }
  }

  /**
   * Resolves once no interactive call waits or runs anywhere in the process, or after `maxWaitMs`.
   * The limiter lets interactive calls go first within a location; background work (the
   * inventory's sweeps) awaits this before each call so that it also leaves them the CPU, which
   * every location shares, and still progresses under constant interactive load.
   */
  whenInteractiveIdle(maxWaitMs: number): Promise<void> {
    if (this.interactiveCalls === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interactiveIdle.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.interactiveIdle.add(done);
    });
  }

  private timedOut(scope: CallScope, operation: string, sent: boolean, mutation: MutationCall | null): RequestTimedOut {
    this.metrics?.refusals.inc({ code: 'REQUEST_TIMEOUT' });
    return new RequestTimedOut(scope.timeoutMs ?? 0, operation, sent, mutation);
  }

  /** The metric series of an operation at a location, made once: prom-client hashes label objects on every use. */
  private callMetrics(operation: string, at: AccountRegion): CallMetrics | null {
    if (!this.metrics) return null;
    const key = `${operation}/${at.accountId}/${at.region}`;
    let series = this.metricSeries.get(key);
    if (!series) {
      series = new CallMetrics(this.metrics, operation, at);
      this.metricSeries.set(key, series);
    }
    return series;
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

/** The counters and the timer of one operation at one account and region. */
class CallMetrics {
  readonly seconds: { startTimer(): () => void };
  private readonly results = new Map<string, { inc(): void }>();

  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly operation: string,
    private readonly at: AccountRegion,
  ) {
    this.seconds = metrics.eksSeconds.labels({ operation });
  }

  count(result: string): void {
    let counter = this.results.get(result);
    if (!counter) {
      counter = this.metrics.eksCalls.labels({
        operation: this.operation,
        account: this.at.accountId,
        region: this.at.region,
        result,
      });
      this.results.set(result, counter);
    }
    counter.inc();
  }
}

/**
 * `call`, or the signal's reason as soon as it aborts: the SDK sees the signal only when its next
 * attempt starts (src/eks/httpHandler.ts), so a call waiting out a retry's back-off would keep
 * its request past the deadline. The call goes on to that attempt, which ends at once unsent.
 */
function untilAborted<T>(signal: AbortSignal | null, call: Promise<T>): Promise<T> {
  if (!signal) return call;
  return new Promise<T>((resolve, reject) => {
    // The caller tells an abort by the signal, not by what is thrown (see runOn).
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    call.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the SDK's error, passed on as it is
        reject(error);
      },
    );
  });
}
