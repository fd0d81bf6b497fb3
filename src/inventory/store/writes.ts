/** What the sync (and the gateway's own mutations) write, and the look-ups the sync plans with. */
import type { Kysely, Transaction } from 'kysely';
import type { AccountRegion, AssociationDetail, AssociationKey, ClusterKey } from '../../eks/types';
import type { StoreContext } from './context';
import { chunks, keyColumns, toAssociationRecord, toTagRecords } from './rows';
import { ASSOCIATIONS, CLUSTERS, FAILURES, TAGS, type AssociationsTable, type InventoryDatabase } from './schema';
import type { SyncedRow } from './types';

/**
 * Rows per statement: 18 columns each stays far below SQLite's 32,766 parameters and
 * PostgreSQL's 65,535; tags, 6 columns each, go 1,000 to a statement.
 */
const ROWS_PER_STATEMENT = 500;
const TAGS_PER_STATEMENT = 1000;

const UPDATED_COLUMNS = [
  'association_arn',
  'namespace',
  'service_account',
  'role_arn',
  'target_role_arn',
  'external_id',
  'disable_session_tags',
  'policy',
  'tags',
  'owner_arn',
  'created_at',
  'modified_at',
  'synced_at',
  'stale',
] as const satisfies readonly (keyof AssociationsTable)[];

type Db = Kysely<InventoryDatabase> | Transaction<InventoryDatabase>;

function inCluster(cluster: ClusterKey) {
  return { account_id: cluster.accountId, region: cluster.region, cluster_name: cluster.name };
}

/** Rows grouped by cluster, so that their tags go with one `association_id in (...)` per cluster. */
function byCluster(rows: readonly AssociationDetail[]): Map<string, AssociationDetail[]> {
  const groups = new Map<string, AssociationDetail[]>();
  for (const row of rows) {
    const id = JSON.stringify([row.accountId, row.region, row.clusterName]);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

async function deleteTags(db: Db, cluster: ClusterKey, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids, ROWS_PER_STATEMENT)) {
    await db
      .deleteFrom(TAGS)
      .where('account_id', '=', cluster.accountId)
      .where('region', '=', cluster.region)
      .where('cluster_name', '=', cluster.name)
      .where('association_id', 'in', part)
      .execute();
  }
}

export async function upsertAssociations(
  ctx: StoreContext,
  rows: readonly AssociationDetail[],
  syncedAt: Date,
): Promise<void> {
  // One row per key, the last given: PostgreSQL refuses a statement that updates a row twice.
  const byKey = new Map(
    rows.map((row) => [JSON.stringify([row.accountId, row.region, row.clusterName, row.associationId]), row]),
  );
  rows = [...byKey.values()];
  if (rows.length === 0) return;
  await ctx.db.transaction().execute(async (trx) => {
    for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
      await trx
        .insertInto(ASSOCIATIONS)
        .values(part.map((row) => toAssociationRecord(row, syncedAt)))
        .onConflict((conflict) =>
          conflict
            .columns(['account_id', 'region', 'cluster_name', 'association_id'])
            .doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((name) => [name, eb.ref(`excluded.${name}`)]))),
        )
        .execute();
    }
    const groups = [...byCluster(rows).values()];
    // A row's cluster is known from then on (a write-through may come before any sweep).
    await insertClusters(
      trx,
      groups
        .map((group) => group[0] as AssociationDetail)
        .map((row) => inCluster({ accountId: row.accountId, region: row.region, name: row.clusterName })),
    );
    for (const group of groups) {
      const first = group[0] as AssociationDetail;
      const cluster = { accountId: first.accountId, region: first.region, name: first.clusterName };
      await deleteTags(
        trx,
        cluster,
        group.map((row) => row.associationId),
      );
      for (const part of chunks(group.flatMap(toTagRecords), TAGS_PER_STATEMENT)) {
        await trx.insertInto(TAGS).values(part).execute();
      }
    }
  });
}

async function insertClusters(db: Db, clusters: ReturnType<typeof inCluster>[]): Promise<void> {
  for (const part of chunks(clusters, ROWS_PER_STATEMENT)) {
    await db
      .insertInto(CLUSTERS)
      .values(part)
      .onConflict((conflict) => conflict.columns(['account_id', 'region', 'cluster_name']).doNothing())
      .execute();
  }
}

/** Records the clusters ListClusters showed in an account and region (what it no longer shows is dropped apart). */
export async function recordClusters(ctx: StoreContext, at: AccountRegion, names: readonly string[]): Promise<void> {
  const unique = [...new Set(names)];
  await insertClusters(
    ctx.db,
    unique.map((name) => inCluster({ accountId: at.accountId, region: at.region, name })),
  );
}

