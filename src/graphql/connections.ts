/**
 * The two connections of the schema, built from EKS List calls: a cluster's associations (one
 * List call per page when paging by `endCursor`) and the clusters of every served region
 * (region after region, in the configured order).
 */
import { EksError } from '../eks/errors';
import type { ClusterKey, EksPage } from '../eks/types';
import { once, type GatewayContext } from './context';
import { decodeCursor, type CursorPlace, type CursorScope, type Position } from './cursors';
import { badUserInput } from './errors';
import { checkNamespace, checkRegion, checkServiceAccount, collect } from './inputRules';
import {
  associationModel,
  clusterModel,
  type AssociationConnectionModel,
  type ClusterConnectionModel,
  type ConnectionModel,
  type EdgeModel,
  type PageInfoModel,
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
  const key = JSON.stringify(['PodIdentityAssociations', cluster.accountId, cluster.region, cluster.name, ...ARG_ORDER.map((a) => args[a] ?? null)]);
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
  const start = args.after !== undefined && args.after !== null ? decodeCursor(args.after, scope) : { token: null, skip: 0 };
  const fetch = staleTokenAware((token, maxResults) =>
    ctx.service.listAssociations({ accountId: cluster.accountId, region: cluster.region }, cluster.name, { namespace, serviceAccount, maxResults, nextToken: token }),
  );
  const page = await readForward(fetch, start, first);
  return connection(page.items, page.hasNextPage, (summary, after) => ({
    cursor: { scope, position: after, region: null },
    node: associationModel(summary),
  }));
}

export async function clusterConnection(
  ctx: GatewayContext,
  args: PageArgs & { region?: string | null },
): Promise<ClusterConnectionModel> {
  const first = pageSize(args);
  if (args.region !== undefined && args.region !== null) {
    const problem = checkRegion(args.region, ctx.regions);
    if (problem) throw badUserInput(`region ${problem}.`, 'region');
  }
  const regions = args.region ? [args.region] : [...ctx.regions];
  const scope: CursorScope = ['Clusters', args.region ?? null];
  let regionIndex = 0;
  let start: Position = { token: null, skip: 0 };
  if (args.after !== undefined && args.after !== null) {
    const cursor = decodeCursor(args.after, scope);
    regionIndex = regions.indexOf(cursor.region ?? '');
    if (regionIndex < 0) throw badUserInput('The `after` cursor names a region this gateway no longer serves.', 'after');
    start = cursor;
  }

  // The regions are listed in parallel, each for a whole page: a page that spans regions (the
  // usual case, fleets have few clusters per region) then costs one round trip, not one per
  // region. Regions past the one that fills the page were listed for nothing; that is the price.
  const pending = regions.slice(regionIndex).map((region, i) => {
    const fetch = staleTokenAware((token, maxResults) => ctx.service.listClusters({ accountId: ctx.defaultAccountId, region }, maxResults, token));
    const page = readForward(fetch, i === 0 ? start : { token: null, skip: 0 }, first);
    page.catch(() => {}); // awaited below, unless an earlier region fills the page first
    return { region, page };
  });
  const edges: Array<EdgeModel<ReturnType<typeof clusterModel>>> = [];
  let hasNextPage = false;
  for (const [i, { region, page: pagePromise }] of pending.entries()) {
    const page = await pagePromise;
    const wanted = page.items.slice(0, first - edges.length);
    for (const { item, after } of wanted) {
      edges.push({ cursor: { scope, position: after, region }, node: clusterModel({ accountId: ctx.defaultAccountId, region }, item) });
    }
    const regionHasMore = page.hasNextPage || page.items.length > wanted.length;
    const laterRegion = pending[i + 1]?.region;
    // When a region runs out exactly at the page's end, the next page starts with the next
    // region, which may have no clusters: a Relay client then gets one empty last page.
    hasNextPage = regionHasMore || laterRegion !== undefined;
    if (edges.length < first) continue;
    if (!regionHasMore && laterRegion !== undefined) {
      const last = edges[edges.length - 1] as EdgeModel<ReturnType<typeof clusterModel>>;
      last.cursor = { scope, position: { token: null, skip: 0 }, region: laterRegion };
    }
    break;
  }
  return { edges, pageInfo: pageInfo(edges, hasNextPage) };
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
