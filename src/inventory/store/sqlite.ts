/**
 * SQLite as the inventory opens it. Several processes may share one file (replicas on one host,
 * a gateway beside a tool reading it): each of its transactions takes the write lock when it
 * begins (`begin immediate`), so that one that reads before it writes waits its turn (the busy
 * timeout) instead of failing with SQLITE_BUSY when another process wrote in between; the
 * migrations run in one such transaction; and the switch of a new file to write-ahead logging is
 * retried while another process holds it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/** How long a statement waits for another process's write lock before it fails. */
const BUSY_TIMEOUT_MS = 10_000;

class ImmediateTransactionsDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite runs DDL in transactions, but Kysely's adapter says it does not, and takes no migration
 * lock (one process, one connection): so two processes opening a new file at once each ran the
 * same migration. Saying it does makes Kysely run the pending migrations in one transaction,
 * which `begin immediate` makes one process's at a time.
 */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateTransactionsDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateTransactionsDriver(this.settings);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

/** The dialect of the inventory's SQLite database at `path` (`:memory:` for one in memory). */
export async function sqliteDialect(path: string): Promise<SqliteDialect> {
  if (path === ':memory:') return new ImmediateTransactionsDialect({ database: new Database(path) });
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    // Readers do not wait for the writer, and a commit is one append to the log.
    await untilNotBusy(() => database.pragma('journal_mode = WAL'));
    database.pragma('synchronous = NORMAL');
  } catch (error) {
    database.close();
    throw error;
  }
  return new ImmediateTransactionsDialect({ database });
}

/** Runs `step` again while another process holds the lock it needs (SQLITE_BUSY), for up to the busy timeout. */
async function untilNotBusy(step: () => unknown): Promise<void> {
  for (const started = Date.now(); ;) {
    try {
      step();
      return;
    } catch (error) {
      const busy = (error as { code?: unknown }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() - started > BUSY_TIMEOUT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
