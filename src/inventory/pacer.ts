/**
 * The pace of the inventory's sweeps: at most `callsPerSecond` EKS calls per (account, region),
 * so that a sweep of a large fleet never runs into EKS's throttling, whatever the concurrency
 * the interactive requests may use. A token bucket per location, one token per call, with a
 * burst of one second's worth. Before its token, each call first lets the process's interactive
 * calls finish (`yieldToInteractive`): the CPU is one for every location.
 */
import type { AccountRegion } from '../eks/types';

export class SweepPacer {
  private readonly buckets = new Map<string, { tokens: number; updated: number; waiting: Promise<void> }>();

  constructor(
    private readonly callsPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly yieldToInteractive: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Resolves when one more call to `at` keeps within the pace. Calls to one location go in order. */
  turn(at: AccountRegion): Promise<void> {
    const key = `${at.accountId}/${at.region}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.callsPerSecond, updated: this.now(), waiting: Promise.resolve() };
      this.buckets.set(key, bucket);
    }
    const current = bucket;
    const next = current.waiting.then(async () => {
      await this.yieldToInteractive();
      const now = this.now();
      current.tokens = Math.min(
        this.callsPerSecond,
        current.tokens + ((now - current.updated) / 1000) * this.callsPerSecond,
      );
      current.updated = now;
      if (current.tokens < 1) {
        const waitMs = ((1 - current.tokens) / this.callsPerSecond) * 1000;
        await this.sleep(waitMs);
        current.tokens = 1;
        current.updated = this.now();
      }
      current.tokens -= 1;
    });
    current.waiting = next;
    return next;
  }
}
