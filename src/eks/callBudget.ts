/**
 * The EKS calls one request may make, and one caller per minute, enforced as they are made. The
 * operation limits estimate an operation's calls before it runs (src/graphql/operationLimits.ts);
 * this is the guarantee behind that estimate, for what no static bound can see: a restricted
 * caller's filtered list reads as many EKS pages as it takes to fill the page it returns
 * (src/security/permittedPages.ts, src/graphql/pagination.ts). Beside it, each caller's
 * allowance across all its requests (MAX_EKS_CALLS_PER_CALLER_PER_MINUTE) keeps one caller
 * from spending the account's EKS rate. Both sit below the shared cache, so answers from the
 * cache cost nothing.
 */
import type { GatewayMetrics } from '../metrics';
import { wrapBackend, type PodIdentityBackend } from './operations';

/** Thrown instead of making a call past the budget; nothing of that call reached EKS. */
export class CallBudgetExceeded extends Error {
  override readonly name = 'CallBudgetExceeded';

  constructor(
    readonly limit: number,
    readonly operation: string,
  ) {
    super(`The request reached its limit of ${limit} EKS calls before ${operation}.`);
  }
}

export class CallBudget {
  private used = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new RangeError(`A call budget must be a non-negative integer, received ${limit}.`);
  }

  /** Counts one call, or throws CallBudgetExceeded when `limit` calls were already made. */
  spend(operation: string): void {
    this.ensure(operation);
    this.used += 1;
  }

  /** Throws CallBudgetExceeded when no call is left, without counting one. */
  ensure(operation: string): void {
    if (this.used >= this.limit) throw new CallBudgetExceeded(this.limit, operation);
  }
}

/** Thrown instead of making a call past the caller's allowance; nothing of that call reached EKS. */
export class CallRateExceeded extends Error {
  override readonly name = 'CallRateExceeded';

  constructor(
    /** Calls per minute allowed to one caller. */
    readonly limit: number,
    readonly operation: string,
    /** When the caller has a call again. */
    readonly retryAfterMs: number,
  ) {
    super(`The caller reached its limit of ${limit} EKS calls per minute before ${operation}.`);
  }
}

const MINUTE_MS = 60_000;

/**
 * Each caller's allowance of EKS calls, shared by all its requests in the process: a token
 * bucket of `perMinute` calls, refilled continuously at `perMinute` a minute, so a caller may
 * spend its whole minute at once and then one call every 60/perMinute seconds. A caller idle
 * for a minute has a full bucket, the same as one never seen, and is forgotten: the state is
 * bounded by the callers of the last minute, and each call costs O(1) amortized.
 */
export class CallerCallRate {
  /** In the order of their last call, oldest first (each call moves its caller to the end). */
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    /** Milliseconds on a clock that never goes back. */
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1)
      throw new RangeError(`A per-minute call rate must be a positive integer, received ${perMinute}.`);
    this.perMs = perMinute / MINUTE_MS;
  }

  /** Callers whose use of the last minute is remembered. */
  get trackedCallers(): number {
    return this.buckets.size;
  }

  /** Takes one call of `caller`'s allowance, or throws CallRateExceeded when none is left. */
  take(caller: string, operation: string): void {
    const now = this.now();
    this.forgetIdle(now);
    const bucket = this.buckets.get(caller);
    const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs) : this.perMinute;
    this.buckets.delete(caller);
    if (tokens < 1) {
      this.buckets.set(caller, { tokens, at: now });
      throw new CallRateExceeded(this.perMinute, operation, Math.ceil((1 - tokens) / this.perMs));
    }
    this.buckets.set(caller, { tokens: tokens - 1, at: now });
  }

  private forgetIdle(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (now - bucket.at < MINUTE_MS) return;
      this.buckets.delete(caller);
    }
  }
}

export interface CallBudgetOptions {
  /** The caller's allowance across requests; absent when MAX_EKS_CALLS_PER_CALLER_PER_MINUTE=0. */
  callerRate?: { rate: CallerCallRate; caller: string } | null;
  /** Where refused calls are counted, by the code the client gets. */
  metrics?: GatewayMetrics | null;
}

/**
 * `inner` with every call counted against `budget` (one request's) and the caller's allowance
 * (all of its requests'). A refused call is a rejected promise like any failed call, so a
 * DataLoader batch fails only that key.
 */
export function withCallBudget(
  inner: PodIdentityBackend,
  budget: CallBudget,
  options: CallBudgetOptions = {},
): PodIdentityBackend {
  const { callerRate = null, metrics = null } = options;
  const spend = (operation: string): void => {
    try {
      // Neither counts a call the other refuses: it is not made.
      budget.ensure(operation);
      callerRate?.rate.take(callerRate.caller, operation);
      budget.spend(operation);
    } catch (error) {
      if (error instanceof CallBudgetExceeded) metrics?.refusals.inc({ code: 'QUERY_TOO_COSTLY' });
      else if (error instanceof CallRateExceeded) metrics?.refusals.inc({ code: 'RATE_LIMITED' });
      throw error;
    }
  };
  return wrapBackend(inner, (description, _args, call) => {
    spend(description.operation);
    return call();
  });
}
