/**
 * An inventory written before a migration opens with it applied and its data whole: here the
 * clusters table, filled from the associations already there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openInventoryStore } from '../../../src/inventory/store';
import { inventoryMigrations, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from '../../../src/inventory/store/migrations';
import { toAssociationRecord } from '../../../src/inventory/store/rows';
import { ASSOCIATIONS, CLUSTERS, type InventoryDatabase } from '../../../src/inventory/store/schema';
import { association } from '../../helpers/inventory';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inventory-migrations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an inventory of the second migration gains its clusters from its associations', async () => {
  const path = join(dir, 'before-clusters.db');
  // The database as the version before left it: its two migrations, then its rows.
  const db = new Kysely<InventoryDatabase>({ dialect: new SqliteDialect({ database: new Database(path) }) });
  const migrator = new Migrator({
    db,
    provider: inventoryMigrations('sqlite'),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  expect((await migrator.migrateTo('0002_sweep_markers')).error).toBeUndefined();
  expect((await db.introspection.getTables()).map((table) => table.name)).not.toContain(CLUSTERS);
  const synced = new Date('2026-11-01T00:00:00Z');
  const rows = [
    association({ clusterName: 'prod', associationId: 'a-1' }),
    association({ clusterName: 'prod', associationId: 'a-2' }),
    association({ clusterName: 'staging', associationId: 'a-3' }),
  ];
  await db
    .insertInto(ASSOCIATIONS)
    .values(rows.map((row) => toAssociationRecord(row, synced)))
    .execute();
  await db.destroy();

  const upgraded = await openInventoryStore(`sqlite:${path}`);
  try {
    expect(await upgraded.counts()).toEqual({ accounts: 1, clusters: 2, associations: 3 });
    expect((await upgraded.listClusters()).map((cluster) => cluster.name)).toEqual(['prod', 'staging']);
  } finally {
    await upgraded.close();
  }
});
