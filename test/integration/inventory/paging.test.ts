/** Keyset paging through 1,000 rows with many ties, in every order, on both engines. */
import type { AssociationDetail } from '../../../src/eks/types';
import type {
  InventoryOrder,
  InventoryOrderField,
  InventoryRow,
  KyselyInventoryStore,
} from '../../../src/inventory/store';
import { association, ENGINES, useInventoryEngine } from '../../helpers/inventory';
import { compareKeys, orderKey, referenceSearch } from '../../helpers/inventoryReference';

const FIELDS: InventoryOrderField[] = ['CLUSTER', 'NAMESPACE', 'SERVICE_ACCOUNT', 'CREATED_AT', 'MODIFIED_AT'];
const ORDERS: InventoryOrder[] = FIELDS.flatMap((field) => [
  { field, direction: 'ASC' as const },
  { field, direction: 'DESC' as const },
]);
const SYNCED = new Date('2026-03-01T10:00:00Z');
const DAY = 86_400_000;

/** A deterministic spread over few values, so that most rows tie on the order's first column. */
function rowFor(i: number, prefix = 'a'): AssociationDetail {
  const pick = <T>(values: readonly T[], salt: number) => values[(i * salt + (i >> 3)) % values.length] as T;
  const time = (salt: number) =>
    i % 11 === salt ? null : new Date(Date.UTC(2026, 0, 1) + pick([0, 1, 2, 3, 5, 8], salt) * DAY);
  return association({
    accountId: pick(['111122223333', '444455556666'], 1),
    region: pick(['us-east-1', 'eu-west-1'], 3),
    clusterName: pick(['prod', 'staging', 'dev', 'prod-2', 'Prod'], 7),
    associationId: `${prefix}-${String((i * 7919) % 100_003).padStart(6, '0')}`,
    namespace: pick(['payments', 'search', 'kube-system', 'default', 'Payments', 'pay_ments'], 5),
    serviceAccount: pick(['api', 'worker', 'default', 'API'], 13),
    createdAt: time(0),
    modifiedAt: time(4),
  });
}

const ids = (rows: readonly InventoryRow[]) =>
  rows.map((row) => `${row.accountId}/${row.region}/${row.clusterName}/${row.associationId}`);

describe.each(ENGINES)('keyset paging on %s', (engine) => {
  const harness = useInventoryEngine(engine);
  let store: KyselyInventoryStore;
  let stored: InventoryRow[];
  beforeAll(async () => {
    store = await harness.openFresh();
    const rows = Array.from({ length: 1000 }, (_, i) => rowFor(i));
    await store.upsertAssociations(rows, SYNCED);
    stored = rows.map((row) => ({ ...row, syncedAt: SYNCED, stale: false }));
  });

  test.each(ORDERS)('every row exactly once, in order: $field $direction', async (order) => {
    const seen: InventoryRow[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await store.search({ orderBy: order, first: 37, after, visibility: null });
      seen.push(...page.edges.map((edge) => edge.row));
      pages += 1;
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(pages).toBe(Math.ceil(1000 / 37));
    expect(new Set(ids(seen)).size).toBe(1000);
    expect(ids(seen)).toEqual(ids(referenceSearch(stored, {}, order, null)));
  });

  test.each(ORDERS)('rows inserted while paging shift nothing: $field $direction', async (order) => {
    const moving = await harness.openFresh();
    await moving.upsertAssociations(
      Array.from({ length: 300 }, (_, i) => rowFor(i)),
      SYNCED,
    );
    const seen: InventoryRow[] = [];
    let after: string | null = null;
    for (let round = 0; ; round += 1) {
      const page = await moving.search({ orderBy: order, first: 25, after, visibility: null });
      seen.push(...page.edges.map((edge) => edge.row));
      if (!page.hasNextPage) break;
      after = page.endCursor;
      // New rows on both sides of the cursor: those before it are not seen, those after are, once.
      await moving.upsertAssociations(
        Array.from({ length: 10 }, (_, i) => rowFor(round * 10 + i, `new${round}`)),
        SYNCED,
      );
    }
    const seenIds = ids(seen);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    for (const original of ids(
      Array.from({ length: 300 }, (_, i) => ({ ...rowFor(i), syncedAt: SYNCED, stale: false })),
    )) {
      expect(seenIds).toContain(original);
    }
    const sign = order.direction === 'ASC' ? 1 : -1;
    for (let i = 1; i < seen.length; i += 1) {
      const previous = orderKey(seen[i - 1] as InventoryRow, order.field);
      expect(sign * compareKeys(previous, orderKey(seen[i] as InventoryRow, order.field))).toBeLessThan(0);
    }
  });
});
