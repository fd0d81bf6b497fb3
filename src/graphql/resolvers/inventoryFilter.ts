/**
 * `PodIdentityAssociationFilter` checked and turned into the store's filter. Values are bounded
 * (a glob is at most 2048 characters, a list at most 100 entries), and on a large fleet a glob no
 * index serves (`*-reader`) is refused unless exact cluster names bound the search, so that no
 * search reads the whole inventory for every request.
 */
import { GraphQLError } from 'graphql';
import type { PodIdentityAssociationFilter } from '../../generated/graphql';
import { unindexedGlobFields } from '../../inventory/store';
import type { InventoryFilter } from '../../inventory/store/types';
import { badUserInput } from '../errors';

const MAX_VALUE_LENGTH = 2048;
const MAX_LIST = 100;
/** Above this many associations, a search may not scan them all. */
export const UNINDEXED_SCAN_LIMIT = 10_000;

export function checkFilter(input: PodIdentityAssociationFilter | null, fleetSize: number): InventoryFilter {
  if (!input) return {};
  const filter: InventoryFilter = {};
  const list = (name: string, values: readonly string[] | null | undefined) => {
    if (values === null || values === undefined) return undefined;
    if (values.length > MAX_LIST)
      throw badUserInput(`filter.${name} may list at most ${MAX_LIST} values, received ${values.length}.`, 'filter');
    values.forEach((value) => text(name, value));
    return values;
  };
  const text = (name: string, value: string | null | undefined) => {
    if (value === null || value === undefined) return undefined;
    if (value.length === 0 || value.length > MAX_VALUE_LENGTH)
      throw badUserInput(`filter.${name} must be 1-${MAX_VALUE_LENGTH} characters long.`, 'filter');
    return value;
  };
  const accountIds = list('accountIds', input.accountIds);
  const badAccount = accountIds?.find((id) => !/^[0-9*]{1,12}$/.test(id));
  if (badAccount !== undefined)
    throw badUserInput(
      `filter.accountIds holds "${badAccount.slice(0, 40)}", which is no 12-digit account id.`,
      'filter',
    );
  assign(filter, 'accountIds', accountIds);
  assign(filter, 'regions', list('regions', input.regions));
  assign(filter, 'clusterNames', list('clusterNames', input.clusterNames));
  assign(filter, 'namespace', text('namespace', input.namespace));
  assign(filter, 'serviceAccount', text('serviceAccount', input.serviceAccount));
  assign(filter, 'roleArn', text('roleArn', input.roleArn));
  assign(filter, 'targetRoleArn', text('targetRoleArn', input.targetRoleArn));
  if (input.tag) {
    const key = text('tag.key', input.tag.key) as string;
    const value = input.tag.value ?? undefined;
    if (value !== undefined && value.length > 256)
      throw badUserInput('filter.tag.value is at most 256 characters.', 'filter');
    filter.tag = value === undefined ? { key } : { key, value };
  }
  assign(filter, 'ownedByAddon', input.ownedByAddon ?? undefined);
  assign(filter, 'createdAfter', input.createdAfter ?? undefined);
  assign(filter, 'createdBefore', input.createdBefore ?? undefined);
  assign(filter, 'modifiedAfter', input.modifiedAfter ?? undefined);
  assign(filter, 'modifiedBefore', input.modifiedBefore ?? undefined);
  refuseScans(filter, fleetSize);
  return filter;
}

function assign<K extends keyof InventoryFilter>(
  filter: InventoryFilter,
  key: K,
  value: InventoryFilter[K] | undefined,
) {
  if (value !== undefined) filter[key] = value;
}

/** A large fleet is searched through indexes: exact cluster names, or globs with a literal prefix. */
function refuseScans(filter: InventoryFilter, fleetSize: number): void {
  if (fleetSize <= UNINDEXED_SCAN_LIMIT) return;
  const bounded = filter.clusterNames !== undefined && filter.clusterNames.every((name) => !name.includes('*'));
  const unindexed = unindexedGlobFields(filter).filter((field) => field !== 'regions');
  if (bounded || unindexed.length === 0) return;
  throw new GraphQLError(
    `The inventory holds ${fleetSize} associations, and a glob that starts with "*" (in ${unindexed.map((f) => `filter.${f}`).join(', ')}) would read them all: give it a literal prefix (team-*), or name the clusters exactly (filter.clusterNames).`,
    { extensions: { code: 'QUERY_TOO_COSTLY', fields: unindexed } },
  );
}
