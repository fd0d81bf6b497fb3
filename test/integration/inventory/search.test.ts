/** Search, totalCount, countsBy and roleUsage: filters, globs, orders and visibility, on both engines. */
import type { AssociationDetail } from '../../../src/eks/types';
import type {
  InventoryFilter,
  InventoryOrderField,
  KyselyInventoryStore,
  Visibility,
} from '../../../src/inventory/store';
import { association, ENGINES, searchAll, useInventoryEngine } from '../../helpers/inventory';

const SYNCED = new Date('2026-03-01T10:00:00Z');
const A = '111122223333';
const B = '444455556666';
const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

describe.each(ENGINES)('inventory search on %s', (engine) => {
  const harness = useInventoryEngine(engine);

  const ids = async (store: KyselyInventoryStore, filter: InventoryFilter, visibility: Visibility = null) => {
    const rows = await searchAll(store, { filter, visibility }, 7);
    expect(await store.totalCount(filter, visibility)).toBe(rows.length);
    return rows.map((row) => row.associationId).sort();
  };

  describe('globs', () => {
    const NAMESPACES = [
      'payments',
      'Payments',
      'PAYMENTS',
      'pay%ments',
      'pay_ments',
      'payXments',
      'pay?ments',
      'pay[m]ents',
      'pay*ments',
      'pay!ments',
      'pay\\ments',
      'pay\nments',
      'pä-ments',
      'xpayments',
    ];
    let store: KyselyInventoryStore;
    beforeAll(async () => {
      store = await harness.openFresh();
      await store.upsertAssociations(
        NAMESPACES.map((namespace, i) => association({ associationId: `n-${i}`, namespace })),
        SYNCED,
      );
    });
    const namespaces = async (glob: string) => {
      const rows = await searchAll(store, { filter: { namespace: glob }, visibility: null });
      expect(await store.totalCount({ namespace: glob }, null)).toBe(rows.length);
      return rows.map((row) => row.namespace).sort();
    };

    test('an exact value matches itself only, case-sensitively', async () => {
      expect(await namespaces('payments')).toEqual(['payments']);
      expect(await namespaces('Payments')).toEqual(['Payments']);
      expect(await namespaces('PAYMENTS')).toEqual(['PAYMENTS']);
    });

    test.each(['pay%ments', 'pay_ments', 'pay?ments', 'pay[m]ents', 'pay!ments', 'pay\\ments', 'pä-ments'])(
      '%j: every character but * is literal',
      async (value) => {
        expect(await namespaces(value)).toEqual([value]);
      },
    );

    test('* matches any run of characters, the empty one and newlines too, and nothing else', async () => {
      expect(await namespaces('pay*ments')).toEqual(
        [
          'pay!ments',
          'pay\nments',
          'pay%ments',
          'pay*ments',
          'pay?ments',
          'payXments',
          'pay\\ments',
          'pay_ments',
          'payments',
        ].sort(),
      );
      expect(await namespaces('P*')).toEqual(['PAYMENTS', 'Payments']);
      expect(await namespaces('*ments')).toEqual(NAMESPACES.filter((n) => n.endsWith('ments')).sort());
      expect(await namespaces('*ayments')).toEqual(['Payments', 'payments', 'xpayments']);
      expect(await namespaces('pay*m*s')).toHaveLength(10);
      expect(await namespaces('p**y%*')).toEqual(['pay%ments']);
      expect(await namespaces('pay[*')).toEqual(['pay[m]ents']);
      expect(await namespaces('*_*')).toEqual(['pay_ments']);
      expect(await namespaces('*%*')).toEqual(['pay%ments']);
      expect(await namespaces('*?*')).toEqual(['pay?ments']);
      expect(await namespaces('*')).toEqual([...NAMESPACES].sort());
      expect(await namespaces('payments*')).toEqual(['payments']);
      expect(await namespaces('pay')).toEqual([]);
    });

    test('in ARNs * crosses slashes', async () => {
      const arns = await harness.openFresh();
      await arns.upsertAssociations(
        [
          association({ associationId: 'r-1', roleArn: role(A, 'team/payments/api') }),
          association({ associationId: 'r-2', roleArn: role(A, 'team-payments') }),
          association({ associationId: 'r-3', roleArn: role(B, 'team/x') }),
        ],
        SYNCED,
      );
      expect(await ids(arns, { roleArn: role(A, 'team/*') })).toEqual(['r-1']);
      expect(await ids(arns, { roleArn: 'arn:aws:iam::*:role/team/*' })).toEqual(['r-1', 'r-3']);
      expect(await ids(arns, { roleArn: '*/api' })).toEqual(['r-1']);
    });
  });

  describe('filters', () => {
    let store: KyselyInventoryStore;
    const rows: AssociationDetail[] = [
      association({
        associationId: 'f-1',
        accountId: A,
        region: 'us-east-1',
        clusterName: 'prod-eu',
        namespace: 'payments',
        serviceAccount: 'api',
        roleArn: role(A, 'payments'),
        targetRoleArn: role(B, 'ledger'),
        tags: { team: 'payments', env: 'prod' },
        createdAt: new Date('2026-01-01T00:00:00Z'),
        modifiedAt: new Date('2026-02-01T00:00:00Z'),
      }),
      association({
        associationId: 'f-2',
        accountId: A,
        region: 'eu-west-1',
        clusterName: 'prod-eu',
        namespace: 'payments',
        serviceAccount: 'worker',
        roleArn: role(A, 'payments'),
        tags: { team: 'payments' },
        ownerArn: 'arn:aws:eks:eu-west-1:111122223333:addon/prod-eu/x/y',
        createdAt: new Date('2026-01-08T00:00:00Z'),
        modifiedAt: new Date('2026-01-08T00:00:00Z'),
      }),
      association({
        associationId: 'f-3',
        accountId: B,
        region: 'us-east-1',
        clusterName: 'staging',
        namespace: 'search',
        serviceAccount: 'api',
        roleArn: role(B, 'search'),
        targetRoleArn: role(A, 'payments'),
        tags: { team: 'search', env: 'staging' },
        createdAt: new Date('2026-01-15T00:00:00Z'),
        modifiedAt: null,
      }),
      association({
        associationId: 'f-4',
        accountId: B,
        region: 'us-east-1',
        clusterName: 'prod-us',
        namespace: 'kube-system',
        serviceAccount: 'aws-node',
        roleArn: role(B, 'cni'),
        tags: {},
        createdAt: null,
        modifiedAt: null,
      }),
    ];
    beforeAll(async () => {
      store = await harness.openFresh();
      await store.upsertAssociations(rows, SYNCED);
    });

    test.each<[string, InventoryFilter, string[]]>([
      ['no filter', {}, ['f-1', 'f-2', 'f-3', 'f-4']],
      ['accounts', { accountIds: [B] }, ['f-3', 'f-4']],
      ['accounts, a glob', { accountIds: ['1111*'] }, ['f-1', 'f-2']],
      ['an empty list matches nothing', { accountIds: [] }, []],
      ['regions', { regions: ['eu-west-1', 'ap-south-1'] }, ['f-2']],
      ['clusters, exact and glob', { clusterNames: ['staging', 'prod-u*'] }, ['f-3', 'f-4']],
      ['namespace', { namespace: 'payments' }, ['f-1', 'f-2']],
      ['service account', { serviceAccount: 'api' }, ['f-1', 'f-3']],
      ['service account glob', { serviceAccount: 'a*' }, ['f-1', 'f-3', 'f-4']],
      ['role', { roleArn: role(A, 'payments') }, ['f-1', 'f-2']],
      ['target role', { targetRoleArn: role(A, 'payments') }, ['f-3']],
      ['target role glob', { targetRoleArn: `arn:aws:iam::${B}:*` }, ['f-1']],
      ['has a target role', { targetRoleArn: '*' }, ['f-1', 'f-3']],
      ['tag key', { tag: { key: 'env' } }, ['f-1', 'f-3']],
      ['tag key and value', { tag: { key: 'team', value: 'payments' } }, ['f-1', 'f-2']],
      ['tag value is exact', { tag: { key: 'team', value: 'pay*' } }, []],
      ['owned by an add-on', { ownedByAddon: true }, ['f-2']],
      ['not owned by an add-on', { ownedByAddon: false }, ['f-1', 'f-3', 'f-4']],
      ['created after (inclusive)', { createdAfter: new Date('2026-01-08T00:00:00Z') }, ['f-2', 'f-3']],
      ['created before (exclusive)', { createdBefore: new Date('2026-01-08T00:00:00Z') }, ['f-1']],
      [
        'created within',
        { createdAfter: new Date('2026-01-02T00:00:00Z'), createdBefore: new Date('2026-01-16T00:00:00Z') },
        ['f-2', 'f-3'],
      ],
      ['modified after', { modifiedAfter: new Date('2026-01-10T00:00:00Z') }, ['f-1']],
      ['modified before', { modifiedBefore: new Date('2026-01-10T00:00:00Z') }, ['f-2']],
      [
        'all of them at once',
        {
          accountIds: [A],
          regions: ['us-*'],
          clusterNames: ['prod-*'],
          namespace: 'pay*',
          serviceAccount: 'api',
          roleArn: '*:role/payments',
          targetRoleArn: '*ledger',
          tag: { key: 'env', value: 'prod' },
          ownedByAddon: false,
          createdAfter: new Date('2025-01-01T00:00:00Z'),
          modifiedBefore: new Date('2027-01-01T00:00:00Z'),
        },
        ['f-1'],
      ],
    ])('%s', async (_, filter, expected) => {
      expect(await ids(store, filter)).toEqual(expected);
    });

    test.each<[InventoryOrderField, string[]]>([
      // Within a cluster name, by account, then region: eu-west-1 before us-east-1.
      ['CLUSTER', ['f-2', 'f-1', 'f-4', 'f-3']],
      ['NAMESPACE', ['f-4', 'f-1', 'f-2', 'f-3']],
      ['SERVICE_ACCOUNT', ['f-1', 'f-3', 'f-4', 'f-2']],
      // A missing time comes first ascending.
      ['CREATED_AT', ['f-4', 'f-1', 'f-2', 'f-3']],
      // Two without the time: by key, where prod-us comes before staging.
      ['MODIFIED_AT', ['f-4', 'f-3', 'f-2', 'f-1']],
    ])('order %s, both directions', async (field, ascending) => {
      for (const [direction, expected] of [
        ['ASC', ascending],
        ['DESC', [...ascending].reverse()],
      ] as const) {
        for (const pageSize of [1, 2, 10]) {
          const rows = await searchAll(store, { orderBy: { field, direction }, visibility: null }, pageSize);
          expect(rows.map((row) => row.associationId)).toEqual(expected);
        }
      }
    });

    test('countsBy every field: by count descending, then value; bounded', async () => {
      expect(await store.countsBy('ACCOUNT', {}, null)).toEqual([
        { value: A, count: 2 },
        { value: B, count: 2 },
      ]);
      expect(await store.countsBy('REGION', {}, null)).toEqual([
        { value: 'us-east-1', count: 3 },
        { value: 'eu-west-1', count: 1 },
      ]);
      // Clusters of the same name in two regions are two clusters.
      expect(await store.countsBy('CLUSTER', {}, null)).toEqual([
        { value: 'prod-eu', count: 1, accountId: A, region: 'eu-west-1' },
        { value: 'prod-eu', count: 1, accountId: A, region: 'us-east-1' },
        { value: 'prod-us', count: 1, accountId: B, region: 'us-east-1' },
        { value: 'staging', count: 1, accountId: B, region: 'us-east-1' },
      ]);
      expect(await store.countsBy('NAMESPACE', {}, null)).toEqual([
        { value: 'payments', count: 2 },
        { value: 'kube-system', count: 1 },
        { value: 'search', count: 1 },
      ]);
      expect(await store.countsBy('ROLE', {}, null, 2)).toEqual([
        { value: role(A, 'payments'), count: 2 },
        { value: role(B, 'cni'), count: 1 },
      ]);
      expect(await store.countsBy('TARGET_ROLE', {}, null)).toEqual([
        { value: role(A, 'payments'), count: 1 },
        { value: role(B, 'ledger'), count: 1 },
      ]);
      expect(await store.countsBy('TAG_KEY', {}, null)).toEqual([
        { value: 'team', count: 3 },
        { value: 'env', count: 2 },
      ]);
      expect(await store.countsBy('TAG_KEY', { namespace: 'payments' }, null)).toEqual([
        { value: 'team', count: 2 },
        { value: 'env', count: 1 },
      ]);
      expect(await store.countsBy('NAMESPACE', { tag: { key: 'env' } }, null)).toEqual([
        { value: 'payments', count: 1 },
        { value: 'search', count: 1 },
      ]);
      await expect(store.countsBy('ROLE', {}, null, 0)).rejects.toThrow(RangeError);
    });

    test('roleUsage: who uses a role as role and as target role, and in how many clusters', async () => {
      const usage = await store.roleUsage(role(A, 'payments'), null);
      expect(usage.asRole.edges.map((edge) => edge.row.associationId)).toEqual(['f-2', 'f-1']);
      expect(usage.asRoleCount).toBe(2);
      expect(usage.asTargetRole.edges.map((edge) => edge.row.associationId)).toEqual(['f-3']);
      expect(usage.asTargetRoleCount).toBe(1);
      expect(usage.clusterCount).toBe(3);
      // The ARN is exact: a glob in it is a literal.
      expect((await store.roleUsage('arn:aws:iam::*', null)).clusterCount).toBe(0);
      const page = await store.roleUsage(role(A, 'payments'), null, 1);
      expect(page.asRole.hasNextPage).toBe(true);
      const rest = await store.search({
        filter: { roleArn: role(A, 'payments') },
        first: 10,
        after: page.asRole.endCursor,
        visibility: null,
      });
      expect(rest.edges.map((edge) => edge.row.associationId)).toEqual(['f-1']);
    });

    test('a page: edges with cursors, endCursor, hasNextPage; first 0 counts nothing out', async () => {
      const first = await store.search({ first: 3, visibility: null });
      expect(first.edges).toHaveLength(3);
      expect(first.endCursor).toBe(first.edges[2]?.cursor);
      expect(first.hasNextPage).toBe(true);
      const last = await store.search({ first: 3, after: first.endCursor, visibility: null });
      expect(last.edges).toHaveLength(1);
      expect(last.hasNextPage).toBe(false);
      const after = await store.search({ first: 3, after: last.endCursor, visibility: null });
      expect(after).toEqual({ edges: [], endCursor: last.endCursor, hasNextPage: false });
      expect(await store.search({ first: 0, visibility: null })).toEqual({
        edges: [],
        endCursor: null,
        hasNextPage: true,
      });
      await expect(store.search({ first: 1001, visibility: null })).rejects.toThrow(RangeError);
      await expect(
        store.search({
          first: 1,
          after: first.endCursor,
          orderBy: { field: 'NAMESPACE', direction: 'ASC' },
          visibility: null,
        }),
      ).rejects.toThrow(/belongs to the order CLUSTER ASC/);
    });
  });

  describe('visibility', () => {
    let store: KyselyInventoryStore;
    beforeAll(async () => {
      store = await harness.openFresh();
      const rows: AssociationDetail[] = [];
      for (const accountId of [A, B]) {
        for (const region of ['us-east-1', 'eu-west-1']) {
          for (const clusterName of ['prod-a', 'prod-b', 'dev']) {
            for (const namespace of ['payments', 'search', 'Payments']) {
              rows.push(
                association({
                  associationId: `${accountId}-${region}-${clusterName}-${namespace}`,
                  accountId,
                  region,
                  clusterName,
                  namespace,
                  roleArn: role(accountId, namespace),
                  targetRoleArn: namespace === 'search' ? role(B, 'shared') : null,
                  tags: { [`team-${namespace}`]: 'x', common: 'y' },
                }),
              );
            }
          }
        }
      }
      await store.upsertAssociations(rows, SYNCED);
      for (const clusterName of ['prod-a', 'dev', null]) {
        await store.recordFailure({ accountId: B, region: 'eu-west-1', clusterName, code: 'X', message: 'x' }, SYNCED);
      }
    });

    const payments: Visibility = [
      { accountIds: [A], regions: ['us-*'], clusters: ['prod-*'], namespaces: ['payments'] },
    ];

    test('search, totalCount, countsBy and counts show only what a grant allows', async () => {
      const visible = await searchAll(store, { visibility: payments });
      expect(visible.map((row) => row.associationId).sort()).toEqual([
        `${A}-us-east-1-prod-a-payments`,
        `${A}-us-east-1-prod-b-payments`,
      ]);
      expect(await store.totalCount({}, payments)).toBe(2);
      expect(await store.totalCount({ namespace: '*' }, payments)).toBe(2);
      expect(await store.countsBy('ACCOUNT', {}, payments)).toEqual([{ value: A, count: 2 }]);
      expect(await store.countsBy('REGION', {}, payments)).toEqual([{ value: 'us-east-1', count: 2 }]);
      expect((await store.countsBy('CLUSTER', {}, payments)).map((bucket) => bucket.value)).toEqual([
        'prod-a',
        'prod-b',
      ]);
      expect(await store.countsBy('NAMESPACE', {}, payments)).toEqual([{ value: 'payments', count: 2 }]);
      expect(await store.countsBy('ROLE', {}, payments)).toEqual([{ value: role(A, 'payments'), count: 2 }]);
      expect(await store.countsBy('TARGET_ROLE', {}, payments)).toEqual([]);
      expect(await store.countsBy('TAG_KEY', {}, payments)).toEqual([
        { value: 'common', count: 2 },
        { value: 'team-payments', count: 2 },
      ]);
      expect(await store.counts(payments)).toEqual({ accounts: 1, clusters: 2, associations: 2 });
    });

    test('grants add up; a filter narrows within them; globs in grants are case-sensitive', async () => {
      const two: Visibility = [
        { accountIds: '*', regions: ['eu-west-1'], clusters: ['dev'], namespaces: ['P*'] },
        { accountIds: [B], regions: ['*'], clusters: ['*'], namespaces: ['search'] },
      ];
      const visible = (await searchAll(store, { visibility: two })).map((row) => row.associationId).sort();
      expect(visible).toEqual(
        [
          `${A}-eu-west-1-dev-Payments`,
          `${B}-eu-west-1-dev-Payments`,
          ...['us-east-1', 'eu-west-1'].flatMap((region) =>
            ['prod-a', 'prod-b', 'dev'].map((cluster) => `${B}-${region}-${cluster}-search`),
          ),
        ].sort(),
      );
      expect(await store.totalCount({}, two)).toBe(8);
      expect(await store.totalCount({ clusterNames: ['dev'] }, two)).toBe(4);
      expect(await store.countsBy('TARGET_ROLE', {}, two)).toEqual([{ value: role(B, 'shared'), count: 6 }]);
      expect(await store.countsBy('TAG_KEY', { regions: ['eu-west-1'] }, two)).toEqual([
        { value: 'common', count: 5 },
        { value: 'team-search', count: 3 },
        { value: 'team-Payments', count: 2 },
      ]);
    });

    test('no grant shows nothing; null shows everything; a grant of * everywhere is everything', async () => {
      expect(await store.search({ first: 10, visibility: [] })).toEqual({
        edges: [],
        endCursor: null,
        hasNextPage: false,
      });
      expect(await store.totalCount({}, [])).toBe(0);
      expect(await store.countsBy('TAG_KEY', {}, [])).toEqual([]);
      expect(await store.counts([])).toEqual({ accounts: 0, clusters: 0, associations: 0 });
      expect(await store.totalCount({}, null)).toBe(36);
      expect(
        await store.totalCount({}, [{ accountIds: '*', regions: ['*'], clusters: ['*'], namespaces: ['*'] }]),
      ).toBe(36);
      expect(
        await store.totalCount({}, [{ accountIds: [A, B], regions: ['*'], clusters: ['*'], namespaces: [] }]),
      ).toBe(0);
    });

    test('roleUsage counts only visible uses and clusters', async () => {
      const shared = role(B, 'shared');
      expect((await store.roleUsage(shared, null)).clusterCount).toBe(12);
      const restricted = await store.roleUsage(shared, [
        { accountIds: [A], regions: ['us-east-1'], clusters: ['*'], namespaces: ['*'] },
      ]);
      expect(restricted.asTargetRoleCount).toBe(3);
      expect(restricted.asTargetRole.edges).toHaveLength(3);
      expect(restricted.clusterCount).toBe(3);
      expect((await store.roleUsage(shared, payments)).clusterCount).toBe(0);
    });

    test('failures show for the clusters (and accounts and regions) a grant covers', async () => {
      const grant: Visibility = [{ accountIds: [B], regions: ['eu-*'], clusters: ['prod-*'], namespaces: ['none'] }];
      expect((await store.listFailures(grant)).map((failure) => failure.clusterName)).toEqual([null, 'prod-a']);
      expect(await store.listFailures(payments)).toEqual([]);
      expect(await store.listFailures([])).toEqual([]);
      expect(await store.listFailures()).toHaveLength(3);
    });
  });
});
