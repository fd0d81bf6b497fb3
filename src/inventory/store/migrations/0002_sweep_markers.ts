/** When the last sweeps ran, shared by the replicas: one row per kind of sweep. */
import type { Kysely, Migration } from 'kysely';
import { textType, timeType } from '../engine';
import type { InventoryEngine } from '../types';

export function sweepMarkersMigration(engine: InventoryEngine): Migration {
  const text = textType(engine);
  const time = timeType(engine);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('inventory_sweep_markers')
        .addColumn('name', text, (c) => c.primaryKey())
        .addColumn('started_at', time, (c) => c.notNull())
        .addColumn('ended_at', time)
        .execute();
    },
  };
}
