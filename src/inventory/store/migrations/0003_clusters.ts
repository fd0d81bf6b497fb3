/**
 * The clusters as ListClusters last showed them, with or without associations: the inventory's
 * cluster count is of these. Filled from the associations' clusters for an inventory that
 * already has rows.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { textType } from '../engine';
import type { InventoryEngine } from '../types';

export function clustersMigration(engine: InventoryEngine): Migration {
  const text = textType(engine);
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('inventory_clusters')
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('region', text, (c) => c.notNull())
        .addColumn('cluster_name', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('inventory_clusters_pk', ['account_id', 'region', 'cluster_name'])
        .execute();
      await sql`insert into inventory_clusters (account_id, region, cluster_name)
        select distinct account_id, region, cluster_name from inventory_associations`.execute(db);
    },
  };
}
