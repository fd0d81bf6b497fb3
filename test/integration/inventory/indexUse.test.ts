/**
 * Which globs an index serves, from the engines' own query plans: a literal prefix becomes a
 * range of the column's index (on PostgreSQL thanks to the columns' "C" collation, in a
 * database whose locale is not C); a leading `*` cannot. The prefixes are selective, and on
 * PostgreSQL sequential scans are discouraged, so that the planner shows the range when one exists.
 */
import { CompiledQuery, sql } from 'kysely';
import type { InventoryFilter, KyselyInventoryStore } from '../../../src/inventory/store';
import { searchQuery } from '../../../src/inventory/store/search';
import { association, ENGINES, useInventoryEngine } from '../../helpers/inventory';

describe.each(ENGINES)('index use on %s', (engine) => {
  const harness = useInventoryEngine(engine);
  let store: KyselyInventoryStore;
  beforeAll(async () => {
    store = await harness.openFresh();
    const rows = Array.from({ length: 2000 }, (_, i) =>
      association({
        associationId: `a-${i}`,
        clusterName: `cluster-${i % 50}`,
        namespace: `ns-${i % 100}`,
        serviceAccount: `sa-${i % 200}`,
        roleArn: `arn:aws:iam::111122223333:role/r-${i}`,
        targetRoleArn: i % 5 === 0 ? `arn:aws:iam::444455556666:role/t-${i}` : null,
        tags: { team: `t-${i % 30}`, env: 'prod' },
      }),
    );
    await store.upsertAssociations(rows, new Date());
    if (engine === 'postgres') await sql`analyze`.execute(store.db);
  });

  async function plan(filter: InventoryFilter): Promise<string> {
    const query = searchQuery(store, { filter, first: 50, visibility: null }).compile();
    if (engine === 'sqlite') {
      const result = await store.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      );
      return result.rows.map((row) => row.detail).join('\n');
    }
    return store.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const result = await trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
      );
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  /** The plan reads a range of the column's index: `col>? AND col<?` (SQLite), `col >= ... AND col < ...` (PostgreSQL). */
  const range = (column: string) =>
    engine === 'sqlite'
      ? new RegExp(`\\(${column}>\\? AND ${column}<\\?\\)`)
      : new RegExp(`Index Cond: .*\\(${column} >= .*\\(${column} < `);

  test.each([
    ['role_arn', { roleArn: 'arn:aws:iam::111122223333:role/r-12*' }],
    ['target_role_arn', { targetRoleArn: 'arn:aws:iam::444455556666:role/t-1*' }],
    ['namespace', { namespace: 'ns-42*' }],
    ['service_account', { serviceAccount: 'sa-123*' }],
    ['cluster_name', { clusterNames: ['cluster-4*'] }],
    // Characters the patterns escape end the range, not the use of the index.
    ['role_arn', { roleArn: 'arn:aws:iam::111122223333:role/r_1%*' }],
  ])('a literal prefix is a range of the %s index', async (column, filter) => {
    expect(await plan(filter)).toMatch(range(column));
  });

  test.each([
    ['role_arn', { roleArn: '*r-12' }],
    ['namespace', { namespace: '*-1' }],
  ])('a leading * reads no range of the %s index', async (column, filter) => {
    expect(await plan(filter)).not.toMatch(range(column));
  });

  test('a tag filter reads the tags index by key and value', async () => {
    const text = await plan({ tag: { key: 'team', value: 't-3' } });
    expect(text).toMatch(engine === 'sqlite' ? /inventory_tags_key \(key=\? AND value=\?\)/ : /inventory_tags_key/);
  });
});
