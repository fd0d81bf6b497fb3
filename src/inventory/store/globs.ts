/**
 * Globs in filters and grants: `*` matches any run of characters, every other character itself.
 * A glob with a literal prefix (anything before its first `*`) is a range of the column's
 * index on both engines; one that starts with `*` reads every row the other conditions leave.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { globMatch } from './engine';
import type { InventoryEngine, InventoryFilter } from './types';

export const GLOB_STAR = '*';

export function isGlob(value: string): boolean {
  return value.includes(GLOB_STAR);
}

/** The characters before the first `*`: all of an exact value, `''` for `*-api`. */
export function globLiteralPrefix(glob: string): string {
  const star = glob.indexOf(GLOB_STAR);
  return star === -1 ? glob : glob.slice(0, star);
}

/** True when the glob (or exact value) can be answered from an index: it does not start with `*`. */
export function globUsesIndex(glob: string): boolean {
  return globLiteralPrefix(glob) !== '';
}

type GlobField =
  'accountIds' | 'regions' | 'clusterNames' | 'namespace' | 'serviceAccount' | 'roleArn' | 'targetRoleArn';

/**
 * The filter's fields holding a glob no index serves (`*-api`; `*` alone too, which matches
 * everything), for a caller that refuses them on a large fleet unless another condition bounds
 * the search. Regions have no index of their own: a region list is always answered by a scan.
 */
export function unindexedGlobFields(filter: InventoryFilter): GlobField[] {
  const fields: GlobField[] = [];
  const check = (field: GlobField, values: readonly string[] | string | undefined) => {
    if (values === undefined) return;
    const list = typeof values === 'string' ? [values] : values;
    if (list.some((value) => !globUsesIndex(value))) fields.push(field);
  };
  check('accountIds', filter.accountIds);
  check('regions', filter.regions);
  check('clusterNames', filter.clusterNames);
  check('namespace', filter.namespace);
  check('serviceAccount', filter.serviceAccount);
  check('roleArn', filter.roleArn);
  check('targetRoleArn', filter.targetRoleArn);
  return fields;
}

export const TRUE: RawBuilder<SqlBool> = sql<SqlBool>`1 = 1`;
export const FALSE: RawBuilder<SqlBool> = sql<SqlBool>`1 = 0`;

/**
 * The column matches one of the values (exact, or globs). An empty list matches nothing; `*`
 * matches everything, a NULL too unless `nullable` (then it means "is set").
 */
export function matchesAny(
  engine: InventoryEngine,
  column: string,
  values: readonly string[],
  nullable = false,
): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (values.includes(GLOB_STAR)) return nullable ? sql<SqlBool>`${ref} is not null` : TRUE;
  const exact = values.filter((value) => !isGlob(value));
  const terms = values.filter(isGlob).map((glob) => globMatch(engine, ref, glob));
  if (exact.length === 1) terms.unshift(sql<SqlBool>`${ref} = ${exact[0]}`);
  else if (exact.length > 1) terms.unshift(sql<SqlBool>`${ref} in (${sql.join(exact)})`);
  return or(terms);
}

export function and(terms: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  if (terms.length === 0) return TRUE;
  if (terms.length === 1) return terms[0] as RawBuilder<SqlBool>;
  return sql<SqlBool>`(${sql.join(terms, sql` and `)})`;
}

export function or(terms: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  if (terms.length === 0) return FALSE;
  if (terms.length === 1) return terms[0] as RawBuilder<SqlBool>;
  return sql<SqlBool>`(${sql.join(terms, sql` or `)})`;
}
