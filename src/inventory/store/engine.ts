/**
 * What differs between the two engines, in one place: the type of text columns and how a glob
 * becomes SQL. Everything else is the same Kysely query on both.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { InventoryEngine } from './types';

/**
 * Text columns compare by bytes on both engines: SQLite's BINARY collation is the default, and
 * on PostgreSQL the columns are `COLLATE "C"` whatever the database's locale, so ordering and
 * keyset cursors agree with SQLite, and a btree index serves `LIKE 'prefix%'`.
 */
export function textType(engine: InventoryEngine): RawBuilder<unknown> {
  return engine === 'postgres' ? sql`text collate "C"` : sql`text`;
}

/** A millisecond time: 64 bits on PostgreSQL (SQLite's integers are 64-bit already). */
export function timeType(engine: InventoryEngine): 'bigint' | 'integer' {
  return engine === 'postgres' ? 'bigint' : 'integer';
}

/**
 * The pattern a glob becomes on the engine, where `*` matches any run of characters and every
 * other character only itself:
 * - SQLite: `GLOB` (case-sensitive; its own wildcards `?` and `[` are bracketed, `[?]` and `[[]`);
 * - PostgreSQL: `LIKE ... ESCAPE '!'` (case-sensitive; `%`, `_` and `!` escaped with `!`).
 * Both use an index on the column when the pattern starts with a literal prefix.
 */
export function globPattern(engine: InventoryEngine, glob: string): string {
  if (engine === 'sqlite') return glob.replace(/[?[]/g, (char) => `[${char}]`);
  return glob.replace(/[!%_]/g, (char) => `!${char}`).replace(/\*+/g, '%');
}

export function globMatch(engine: InventoryEngine, column: Expression<unknown>, glob: string): RawBuilder<SqlBool> {
  const pattern = globPattern(engine, glob);
  return engine === 'sqlite'
    ? sql<SqlBool>`${column} glob ${pattern}`
    : sql<SqlBool>`${column} like ${pattern} escape '!'`;
}
