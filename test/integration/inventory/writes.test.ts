/** What the sync writes and the look-ups it plans with, on both engines. */
import type { ClusterKey } from '../../../src/eks/types';
import type { KyselyInventoryStore } from '../../../src/inventory/store';
import { association, ENGINES, useInventoryEngine } from '../../helpers/inventory';

const PROD: ClusterKey = { accountId: '111122223333', region: 'us-east-1', name: 'prod' };
const STAGING: ClusterKey = { accountId: '111122223333', region: 'us-east-1', name: 'staging' };
const OTHER_REGION: ClusterKey = { accountId: '111122223333', region: 'eu-west-1', name: 'prod' };
const SYNCED = new Date('2026-03-01T10:00:00.000Z');
const LATER = new Date('2026-03-01T10:05:00.000Z');

const inCluster = (cluster: ClusterKey, associationId: string, overrides = {}) =>
  association({
    accountId: cluster.accountId,
    region: cluster.region,
    clusterName: cluster.name,
    associationId,
    ...overrides,
  });

describe.each(ENGINES)('inventory writes on %s', (engine) => {
  const harness = useInventoryEngine(engine);
  let store: KyselyInventoryStore;
  beforeEach(async () => {
    store = await harness.openFresh();
  });

  test('a row reads back as the AssociationDetail it was, with syncedAt and stale', async () => {
    const full = inCluster(PROD, 'a-full', {
      namespace: 'payments',
      serviceAccount: 'api',
      roleArn: 'arn:aws:iam::111122223333:role/payments',
      targetRoleArn: 'arn:aws:iam::444455556666:role/ledger',
      externalId: 'ext-1',
      disableSessionTags: true,
      policy: '{"Version":"2012-10-17","Statement":[]}',
      tags: { team: 'payments', 'cost-centre': 'ünïcode ✓', empty: '' },
      ownerArn: 'arn:aws:eks:us-east-1:111122223333:addon/prod/vpc-cni/x',
      createdAt: new Date('2025-12-31T23:59:59.123Z'),
      modifiedAt: new Date('2026-02-01T00:00:00.456Z'),
    });
    const bare = inCluster(PROD, 'a-bare', { createdAt: null, modifiedAt: null });
    await store.upsertAssociations([full, bare], SYNCED);

    expect(await store.getAssociation(full)).toEqual({ ...full, syncedAt: SYNCED, stale: false });
    expect(await store.getAssociation(bare)).toEqual({ ...bare, syncedAt: SYNCED, stale: false });
    expect(await store.getAssociation({ ...PROD, clusterName: 'prod', associationId: 'a-none' })).toBeNull();
  });

  test('an upsert replaces the row and its tags, confirms it and clears stale', async () => {
    const before = inCluster(PROD, 'a-1', {
      roleArn: 'arn:aws:iam::111122223333:role/old',
      tags: { team: 'a', gone: 'x' },
    });
    await store.upsertAssociations([before], SYNCED);
    await store.markClusterStale(PROD, true);
    const after = { ...before, roleArn: 'arn:aws:iam::111122223333:role/new', tags: { team: 'b' } };
    await store.upsertAssociations([after], LATER);

    expect(await store.getAssociation(before)).toEqual({ ...after, syncedAt: LATER, stale: false });
    expect(await store.totalCount({ tag: { key: 'gone' } }, null)).toBe(0);
    expect(await store.totalCount({ tag: { key: 'team', value: 'a' } }, null)).toBe(0);
    expect(await store.totalCount({ tag: { key: 'team', value: 'b' } }, null)).toBe(1);
    expect(await store.countsBy('TAG_KEY', {}, null)).toEqual([{ value: 'team', count: 1 }]);
  });

  test('the same key twice in one batch keeps the last', async () => {
    await store.upsertAssociations(
      [inCluster(PROD, 'a-1', { namespace: 'first' }), inCluster(PROD, 'a-1', { namespace: 'last', tags: { k: 'v' } })],
      SYNCED,
    );
    expect(await store.totalCount({}, null)).toBe(1);
    expect((await store.getAssociation(inCluster(PROD, 'a-1')))?.namespace).toBe('last');
  });

  test('a batch is one transaction: a bad row in its second statement leaves nothing of the first', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => inCluster(PROD, `a-${i}`, { tags: { n: String(i) } }));
    rows.push(inCluster(PROD, 'a-bad', { roleArn: null as unknown as string }));
    await expect(store.upsertAssociations(rows, SYNCED)).rejects.toThrow(/role_arn/);
    expect(await store.totalCount({}, null)).toBe(0);
    expect(await store.countsBy('TAG_KEY', {}, null)).toEqual([]);
  });

  test('large batches over many clusters are written whole', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) =>
      inCluster({ ...PROD, name: `c-${i % 7}` }, `a-${i}`, { tags: { a: '1', b: '2', c: String(i) } }),
    );
    await store.upsertAssociations(rows, SYNCED);
    expect(await store.totalCount({}, null)).toBe(2500);
    expect(await store.countsBy('TAG_KEY', {}, null)).toEqual([
      { value: 'a', count: 2500 },
      { value: 'b', count: 2500 },
      { value: 'c', count: 2500 },
    ]);
  });

  test('deleteAssociation removes the row and its tags, once', async () => {
    const row = inCluster(PROD, 'a-1', { tags: { team: 'x' } });
    await store.upsertAssociations([row, inCluster(PROD, 'a-2', { tags: { team: 'y' } })], SYNCED);
    expect(await store.deleteAssociation(row)).toBe(true);
    expect(await store.deleteAssociation(row)).toBe(false);
    expect(await store.getAssociation(row)).toBeNull();
    expect(await store.countsBy('TAG_KEY', {}, null)).toEqual([{ value: 'team', count: 1 }]);
    expect(await store.totalCount({ tag: { key: 'team', value: 'x' } }, null)).toBe(0);
  });

  test('deleteUnseenAssociations drops what List no longer shows, in that cluster only', async () => {
    await store.upsertAssociations(
      [
        inCluster(PROD, 'a-1'),
        inCluster(PROD, 'a-2', { tags: { t: '1' } }),
        inCluster(PROD, 'a-3'),
        // The same ids elsewhere are other associations.
        inCluster(STAGING, 'a-2'),
        inCluster(OTHER_REGION, 'a-2'),
      ],
      SYNCED,
    );
    expect(await store.deleteUnseenAssociations(PROD, new Set(['a-1', 'a-3', 'a-new']))).toBe(1);
    expect((await store.clusterRows(PROD)).map((row) => row.associationId)).toEqual(['a-1', 'a-3']);
    expect((await store.clusterRows(STAGING)).map((row) => row.associationId)).toEqual(['a-2']);
    expect((await store.clusterRows(OTHER_REGION)).map((row) => row.associationId)).toEqual(['a-2']);
    expect(await store.countsBy('TAG_KEY', {}, null)).toEqual([]);
    expect(await store.deleteUnseenAssociations(PROD, [])).toBe(2);
    expect(await store.clusterRows(PROD)).toEqual([]);
  });

  test('deleteUnseenAssociations handles thousands of ids', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => inCluster(PROD, `a-${i}`));
    await store.upsertAssociations(rows, SYNCED);
    const seen = rows.filter((_, i) => i % 3 === 0).map((row) => row.associationId);
    expect(await store.deleteUnseenAssociations(PROD, seen)).toBe(2000);
    expect(await store.totalCount({}, null)).toBe(1000);
  });

  test('stale marks a cluster, or every cluster of an account and region, until cleared or re-synced', async () => {
    await store.upsertAssociations(
      [inCluster(PROD, 'a-1'), inCluster(PROD, 'a-2'), inCluster(STAGING, 'a-3'), inCluster(OTHER_REGION, 'a-4')],
      SYNCED,
    );
    expect(await store.markClusterStale(PROD, true)).toBe(2);
    expect((await store.clusterRows(PROD)).map((row) => row.stale)).toEqual([true, true]);
    expect((await store.clusterRows(STAGING)).map((row) => row.stale)).toEqual([false]);
    expect(await store.markClusterStale(PROD, false)).toBe(2);
    expect((await store.clusterRows(PROD)).map((row) => row.stale)).toEqual([false, false]);

    expect(await store.markAccountRegionStale({ accountId: PROD.accountId, region: 'us-east-1' }, true)).toBe(3);
    expect((await store.clusterRows(STAGING))[0]?.stale).toBe(true);
    expect((await store.clusterRows(OTHER_REGION))[0]?.stale).toBe(false);
    await store.upsertAssociations([inCluster(STAGING, 'a-3')], LATER);
    expect(await store.clusterRows(STAGING)).toEqual([
      { ...scope(STAGING), associationId: 'a-3', syncedAt: LATER, stale: false },
    ]);
    expect((await store.getAssociation(inCluster(PROD, 'a-1')))?.stale).toBe(true);
  });

  test('dropCluster removes a gone cluster: rows, tags and failures; the rest stays', async () => {
    await store.upsertAssociations(
      [inCluster(PROD, 'a-1', { tags: { t: '1' } }), inCluster(STAGING, 'a-2', { tags: { t: '2' } })],
      SYNCED,
    );
    await store.recordFailure({ ...scope(PROD), code: 'AccessDeniedException', message: 'no' }, SYNCED);
    await store.recordFailure({ ...scope(STAGING), code: 'Throttled', message: 'slow' }, SYNCED);
    expect(await store.dropCluster(PROD)).toBe(1);
    expect(await store.listClusters()).toEqual([STAGING]);
    expect(await store.countsBy('TAG_KEY', {}, null)).toEqual([{ value: 't', count: 1 }]);
    expect((await store.listFailures()).map((failure) => failure.clusterName)).toEqual(['staging']);
  });

  test('recorded clusters are known without associations, counted, visible by their cluster grants, and dropped when gone', async () => {
    const EMPTY = { accountId: '111122223333', region: 'us-east-1', name: 'empty' };
    await store.upsertAssociations([inCluster(PROD, 'a-1')], SYNCED);
    await store.recordClusters(scope(PROD), ['prod', 'empty', 'empty']);
    await store.recordClusters({ accountId: '777788889999', region: 'eu-west-1' }, ['lonely']);
    expect(await store.listClusters({ accountId: '111122223333', region: 'us-east-1' })).toEqual([EMPTY, PROD]);
    expect(await store.counts()).toEqual({ accounts: 2, clusters: 3, associations: 1 });
    // A grant covers a cluster by its account, region and name, whatever its namespaces.
    const grant = (clusters: string[]) => [
      { accountIds: ['111122223333'], regions: ['*'], clusters, namespaces: ['x'] },
    ];
    expect(await store.counts(grant(['e*']))).toEqual({ accounts: 1, clusters: 1, associations: 0 });
    expect(await store.counts(grant(['staging']))).toEqual({ accounts: 0, clusters: 0, associations: 0 });
    expect(await store.dropCluster(EMPTY)).toBe(0);
    expect(await store.counts()).toEqual({ accounts: 2, clusters: 2, associations: 1 });
    expect(await store.listClusters({ accountId: '111122223333', region: 'us-east-1' })).toEqual([PROD]);
  });

  test('listClusters names the clusters holding rows, within an account and region if asked', async () => {
    await store.upsertAssociations(
      [
        inCluster(STAGING, 'a-1'),
        inCluster(PROD, 'a-2'),
        inCluster(PROD, 'a-3'),
        inCluster(OTHER_REGION, 'a-4'),
        inCluster({ accountId: '444455556666', region: 'us-east-1', name: 'prod' }, 'a-5'),
      ],
      SYNCED,
    );
    expect(await store.listClusters()).toEqual([
      OTHER_REGION,
      PROD,
      STAGING,
      { accountId: '444455556666', region: 'us-east-1', name: 'prod' },
    ]);
    expect(await store.listClusters({ accountId: '111122223333', region: 'us-east-1' })).toEqual([PROD, STAGING]);
  });

  test('oldestSynced lists the rows confirmed longest ago, bounded, optionally before a time', async () => {
    const times = [5, 1, 4, 2, 3].map((minute) => new Date(SYNCED.getTime() + minute * 60_000));
    for (const [i, time] of times.entries()) await store.upsertAssociations([inCluster(PROD, `a-${i}`)], time);
    await store.upsertAssociations([inCluster(STAGING, 'a-9')], times[1] as Date);

    const oldest = await store.oldestSynced(3);
    expect(oldest.map((row) => [row.clusterName, row.associationId])).toEqual([
      ['prod', 'a-1'],
      ['staging', 'a-9'],
      ['prod', 'a-3'],
    ]);
    expect(oldest[0]?.syncedAt).toEqual(times[1]);
    const before = await store.oldestSynced(10, new Date(SYNCED.getTime() + 3 * 60_000));
    expect(before.map((row) => row.associationId)).toEqual(['a-1', 'a-9', 'a-3']);
    await expect(store.oldestSynced(0)).rejects.toThrow(RangeError);
  });

  test('failures: one per scope, since kept while it keeps failing, cleared by exact scope', async () => {
    const region = { accountId: '111122223333', region: 'us-east-1', clusterName: null };
    await store.recordFailure({ ...region, code: 'AccessDeniedException', message: 'denied' }, SYNCED);
    await store.recordFailure({ ...scope(PROD), code: 'Throttled', message: 'slow' }, SYNCED);
    await store.recordFailure({ ...region, code: 'ExpiredToken', message: 'expired' }, LATER);
    await store.recordFailure({ ...scope(OTHER_REGION), code: 'X', message: 'x' }, LATER);

    expect(await store.listFailures()).toEqual([
      { ...scope(OTHER_REGION), code: 'X', message: 'x', since: LATER },
      { ...region, code: 'ExpiredToken', message: 'expired', since: SYNCED },
      { ...scope(PROD), code: 'Throttled', message: 'slow', since: SYNCED },
    ]);
    expect(await store.clearFailure(scope(PROD))).toBe(true);
    expect(await store.clearFailure(scope(PROD))).toBe(false);
    expect(await store.clearFailure(region)).toBe(true);
    expect((await store.listFailures()).map((failure) => failure.region)).toEqual(['eu-west-1']);
  });

  test('counts: accounts, clusters holding rows, associations', async () => {
    await store.upsertAssociations(
      [
        inCluster(PROD, 'a-1'),
        inCluster(PROD, 'a-2'),
        inCluster(STAGING, 'a-3'),
        inCluster(OTHER_REGION, 'a-4'),
        inCluster({ accountId: '444455556666', region: 'us-east-1', name: 'prod' }, 'a-5'),
      ],
      SYNCED,
    );
    expect(await store.counts()).toEqual({ accounts: 2, clusters: 4, associations: 5 });
  });

  test('leases: taken when free, refused while another holds it, renewed by its holder, taken over at expiry', async () => {
    const t = (ms: number) => new Date(SYNCED.getTime() + ms);
    expect(await store.leaseHolder('sweeper')).toBeNull();
    expect(await store.tryAcquireLease('sweeper', 'replica-a', 1000, t(0))).toBe(true);
    expect(await store.tryAcquireLease('sweeper', 'replica-b', 1000, t(999))).toBe(false);
    expect(await store.tryAcquireLease('sweeper', 'replica-a', 1000, t(900))).toBe(true);
    expect(await store.leaseHolder('sweeper')).toEqual({ holder: 'replica-a', expiresAt: t(1900) });
    expect(await store.tryAcquireLease('sweeper', 'replica-b', 1000, t(1899))).toBe(false);
    expect(await store.tryAcquireLease('sweeper', 'replica-b', 1000, t(1900))).toBe(true);
    expect(await store.leaseHolder('sweeper')).toEqual({ holder: 'replica-b', expiresAt: t(2900) });
    // The old holder can neither renew nor release what is no longer its.
    expect(await store.tryAcquireLease('sweeper', 'replica-a', 1000, t(2000))).toBe(false);
    expect(await store.releaseLease('sweeper', 'replica-a')).toBe(false);
    // Another name is another lease.
    expect(await store.tryAcquireLease('other', 'replica-a', 1000, t(2000))).toBe(true);
    expect(await store.releaseLease('sweeper', 'replica-b')).toBe(true);
    expect(await store.leaseHolder('sweeper')).toBeNull();
    expect(await store.tryAcquireLease('sweeper', 'replica-a', 1000, t(2000))).toBe(true);
    await expect(store.tryAcquireLease('sweeper', 'replica-a', 0, t(0))).rejects.toThrow(RangeError);
  });
});

function scope(cluster: ClusterKey) {
  return { accountId: cluster.accountId, region: cluster.region, clusterName: cluster.name };
}
