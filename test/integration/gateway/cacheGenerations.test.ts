/**
 * Cache generations are bounded: every cluster name a request touches (made-up ones included)
 * gets a generation, and it is dropped once nothing of that cluster can still be cached, in
 * memory and in a real Redis (where each generation key carries a TTL). 15,000 made-up names
 * once left 12.6 MB of heap, and as many Redis keys without TTL, for good.
 */
import Redis from 'ioredis';
import { CachingLayer, GENERATION_LIFETIMES } from '../../../src/eks/cachingLayer';
import { EksError } from '../../../src/eks/errors';
import type { PodIdentityBackend } from '../../../src/eks/operations';
import { RedisCache } from '../../../src/eks/redisCache';
import { MemoryCache, type SharedCache } from '../../../src/eks/sharedCache';
import type { AssociationDetail } from '../../../src/eks/types';
import { startRedis, type RedisServer } from '../../helpers/redis';
import { role, seedCluster, startStack } from '../../helpers/stack';

const NAMES = 15_000;
const TTL_MS = 200;
const GENERATION_TTL_MS = GENERATION_LIFETIMES * TTL_MS;

/** EKS for clusters that do not exist, except `real`, which has one association. */
function eksWithOneCluster(): PodIdentityBackend & { calls: number } {
  const missing = (name: string, operation: string) =>
    new EksError(
      'NotFound',
      `No cluster found for name: ${name}.`,
      'ResourceNotFoundException',
      operation,
      null,
      404,
      false,
    );
  const detail: AssociationDetail = {
    accountId: '000000000000',
    region: 'us-east-1',
    associationId: 'a-00000000000000001',
    associationArn: 'arn:aws:eks:us-east-1:111122223333:podidentityassociation/real/a-00000000000000001',
    clusterName: 'real',
    namespace: 'ns',
    serviceAccount: 'sa',
    roleArn: role('r'),
    targetRoleArn: null,
    externalId: null,
    disableSessionTags: false,
    policy: null,
    ownerArn: null,
    tags: {},
    createdAt: new Date(0),
    modifiedAt: new Date(0),
  };
  const backend = {
    calls: 0,
    async listClusters() {
      backend.calls += 1;
      return { items: ['real'], nextToken: null };
    },
    async describeCluster() {
      backend.calls += 1;
      return null;
    },
    async listAssociations(_region: string, clusterName: string) {
      backend.calls += 1;
      if (clusterName !== 'real') throw missing(clusterName, 'ListPodIdentityAssociations');
      return { items: [], nextToken: null };
    },
    async describeAssociation(key: { clusterName: string }) {
      backend.calls += 1;
      return key.clusterName === 'real' ? detail : null;
    },
    async createAssociation(params: { clusterName: string }) {
      backend.calls += 1;
      throw missing(params.clusterName, 'CreatePodIdentityAssociation');
    },
    async updateAssociation(params: { clusterName: string }) {
      backend.calls += 1;
      throw missing(params.clusterName, 'UpdatePodIdentityAssociation');
    },
    async deleteAssociation(key: { clusterName: string }) {
      backend.calls += 1;
      throw missing(key.clusterName, 'DeletePodIdentityAssociation');
    },
  };
  return backend as unknown as PodIdentityBackend & { calls: number };
}

/** What an attacker does with a name: a read of its list and a create (both fail: no such cluster). */
async function touchMadeUpNames(layer: CachingLayer, eks: PodIdentityBackend, count: number): Promise<void> {
  let notFound = 0;
  const failsNotFound = (attempt: Promise<unknown>) =>
    attempt.then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof EksError && error.kind === 'NotFound') notFound += 1;
      },
    );
  for (let start = 0; start < count; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - start) }, async (_, i) => {
        const view = layer.forRequest(eks, { fresh: false });
        const clusterName = `made-up-${start + i}`;
        await failsNotFound(
          view.listAssociations({ accountId: '000000000000', region: 'us-east-1' }, clusterName, {
            maxResults: 10,
            nextToken: null,
          }),
        );
        await failsNotFound(
          view.createAssociation({
            accountId: '000000000000',
            region: 'us-east-1',
            clusterName,
            namespace: 'x',
            serviceAccount: 'y',
            roleArn: role('r'),
            clientRequestToken: 't',
          }),
        );
      }),
    );
  }
  expect(notFound).toBe(2 * count);
}

const noErrors = (error: unknown) => {
  throw error;
};

