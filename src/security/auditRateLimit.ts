/**
 * A per-caller limit on the audit records of mutations refused before any EKS call. Those change
 * nothing, and without a limit one caller could fill the disk with them. Each caller gets a
 * window of a minute from its first refusal; past `perWindow` records in it the rest are only
 * counted, and when the window is over one report says how many were left out. Windows are
 * kept for at most `maxCallers` callers; making room reports the oldest window early.
 */

export const REFUSAL_WINDOW_MS = 60_000;

/** The refusals of one caller left out of the log during one window. */
export interface LeftOut<C> {
  caller: C;
  count: number;
  /** The window, in epoch milliseconds. */
  from: number;
  to: number;
}

interface Window<C> {
  caller: C;
  start: number;
  kept: number;
  leftOut: number;
}

export class RefusalRateLimit<C> {
  /** In order of window start: the first entries are the first to end. */
  private readonly windows = new Map<string, Window<C>>();

  constructor(
    private readonly perWindow: number,
    private readonly maxCallers: number,
    private readonly report: (leftOut: LeftOut<C>) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this refusal of `caller` (known by `key`) is to be recorded. */
  admit(key: string, caller: C): boolean {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window) {
      if (this.windows.size >= this.maxCallers) this.end(this.windows.keys().next().value as string, now);
      window = { caller, start: now, kept: 0, leftOut: 0 };
      this.windows.set(key, window);
    }
    if (window.kept < this.perWindow) {
      window.kept += 1;
      return true;
    }
    window.leftOut += 1;
    return false;
  }

  /** Reports and forgets the windows that are over. */
  sweep(now = this.now()): void {
    for (const [key, window] of this.windows) {
      if (now - window.start < REFUSAL_WINDOW_MS) return;
      this.end(key, now);
    }
  }

  /** Reports every window that left something out, over or not (at shutdown). */
  flush(): void {
    const now = this.now();
    for (const key of [...this.windows.keys()]) this.end(key, now);
  }

  /** Callers with a window open: bounded by `maxCallers`. */
  get size(): number {
    return this.windows.size;
  }

  private end(key: string, now: number): void {
    const window = this.windows.get(key);
    if (!window) return;
    this.windows.delete(key);
    if (window.leftOut > 0) {
      this.report({
        caller: window.caller,
        count: window.leftOut,
        from: window.start,
        to: Math.min(now, window.start + REFUSAL_WINDOW_MS),
      });
    }
  }
}
