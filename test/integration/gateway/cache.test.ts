/**
 * The shared EKS cache, in memory and in a real Redis: a repeated dashboard within the TTL costs
 * no EKS call, mutations through the gateway invalidate, clients can ask for fresh data, and
 * with Redis every replica sees the others' changes.
 */
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { startGateway } from '../../../src/server/gateway';
import { startRedis, type RedisServer } from '../../helpers/redis';
import { nonZero, role, seedCluster, startStack, type Stack } from '../../helpers/stack';

const DASHBOARD = `{ clusters { nodes { name status version
  podIdentityAssociations(first: 20) { nodes { id namespace serviceAccount roleArn tags { key value } createdAt } } } } }`;

const seed = {
  clusters: [
    seedCluster('apps', 'us-east-1', 30),
    seedCluster('web', 'us-east-1', 25),
    seedCluster('eu', 'eu-west-1', 10),
  ],
};

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

let stacks = 0;
/** Every stack gets its own key space: their emulators make the same ids from the same seed. */
const ownPrefix = () => ({ CACHE_KEY_PREFIX: `test-${process.pid}-${(stacks += 1)}:` });

describe.each([
  ['in memory', () => ({})],
  ['in Redis', () => ({ REDIS_URL: redis.url, ...ownPrefix() })],
])('the cache %s', (_name, extraEnv) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed }, { CACHE_TTL_MS: '60000', ...extraEnv() });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetCalls());

  test('a repeated dashboard within the TTL costs no EKS call and answers the same', async () => {
    const first = await stack.gql(DASHBOARD);
    expect(first.errors).toBeUndefined();
    expect(nonZero(await stack.calls())).toEqual({
      ListClusters: 2,
      DescribeCluster: 3,
      ListPodIdentityAssociations: 3,
      DescribePodIdentityAssociation: 50,
    });
    await stack.resetCalls();
    const repeat = await stack.gql(DASHBOARD);
    expect(repeat).toEqual(first);
    expect(nonZero(await stack.calls())).toEqual({});
  });

  test('Cache-Control: no-cache reads from EKS, and refreshes the cache', async () => {
    await stack.gql(DASHBOARD);
    await stack.resetCalls();
    const fresh = await stack.gql(DASHBOARD, undefined, { 'cache-control': 'no-cache' });
    expect(fresh.errors).toBeUndefined();
    expect(nonZero(await stack.calls())).toEqual({
      ListClusters: 2,
      DescribeCluster: 3,
      ListPodIdentityAssociations: 3,
      DescribePodIdentityAssociation: 50,
    });
    await stack.resetCalls();
    await stack.gql(DASHBOARD);
    expect(nonZero(await stack.calls())).toEqual({});
  });

  test('create, update and delete through the gateway are seen at once', async () => {
    const page =
      '{ cluster(name: "eu", region: "eu-west-1") { podIdentityAssociations(first: 50) { nodes { id serviceAccount roleArn } } } }';
    type Page = {
      cluster: { podIdentityAssociations: { nodes: Array<{ id: string; serviceAccount: string; roleArn: string }> } };
    };
    const before = await stack.gql<Page>(page);
    await stack.gql<Page>(page);

    const created = await stack.gql<{ createPodIdentityAssociation: { podIdentityAssociation: { id: string } } }>(
      `mutation { createPodIdentityAssociation(input: { clusterName: "eu", region: "eu-west-1", namespace: "new", serviceAccount: "fresh-${Date.now()}", roleArn: "${role('v1')}" }) { podIdentityAssociation { id } } }`,
    );
    const id = created.data?.createPodIdentityAssociation.podIdentityAssociation.id as string;
    const afterCreate = await stack.gql<Page>(page);
    expect(afterCreate.data?.cluster.podIdentityAssociations.nodes).toHaveLength(
      (before.data?.cluster.podIdentityAssociations.nodes.length ?? 0) + 1,
    );

    await stack.gql(
      `mutation { updatePodIdentityAssociation(input: { id: "${id}", roleArn: "${role('v2')}" }) { errors { code } } }`,
    );
    const afterUpdate = await stack.gql<Page>(page);
    expect(afterUpdate.data?.cluster.podIdentityAssociations.nodes.find((n) => n.id === id)?.roleArn).toBe(role('v2'));
    const byId = await stack.gql<{ node: { roleArn: string } }>(
      `{ node(id: "${id}") { ... on PodIdentityAssociation { roleArn } } }`,
    );
    expect(byId.data?.node.roleArn).toBe(role('v2'));

    await stack.gql(`mutation { deletePodIdentityAssociation(input: { id: "${id}" }) { errors { code } } }`);
    const afterDelete = await stack.gql<Page>(page);
    expect(afterDelete.data?.cluster.podIdentityAssociations.nodes.some((n) => n.id === id)).toBe(false);
    expect((await stack.gql(`{ node(id: "${id}") { id } }`)).data).toEqual({ node: null });
  });

  test('entries expire after the TTL', async () => {
    // Long enough for two dashboards on a busy machine, short enough to wait for.
    const short = await startStack({ seed }, { CACHE_TTL_MS: '1500', ...extraEnv() });
    try {
      await short.gql(DASHBOARD);
      await short.resetCalls();
      await short.gql(DASHBOARD);
      expect(nonZero(await short.calls())).toEqual({});
      await new Promise((r) => setTimeout(r, 1700));
      await short.gql(DASHBOARD);
      expect((await short.calls()).DescribePodIdentityAssociation).toBe(50);
    } finally {
      await short.close();
    }
  });
});

