/**
 * What `/readyz` waits for besides draining: things the gateway needs but may not have at start,
 * and that come later without a restart (its own AWS credentials, Redis). The process listens
 * at once, answers `/healthz` (alive), and `/readyz` 503 with what it still waits for: in
 * Kubernetes a pod whose Pod Identity agent or Redis is not there yet is kept out of the
 * Service instead of restarted in a loop.
 */
import type { Logger } from 'pino';

/** The first retry after a failed attempt, doubled after each failure up to the longest. */
const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 15_000;

export class Readiness {
  private readonly waiting = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly logger: Logger) {}

  /** The names of what is still missing, in the order they were registered; empty when ready. */
  waitingFor(): string[] {
    return [...this.waiting];
  }

  /**
   * Tries `attempt` once now (the caller awaits that first try), and on failure again in the
   * background, with growing pauses, until one succeeds or the gateway closes.
   */
  async retry(name: string, attempt: () => Promise<unknown>): Promise<void> {
    this.waiting.add(name);
    let failed = false;
    const run = async (delayMs: number): Promise<void> => {
      if (this.stopped) return;
      try {
        await attempt();
        this.waiting.delete(name);
        if (failed) this.logger.info({ obtained: name }, 'No longer waiting');
      } catch (error) {
        failed = true;
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.logger.warn({ waitingFor: name, reason, retryInMs: delayMs }, 'Not ready yet; retrying');
        this.later(() => void run(Math.min(delayMs * 2, LONGEST_RETRY_MS)), delayMs);
      }
    };
    await run(FIRST_RETRY_MS);
  }

  /** Waits for `settled` (something that retries by itself, such as a Redis connection). */
  track(name: string, settled: Promise<unknown>): void {
    this.waiting.add(name);
    settled.then(
      () => this.waiting.delete(name),
      () => {},
    );
  }

  /** Ends the retries still scheduled. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(run: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}
