/**
 * Opening the inventory: the engine from the URL (./url.ts), then the migrations, before the
 * store answers anything.
 */
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { Pool, types as pgTypes } from 'pg';
import { inventoryMigrations, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrations';
import type { InventoryDatabase } from './schema';
import { sqliteDialect } from './sqlite';
import { KyselyInventoryStore } from './store';
import type { InventoryEngine } from './types';
import { parseInventoryUrl } from './url';

export interface OpenInventoryOptions {
  /** PostgreSQL connections at most (default 10; at least 2: one holds the migration lock). */
  postgresPoolSize?: number;
  /** An idle PostgreSQL connection failed (the server went away); the next query reconnects. */
  onIdleConnectionError?: (error: Error) => void;
}

export async function openInventoryStore(
  url: string,
  options: OpenInventoryOptions = {},
): Promise<KyselyInventoryStore> {
  const location = parseInventoryUrl(url);
  const db =
    location.engine === 'sqlite'
      ? new Kysely<InventoryDatabase>({ dialect: await sqliteDialect(location.path) })
      : postgres(location.connectionString, options);
  try {
    await migrate(db, location.engine);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyInventoryStore(db, location.engine);
}

const INT8_OID = 20;

/** pg's parsers, but with bigints (times, counts) as numbers: they fit a double. */
const int8AsNumber = ((oid: number, format: 'text' | 'binary' = 'text') =>
  oid === INT8_OID && format === 'text'
    ? Number
    : (pgTypes.getTypeParser(oid, format) as unknown)) as typeof pgTypes.getTypeParser;

function postgres(connectionString: string, options: OpenInventoryOptions): Kysely<InventoryDatabase> {
  const max = options.postgresPoolSize ?? 10;
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`postgresPoolSize must be at least 2; got ${max}`);
  const pool = new Pool({
    connectionString,
    max,
    // On this pool only, not on pg's global parsers.
    types: { getTypeParser: int8AsNumber },
  });
  pool.on('error', options.onIdleConnectionError ?? (() => undefined));
  return new Kysely<InventoryDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Any 64-bit number, the same in every replica: the key of the session lock migrations run under. */
const MIGRATION_ADVISORY_LOCK = sql.raw('4857201938471260161');

/**
 * Runs the pending migrations. On PostgreSQL, several replicas starting together migrate one
 * after the other: the first holds a session advisory lock (on a connection of its own) while
 * it creates Kysely's tables and migrates; the others, once they get the lock, find nothing to do.
 */
async function migrate(db: Kysely<InventoryDatabase>, engine: InventoryEngine): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: inventoryMigrations(engine),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const run = async () => {
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((result) => result.status === 'Error')?.migrationName;
      throw new Error(
        `The inventory database's migration ${failed ?? '(setup)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
        {
          cause: error,
        },
      );
    }
  };
  if (engine === 'sqlite') return run();
  await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_ADVISORY_LOCK})`.execute(connection);
    try {
      await run();
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_ADVISORY_LOCK})`.execute(connection);
    }
  });
}
