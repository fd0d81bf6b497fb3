/**
 * The first schema: associations (and their tags, one row each), sync failures and leases.
 * Every index that ends with the primary key serves one order of the search (keyset paging
 * reads it in order) and the filters on its first column.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { textType, timeType } from '../engine';
import type { InventoryEngine } from '../types';

const KEY = ['account_id', 'region', 'cluster_name', 'association_id'] as const;

export function initialMigration(engine: InventoryEngine): Migration {
  const text = textType(engine);
  const time = timeType(engine);
  return {
    // Kysely's migrations take a `Kysely<any>`: the schema they build is not yet the typed one.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('inventory_associations')
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('region', text, (c) => c.notNull())
        .addColumn('cluster_name', text, (c) => c.notNull())
        .addColumn('association_id', text, (c) => c.notNull())
        .addColumn('association_arn', text, (c) => c.notNull())
        .addColumn('namespace', text, (c) => c.notNull())
        .addColumn('service_account', text, (c) => c.notNull())
        .addColumn('role_arn', text, (c) => c.notNull())
        .addColumn('target_role_arn', text)
        .addColumn('external_id', text)
        .addColumn('disable_session_tags', 'integer', (c) => c.notNull())
        .addColumn('policy', text)
        .addColumn('tags', text, (c) => c.notNull())
        .addColumn('owner_arn', text)
        .addColumn('created_at', time)
        .addColumn('modified_at', time)
        .addColumn('synced_at', time, (c) => c.notNull())
        .addColumn('stale', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('inventory_associations_pk', [...KEY])
        .execute();

      const index = (name: string, columns: readonly string[]) =>
        db.schema
          .createIndex(`inventory_associations_${name}`)
          .on('inventory_associations')
          .columns([...columns])
          .execute();
      await index('cluster', ['cluster_name', 'account_id', 'region', 'association_id']);
      await index('namespace', ['namespace', 'service_account', ...KEY]);
      await index('service_account', ['service_account', 'namespace', ...KEY]);
      await index('role', ['role_arn']);
      await index('target_role', ['target_role_arn']);
      await index('synced', ['synced_at', ...KEY]);
      for (const column of ['created_at', 'modified_at']) {
        // A missing time sorts first ascending on both engines; PostgreSQL's default is last.
        if (engine === 'postgres') {
          await sql`create index ${sql.id(`inventory_associations_${column}`)} on inventory_associations (${sql.id(column)} asc nulls first, account_id, region, cluster_name, association_id)`.execute(
            db,
          );
        } else {
          await index(column, [column, ...KEY]);
        }
      }

      await db.schema
        .createTable('inventory_tags')
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('region', text, (c) => c.notNull())
        .addColumn('cluster_name', text, (c) => c.notNull())
        .addColumn('association_id', text, (c) => c.notNull())
        .addColumn('key', text, (c) => c.notNull())
        .addColumn('value', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('inventory_tags_pk', [...KEY, 'key'])
        .execute();
      // Serves the tag filter and countsBy TAG_KEY without reading the associations.
      await db.schema
        .createIndex('inventory_tags_key')
        .on('inventory_tags')
        .columns(['key', 'value', ...KEY])
        .execute();

      await db.schema
        .createTable('inventory_failures')
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('region', text, (c) => c.notNull())
        .addColumn('cluster_name', text)
        .addColumn('code', text, (c) => c.notNull())
        .addColumn('message', text, (c) => c.notNull())
        .addColumn('since', time, (c) => c.notNull())
        .execute();
      // One failure per scope; the account-wide one has no cluster name, and NULLs are never equal.
      await sql`create unique index inventory_failures_scope on inventory_failures (account_id, region, coalesce(cluster_name, ''))`.execute(
        db,
      );

      await db.schema
        .createTable('inventory_leases')
        .addColumn('name', text, (c) => c.primaryKey())
        .addColumn('holder', text, (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();
    },
  };
}
