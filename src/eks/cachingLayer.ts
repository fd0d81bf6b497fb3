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
import type { PodIdentityBackend } from './podIdentityService';
import type { SharedCache } from './sharedCache';
import type { AssociationDetail, AssociationKey, ClusterDetail, ClusterKey, EksPage, ListAssociationsParams } from './types';

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
    this.countLookup = metrics ? (result) => metrics.cacheLookups.inc({ result }) : () => {};
  }

  /**
   * The backend one request uses, over `inner` (that request's way to EKS); generations are
   * read once per request and cluster.
   */
  forRequest(inner: PodIdentityBackend, options: { fresh: boolean }): PodIdentityBackend {
    return new RequestView(inner, this.cache, this.ttlMs, this.onError, this.countLookup, options.fresh);
  }
}

class RequestView implements PodIdentityBackend {
  /** Per cluster, read once per request; null when the cache could not say (then it is skipped). */
  private readonly generations = new Map<string, Promise<string | null>>();

  constructor(
    private readonly inner: PodIdentityBackend,
    private readonly cache: SharedCache,
    private readonly ttlMs: number,
    private readonly onError: CacheErrorHandler,
    private readonly countLookup: (result: CacheLookup) => void,
    private readonly fresh: boolean,
  ) {}

  listClusters(region: string, maxResults: number, nextToken: string | null): Promise<EksPage<string>> {
    return this.cached(`clusters:${region}:${maxResults}:${nextToken ?? ''}`, () => this.inner.listClusters(region, maxResults, nextToken));
  }

  describeCluster(key: ClusterKey): Promise<ClusterDetail | null> {
    return this.cached(`cluster:${key.region}:${key.name}`, () => this.inner.describeCluster(key));
  }

  async listAssociations(region: string, clusterName: string, params: ListAssociationsParams) {
    const generation = await this.generation(region, clusterName);
    const query = JSON.stringify([params.namespace ?? null, params.serviceAccount ?? null, params.maxResults, params.nextToken]);
    const key = generation === null ? null : `list:${region}:${clusterName}:${generation}:${query}`;
    return this.cached(key, () => this.inner.listAssociations(region, clusterName, params));
  }

  async describeAssociation(key: AssociationKey): Promise<AssociationDetail | null> {
    const generation = await this.generation(key.region, key.clusterName);
    return this.cached(generation === null ? null : associationEntry(key, generation), () => this.inner.describeAssociation(key));
  }

  createAssociation(params: Parameters<PodIdentityBackend['createAssociation']>[0]) {
    return this.mutate(params.region, params.clusterName, () => this.inner.createAssociation(params));
  }

  updateAssociation(params: Parameters<PodIdentityBackend['updateAssociation']>[0]) {
    return this.mutate(params.region, params.clusterName, () => this.inner.updateAssociation(params));
  }

  async deleteAssociation(key: AssociationKey): Promise<AssociationDetail> {
    return this.mutate(key.region, key.clusterName, () => this.inner.deleteAssociation(key), { store: false });
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
      const [hit] = await this.safely<Array<string | undefined | typeof LOOKUP_FAILED>>('get', () => this.cache.getMany([key]), [LOOKUP_FAILED]);
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
    if (value !== null) await this.safely('set', () => this.cache.setMany([[key, JSON.stringify(value)]], this.ttlMs), undefined);
    return value;
  }

  /**
   * Runs a mutation, then moves the cluster to a new generation (even when the call failed: a
   * fault may come after EKS applied it) and stores the result under it.
   */
  private async mutate(
    region: string,
    clusterName: string,
    run: () => Promise<AssociationDetail>,
    options = { store: true },
  ): Promise<AssociationDetail> {
    try {
      const result = await run();
      const generation = await this.bump(region, clusterName);
      if (options.store && generation !== null) {
        await this.safely('set', () => this.cache.setMany([[associationEntry(result, generation), JSON.stringify(result)]], this.ttlMs), undefined);
      }
      return result;
    } catch (error) {
      await this.bump(region, clusterName);
      throw error;
    }
  }

  private async bump(region: string, clusterName: string): Promise<string | null> {
    const key = generationKey(region, clusterName);
    const next = await this.safely('invalidate', () => this.cache.newGeneration(key, this.generationTtlMs()), null);
    // Unknown after a failed bump: this request then reads past the cache for that cluster.
    this.generations.set(key, Promise.resolve(next));
    return next;
  }

  private generation(region: string, clusterName: string): Promise<string | null> {
    const key = generationKey(region, clusterName);
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

function generationKey(region: string, clusterName: string): string {
  return `generation:${region}:${clusterName}`;
}

function associationEntry(key: AssociationKey, generation: string): string {
  return `association:${key.region}:${key.clusterName}:${generation}:${key.associationId}`;
}

const DATE_MEMBERS = new Set(['createdAt', 'modifiedAt']);

/** JSON turns Dates into ISO strings; the models expect Dates back. */
function decode(text: string): unknown {
  return JSON.parse(text, (member, value: unknown) =>
    DATE_MEMBERS.has(member) && typeof value === 'string' ? new Date(value) : value,
  );
}
