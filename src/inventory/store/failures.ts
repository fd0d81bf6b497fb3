/** Sync failures: one per scope (a cluster, or an account and region), kept until cleared. */
import { sql } from 'kysely';
import { ALIAS, scopeVisibilityCondition } from './conditions';
import type { StoreContext } from './context';
import { FAILURES } from './schema';
import type { FailureScope, InventoryFailure, Visibility } from './types';

export async function recordFailure(
  ctx: StoreContext,
  failure: Omit<InventoryFailure, 'since'>,
  now: Date,
): Promise<void> {
  await ctx.db
    .insertInto(FAILURES)
    .values({
      account_id: failure.accountId,
      region: failure.region,
      cluster_name: failure.clusterName,
      code: failure.code,
      message: failure.message,
      since: now.getTime(),
    })
    // The target is the unique index of the migration; `since` stays what it was.
    .onConflict((conflict) =>
      conflict
        .expression(sql`account_id, region, coalesce(cluster_name, '')`)
        .doUpdateSet((eb) => ({ code: eb.ref('excluded.code'), message: eb.ref('excluded.message') })),
    )
    .execute();
}

export async function clearFailure(ctx: StoreContext, scope: FailureScope): Promise<boolean> {
  let remove = ctx.db.deleteFrom(FAILURES).where('account_id', '=', scope.accountId).where('region', '=', scope.region);
  remove =
    scope.clusterName === null
      ? remove.where('cluster_name', 'is', null)
      : remove.where('cluster_name', '=', scope.clusterName);
  const result = await remove.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listFailures(ctx: StoreContext, visibility: Visibility = null): Promise<InventoryFailure[]> {
  let select = ctx.db.selectFrom(`${FAILURES} as ${ALIAS}`).selectAll(ALIAS);
  const visible = scopeVisibilityCondition(ctx.engine, visibility);
  if (visible) select = select.where(visible);
  const rows = await select
    .orderBy(`${ALIAS}.account_id`)
    .orderBy(`${ALIAS}.region`)
    // The account-wide failure (no cluster) first, on both engines.
    .orderBy(sql`coalesce(${sql.ref(`${ALIAS}.cluster_name`)}, '')`)
    .execute();
  return rows.map((row) => ({
    accountId: row.account_id,
    region: row.region,
    clusterName: row.cluster_name,
    code: row.code,
    message: row.message,
    since: new Date(row.since),
  }));
}
