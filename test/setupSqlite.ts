/**
 * better-sqlite3 gives its native addon, once per process, the SqliteError class of the first
 * module registry that opens a database. Jest runs each test file in a realm of its own but
 * shares the addon, so in every later file SQLite's errors would come from another realm: not
 * `instanceof Error` there, and `expect(...).toThrow()` would not see them. Each file re-arms it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const addonPath = join(
  dirname(require.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);
if (existsSync(addonPath)) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(addonPath) as { isInitialized?: boolean }).isInitialized = false;
}
