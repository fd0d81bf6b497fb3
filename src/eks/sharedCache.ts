/**
 * A key-value store with expiry that EKS results are kept in between requests: in memory by
 * default, or Redis so that every replica of the gateway shares one cache (see redisCache.ts).
 *
 * Generations (see cachingLayer.ts) are values never handed out before: a generation that
 * expires and is made anew can never be mistaken for an older one, so dropping one is always
 * safe (it costs cache misses, never a stale read), and each lives only `ttlMs` after its last use.
 */
export interface SharedCache {
  /** The values of `keys`, in order; undefined where missing or expired. */
  getMany(keys: readonly string[]): Promise<Array<string | undefined>>;
  setMany(entries: ReadonlyArray<readonly [key: string, value: string]>, ttlMs: number): Promise<void>;
  /** The current generation of `key`, made when there is none; either way kept `ttlMs` from now. */
  generation(key: string, ttlMs: number): Promise<string>;
  /** Moves `key` to a new generation, kept `ttlMs`. */
  newGeneration(key: string, ttlMs: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * An in-process cache bounded by entry count and by size. Entries are kept in the order they
 * were written; with one TTL for all, that is also the order they expire in, so expired entries
 * are dropped from the front on every write and the oldest go first when a bound is reached.
 */
export class MemoryCache implements SharedCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  /** In the order they expire (every use moves one to the end), like the entries. */
  private readonly generations = new Map<string, { value: string; expiresAt: number }>();
  /** Generations are this process's sequence: never the same value twice. */
  private sequence = 0;
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

  async generation(key: string, ttlMs: number): Promise<string> {
    const at = this.now();
    const current = this.generations.get(key);
    return this.keepGeneration(key, current && current.expiresAt > at ? current.value : this.nextValue(), at + ttlMs);
  }

  async newGeneration(key: string, ttlMs: number): Promise<string> {
    return this.keepGeneration(key, this.nextValue(), this.now() + ttlMs);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Generations not yet dropped (expired ones go on the next use of any). */
  get generationCount(): number {
    return this.generations.size;
  }

  /** Approximate memory held by the entries (UTF-16 code units of keys and values, times two). */
  get sizeInBytes(): number {
    return this.bytes;
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.generations.clear();
    this.bytes = 0;
  }

  private nextValue(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  private keepGeneration(key: string, value: string, expiresAt: number): string {
    this.generations.delete(key);
    this.generations.set(key, { value, expiresAt });
    const at = this.now();
    for (const [other, generation] of this.generations) {
      if (generation.expiresAt > at) break;
      this.generations.delete(other);
    }
    return value;
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
