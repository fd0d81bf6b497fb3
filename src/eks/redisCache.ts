import Redis from 'ioredis';
import type { SharedCache } from './sharedCache';

/**
 * The shared cache in Redis, for gateways running as several replicas: a mutation made through
 * any replica invalidates what every replica reads. Commands fail fast instead of queueing while
 * Redis is away, so the caller can fall back to EKS.
 */
export class RedisCache implements SharedCache {
  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Connects first, so a wrong REDIS_URL stops start-up with a clear error. */
  static async connect(url: string, prefix: string): Promise<RedisCache> {
    const redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 5_000,
      // The describes of one page go out in the same tick: one round trip to Redis for all of them.
      enableAutoPipelining: true,
    });
    // Connection errors after start-up surface as failed commands; without a listener they would also crash the process.
    redis.on('error', () => {});
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new Error(`Cannot connect to Redis at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return new RedisCache(redis, prefix);
  }

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    const values = await this.redis.mget(keys.map((k) => this.prefix + k));
    return values.map((v) => v ?? undefined);
  }

  async setMany(entries: ReadonlyArray<readonly [string, string]>, ttlMs: number): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [key, value] of entries) pipeline.set(this.prefix + key, value, 'PX', ttlMs);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  async counter(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + key)) ?? 0);
  }

  async increment(key: string): Promise<number> {
    return this.redis.incr(this.prefix + key);
  }

  async close(): Promise<void> {
    // quit() waits for a reply that never comes while Redis is away; then just drop the socket.
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Keeps a password in REDIS_URL out of messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
