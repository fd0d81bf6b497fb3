/**
 * `INVENTORY_DATABASE`: where the inventory lives.
 * - `sqlite::memory:`: SQLite in memory (gone when the process ends);
 * - `sqlite:<path>`: a SQLite file (`sqlite:data/inventory.db` is relative to the working
 *   directory, `sqlite:/var/lib/gateway/inventory.db` absolute); its directory is created;
 * - `postgres://...` or `postgresql://...`: a PostgreSQL database, shared by replicas.
 */
export type InventoryLocation =
  /** `path` is `:memory:` for SQLite in memory. */
  { engine: 'sqlite'; path: string } | { engine: 'postgres'; connectionString: string };

export const SQLITE_MEMORY = 'sqlite::memory:';

export function parseInventoryUrl(url: string): InventoryLocation {
  if (url === SQLITE_MEMORY) return { engine: 'sqlite', path: ':memory:' };
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', connectionString: url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path.startsWith('//')) {
      throw new Error(
        `The inventory database "sqlite:${path.slice(0, 40)}" is ambiguous: write sqlite:<path> (sqlite:data/inventory.db, or sqlite:/absolute/path.db).`,
      );
    }
    if (path === '' || path.startsWith(':')) {
      throw new Error('The inventory database sqlite: needs a file path (sqlite:data/inventory.db) or :memory:.');
    }
    return { engine: 'sqlite', path };
  }
  // Only the scheme is repeated: the rest of a URL may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? (url === '' ? '(empty)' : '(no scheme)');
  throw new Error(
    `The inventory database must be sqlite::memory:, sqlite:<path> or postgres://user@host/database; got ${scheme}`,
  );
}
