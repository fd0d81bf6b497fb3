/**
 * The two connections of the schema, built from EKS List calls: a cluster's associations (one
 * List call per page when paging by `endCursor`) and the clusters of every served region
 * (region after region, in the configured order).
 */
import type { ServedAccount } from '../accountsFile';
import { AccountUnavailable } from '../eks/assumedRoles';
import { EksError } from '../eks/errors';
import type { ClusterKey, EksPage } from '../eks/types';
import { once, type GatewayContext } from './context';
import { decodeCursor, type CursorPlace, type CursorScope, type Position } from './cursors';
import { badUserInput } from './errors';
import { checkAccount, checkNamespace, checkRegion, checkServiceAccount, collect } from './inputRules';
import {
  associationModel,
  clusterModel,
  type AssociationConnectionModel,
  type ClusterConnectionModel,
  type ConnectionModel,
  type EdgeModel,
  type PageInfoModel,
  type UnavailableAccountModel,
} from './models';
import { pageSize, readForward, type FetchPage, type PageArgs, type PagedItem } from './pagination';

export interface AssociationFilters {
  namespace?: string | null;
  serviceAccount?: string | null;
}

/**
 * A cluster's associations for these arguments, computed once per request: a parent that
 * prefetched it (see `findCluster`) and the field itself share one List call.
 */
export function associationConnection(
  ctx: GatewayContext,
  cluster: ClusterKey,
  args: PageArgs & AssociationFilters,
): Promise<AssociationConnectionModel> {
  const key = JSON.stringify([
    'PodIdentityAssociations',
    cluster.accountId,
    cluster.region,
    cluster.name,
    ...ARG_ORDER.map((a) => args[a] ?? null),
  ]);
  return once(ctx, key, () => listAssociations(ctx, cluster, args));
}

const ARG_ORDER = ['first', 'after', 'last', 'before', 'namespace', 'serviceAccount'] as const;

async function listAssociations(
  ctx: GatewayContext,
  cluster: ClusterKey,
  args: PageArgs & AssociationFilters,
): Promise<AssociationConnectionModel> {
  const first = pageSize(args);
  const problems = collect([
    ['namespace', args.namespace, checkNamespace],
    ['serviceAccount', args.serviceAccount, checkServiceAccount],
  ]);
  if (problems[0]) throw badUserInput(`${problems[0].message}.`, problems[0].field);
  const namespace = args.namespace ?? undefined;
  const serviceAccount = args.serviceAccount ?? undefined;
  // Cursors of the gateway's own account keep their earlier scope, so they stay valid.
  const scope: CursorScope = [
    'PodIdentityAssociations',
    ...(cluster.accountId === ctx.defaultAccountId ? [] : [cluster.accountId]),
    cluster.region,
    cluster.name,
    namespace ?? null,
    serviceAccount ?? null,
  ];
  const start =
    args.after !== undefined && args.after !== null ? decodeCursor(args.after, scope) : { token: null, skip: 0 };
  const fetch = staleTokenAware((token, maxResults) =>
    ctx.service.listAssociations({ accountId: cluster.accountId, region: cluster.region }, cluster.name, {
      namespace,
      serviceAccount,
      maxResults,
      nextToken: token,
    }),
  );
  const page = await readForward(fetch, start, first);
  return connection(page.items, page.hasNextPage, (summary, after) => ({
    cursor: { scope, position: after, region: null },
    node: associationModel(summary),
  }));
}

/** Where the clusters list walks: the (account, region) pairs asked for, in the configured order. */
interface Location {
  account: ServedAccount;
  region: string;
}

/**
 * How a cursor names the pair it resumes in: the region alone for the default account (so
 * cursors from before accounts stay valid), `account/region` for the others.
 */
function locationName(ctx: GatewayContext, at: Location): string {
  return at.account.accountId === ctx.defaultAccountId ? at.region : `${at.account.accountId}/${at.region}`;
}

/**
 * The clusters of every served account and region, or of one account or region. `single` is
 * set for `Account.clusters`: there an account that cannot be assumed fails the field itself.
 */
