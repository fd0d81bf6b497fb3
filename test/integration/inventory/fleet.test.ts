/**
 * The fleet inventory end to end, over real HTTP against the emulator's demo accounts (the real
 * EKS and STS clients): the first sweep makes the minimum of calls; searches, counts and role
 * look-ups equal the ground truth read with the SDK directly and cost no EKS call; changes made
 * directly on the emulator appear within a refresh (a changed role within the maximum age), and
 * changes through the gateway at once; failing calls keep their rows, marked stale, and are
 * reported.
 */
import { join } from 'node:path';
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  UpdatePodIdentityAssociationCommand,
} from '@aws-sdk/client-eks';
import { DEMO_ACCOUNTS, DEMO_CROSS_ACCOUNT_ASSOCIATION } from '../../../src/emulator';
import { startStack, type Stack } from '../../helpers/stack';

const ACCOUNTS_FILE = join(__dirname, '..', '..', '..', 'examples', 'accounts', 'demo.json');
/** The accounts the gateway can reach (the data account does not trust it). */
const REACHABLE = [DEMO_ACCOUNTS.platform.accountId, DEMO_ACCOUNTS.payments.accountId];
const REGIONS = ['us-east-1', 'eu-west-1'];

interface Truth {
  accountId: string;
  region: string;
  clusterName: string;
  associationId: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  targetRoleArn: string | null;
  tags: Record<string, string>;
  createdAt: string;
}

/** The stack a test talks to: `quiet` (refreshes far apart) or `busy` (refreshing every second). */
let stack: Stack;
let quiet: Stack;
let busy: Stack;
const clients = new Map<string, EKSClient>();
/** An SDK client signing as the account (the emulator takes 12-digit access keys as that account's). */
function eks(accountId: string, region: string): EKSClient {
  const key = `${stack.emulator.url}/${accountId}/${region}`;
  let client = clients.get(key);
  if (!client) {
    client = new EKSClient({
      endpoint: stack.emulator.url,
      region,
      credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
    });
    clients.set(key, client);
  }
  return client;
}

/** Every cluster of the reachable accounts, with or without associations, read with the SDK directly. */
async function clusterTruth(): Promise<string[]> {
  const all: string[] = [];
  for (const accountId of REACHABLE) {
    for (const region of REGIONS) {
      const { clusters = [] } = await eks(accountId, region).send(new ListClustersCommand({}));
      all.push(...clusters.map((name) => `${accountId}/${region}/${name}`));
    }
  }
  return all;
}

/** Every association of the reachable accounts, read with the SDK directly. */
async function groundTruth(): Promise<Truth[]> {
  const all: Truth[] = [];
  for (const accountId of REACHABLE) {
    for (const region of REGIONS) {
      const client = eks(accountId, region);
      const { clusters = [] } = await client.send(new ListClustersCommand({}));
      for (const clusterName of clusters) {
        let nextToken: string | undefined;
        do {
          const page = await client.send(new ListPodIdentityAssociationsCommand({ clusterName, nextToken }));
          for (const summary of page.associations ?? []) {
            const { association: a } = await client.send(
              new DescribePodIdentityAssociationCommand({ clusterName, associationId: summary.associationId }),
            );
            all.push({
              accountId,
              region,
              clusterName,
              associationId: a!.associationId!,
              namespace: a!.namespace!,
              serviceAccount: a!.serviceAccount!,
              roleArn: a!.roleArn!,
              targetRoleArn: a!.targetRoleArn ?? null,
              tags: a!.tags ?? {},
              createdAt: a!.createdAt!.toISOString(),
            });
          }
          nextToken = page.nextToken;
        } while (nextToken);
      }
    }
  }
  return all;
}

const key = (a: { accountId: string; region: string; clusterName: string; associationId: string }) =>
  `${a.accountId}/${a.region}/${a.clusterName}/${a.associationId}`;