test(`in memory: ${NAMES} made-up cluster names leave no generation once their time is over`, async () => {
  let now = 0;
  const cache = new MemoryCache(50_000, 64 * 1024 * 1024, () => now);
  const layer = new CachingLayer(cache, TTL_MS, noErrors);
  const eks = eksWithOneCluster();
  await touchMadeUpNames(layer, eks, NAMES);
  expect(cache.generationCount).toBe(NAMES);
  expect(cache.size).toBe(0); // failures are not cached

  now += GENERATION_TTL_MS;
  // The next use of the cache drops every expired generation.
  const view = layer.forRequest(eks, { fresh: false });
  expect(
    await view.describeAssociation({
      accountId: '000000000000',
      region: 'us-east-1',
      clusterName: 'real',
      associationId: 'a-00000000000000001',
    }),
  ).not.toBeNull();
  expect(cache.generationCount).toBe(1);
});

describe('in Redis', () => {
  let server: RedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedis();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  /** Polls (at most 100 times, 50 ms apart) until Redis holds no key of `prefix`: expired keys are reclaimed, not only hidden. */
  async function untilEmpty(prefix: string): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      // DBSIZE counts keys still in memory, expired or not; this server holds only this prefix.
      const size = await redis.dbsize();
      if (size === 0) return 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (await redis.keys(`${prefix}*`)).length;
  }

  test(`${NAMES} made-up cluster names: every generation key has a TTL past the cache TTL, and all are gone after it`, async () => {
    const prefix = 'generations-test:';
    const cache: SharedCache = await RedisCache.connect(server.url, prefix);
    try {
      const layer = new CachingLayer(cache, TTL_MS, noErrors);
      await touchMadeUpNames(layer, eksWithOneCluster(), NAMES);
      const keys = await redis.keys(`${prefix}*`);
      // Some may already have expired on a slow machine (-2, or 0 ms left); none may live without a TTL (-1).
      expect(keys.length).toBeLessThanOrEqual(NAMES);
      const ttls = await Promise.all(keys.slice(0, 2000).map((key) => redis.pttl(key)));
      expect(ttls.filter((ttl) => !(ttl === -2 || (ttl >= 0 && ttl <= GENERATION_TTL_MS)))).toEqual([]);
      expect(await untilEmpty(prefix)).toBe(0);
    } finally {
      await cache.close();
    }
  }, 60_000);

  test('through the gateway: 300 creates on made-up clusters in one request leave keys that all expire, and invalidation still works', async () => {
    const prefix = `gateway-generations-${process.pid}:`;
    const stack = await startStack(
      { seed: { clusters: [seedCluster('apps', 'us-east-1', 3)] } },
      { CACHE_TTL_MS: String(TTL_MS * 5), REDIS_URL: server.url, CACHE_KEY_PREFIX: prefix },
    );
    try {
      const batch = Array.from({ length: 10 }, (_, op) => ({
        query: `mutation { ${Array.from({ length: 30 }, (_, i) => `c${i}: createPodIdentityAssociation(input: { clusterName: "made-up-${op}-${i}", region: "us-east-1", namespace: "x", serviceAccount: "y", roleArn: "${role('r')}" }) { errors { code } }`).join(' ')} }`,
      }));
      const res = await fetch(stack.gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      const answers = (await res.json()) as Array<{ data: Record<string, { errors: Array<{ code: string }> }> }>;
      expect(answers.flatMap((answer) => Object.values(answer.data).map((payload) => payload.errors[0]?.code))).toEqual(
        Array(300).fill('CLUSTER_NOT_FOUND'),
      );
      const keys = await redis.keys(`${prefix}generation:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(
        (await Promise.all(keys.map((key) => redis.pttl(key)))).every(
          (ttl) => ttl === -2 || (ttl >= 0 && ttl <= 2 * TTL_MS * 5),
        ),
      ).toBe(true);

      // A change through the gateway is still seen at once.
      const page =
        '{ cluster(name: "apps", region: "us-east-1") { podIdentityAssociations(first: 10) { nodes { serviceAccount } } } }';
      type Page = { cluster: { podIdentityAssociations: { nodes: Array<{ serviceAccount: string }> } } };
      expect((await stack.gql<Page>(page)).data?.cluster.podIdentityAssociations.nodes).toHaveLength(3);
      await stack.gql(
        `mutation { createPodIdentityAssociation(input: { clusterName: "apps", region: "us-east-1", namespace: "team-a", serviceAccount: "new", roleArn: "${role('team-a-new')}" }) { errors { code } } }`,
      );
      expect((await stack.gql<Page>(page)).data?.cluster.podIdentityAssociations.nodes).toHaveLength(4);
    } finally {
      await stack.close();
    }
    expect(await untilEmpty(prefix)).toBe(0);
  }, 60_000);
});
