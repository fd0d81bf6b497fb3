/**
 * The fleet inventory's fields: searches, counts and role look-ups answered from the store
 * under the caller's visibility (its policy as SQL), with no EKS call. Each costs database
 * queries instead, bounded per request (`inventoryQuery`).
 */
import { GraphQLError } from 'graphql';
import type {
  FleetAssociationConnectionResolvers,
  FleetAssociationEdgeResolvers,
  InventoryFailureResolvers,
  InventoryResolvers,
  PodIdentityAssociationOrder,
  QueryResolvers,
  RoleResolvers,
} from '../../generated/graphql';
import type { FleetInventory } from '../../inventory/fleetInventory';
import { MAX_SEARCH_PAGE } from '../../inventory/store';
import type {
  InventoryCounts,
  InventoryFilter,
  InventoryRow,
  SearchPage,
  Visibility,
} from '../../inventory/store/types';
import { roleArnProblem } from '../../security/roleArn';
import { once, type GatewayContext } from '../context';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../costModel';
import { badUserInput } from '../errors';
import { inTurn } from '../limits/eventLoopTurns';
import type { AssociationModel, FleetConnectionModel } from '../models';
import { checkFilter } from './inventoryFilter';

/** What a request may reach of the inventory. */
export interface InventoryAccess {
  readonly inventory: FleetInventory;
  /** The caller's policy as the store applies it; null: it may read everything. */
  readonly visibility: Visibility;
  /** Database queries this request has made, against MAX_INVENTORY_QUERIES. */
  queries: number;
}

/** Database queries one request may make: each search, count, grouping and look-up is one. */
export const MAX_INVENTORY_QUERIES = 20;
const DEFAULT_GROUPS = 20;
const MAX_GROUPS = 100;

function access(ctx: GatewayContext): InventoryAccess {
  if (!ctx.inventory) {
    throw new GraphQLError('The fleet inventory is off here (INVENTORY=off); search a cluster instead.', {
      extensions: { code: 'INVENTORY_OFF' },
    });
  }
  return ctx.inventory;
}

/** Counts one database query of the request; past the budget, QUERY_TOO_COSTLY. */
function inventoryQuery(ctx: GatewayContext): InventoryAccess {
  const reach = access(ctx);
  reach.queries += 1;
  if (reach.queries > MAX_INVENTORY_QUERIES) {
    throw new GraphQLError(
      `This request asks the inventory more than ${MAX_INVENTORY_QUERIES} times (each page, totalCount, countsBy and role look-up is one); split it.`,
      { extensions: { code: 'QUERY_TOO_COSTLY', limit: MAX_INVENTORY_QUERIES } },
    );
  }
  return reach;
}

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > Math.min(MAX_PAGE_SIZE, MAX_SEARCH_PAGE)) {
    throw badUserInput(`\`first\` must be from 1 to ${MAX_PAGE_SIZE}, received ${first}.`, 'first');
  }
  return first;
}

function rowModel(row: InventoryRow): AssociationModel {
  const { syncedAt, stale: _stale, ...detail } = row;
  return { __typename: 'PodIdentityAssociation', summary: detail, detail, syncedAt };
}

function connection(page: SearchPage, filter: InventoryFilter): FleetConnectionModel {
  return {
    edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: rowModel(edge.row) })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      start: page.edges[0]?.cursor ?? null,
      end: page.edges.length > 0 ? page.endCursor : null,
    },
    filter,
  };
}

async function searchPage(
  ctx: GatewayContext,
  filter: InventoryFilter,
  args: { first?: number | null; after?: string | null; orderBy?: PodIdentityAssociationOrder | null },
): Promise<FleetConnectionModel> {
  const first = pageSize(args.first);
  const reach = inventoryQuery(ctx);
  const orderBy = args.orderBy ? { field: args.orderBy.field, direction: args.orderBy.direction ?? 'ASC' } : undefined;
  try {
    const page = await reach.inventory.store.search({
      filter,
      ...(orderBy ? { orderBy } : {}),
      first,
      after: args.after ?? null,
      visibility: reach.visibility,
    });
    return connection(page, filter);
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidCursorError') throw badUserInput(error.message, 'after');
    throw error;
  }
}

