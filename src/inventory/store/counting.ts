/** Counts over the matching, visible rows: countsBy a field, and the inventory's totals. */
import { sql } from 'kysely';
import { ALIAS, associationsFrom, rowConditions, scopeVisibilityCondition } from './conditions';
import type { StoreContext } from './context';
import { and } from './globs';
import { CLUSTERS } from './schema';
import { checkRange, countWhere } from './search';
import type { CountBucket, CountField, InventoryCounts, InventoryFilter, Visibility } from './types';

export const DEFAULT_COUNT_BUCKETS = 100;
/** The most buckets countsBy returns. */
export const MAX_COUNT_BUCKETS = 1000;

const COUNT_COLUMNS = {
  ACCOUNT: 'account_id',
  REGION: 'region',
  NAMESPACE: 'namespace',
  ROLE: 'role_arn',
  TARGET_ROLE: 'target_role_arn',
} as const satisfies Record<Exclude<CountField, 'TAG_KEY' | 'CLUSTER'>, string>;

const count = sql<number>`count(*)`;
const byCount = sql`count(*) desc`;

export async function countsBy(
  ctx: StoreContext,
  field: CountField,
  filter: InventoryFilter,
  visibility: Visibility,
  limit = DEFAULT_COUNT_BUCKETS,
): Promise<CountBucket[]> {
  checkRange('limit', limit, 1, MAX_COUNT_BUCKETS);
  const terms = rowConditions(ctx.engine, filter, visibility);
  if (field === 'TAG_KEY') return tagKeyCounts(ctx, filter, terms, limit);
  const rows = associationsFrom(ctx.db, filter).where(and(terms));
  if (field === 'CLUSTER') {
    const buckets = await rows
      .select([`${ALIAS}.cluster_name as value`, `${ALIAS}.account_id`, `${ALIAS}.region`, count.as('count')])
      .groupBy([`${ALIAS}.cluster_name`, `${ALIAS}.account_id`, `${ALIAS}.region`])
      .orderBy(byCount)
      .orderBy(`${ALIAS}.cluster_name`)
      .orderBy(`${ALIAS}.account_id`)
      .orderBy(`${ALIAS}.region`)
      .limit(limit)
      .execute();
    return buckets.map((bucket) => ({
      value: bucket.value,
      count: Number(bucket.count),
      accountId: bucket.account_id,
      region: bucket.region,
    }));
  }
  const column = `${ALIAS}.${COUNT_COLUMNS[field]}` as const;
  const buckets = await rows
    .select([`${column} as value`, count.as('count')])
    .where(column, 'is not', null)
    .groupBy(column)
    .orderBy(byCount)
    .orderBy(column)
    .limit(limit)
    .execute();
  return buckets.map((bucket) => ({ value: bucket.value as string, count: Number(bucket.count) }));
}

/** Each tag row is one association's key: counting them counts associations per key. */
async function tagKeyCounts(
  ctx: StoreContext,
  filter: InventoryFilter,
  terms: ReturnType<typeof rowConditions>,
  limit: number,
): Promise<CountBucket[]> {
  const query =
    terms.length === 0 && filter.tag === undefined
      ? // The whole fleet: the tags index alone.
        ctx.db.selectFrom('inventory_tags as t')
      : associationsFrom(ctx.db, filter)
          .innerJoin('inventory_tags as t', (join) =>
            join
              .onRef('t.account_id', '=', `${ALIAS}.account_id`)
              .onRef('t.region', '=', `${ALIAS}.region`)
              .onRef('t.cluster_name', '=', `${ALIAS}.cluster_name`)
              .onRef('t.association_id', '=', `${ALIAS}.association_id`),
          )
          .where(and(terms));
  const buckets = await query
    .select(['t.key as value', count.as('count')])
    .groupBy('t.key')
    .orderBy(byCount)
    .orderBy('t.key')
    .limit(limit)
    .execute();
  return buckets.map((bucket) => ({ value: bucket.value, count: Number(bucket.count) }));
}

export async function counts(ctx: StoreContext, visibility: Visibility = null): Promise<InventoryCounts> {
  // A cluster is visible when a grant covers its account, region and name, whatever its
  // namespaces: as a live read of the cluster would show it.
  const visibleCluster = scopeVisibilityCondition(ctx.engine, visibility);
  const clusters = ctx.db
    .selectFrom(`${CLUSTERS} as ${ALIAS}`)
    .where(and(visibleCluster === null ? [] : [visibleCluster]));
  const known = await clusters
    .select([count.as('clusters'), sql<number>`count(distinct ${sql.ref(`${ALIAS}.account_id`)})`.as('accounts')])
    .executeTakeFirstOrThrow();
  return {
    accounts: Number(known.accounts),
    clusters: Number(known.clusters),
    associations: await countWhere(ctx, {}, rowConditions(ctx.engine, {}, visibility)),
  };
}