interface Node {
  id: string;
  accountId: string;
  region: string;
  clusterName: string;
  associationId: string;
  namespace: string;
  roleArn: string;
  syncedAt: string;
}
interface Page {
  podIdentityAssociations: {
    totalCount: number;
    nodes: Node[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
const SEARCH = `query($filter: PodIdentityAssociationFilter, $after: String, $orderBy: PodIdentityAssociationOrder) {
  podIdentityAssociations(first: 100, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    nodes { id accountId region clusterName associationId namespace roleArn syncedAt }
    pageInfo { hasNextPage endCursor } } }`;

/** Every page of a search. */
async function searchAll(filter: Record<string, unknown> | null, orderBy?: Record<string, unknown>): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const res: Awaited<ReturnType<typeof stack.gql<Page>>> = await stack.gql<Page>(SEARCH, { filter, after, orderBy });
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data!.podIdentityAssociations.nodes);
    if (!res.data!.podIdentityAssociations.pageInfo.hasNextPage) return nodes;
    after = res.data!.podIdentityAssociations.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < ms;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

async function startSynced(env: Record<string, string>): Promise<Stack> {
  const started = await startStack({ seed: 'demo' }, { GATEWAY_ACCOUNTS_FILE: ACCOUNTS_FILE, INVENTORY: 'on', ...env });
  const synced = async () => (await fetch(`${started.gateway.url}/readyz?full`)).status === 200;
  await until(synced, 'the first full sweep');
  return started;
}

/** The calls of EKS operations in an emulator's stats (STS's left out). */
const EKS_READS = ['ListClusters', 'ListPodIdentityAssociations', 'DescribePodIdentityAssociation'] as const;
let firstSweepCalls: Record<string, number>;

beforeAll(async () => {
  quiet = await startSynced({});
  firstSweepCalls = await quiet.calls();
  busy = await startSynced({
    INVENTORY_REFRESH_SECONDS: '1',
    INVENTORY_MAX_AGE_SECONDS: '2',
    INVENTORY_LEASE_SECONDS: '3',
  });
  stack = quiet;
}, 60_000);
afterAll(async () => {
  for (const client of clients.values()) client.destroy();
  await quiet?.close();
  await busy?.close();
});

/** EKS calls since the last reset. */
async function eksCalls(): Promise<number> {
  const calls = await stack.calls();
  return Object.entries(calls)
    .filter(([name]) => name !== 'AssumeRole' && name !== 'GetCallerIdentity')
    .reduce((n, [, count]) => n + count, 0);
}

describe('the first sweep', () => {
  beforeAll(() => {
    stack = quiet;
  });

  test('makes the minimum of EKS calls: the ListClusters pages, one List page per cluster, one Describe per association', async () => {
    const truth = await groundTruth();
    const perCluster = new Map<string, number>();
    for (const t of truth) {
      const cluster = `${t.accountId}/${t.region}/${t.clusterName}`;
      perCluster.set(cluster, (perCluster.get(cluster) ?? 0) + 1);
    }
    // Every demo cluster has associations, and no location has 100 clusters (one page each).
    const listPages = [...perCluster.values()].reduce((n, count) => n + Math.ceil(count / 100), 0);
    expect(Object.fromEntries(EKS_READS.map((name) => [name, firstSweepCalls[name]]))).toEqual({
      ListClusters: REACHABLE.length * REGIONS.length,
      ListPodIdentityAssociations: listPages,
      DescribePodIdentityAssociation: truth.length,
    });
  });

  test('holds every association of every reachable account, equal to what the SDK reads', async () => {
    const truth = await groundTruth();
    const nodes = await searchAll(null);
    expect(nodes.map(key).sort()).toEqual(truth.map(key).sort());
    const byKey = new Map(truth.map((t) => [key(t), t]));
    for (const node of nodes) {
      expect(node.roleArn).toBe(byKey.get(key(node))?.roleArn);
      expect(Date.parse(node.syncedAt)).not.toBeNaN();
    }
  });

  test('the inventory reports its state, counts and the unreachable account as a failure', async () => {
    const res = await stack.gql<{ inventory: Record<string, unknown> }>(
      `{ inventory { state lastSweepStartedAt lastSweepEndedAt accountCount clusterCount associationCount
         failures { accountId region clusterName code } } }`,
    );
    const inventory = res.data!.inventory;
    // The data account's role does not trust the gateway: its regions fail, so the state is DEGRADED.
    expect(inventory.state).toBe('DEGRADED');
    expect(inventory.failures).toEqual(
      REGIONS.map((region) => ({
        accountId: DEMO_ACCOUNTS.data.accountId,
        region,
        clusterName: null,
        code: 'ACCOUNT_UNAVAILABLE',
      })).sort((a, b) => a.region.localeCompare(b.region)),
    );
    expect(inventory.accountCount).toBe(2);
    expect(inventory.associationCount).toBe((await groundTruth()).length);
    expect(inventory.clusterCount).toBe((await clusterTruth()).length);
  });
});

describe('searches answer from the inventory, with no EKS call', () => {
  beforeAll(() => {
    stack = quiet;
  });

  test('who can assume a role, as role and as target role', async () => {
    const truth = await groundTruth();
    const target = DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn;
    const asTarget = truth.filter((t) => t.targetRoleArn === target);
    const someRole = truth[5]!.roleArn;
    await stack.resetCalls();
    const res = await stack.gql<{
      target: { clusterCount: number; targetRoleAssociations: { totalCount: number; nodes: Node[] } };
      role: { accountId: string; name: string; associations: { totalCount: number; nodes: Node[] } };
    }>(
      `query($target: String!, $role: String!) {
        target: role(arn: $target) { clusterCount targetRoleAssociations { totalCount nodes { id accountId region clusterName associationId } } }
        role: role(arn: $role) { accountId name associations { totalCount nodes { id accountId region clusterName associationId } } } }`,
      { target, role: someRole },
    );
    expect(res.errors).toBeUndefined();
    expect(asTarget.length).toBeGreaterThan(0);
    expect(res.data!.target.targetRoleAssociations.nodes.map(key).sort()).toEqual(asTarget.map(key).sort());
    expect(res.data!.target.clusterCount).toBe(
      new Set(asTarget.map((t) => `${t.accountId}/${t.region}/${t.clusterName}`)).size,
    );
    const asRole = truth.filter((t) => t.roleArn === someRole);
    expect(res.data!.role.associations.totalCount).toBe(asRole.length);
    expect(res.data!.role.accountId).toBe(someRole.split(':')[4]);
    expect(res.data!.role.name).toBe(someRole.split('/').pop());
    expect(await eksCalls()).toBe(0);
  });

  test('a tag filter with totalCount and countsBy, and a namespace glob', async () => {
    const truth = await groundTruth();
    const tagged = truth.filter((t) => t.tags.team === 'payments');
    await stack.resetCalls();
    const res = await stack.gql<{
      podIdentityAssociations: { totalCount: number; countsBy: Array<{ value: string; count: number }> };
      glob: { totalCount: number; countsBy: Array<{ value: string; count: number }> };
    }>(`{
      podIdentityAssociations(filter: { tag: { key: "team", value: "payments" } }) { totalCount countsBy(field: CLUSTER) { value count } }
      glob: podIdentityAssociations(filter: { namespace: "pay*" }) { totalCount countsBy(field: NAMESPACE) { value count } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.podIdentityAssociations.totalCount).toBe(tagged.length);
    const perCluster = new Map<string, number>();
    for (const t of tagged) {
      const cluster = `${t.accountId}/${t.region}/${t.clusterName}`;
      perCluster.set(cluster, (perCluster.get(cluster) ?? 0) + 1);
    }
    expect(Object.fromEntries(res.data!.podIdentityAssociations.countsBy.map((c) => [c.value, c.count]))).toEqual(
      Object.fromEntries(perCluster),
    );
    const pay = truth.filter((t) => t.namespace.startsWith('pay'));
    expect(res.data!.glob.totalCount).toBe(pay.length);
    expect(res.data!.glob.countsBy.reduce((n, c) => n + c.count, 0)).toBe(pay.length);
    expect(await eksCalls()).toBe(0);
  });

  test('ordered by creation time, newest first, across every page', async () => {
    const truth = await groundTruth();
    const nodes = await searchAll(null, { field: 'CREATED_AT', direction: 'DESC' });
    const created = new Map(truth.map((t) => [key(t), t.createdAt]));
    const times = nodes.map((n) => created.get(key(n))!);
    expect(times).toEqual([...times].sort().reverse());
  });

  test('inventory ids are the live ids: node(id:) reads the same association', async () => {
    const [first] = await searchAll({ accountIds: [DEMO_ACCOUNTS.payments.accountId] });
    const res = await stack.gql<{ node: { associationId: string; roleArn: string; syncedAt: string | null } }>(
      `query($id: ID!) { node(id: $id) { ... on PodIdentityAssociation { associationId roleArn syncedAt } } }`,
      { id: first!.id },
    );
    expect(res.data!.node).toEqual({ associationId: first!.associationId, roleArn: first!.roleArn, syncedAt: null });
  });

  test('bad input is BAD_USER_INPUT: a page too large, a foreign cursor, an ARN that is no role', async () => {
    const big = await stack.gql('{ podIdentityAssociations(first: 101) { totalCount } }');
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const cursor = await stack.gql('{ podIdentityAssociations(after: "nonsense") { totalCount } }');
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const arn = await stack.gql('{ role(arn: "arn:aws:iam::1:user/x") { name } }');
    expect(arn.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('keeping up with EKS', () => {
  beforeAll(() => {
    stack = busy;
  });

  const platform = DEMO_ACCOUNTS.platform.accountId;
  const roleOf = (name: string) => `arn:aws:iam::${platform}:role/${name}`;
  const inInventory = async (filter: Record<string, unknown>) => (await searchAll(filter)).length;

  test('created and deleted directly on EKS: seen within a refresh; re-roled: within the maximum age', async () => {
    const client = eks(platform, 'us-east-1');
    const { association } = await client.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'prod-platform',
        namespace: 'out-of-band',
        serviceAccount: 'direct',
        roleArn: roleOf('out-of-band-direct'),
      }),
    );
    await until(async () => (await inInventory({ namespace: 'out-of-band' })) === 1, 'the new association');

    await client.send(
      new UpdatePodIdentityAssociationCommand({
        clusterName: 'prod-platform',
        associationId: association!.associationId,
        roleArn: roleOf('out-of-band-changed'),
      }),
    );
    await until(async () => (await inInventory({ roleArn: roleOf('out-of-band-changed') })) === 1, 'the new role');

    await client.send(
      new DeletePodIdentityAssociationCommand({
        clusterName: 'prod-platform',
        associationId: association!.associationId,
      }),
    );
    await until(async () => (await inInventory({ namespace: 'out-of-band' })) === 0, 'the deletion');
  }, 30_000);

  test('a cluster created directly on EKS without associations is counted within a refresh', async () => {
    const clusterCount = async () =>
      (await stack.gql<{ inventory: { clusterCount: number } }>('{ inventory { clusterCount } }')).data!.inventory
        .clusterCount;
    const before = await clusterCount();
    const res = await fetch(`${stack.emulator.url}/_emulator/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountId: DEMO_ACCOUNTS.payments.accountId,
        clusters: [{ name: 'empty-out-of-band', region: 'eu-west-1', associations: [] }],
      }),
    });
    expect(res.status).toBeLessThan(300);
    await until(async () => (await clusterCount()) === before + 1, 'the new cluster');
    expect(await clusterCount()).toBe((await clusterTruth()).length);
  }, 30_000);