const query: Pick<QueryResolvers, 'podIdentityAssociations' | 'role' | 'inventory'> = {
  podIdentityAssociations: (_, args, ctx) => {
    const filter = checkFilter(args.filter ?? null, access(ctx).inventory.rowCount);
    return searchPage(ctx, filter, args);
  },
  role: (_, { arn }) => {
    const problem = roleArnProblem(arn);
    if (problem) throw badUserInput(`\`arn\` ${problem}: ${JSON.stringify(arn.slice(0, 300))}.`, 'arn');
    const [, accountId = '', path = ''] = /^arn:[^:]+:iam::(\d{12}):role\/(.*)$/s.exec(arn) ?? [];
    return { arn, accountId, name: path.slice(path.lastIndexOf('/') + 1) };
  },
  inventory: () => ({ __typename: 'Inventory' }),
};
export { query as inventoryQueries };

export const FleetAssociationConnection: FleetAssociationConnectionResolvers = {
  edges: (c, _, ctx) => inTurn(ctx, c.edges),
  nodes: (c, _, ctx) =>
    inTurn(
      ctx,
      c.edges.map((e) => e.node),
    ),
  pageInfo: (c) => c.pageInfo,
  totalCount: (c, _, ctx) => {
    const reach = inventoryQuery(ctx);
    return reach.inventory.store.totalCount(c.filter, reach.visibility);
  },
  countsBy: async (c, { field, first }, ctx) => {
    const limit = first ?? DEFAULT_GROUPS;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GROUPS)
      throw badUserInput(`\`first\` must be from 1 to ${MAX_GROUPS}, received ${limit}.`, 'first');
    const reach = inventoryQuery(ctx);
    const buckets = await reach.inventory.store.countsBy(field, c.filter, reach.visibility, limit);
    return buckets.map((b) => ({
      value: field === 'CLUSTER' ? `${b.accountId ?? ''}/${b.region ?? ''}/${b.value}` : b.value,
      count: b.count,
    }));
  },
};

export const FleetAssociationEdge: FleetAssociationEdgeResolvers = {
  cursor: (e) => e.cursor,
  node: (e) => e.node,
};

export const Role: RoleResolvers = {
  arn: (r) => r.arn,
  accountId: (r) => r.accountId,
  name: (r) => r.name,
  // A role ARN holds no `*` (roleArnProblem refused it), so the ARN is an exact filter value.
  associations: (r, args, ctx) => searchPage(ctx, { roleArn: r.arn }, args),
  targetRoleAssociations: (r, args, ctx) => searchPage(ctx, { targetRoleArn: r.arn }, args),
  clusterCount: async (r, _, ctx) => {
    const reach = inventoryQuery(ctx);
    return (await reach.inventory.store.roleUsage(r.arn, reach.visibility, 0)).clusterCount;
  },
};

export const Inventory: InventoryResolvers = {
  state: async (_, __, ctx) => (await state(ctx))?.state ?? 'OFF',
  lastSweepStartedAt: async (_, __, ctx) => (await state(ctx))?.lastSweepStartedAt ?? null,
  lastSweepEndedAt: async (_, __, ctx) => (await state(ctx))?.lastSweepEndedAt ?? null,
  accountCount: async (_, __, ctx) => (await counts(ctx))?.accounts ?? 0,
  clusterCount: async (_, __, ctx) => (await counts(ctx))?.clusters ?? 0,
  associationCount: async (_, __, ctx) => (await counts(ctx))?.associations ?? 0,
  failures: (_, __, ctx) => {
    const reach = ctx.inventory;
    if (!reach) return [];
    return once(ctx, 'inventory:failures', () => reach.inventory.store.listFailures(reach.visibility));
  },
};

/** The inventory's state under the caller's visibility, once per request (however many fields or aliases ask). */
function state(ctx: GatewayContext) {
  const reach = ctx.inventory;
  if (!reach) return Promise.resolve(null);
  return once(ctx, 'inventory:state', () => reach.inventory.state(reach.visibility));
}

/** The inventory's counts under the caller's visibility, once per request. */
function counts(ctx: GatewayContext): Promise<InventoryCounts | null> {
  const reach = ctx.inventory;
  if (!reach) return Promise.resolve(null);
  return once(ctx, 'inventory:counts', () => reach.inventory.store.counts(reach.visibility));
}

export const InventoryFailure: InventoryFailureResolvers = {
  accountId: (f) => f.accountId,
  region: (f) => f.region,
  clusterName: (f) => f.clusterName,
  code: (f) => f.code,
  message: (f) => f.message,
  since: (f) => f.since,
};
