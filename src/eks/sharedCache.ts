/**
 * A key-value store with expiry that EKS results are kept in between requests: in memory by
 * default, or Redis so that every replica of the gateway shares one cache (see redisCache.ts).
 */
export interface SharedCache {
  /** The values of `keys`, in order; undefined where missing or expired. */
  getMany(keys: readonly string[]): Promise<Array<string | undefined>>;
  setMany(entries: ReadonlyArray<readonly [key: string, value: string]>, ttlMs: number): Promise<void>;
  /** A counter that never expires (generations); 0 when never incremented. */
  counter(key: string): Promise<number>;
  increment(key: string): Promise<number>;
  close(): Promise<void>;
}

/** An in-process cache bounded by entry count: the least recently used entries go first. */
export class MemoryCache implements SharedCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    const at = this.now();
    return keys.map((key) => {
      const entry = this.entries.get(key);
      if (!entry) return undefined;
      this.entries.delete(key);
      if (entry.expiresAt <= at) return undefined;
      this.entries.set(key, entry); // most recently used last
      return entry.value;
    });
  }

  async setMany(entries: ReadonlyArray<readonly [string, string]>, ttlMs: number): Promise<void> {
    const expiresAt = this.now() + ttlMs;
    for (const [key, value] of entries) {
      this.entries.delete(key);
      this.entries.set(key, { value, expiresAt });
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }

  async counter(key: string): Promise<number> {
    return this.counters.get(key) ?? 0;
  }

  async increment(key: string): Promise<number> {
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }

  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
