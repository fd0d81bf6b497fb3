/**
 * The inventory's search written again over an array, plainly, for the tests to compare the
 * store with: the same filters, visibility, orders and counts. Strings in the tests are ASCII,
 * where JavaScript's comparison is the engines' byte order.
 */
import type {
  CountBucket,
  CountField,
  InventoryFilter,
  InventoryOrder,
  InventoryRow,
  Visibility,
} from '../../src/inventory/store';

export function globMatches(glob: string, value: string): boolean {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${source}$`).test(value);
}

const anyOf = (values: readonly string[], value: string | null) =>
  value !== null && values.some((glob) => globMatches(glob, value));

export function matchesFilter(row: InventoryRow, filter: InventoryFilter): boolean {
  const time = (date: Date | null) => date?.getTime() ?? null;
  const bound = (value: number | null, after?: Date, before?: Date) =>
    (after === undefined || (value !== null && value >= after.getTime())) &&
    (before === undefined || (value !== null && value < before.getTime()));
  return (
    (filter.accountIds === undefined || anyOf(filter.accountIds, row.accountId)) &&
    (filter.regions === undefined || anyOf(filter.regions, row.region)) &&
    (filter.clusterNames === undefined || anyOf(filter.clusterNames, row.clusterName)) &&
    (filter.namespace === undefined || anyOf([filter.namespace], row.namespace)) &&
    (filter.serviceAccount === undefined || anyOf([filter.serviceAccount], row.serviceAccount)) &&
    (filter.roleArn === undefined || anyOf([filter.roleArn], row.roleArn)) &&
    (filter.targetRoleArn === undefined || anyOf([filter.targetRoleArn], row.targetRoleArn)) &&
    (filter.tag === undefined ||
      (Object.hasOwn(row.tags, filter.tag.key) &&
        (filter.tag.value === undefined || row.tags[filter.tag.key] === filter.tag.value))) &&
    (filter.ownedByAddon === undefined || filter.ownedByAddon === (row.ownerArn !== null)) &&
    bound(time(row.createdAt), filter.createdAfter, filter.createdBefore) &&
    bound(time(row.modifiedAt), filter.modifiedAfter, filter.modifiedBefore)
  );
}

export function isVisible(row: InventoryRow, visibility: Visibility): boolean {
  if (visibility === null) return true;
  return visibility.some(
    (grant) =>
      (grant.accountIds === '*' || anyOf(grant.accountIds, row.accountId)) &&
      anyOf(grant.regions, row.region) &&
      anyOf(grant.clusters, row.clusterName) &&
      anyOf(grant.namespaces, row.namespace),
  );
}

type SortValue = string | number | null;

export function orderKey(row: InventoryRow, field: InventoryOrder['field']): SortValue[] {
  const key = [row.accountId, row.region, row.clusterName, row.associationId];
  switch (field) {
    case 'CLUSTER':
      return [row.clusterName, row.accountId, row.region, row.associationId];
    case 'NAMESPACE':
      return [row.namespace, row.serviceAccount, ...key];
    case 'SERVICE_ACCOUNT':
      return [row.serviceAccount, row.namespace, ...key];
    case 'CREATED_AT':
      return [row.createdAt?.getTime() ?? null, ...key];
    case 'MODIFIED_AT':
      return [row.modifiedAt?.getTime() ?? null, ...key];
  }
}

/** NULL first; strings and numbers by value. */
export function compareKeys(a: readonly SortValue[], b: readonly SortValue[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function referenceSearch(
  rows: readonly InventoryRow[],
  filter: InventoryFilter,
  order: InventoryOrder,
  visibility: Visibility,
): InventoryRow[] {
  const sign = order.direction === 'ASC' ? 1 : -1;
  return rows
    .filter((row) => matchesFilter(row, filter) && isVisible(row, visibility))
    .sort((a, b) => sign * compareKeys(orderKey(a, order.field), orderKey(b, order.field)));
}

export function referenceCounts(
  rows: readonly InventoryRow[],
  field: CountField,
  filter: InventoryFilter,
  visibility: Visibility,
  limit = 100,
): CountBucket[] {
  const buckets = new Map<string, CountBucket>();
  const add = (value: string, extra: Partial<CountBucket> = {}) => {
    const id = JSON.stringify([value, extra.accountId, extra.region]);
    const bucket = buckets.get(id) ?? { value, count: 0, ...extra };
    bucket.count += 1;
    buckets.set(id, bucket);
  };
  for (const row of rows) {
    if (!matchesFilter(row, filter) || !isVisible(row, visibility)) continue;
    if (field === 'ACCOUNT') add(row.accountId);
    else if (field === 'REGION') add(row.region);
    else if (field === 'CLUSTER') add(row.clusterName, { accountId: row.accountId, region: row.region });
    else if (field === 'NAMESPACE') add(row.namespace);
    else if (field === 'ROLE') add(row.roleArn);
    else if (field === 'TARGET_ROLE') {
      if (row.targetRoleArn !== null) add(row.targetRoleArn);
    } else for (const key of Object.keys(row.tags)) add(key);
  }
  return [...buckets.values()]
    .sort(
      (a, b) =>
        b.count - a.count ||
        compareKeys([a.value, a.accountId ?? null, a.region ?? null], [b.value, b.accountId ?? null, b.region ?? null]),
    )
    .slice(0, limit);
}
