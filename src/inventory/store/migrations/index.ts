/**
 * The inventory's migrations, in code so that they ship in the build. Kysely runs them in the
 * order of their names and records each in `inventory_migrations`: add a module and a name that
 * sorts after the last; never change one that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely';
import type { InventoryEngine } from '../types';
import { initialMigration } from './0001_initial';
import { sweepMarkersMigration } from './0002_sweep_markers';
import { clustersMigration } from './0003_clusters';

export function inventoryMigrations(engine: InventoryEngine): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_initial': initialMigration(engine),
    '0002_sweep_markers': sweepMarkersMigration(engine),
    '0003_clusters': clustersMigration(engine),
  };
  return { getMigrations: async () => migrations };
}

export const MIGRATION_TABLE = 'inventory_migrations';
export const MIGRATION_LOCK_TABLE = 'inventory_migration_lock';
