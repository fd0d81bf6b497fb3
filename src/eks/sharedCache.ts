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

/**
 * An in-process cache bounded by entry count and by size. Entries are kept in the order they
 * were written; with one TTL for all, that is also the order they expire in, so expired entries
 * are dropped from the front on every write and the oldest go first when a bound is reached.
 */
export class MemoryCache implements SharedCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly counters = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    const at = this.now();
    return keys.map((key) => {
      const entry = this.entries.get(key);
      return entry && entry.expiresAt > at ? entry.value : undefined;
    });
  }

  async setMany(entries: ReadonlyArray<readonly [string, string]>, ttlMs: number): Promise<void> {
    const at = this.now();
    for (const [key, value] of entries) {
      this.remove(key);
      this.entries.set(key, { value, expiresAt: at + ttlMs });
      this.bytes += size(key, value);
    }
    for (const [key, entry] of this.entries) {
      const over = this.entries.size > this.maxEntries || this.bytes > this.maxBytes;
      if (!over && entry.expiresAt > at) break;
      this.remove(key);
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

  /** Approximate memory held by the entries (UTF-16 code units of keys and values, times two). */
  get sizeInBytes(): number {
    return this.bytes;
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= size(key, entry.value);
  }
}

function size(key: string, value: string): number {
  return 2 * (key.length + value.length);
}