describe('the Redis cache shared by replicas', () => {
  test('a change through one replica is seen by the other at once', async () => {
    const shared = { CACHE_TTL_MS: '60000', REDIS_URL: redis.url, ...ownPrefix() };
    const a = await startStack({ seed }, shared);
    // A second gateway in front of the same EKS (a's emulator), sharing a's Redis key space.
    const b = await startGateway({
      config: loadConfig({ PORT: '0', EKS_ENDPOINT: a.emulator.url, LOG_LEVEL: 'silent', ...shared }),
      endpoint: a.emulator.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      logger: pino({ level: 'silent' }),
    });
    const viaB = async <T>(query: string) =>
      (await (
        await fetch(b.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      ).json()) as { data: T };
    try {
      const query =
        '{ cluster(name: "web", region: "us-east-1") { podIdentityAssociations(first: 3) { nodes { associationId roleArn } } } }';
      type Page = {
        cluster: { podIdentityAssociations: { nodes: Array<{ associationId: string; roleArn: string }> } };
      };
      const seen = await viaB<Page>(query);
      const target = seen.data.cluster.podIdentityAssociations.nodes[0]?.associationId as string;
      await a.resetCalls();
      await a.gql(query);
      expect(nonZero(await a.calls())).toEqual({}); // a reads what b cached

      await a.gql(
        `mutation { updatePodIdentityAssociation(input: { clusterName: "web", region: "us-east-1", associationId: "${target}", roleArn: "${role('from-a')}" }) { errors { code } } }`,
      );
      await a.resetCalls();
      const after = await viaB<Page>(query);
      expect(after.data.cluster.podIdentityAssociations.nodes[0]).toEqual({
        associationId: target,
        roleArn: role('from-a'),
      });
      // b read the list again; the updated association came from the cache a filled.
      expect(nonZero(await a.calls())).toEqual({ ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: 2 });
    } finally {
      await b.close();
      await a.close();
    }
  });

  test('when Redis goes away the gateway answers from EKS; started without it, it is not ready until Redis answers', async () => {
    const server = await startRedis();
    const stack = await startStack({ seed }, { CACHE_TTL_MS: '60000', REDIS_URL: server.url });
    try {
      await stack.gql(DASHBOARD);
      await server.stop();
      await stack.resetCalls();
      const res = await stack.gql<{ clusters: { nodes: unknown[] } }>(DASHBOARD);
      expect(res.errors).toBeUndefined();
      expect(res.data?.clusters.nodes).toHaveLength(3);
      expect((await stack.calls()).DescribePodIdentityAssociation).toBe(50);
    } finally {
      await stack.close();
    }
    // Started while Redis is away: alive, answering from EKS, but out of the Service until Redis is back.
    const later = await startStack({ seed }, { CACHE_TTL_MS: '60000', REDIS_URL: server.url });
    let revived: RedisServer | null = null;
    try {
      const readyz = async () => {
        const res = await fetch(`${later.gateway.url}/readyz`);
        return { status: res.status, body: (await res.json()) as unknown };
      };
      expect(await readyz()).toEqual({ status: 503, body: { status: 'starting', waitingFor: ['redis'] } });
      expect((await fetch(`${later.gateway.url}/healthz`)).status).toBe(200);
      expect((await later.gql(DASHBOARD)).errors).toBeUndefined();
      revived = await startRedis(Number(new URL(server.url).port));
      for (let tries = 0; (await readyz()).status !== 200 && tries < 200; tries += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await later.close();
      await revived?.stop();
    }
  });
});
