import type { Kysely } from 'kysely';
import type { InventoryDatabase } from './schema';
import type { InventoryEngine } from './types';

/** What every query module works with: the database and which engine it is. */
export interface StoreContext {
  readonly db: Kysely<InventoryDatabase>;
  readonly engine: InventoryEngine;
}
