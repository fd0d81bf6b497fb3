/**
 * Random rows, filters, visibilities and orders: the store's pages, totalCount and countsBy
 * equal the plain reference (test/helpers/inventoryReference.ts), on both engines. The alphabet
 * is small and full of the characters the engines' patterns treat specially, and of case pairs.
 */
import fc from 'fast-check';
import type {
  CountField,
  InventoryFilter,
  InventoryOrder,
  InventoryRow,
  KyselyInventoryStore,
  Visibility,
  VisibilityGrant,
} from '../../../src/inventory/store';
import { association, ENGINES, searchAll, useInventoryEngine } from '../../helpers/inventory';
import { referenceCounts, referenceSearch } from '../../helpers/inventoryReference';

const SYNCED = new Date('2026-03-01T10:00:00Z');
const SPECIAL = ['a', 'A', '%', '_', '?', '[', '!', '\\'];
const text = fc.string({ unit: fc.constantFrom(...SPECIAL), minLength: 1, maxLength: 2 });
/** Globs over the same characters, stars frequent, so that they match some rows and not others. */
const glob = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SPECIAL, '*', '*', '*'), minLength: 1, maxLength: 3 }),
  text,
  fc.constant('*'),
);
const time = fc.option(fc.integer({ min: 0, max: 5 }).map((day) => new Date(Date.UTC(2026, 0, 1 + day))));

const row = fc
  .record({
    accountId: fc.constantFrom('111122223333', '444455556666'),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    clusterName: fc.constantFrom('prod', 'Prod', 'dev'),
    associationId: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 3, maxLength: 3 }),
    namespace: text,
    serviceAccount: text,
    roleArn: text,
    targetRoleArn: fc.option(text),
    tags: fc.dictionary(fc.constantFrom('team', 'env', 'Team', 'a_b'), fc.constantFrom('x', 'y', 'X')),
    ownerArn: fc.option(fc.constant('arn:aws:eks:us-east-1:111122223333:addon/prod/x/y')),
    createdAt: time,
    modifiedAt: time,
  })
  .map((fields) => association(fields));

const optionalTime = time.map((date) => date ?? undefined);
/** One condition of a filter; a filter is up to two of them. */
const condition: fc.Arbitrary<InventoryFilter> = fc.oneof(
  fc.record({ accountIds: fc.array(fc.constantFrom('111122223333', '4444*', '*'), { maxLength: 2 }) }),
  fc.record({ regions: fc.array(fc.constantFrom('us-east-1', 'eu-*', 'US-*'), { maxLength: 2 }) }),
  fc.record({ clusterNames: fc.array(fc.constantFrom('prod', 'Prod', 'p*', '*o*'), { maxLength: 2 }) }),
  fc.record({ namespace: glob }),
  fc.record({ serviceAccount: glob }),
  fc.record({ roleArn: glob }),
  fc.record({ targetRoleArn: glob }),
  fc.record({
    tag: fc.record(
      { key: fc.constantFrom('team', 'Team', 'a_b', 'a%b'), value: fc.constantFrom('x', 'X') },
      { requiredKeys: ['key'] },
    ),
  }),
  fc.record({ ownedByAddon: fc.boolean() }),
  fc.record({ createdAfter: optionalTime, createdBefore: optionalTime }),
  fc.record({ modifiedAfter: optionalTime, modifiedBefore: optionalTime }),
);
const filter: fc.Arbitrary<InventoryFilter> = fc
  .array(condition, { maxLength: 2 })
  .map(
    (conditions) =>
      Object.fromEntries(
        conditions.flatMap((c) => Object.entries(c)).filter(([, value]) => value !== undefined),
      ) as InventoryFilter,
  );

const grant: fc.Arbitrary<VisibilityGrant> = fc.record({
  accountIds: fc.oneof(
    fc.constant('*' as const),
    fc.array(fc.constantFrom('111122223333', '444455556666'), { maxLength: 2 }),
  ),
  regions: fc.array(fc.constantFrom('us-east-1', 'eu-*', '*'), { minLength: 1, maxLength: 2 }),
  clusters: fc.array(fc.constantFrom('prod', 'P*', '*'), { minLength: 1, maxLength: 2 }),
  namespaces: fc.array(fc.oneof(glob, fc.constant('*')), { minLength: 1, maxLength: 2 }),
});
const visibility: fc.Arbitrary<Visibility> = fc.option(fc.array(grant, { maxLength: 2 }), { freq: 2 });
const order: fc.Arbitrary<InventoryOrder> = fc.record({
  field: fc.constantFrom('CLUSTER', 'NAMESPACE', 'SERVICE_ACCOUNT', 'CREATED_AT', 'MODIFIED_AT'),
  direction: fc.constantFrom('ASC', 'DESC'),
});
const countField = fc.constantFrom<CountField>(
  'ACCOUNT',
  'REGION',
  'CLUSTER',
  'NAMESPACE',
  'ROLE',
  'TARGET_ROLE',
  'TAG_KEY',
);

const key = (r: { accountId: string; region: string; clusterName: string; associationId: string }) =>
  `${r.accountId}/${r.region}/${r.clusterName}/${r.associationId}`;

describe.each(ENGINES)('search against a reference on %s', (engine) => {
  const harness = useInventoryEngine(engine);
  let store: KyselyInventoryStore;
  beforeAll(async () => {
    store = await harness.openFresh();
  });

  async function load(rows: readonly ReturnType<typeof association>[]): Promise<InventoryRow[]> {
    for (const cluster of await store.listClusters()) await store.dropCluster(cluster);
    // Keys are unique in the store: the last of a key wins, as in the store.
    const byKey = new Map(rows.map((r) => [key(r), r]));
    await store.upsertAssociations(rows, SYNCED);
    return [...byKey.values()].map((r) => ({ ...r, syncedAt: SYNCED, stale: false }));
  }

  test('pages, totalCount and countsBy equal the reference', async () => {
    const sizes: number[] = [];
    const totals: number[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 5, maxLength: 40 }),
        filter,
        visibility,
        order,
        fc.integer({ min: 1, max: 7 }),
        countField,
        async (rows, f, v, o, pageSize, field) => {
          const stored = await load(rows);
          const expected = referenceSearch(stored, f, o, v);
          sizes.push(expected.length);
          totals.push(stored.length);
          const found = await searchAll(store, { filter: f, visibility: v, orderBy: o }, pageSize);
          expect(found.map(key)).toEqual(expected.map(key));
          expect(found).toEqual(expected);
          expect(await store.totalCount(f, v)).toBe(expected.length);
          expect(await store.countsBy(field, f, v)).toEqual(referenceCounts(stored, field, f, v));
        },
      ),
      { numRuns: 200 },
    );
    // The property is worth something only if searches find rows, and not always all of them
    // (about a quarter of the runs do; 25 of 200 is far below what a run gives).
    const someButNotAll = sizes.filter((size, i) => size > 0 && size < (totals[i] ?? 0)).length;
    expect(someButNotAll).toBeGreaterThan(25);
  }, 120_000);
});
