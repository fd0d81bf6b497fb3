/**
 * The fleet inventory's storage: `openInventoryStore(INVENTORY_DATABASE)` gives an
 * `InventoryStore` over SQLite or PostgreSQL. See ./types.ts for the interface.
 */
export { InvalidCursorError } from './cursor';
export { globLiteralPrefix, globUsesIndex, unindexedGlobFields } from './globs';
export { openInventoryStore, type OpenInventoryOptions } from './open';
export { DEFAULT_COUNT_BUCKETS, MAX_COUNT_BUCKETS } from './counting';
export { MAX_SEARCH_PAGE } from './search';
export { KyselyInventoryStore } from './store';
export type * from './types';
export { parseInventoryUrl, SQLITE_MEMORY, type InventoryLocation } from './url';
export { MAX_OLDEST_SYNCED } from './writes';
