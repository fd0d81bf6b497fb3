/**
 * A filter and a caller's visibility as SQL on the associations table (aliased `a`): the tag
 * filter as a join (`associationsFrom`), the rest as conditions (`rowConditions`). Search,
 * totalCount and countsBy all go through both, so none of them sees a row the visibility hides.
 */
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { and, FALSE, GLOB_STAR, matchesAny, or, TRUE } from './globs';
import { ASSOCIATIONS, TAGS, type AssociationsTable, type InventoryDatabase } from './schema';
import type { InventoryEngine, InventoryFilter, Visibility, VisibilityGrant } from './types';

export const ALIAS = 'a';
const column = (name: string) => `${ALIAS}.${name}`;

/** The associations, aliased `a`, as every read starts from them. */
export type AssociationsQuery = SelectQueryBuilder<InventoryDatabase & { a: AssociationsTable }, 'a', object>;

/**
 * The associations, joined to their tag row when the filter names a tag. The tags' primary key
 * holds the key, so the join gives each association at most once; and the planner may start from
 * either side: from the tags index for a rare tag, from an order's index for a common one.
 */
export function associationsFrom(db: Kysely<InventoryDatabase>, filter: InventoryFilter): AssociationsQuery {
  const from = db.selectFrom(`${ASSOCIATIONS} as ${ALIAS}`);
  const tag = filter.tag;
  if (tag === undefined) return from;
  const joined = from.innerJoin(`${TAGS} as ft`, (join) => {
    const on = join
      .onRef('ft.account_id', '=', 'a.account_id')
      .onRef('ft.region', '=', 'a.region')
      .onRef('ft.cluster_name', '=', 'a.cluster_name')
      .onRef('ft.association_id', '=', 'a.association_id')
      .on('ft.key', '=', tag.key);
    return tag.value === undefined ? on : on.on('ft.value', '=', tag.value);
  });
  // The joined table is only a condition: no caller selects from it.
  return joined;
}

/** The filter's conditions but the tag's, which `associationsFrom` joins. */
export function filterConditions(engine: InventoryEngine, filter: InventoryFilter): RawBuilder<SqlBool>[] {
  const terms: RawBuilder<SqlBool>[] = [];
  const list = (name: string, values: readonly string[] | undefined, nullable = false) => {
    if (values !== undefined) terms.push(matchesAny(engine, column(name), values, nullable));
  };
  list('account_id', filter.accountIds);
  list('region', filter.regions);
  list('cluster_name', filter.clusterNames);
  list('namespace', one(filter.namespace));
  list('service_account', one(filter.serviceAccount));
  list('role_arn', one(filter.roleArn));
  list('target_role_arn', one(filter.targetRoleArn), true);
  if (filter.ownedByAddon !== undefined) {
    terms.push(
      filter.ownedByAddon
        ? sql`${sql.ref(column('owner_arn'))} is not null`
        : sql`${sql.ref(column('owner_arn'))} is null`,
    );
  }
  const bound = (name: string, op: '>=' | '<', time: Date | undefined) => {
    if (time !== undefined) terms.push(sql<SqlBool>`${sql.ref(column(name))} ${sql.raw(op)} ${time.getTime()}`);
  };
  bound('created_at', '>=', filter.createdAfter);
  bound('created_at', '<', filter.createdBefore);
  bound('modified_at', '>=', filter.modifiedAfter);
  bound('modified_at', '<', filter.modifiedBefore);
  return terms;
}

function one(value: string | undefined): readonly string[] | undefined {
  return value === undefined ? undefined : [value];
}

/** Null: no condition; otherwise what some grant allows. */
export function visibilityCondition(engine: InventoryEngine, visibility: Visibility): RawBuilder<SqlBool> | null {
  if (visibility === null || visibility.some(grantsEverything)) return null;
  if (visibility.length === 0) return FALSE;
  return or(visibility.map((grant) => grantCondition(engine, grant)));
}

function grantsEverything(grant: VisibilityGrant): boolean {
  const any = (values: readonly string[]) => values.includes(GLOB_STAR);
  return (
    (grant.accountIds === GLOB_STAR || any(grant.accountIds)) &&
    any(grant.regions) &&
    any(grant.clusters) &&
    any(grant.namespaces)
  );
}

function grantCondition(engine: InventoryEngine, grant: VisibilityGrant): RawBuilder<SqlBool> {
  return and(
    [
      grant.accountIds === GLOB_STAR ? TRUE : matchesAny(engine, column('account_id'), grant.accountIds),
      matchesAny(engine, column('region'), grant.regions),
      matchesAny(engine, column('cluster_name'), grant.clusters),
      matchesAny(engine, column('namespace'), grant.namespaces),
    ].filter((term) => term !== TRUE),
  );
}

/** Everything a row must satisfy: the filter's conditions and the visibility. */
export function rowConditions(
  engine: InventoryEngine,
  filter: InventoryFilter,
  visibility: Visibility,
): RawBuilder<SqlBool>[] {
  const terms = filterConditions(engine, filter);
  const visible = visibilityCondition(engine, visibility);
  if (visible !== null) terms.push(visible);
  return terms;
}

/**
 * For failures, which have a cluster (or none) but no namespace: a grant covers the scope when
 * it covers its account, region and (if any) cluster, whatever its namespaces.
 */
export function scopeVisibilityCondition(engine: InventoryEngine, visibility: Visibility): RawBuilder<SqlBool> | null {
  if (visibility === null) return null;
  if (visibility.length === 0) return FALSE;
  return or(
    visibility.map((grant) =>
      and(
        [
          grant.accountIds === GLOB_STAR ? TRUE : matchesAny(engine, column('account_id'), grant.accountIds),
          matchesAny(engine, column('region'), grant.regions),
          or([
            sql<SqlBool>`${sql.ref(column('cluster_name'))} is null`,
            matchesAny(engine, column('cluster_name'), grant.clusters),
          ]),
        ].filter((term) => term !== TRUE),
      ),
    ),
  );
}