  test('a change through the gateway is in the inventory at once', async () => {
    const created = await stack.gql<{ createPodIdentityAssociation: { podIdentityAssociation: { id: string } } }>(
      `mutation($input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $input) { podIdentityAssociation { id } } }`,
      {
        input: {
          clusterName: 'prod-platform',
          region: 'us-east-1',
          namespace: 'through-gateway',
          serviceAccount: 'sa',
          roleArn: roleOf('through-gateway'),
        },
      },
    );
    const id = created.data!.createPodIdentityAssociation.podIdentityAssociation.id;
    expect((await searchAll({ namespace: 'through-gateway' })).map((n) => n.id)).toEqual([id]);
    await stack.gql(
      `mutation($id: ID!) { tagPodIdentityAssociation(input: { id: $id, tags: [{ key: "team", value: "gateway-test" }] }) { errors { code } } }`,
      { id },
    );
    expect((await searchAll({ tag: { key: 'team', value: 'gateway-test' } })).map((n) => n.id)).toEqual([id]);
    await stack.gql(`mutation($id: ID!) { deletePodIdentityAssociation(input: { id: $id }) { errors { code } } }`, {
      id,
    });
    expect(await searchAll({ namespace: 'through-gateway' })).toEqual([]);
  });

  test('while List fails, the rows are kept, marked failing, and reported; they recover when it answers', async () => {
    const before = await searchAll({ accountIds: [platform] });
    await stack.faults({ rates: { ListPodIdentityAssociations: { server: 1 } } });
    try {
      await until(async () => {
        const res = await stack.gql<{
          inventory: { state: string; failures: Array<{ clusterName: string | null; code: string }> };
        }>('{ inventory { state failures { clusterName code } } }');
        return res.data!.inventory.failures.some(
          (f) => f.clusterName === 'prod-platform' && f.code === 'EKS_INTERNAL_ERROR',
        );
      }, 'the failure report');
      expect((await searchAll({ accountIds: [platform] })).map(key).sort()).toEqual(before.map(key).sort());
    } finally {
      await stack.faults({ rates: {} });
    }
    await until(async () => {
      const res = await stack.gql<{ inventory: { failures: Array<{ clusterName: string | null }> } }>(
        '{ inventory { failures { clusterName } } }',
      );
      return !res.data!.inventory.failures.some((f) => f.clusterName !== null);
    }, 'the recovery');
  }, 30_000);
});