export async function clusterConnection(
  ctx: GatewayContext,
  args: PageArgs & { region?: string | null; accountId?: string | null },
  single = false,
): Promise<ClusterConnectionModel> {
  const first = pageSize(args);
  const accounts =
    args.accountId !== undefined && args.accountId !== null ? [servedAccount(ctx, args.accountId)] : ctx.accounts;
  if (args.region !== undefined && args.region !== null) {
    const known = [...new Set(accounts.flatMap((a) => a.regions))];
    const problem = checkRegion(args.region, known);
    if (problem) throw badUserInput(`region ${problem}.`, 'region');
  }
  const locations: Location[] = accounts.flatMap((account) =>
    account.regions.filter((region) => !args.region || region === args.region).map((region) => ({ account, region })),
  );
  const scope: CursorScope =
    single || args.accountId
      ? ['Clusters', args.region ?? null, args.accountId ?? null]
      : ['Clusters', args.region ?? null];
  let startIndex = 0;
  let start: Position = { token: null, skip: 0 };
  if (args.after !== undefined && args.after !== null) {
    const cursor = decodeCursor(args.after, scope);
    startIndex = locations.findIndex((at) => locationName(ctx, at) === cursor.region);
    if (startIndex < 0)
      throw badUserInput('The `after` cursor names an account or region this gateway no longer serves.', 'after');
    start = cursor;
  }

  // The pairs are listed in parallel, each for a whole page: a page that spans them (the usual
  // case, fleets have few clusters per region) then costs one round trip, not one per pair.
  // Pairs past the one that fills the page were listed for nothing; that is the price.
  const pending = locations.slice(startIndex).map((at, i) => {
    const where = { accountId: at.account.accountId, region: at.region };
    const fetch = staleTokenAware((token, maxResults) => ctx.service.listClusters(where, maxResults, token));
    const page = readForward(fetch, i === 0 ? start : { token: null, skip: 0 }, first);
    page.catch(() => {}); // awaited below, unless an earlier pair fills the page first
    return { at, page };
  });
  const edges: Array<EdgeModel<ReturnType<typeof clusterModel>>> = [];
  const unavailable = new Map<string, UnavailableAccountModel>();
  let hasNextPage = false;
  for (const [i, { at, page: pagePromise }] of pending.entries()) {
    let page: Awaited<typeof pagePromise>;
    try {
      page = await pagePromise;
    } catch (error) {
      // One account that cannot be assumed leaves the others' clusters in the page.
      if (single || !(error instanceof AccountUnavailable)) throw error;
      unavailable.set(error.accountId, unavailableAccount(at.account, error));
      hasNextPage = pending[i + 1] !== undefined;
      continue;
    }
    const wanted = page.items.slice(0, first - edges.length);
    const where = { accountId: at.account.accountId, region: at.region };
    for (const { item, after } of wanted) {
      edges.push({
        cursor: { scope, position: after, region: locationName(ctx, at) },
        node: clusterModel(where, item),
      });
    }
    const pairHasMore = page.hasNextPage || page.items.length > wanted.length;
    const later = pending[i + 1]?.at;
    // When a pair runs out exactly at the page's end, the next page starts with the next pair,
    // which may have no clusters: a Relay client then gets one empty last page.
    hasNextPage = pairHasMore || later !== undefined;
    if (edges.length < first) continue;
    if (!pairHasMore && later !== undefined) {
      const last = edges[edges.length - 1] as EdgeModel<ReturnType<typeof clusterModel>>;
      last.cursor = { scope, position: { token: null, skip: 0 }, region: locationName(ctx, later) };
    }
    break;
  }
  return { edges, pageInfo: pageInfo(edges, hasNextPage), unavailableAccounts: [...unavailable.values()] };
}

/** A served account by id; BAD_USER_INPUT for any other. */
export function servedAccount(ctx: GatewayContext, accountId: string, argument = 'accountId'): ServedAccount {
  const problem = checkAccount(accountId, ctx.accountIds);
  const account = ctx.accounts.find((a) => a.accountId === accountId);
  const named = argument === 'id' ? 'The account of id' : argument;
  if (problem || !account) throw badUserInput(`${named} ${problem ?? 'is not served'}.`, argument);
  return account;
}

function unavailableAccount(account: ServedAccount, error: AccountUnavailable): UnavailableAccountModel {
  return {
    accountId: account.accountId,
    name: account.name,
    code: 'ACCOUNT_UNAVAILABLE',
    stsError: error.stsError,
    message: error.message,
  };
}

function connection<T, N>(
  items: Array<PagedItem<T>>,
  hasNextPage: boolean,
  toEdge: (item: T, after: Position) => EdgeModel<N>,
): ConnectionModel<N> {
  const edges = items.map(({ item, after }) => toEdge(item, after));
  return { edges, pageInfo: pageInfo(edges, hasNextPage) };
}

function pageInfo(edges: Array<{ cursor: CursorPlace }>, hasNextPage: boolean): PageInfoModel {
  return {
    hasNextPage,
    hasPreviousPage: false,
    start: edges[0]?.cursor ?? null,
    end: edges[edges.length - 1]?.cursor ?? null,
  };
}

/** EKS refuses a token it no longer honours; that is the client's stale cursor, not a fault. */
function staleTokenAware<T>(fetch: FetchPage<T>): FetchPage<T> {
  return async (token, maxResults): Promise<EksPage<T>> => {
    try {
      return await fetch(token, maxResults);
    } catch (error) {
      if (token !== null && error instanceof EksError && error.kind === 'InvalidParameter') {
        throw badUserInput(
          'The `after` cursor is no longer valid (EKS refused its page token); start again without `after`.',
          'after',
        );
      }
      throw error;
    }
  };
}
