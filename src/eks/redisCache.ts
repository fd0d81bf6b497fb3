import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { SharedCache } from './sharedCache';

/**
 * The current generation, or `ARGV[1]` (a fresh random value) when there is none; kept `ARGV[2]`
 * ms either way. One script, so two replicas that both find none agree on one.
 */
const GENERATION_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return current
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;

type GenerationCommand = (key: string, fresh: string, ttlMs: number) => Promise<string>;

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

  /** Connects first, and throws when Redis cannot be reached. */
  static async connect(url: string, prefix: string): Promise<RedisCache> {
    const redis = createClient(url, true);
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new Error(
        `Cannot connect to Redis at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return new RedisCache(redis, prefix);
  }

  /**
   * Starts connecting; resolves after the first attempt, whether it worked or not. The client
   * then retries in the background until Redis answers (`connected`); until then its commands
   * fail fast, so the gateway answers from EKS, and its readiness says it waits for Redis.
   */
  static async start(url: string, prefix: string): Promise<{ cache: RedisCache; connected: Promise<void> }> {
    const redis = createClient(url, false);
    const connected = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    await Promise.race([connected, new Promise((resolve) => redis.once('error', resolve))]);
    return { cache: new RedisCache(redis, prefix), connected };
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

  async generation(key: string, ttlMs: number): Promise<string> {
    const command = (this.redis as unknown as { podIdentityGeneration: GenerationCommand }).podIdentityGeneration;
    return command.call(this.redis, this.prefix + key, freshGeneration(), ttlMs);
  }

  async newGeneration(key: string, ttlMs: number): Promise<string> {
    const value = freshGeneration();
    await this.redis.set(this.prefix + key, value, 'PX', ttlMs);
    return value;
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

function createClient(url: string, lazyConnect: boolean): Redis {
  const redis = new Redis(url, {
    scripts: { podIdentityGeneration: { numberOfKeys: 1, lua: GENERATION_SCRIPT } },
    lazyConnect,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    // The describes of one page go out in the same tick: one round trip to Redis for all of them.
    enableAutoPipelining: true,
  });
  // Connection errors surface as failed commands; without a listener they would also crash the process.
  redis.on('error', () => {});
  return redis;
}

/**
 * 96 random bits: replicas make generations without coordinating, and a value that expired and
 * is made anew can never equal one that entries were stored under before.
 */
function freshGeneration(): string {
  return randomBytes(12).toString('base64url');
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
