/** The reads of rows: one association, and search with keyset pagination and its totalCount. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AssociationKey } from '../../eks/types';
import { ALIAS, associationsFrom, rowConditions } from './conditions';
import type { StoreContext } from './context';
import { afterCursor, decodeCursor, DEFAULT_ORDER, encodeCursor, orderItems } from './cursor';
import { and } from './globs';
import { fromAssociationRecord, keyColumns } from './rows';
import { ASSOCIATIONS } from './schema';
import type { InventoryFilter, InventoryOrder, InventoryRow, SearchPage, SearchQuery, Visibility } from './types';

/** The largest page a search returns. */
export const MAX_SEARCH_PAGE = 1000;

export function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}; got ${value}`);
  }
}

export async function getAssociation(ctx: StoreContext, key: AssociationKey): Promise<InventoryRow | null> {
  const columns = keyColumns(key);
  const record = await ctx.db
    .selectFrom(ASSOCIATIONS)
    .selectAll()
    .where('account_id', '=', columns.account_id)
    .where('region', '=', columns.region)
    .where('cluster_name', '=', columns.cluster_name)
    .where('association_id', '=', columns.association_id)
    .executeTakeFirst();
  return record ? fromAssociationRecord(record) : null;
}

/** The search as a query (not run), for `search` and for plans in tests and benchmarks. */
export function searchQuery(ctx: StoreContext, query: SearchQuery) {
  checkRange('first', query.first, 0, MAX_SEARCH_PAGE);
  const order = query.orderBy ?? DEFAULT_ORDER;
  const terms = rowConditions(ctx.engine, query.filter ?? {}, query.visibility);
  if (query.after) terms.push(afterCursor(order, decodeCursor(order, query.after)));
  return pageQuery(ctx, query.filter ?? {}, terms, order, query.first);
}

export function pageQuery(
  ctx: StoreContext,
  filter: InventoryFilter,
  terms: readonly RawBuilder<SqlBool>[],
  order: InventoryOrder,
  first: number,
) {
  let select = associationsFrom(ctx.db, filter).selectAll(ALIAS).where(and(terms));
  for (const item of orderItems(order)) select = select.orderBy(item);
  // One more than asked tells whether there is a next page.
  return select.limit(first + 1);
}

export async function runPage(
  query: ReturnType<typeof pageQuery>,
  order: InventoryOrder,
  first: number,
  after: string | null,
): Promise<SearchPage> {
  const records = await query.execute();
  const edges = records.slice(0, first).map((record) => ({
    cursor: encodeCursor(order, record),
    row: fromAssociationRecord(record),
  }));
  return { edges, endCursor: edges.at(-1)?.cursor ?? after, hasNextPage: records.length > first };
}

export async function search(ctx: StoreContext, query: SearchQuery): Promise<SearchPage> {
  return runPage(searchQuery(ctx, query), query.orderBy ?? DEFAULT_ORDER, query.first, query.after ?? null);
}

export async function countWhere(
  ctx: StoreContext,
  filter: InventoryFilter,
  terms: readonly RawBuilder<SqlBool>[],
): Promise<number> {
  const row = await associationsFrom(ctx.db, filter)
    .select(sql<number>`count(*)`.as('count'))
    .where(and(terms))
    .executeTakeFirstOrThrow();
  // PostgreSQL's count is a bigint, which the pool reads as a number (./open.ts).
  return Number(row.count);
}

export async function totalCount(ctx: StoreContext, filter: InventoryFilter, visibility: Visibility): Promise<number> {
  return countWhere(ctx, filter, rowConditions(ctx.engine, filter, visibility));
}

/** How many distinct (account), or (account, region, cluster), the matching rows have. */
export async function distinctCount(
  ctx: StoreContext,
  columns: readonly ('account_id' | 'region' | 'cluster_name')[],
  filter: InventoryFilter,
  terms: readonly RawBuilder<SqlBool>[],
): Promise<number> {
  const row = await ctx.db
    .selectFrom(
      associationsFrom(ctx.db, filter)
        .select(columns.map((name) => `${ALIAS}.${name}` as const))
        .distinct()
        .where(and(terms))
        .as('d'),
    )
    .select(sql<number>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
