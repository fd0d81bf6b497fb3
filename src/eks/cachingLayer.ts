/**
 * EKS results shared by requests for a time to live: describes and list pages. Every mutation
 * made through the gateway invalidates its cluster's entries by moving the cluster to a new
 * generation, which is part of those entries' keys; a result computed before a mutation is
 * stored under the old generation and so is never read after it. A request that asks for fresh
 * data (Cache-Control: no-cache) skips the cached reads, and its results refresh the cache.
 *
 * Generations are bounded: each lives GENERATION_LIFETIMES cache TTLs after its last use and is
 * then dropped, so cluster names that nobody uses any more (made-up ones included) leave nothing
 * behind. Generation values are never reused (see sharedCache.ts), so a dropped one costs misses,
 * never a stale read.
 */
import type { GatewayMetrics } from '../metrics';
import { cacheEvent } from '../tracing/spans';
import {
  applyDescribed,
  describedAssociationEntry,
  isDryRun,
  wrapBackend,
  type BackendMethod,
  type ClusterRef,
  type MutationDescription,
  type PodIdentityBackend,
  type ReadDescription,
} from './operations';
import type { SharedCache } from './sharedCache';
import type { AssociationDetail } from './types';

export type CacheErrorHandler = (error: unknown, operation: string) => void;

/** How many cache TTLs a cluster's generation outlives its last use: longer than its entries. */
export const GENERATION_LIFETIMES = 2;

/** How a read of the cache went, for the metrics. */
export type CacheLookup = 'hit' | 'miss' | 'bypass' | 'error';

export class CachingLayer {
  private readonly countLookup: (result: CacheLookup) => void;

  constructor(
    private readonly cache: SharedCache,
    private readonly ttlMs: number,
    private readonly onError: CacheErrorHandler,
    metrics: GatewayMetrics | null = null,
  ) {
    this.countLookup = (result) => {
      metrics?.cacheLookups.inc({ result });
      cacheEvent(result);
    };
  }

  /**
   * The backend one request uses, over `inner` (that request's way to EKS); generations are
   * read once per request and cluster.
   */
  forRequest(inner: PodIdentityBackend, options: { fresh: boolean }): PodIdentityBackend {
    return new RequestView(inner, this.cache, this.ttlMs, this.onError, this.countLookup, options.fresh).backend;
  }
}

/**
 * One request's view: every read the table gives a cache key goes through the cache, every
 * change invalidates its cluster (src/eks/operations.ts says which is which).
 */
class RequestView {
  /** Per cluster, read once per request; null when the cache could not say (then it is skipped). */
  private readonly generations = new Map<string, Promise<string | null>>();
  readonly backend: PodIdentityBackend;

  constructor(
    inner: PodIdentityBackend,
    private readonly cache: SharedCache,
    private readonly ttlMs: number,
    private readonly onError: CacheErrorHandler,
    private readonly countLookup: (result: CacheLookup) => void,
    private readonly fresh: boolean,
  ) {
    this.backend = wrapBackend(inner, (description, args, call) =>
      description.mutates && !isDryRun(description, args)
        ? this.mutate(description, args, call)
        : description.mutates
          ? call()
          : this.read(description, args, call),
    );
  }

  private async read(
    description: ReadDescription<BackendMethod>,
    args: readonly unknown[],
    load: () => Promise<unknown>,
  ): Promise<unknown> {
    const { key, cluster } = description.cache;
    const entry = applyDescribed(key, args);
    if (cluster === null) return this.cached(entry, load);
    const generation = await this.generation(applyDescribed(cluster, args));
    return this.cached(generation === null ? null : inGeneration(entry, generation), load);
  }

  /**
   * Reads through the cache; null results (not found) are not kept, so a create shows at once.
   * A null key (the cluster's generation is unknown) goes to EKS without the cache.
   */
  private async cached<T>(key: string | null, load: () => Promise<T>): Promise<T> {
    if (key === null) {
      this.countLookup('error');
      return load();
    }
    if (this.fresh) {
      this.countLookup('bypass');
    } else {
      const [hit] = await this.safely<Array<string | undefined | typeof LOOKUP_FAILED>>(
        'get',
        () => this.cache.getMany([key]),
        [LOOKUP_FAILED],
      );
      if (hit === LOOKUP_FAILED) {
        this.countLookup('error');
      } else if (hit !== undefined) {
        this.countLookup('hit');
        return decode(hit) as T;
      } else {
        this.countLookup('miss');
      }
    }
    const value = await load();
    if (value !== null)
      await this.safely('set', () => this.cache.setMany([[key, JSON.stringify(value)]], this.ttlMs), undefined);
    return value;
  }

  /**
   * Runs a change, then moves its cluster to a new generation (even when the call failed: a
   * fault may come after EKS applied it) and stores the association it returns, if any, as its
   * Describe would be stored.
   */
  private async mutate(
    description: MutationDescription<BackendMethod>,
    args: readonly unknown[],
    run: () => Promise<unknown>,
  ): Promise<unknown> {
    const cluster = applyDescribed(description.cluster, args);
    try {
      const result = await run();
      const generation = await this.bump(cluster);
      if (description.result === 'association' && generation !== null) {
        const detail = result as AssociationDetail;
        const entry = inGeneration(describedAssociationEntry(detail), generation);
        await this.safely('set', () => this.cache.setMany([[entry, JSON.stringify(detail)]], this.ttlMs), undefined);
      }
      return result;
    } catch (error) {
      await this.bump(cluster);
      throw error;
    }
  }

  private async bump(cluster: ClusterRef): Promise<string | null> {
    const key = generationKey(cluster);
    const next = await this.safely('invalidate', () => this.cache.newGeneration(key, this.generationTtlMs()), null);
    // Unknown after a failed bump: this request then reads past the cache for that cluster.
    this.generations.set(key, Promise.resolve(next));
    return next;
  }

  private generation(cluster: ClusterRef): Promise<string | null> {
    const key = generationKey(cluster);
    let generation = this.generations.get(key);
    if (!generation) {
      generation = this.safely<string | null>('get', () => this.cache.generation(key, this.generationTtlMs()), null);
      this.generations.set(key, generation);
    }
    return generation;
  }

  private generationTtlMs(): number {
    return GENERATION_LIFETIMES * this.ttlMs;
  }

  /** A cache that fails must not fail the request: it is reported, and EKS answers instead. */
  private async safely<T>(operation: string, run: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.onError(error, operation);
      return fallback;
    }
  }
}

/** What a failed read of the cache stands for (`safely` reports the failure itself). */
const LOOKUP_FAILED = Symbol('cache lookup failed');

function generationKey(cluster: ClusterRef): string {
  return `generation:${cluster.region}:${cluster.clusterName}`;
}

/** An entry of a cluster's generation: unreadable once the cluster moves to the next one. */
function inGeneration(entry: string, generation: string): string {
  return `${entry}@${generation}`;
}

const DATE_MEMBERS = ['createdAt', 'modifiedAt'] as const;

/**
 * JSON turns Dates into ISO strings; the models expect Dates back. Only a model's own members
 * are times: a tag named `createdAt` keeps its text.
 */
function decode(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const model = value as Record<string, unknown>;
  for (const member of DATE_MEMBERS) {
    const time = model[member];
    if (typeof time === 'string') model[member] = new Date(time);
  }
  return model;
}
