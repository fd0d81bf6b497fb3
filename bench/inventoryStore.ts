/**
 * `npx tsx bench/inventoryStore.ts [INVENTORY_DATABASE]`: the inventory store alone, no gateway
 * and no EKS: 50,000 associations over 200 clusters, 3 accounts and 2 regions, then the typical
 * searches (first 50, with totalCount and countsBy where a dashboard asks for them), timed one
 * after another. The default is a SQLite file in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AssociationDetail } from '../src/eks/types';
import { openInventoryStore, type KyselyInventoryStore, type Visibility } from '../src/inventory/store';
import { round, timing } from './stats';

const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const CLUSTERS_PER_REGION = 200 / (ACCOUNTS.length * REGIONS.length);
const ASSOCIATIONS = 50_000;
const TEAMS = ['payments', 'search', 'identity', 'ledger', 'platform', 'data', 'mobile', 'web', 'ml', 'ops'];

function fleet(): AssociationDetail[] {
  const rows: AssociationDetail[] = [];
  const clusters = ACCOUNTS.flatMap((accountId) =>
    REGIONS.flatMap((region) =>
      Array.from({ length: Math.ceil(CLUSTERS_PER_REGION) }, (_, i) => ({ accountId, region, name: `cluster-${i}` })),
    ),
  ).slice(0, 200);
  for (let i = 0; i < ASSOCIATIONS; i += 1) {
    const cluster = clusters[i % clusters.length] as (typeof clusters)[number];
    const team = TEAMS[i % TEAMS.length] as string;
    const id = `a-${i.toString(36).padStart(17, '0')}`;
    rows.push({
      accountId: cluster.accountId,
      region: cluster.region,
      clusterName: cluster.name,
      associationId: id,
      associationArn: `arn:aws:eks:${cluster.region}:${cluster.accountId}:podidentityassociation/${cluster.name}/${id}`,
      namespace: `${team}-${(i >> 4) % 25}`,
      serviceAccount: `${team}-sa-${i % 40}`,
      roleArn: `arn:aws:iam::${cluster.accountId}:role/${team}-${i % 500}`,
      targetRoleArn: i % 5 === 0 ? `arn:aws:iam::999900001111:role/shared-${i % 50}` : null,
      externalId: null,
      disableSessionTags: false,
      policy: null,
      tags: { team, env: i % 3 === 0 ? 'prod' : 'dev', owner: `user-${i % 300}` },
      ownerArn: i % 50 === 0 ? `arn:aws:eks:${cluster.region}:${cluster.accountId}:addon/${cluster.name}/x/y` : null,
      createdAt: new Date(Date.UTC(2025, 0, 1) + (i % 400) * 86_400_000),
      modifiedAt: new Date(Date.UTC(2025, 6, 1) + (i % 200) * 86_400_000),
    });
  }
  return rows;
}

async function time(label: string, runs: number, run: () => Promise<unknown>): Promise<void> {
  await run(); // warm: the first run plans the statements
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  const { p50Ms, p99Ms } = timing(samples.map((s) => s * 10)); // one more digit
  console.log(`| ${label} | ${round(p50Ms / 10, 2)} | ${round(p99Ms / 10, 2)} |`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'inventory-bench-'));
  const url = process.argv[2] ?? `sqlite:${join(dir, 'inventory.db')}`;
  try {
    let start = performance.now();
    let store: KyselyInventoryStore = await openInventoryStore(url);
    console.log(`open (migrations) on ${store.engine}: ${round(performance.now() - start)} ms`);
    const rows = fleet();
    start = performance.now();
    await store.upsertAssociations(rows, new Date());
    console.log(`upsert of ${rows.length} rows (one transaction): ${round(performance.now() - start)} ms`);
    if (url.startsWith('sqlite:') && url !== 'sqlite::memory:') {
      await store.close();
      start = performance.now();
      store = await openInventoryStore(url);
      console.log(`reopen: ${round(performance.now() - start)} ms`);
    }

    const restricted: Visibility = [
      { accountIds: [ACCOUNTS[0] as string], regions: ['us-*'], clusters: ['cluster-1*'], namespaces: ['payments-*'] },
    ];
    const page = { first: 50, visibility: null } as const;
    const deep = await store.search({ ...page, first: 1000 });
    const runs = 200;
    console.log(`\n| search (${runs} runs each) | p50 ms | p99 ms |\n|---|---|---|`);
    await time('role look-up: roleUsage (both uses, counts, clusters)', runs, () =>
      store.roleUsage('arn:aws:iam::999900001111:role/shared-10', null, 50),
    );
    await time('tag team=payments: page', runs, () =>
      store.search({ ...page, filter: { tag: { key: 'team', value: 'payments' } } }),
    );
    await time('tag team=payments: page + totalCount + countsBy CLUSTER', runs, async () => {
      const filter = { tag: { key: 'team', value: 'payments' } };
      await store.search({ ...page, filter });
      await store.totalCount(filter, null);
      await store.countsBy('CLUSTER', filter, null);
    });
    await time('namespace glob payments-1*: page + totalCount + countsBy NAMESPACE', runs, async () => {
      const filter = { namespace: 'payments-1*' };
      await store.search({ ...page, filter, orderBy: { field: 'NAMESPACE', direction: 'ASC' } });
      await store.totalCount(filter, null);
      await store.countsBy('NAMESPACE', filter, null);
    });
    await time('one cluster, one namespace: page', runs, () =>
      store.search({
        ...page,
        filter: {
          accountIds: [ACCOUNTS[0] as string],
          regions: ['us-east-1'],
          clusterNames: ['cluster-3'],
          namespace: 'search-1',
        },
      }),
    );
    await time('role glob arn:aws:iam::111122223333:role/ledger-4*: page', runs, () =>
      store.search({ ...page, filter: { roleArn: 'arn:aws:iam::111122223333:role/ledger-4*' } }),
    );
    await time('created this week (CREATED_AT DESC): page', runs, () =>
      store.search({
        ...page,
        filter: { createdAfter: new Date(Date.UTC(2026, 0, 29)) },
        orderBy: { field: 'CREATED_AT', direction: 'DESC' },
      }),
    );
    await time('whole fleet, page 21 (after 1,000 rows)', runs, () => store.search({ ...page, after: deep.endCursor }));
    await time('restricted caller (one grant): page + totalCount', runs, async () => {
      await store.search({ first: 50, visibility: restricted });
      await store.totalCount({}, restricted);
    });
    await time('countsBy TAG_KEY, whole fleet', 20, () => store.countsBy('TAG_KEY', {}, null));
    await time('totalCount, whole fleet', 20, () => store.totalCount({}, null));
    await time('unindexed glob *-sa-7 (service account): page', 20, () =>
      store.search({ ...page, filter: { serviceAccount: '*-sa-7' } }),
    );
    await time('unindexed glob *-sa-7: totalCount', 20, () => store.totalCount({ serviceAccount: '*-sa-7' }, null));
    console.log(`\nRSS ${round(process.memoryUsage().rss / 2 ** 20)} MB`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