export async function deleteAssociation(ctx: StoreContext, key: AssociationKey): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const columns = keyColumns(key);
    await trx
      .deleteFrom(TAGS)
      .where('account_id', '=', columns.account_id)
      .where('region', '=', columns.region)
      .where('cluster_name', '=', columns.cluster_name)
      .where('association_id', '=', columns.association_id)
      .execute();
    const result = await trx
      .deleteFrom(ASSOCIATIONS)
      .where('account_id', '=', columns.account_id)
      .where('region', '=', columns.region)
      .where('cluster_name', '=', columns.cluster_name)
      .where('association_id', '=', columns.association_id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  });
}

export async function deleteUnseenAssociations(
  ctx: StoreContext,
  cluster: ClusterKey,
  seenIds: Iterable<string>,
): Promise<number> {
  const seen = new Set(seenIds);
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await trx
      .selectFrom(ASSOCIATIONS)
      .select('association_id')
      .where('account_id', '=', cluster.accountId)
      .where('region', '=', cluster.region)
      .where('cluster_name', '=', cluster.name)
      .execute();
    const gone = stored.map((row) => row.association_id).filter((id) => !seen.has(id));
    await deleteTags(trx, cluster, gone);
    for (const part of chunks(gone, ROWS_PER_STATEMENT)) {
      await trx
        .deleteFrom(ASSOCIATIONS)
        .where('account_id', '=', cluster.accountId)
        .where('region', '=', cluster.region)
        .where('cluster_name', '=', cluster.name)
        .where('association_id', 'in', part)
        .execute();
    }
    return gone.length;
  });
}

export async function markStale(
  ctx: StoreContext,
  scope: AccountRegion & { clusterName?: string },
  stale: boolean,
): Promise<number> {
  let update = ctx.db
    .updateTable(ASSOCIATIONS)
    .set({ stale: stale ? 1 : 0 })
    .where('account_id', '=', scope.accountId)
    .where('region', '=', scope.region);
  if (scope.clusterName !== undefined) update = update.where('cluster_name', '=', scope.clusterName);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function dropCluster(ctx: StoreContext, cluster: ClusterKey): Promise<number> {
  const where = inCluster(cluster);
  return ctx.db.transaction().execute(async (trx) => {
    for (const table of [TAGS, FAILURES, CLUSTERS] as const) {
      await trx
        .deleteFrom(table)
        .where('account_id', '=', where.account_id)
        .where('region', '=', where.region)
        .where('cluster_name', '=', where.cluster_name)
        .execute();
    }
    const result = await trx
      .deleteFrom(ASSOCIATIONS)
      .where('account_id', '=', where.account_id)
      .where('region', '=', where.region)
      .where('cluster_name', '=', where.cluster_name)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

export async function listClusters(ctx: StoreContext, scope?: AccountRegion): Promise<ClusterKey[]> {
  let select = ctx.db.selectFrom(CLUSTERS).select(['account_id', 'region', 'cluster_name']);
  if (scope) select = select.where('account_id', '=', scope.accountId).where('region', '=', scope.region);
  const rows = await select.orderBy('account_id').orderBy('region').orderBy('cluster_name').execute();
  return rows.map((row) => ({ accountId: row.account_id, region: row.region, name: row.cluster_name }));
}

const SYNCED_COLUMNS = ['account_id', 'region', 'cluster_name', 'association_id', 'synced_at', 'stale'] as const;

function toSyncedRow(row: Pick<AssociationsTable, (typeof SYNCED_COLUMNS)[number]>): SyncedRow {
  return {
    accountId: row.account_id,
    region: row.region,
    clusterName: row.cluster_name,
    associationId: row.association_id,
    syncedAt: new Date(row.synced_at),
    stale: row.stale === 1,
  };
}

export async function clusterRows(ctx: StoreContext, cluster: ClusterKey): Promise<SyncedRow[]> {
  const rows = await ctx.db
    .selectFrom(ASSOCIATIONS)
    .select(SYNCED_COLUMNS)
    .where('account_id', '=', cluster.accountId)
    .where('region', '=', cluster.region)
    .where('cluster_name', '=', cluster.name)
    .orderBy('association_id')
    .execute();
  return rows.map(toSyncedRow);
}

export const MAX_OLDEST_SYNCED = 10_000;

export async function oldestSynced(ctx: StoreContext, limit: number, before?: Date): Promise<SyncedRow[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OLDEST_SYNCED) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_OLDEST_SYNCED}; got ${limit}`);
  }
  let select = ctx.db.selectFrom(ASSOCIATIONS).select(SYNCED_COLUMNS);
  if (before) select = select.where('synced_at', '<', before.getTime());
  const rows = await select
    .orderBy('synced_at')
    .orderBy('account_id')
    .orderBy('region')
    .orderBy('cluster_name')
    .orderBy('association_id')
    .limit(limit)
    .execute();
  return rows.map(toSyncedRow);
}
