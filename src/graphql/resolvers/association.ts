import { GraphQLError } from 'graphql';
import type { AssociationDetail } from '../../eks/types';
import type {
  PodIdentityAssociationConnectionResolvers,
  PodIdentityAssociationEdgeResolvers,
  PodIdentityAssociationResolvers,
} from '../../generated/graphql';
import type { GatewayContext } from '../context';
import { encodeCursor } from '../cursors';
import { associationId } from '../ids';
import { inTurn } from '../limits/eventLoopTurns';
import { clusterModel, tagList, type AssociationModel } from '../models';
import { associationDiagnosis } from './diagnosis';

/**
 * The DescribePodIdentityAssociation result: from the model when a Describe or a mutation
 * produced it, otherwise through the loader (one call per association per request).
 */
async function detail(a: AssociationModel, ctx: GatewayContext): Promise<AssociationDetail> {
  if (a.detail) return a.detail;
  const { accountId, region, clusterName, associationId: id } = a.summary;
  const loaded = await ctx.loaders.association.load({ accountId, region, clusterName, associationId: id });
  if (!loaded) {
    throw new GraphQLError(`Association ${id} of cluster ${clusterName} no longer exists.`, {
      extensions: { code: 'NOT_FOUND' },
    });
  }
  return loaded;
}

/** Per request, the detail load of each association: its eight detail fields share one. */
const detailLoads = new WeakMap<GatewayContext, WeakMap<AssociationModel, Promise<AssociationDetail>>>();

/**
 * A detail field: at once when the model has the detail (no promise for graphql-js to wait on),
 * else from the association's one load of this request.
 */
function detailField<T>(a: AssociationModel, ctx: GatewayContext, pick: (d: AssociationDetail) => T): T | Promise<T> {
  if (a.detail) return pick(a.detail);
  let loads = detailLoads.get(ctx);
  if (!loads) {
    loads = new WeakMap();
    detailLoads.set(ctx, loads);
  }
  let load = loads.get(a);
  if (!load) {
    load = detail(a, ctx);
    loads.set(a, load);
  }
  return load.then(pick);
}

export const PodIdentityAssociation: PodIdentityAssociationResolvers = {
  id: (a) => associationId(a.summary),
  associationId: (a) => a.summary.associationId,
  associationArn: (a) => a.summary.associationArn,
  cluster: (a) => clusterModel(a.summary, a.summary.clusterName),
  clusterName: (a) => a.summary.clusterName,
  accountId: (a) => a.summary.accountId,
  region: (a) => a.summary.region,
  namespace: (a) => a.summary.namespace,
  serviceAccount: (a) => a.summary.serviceAccount,
  ownerArn: (a) => a.summary.ownerArn,
  roleArn: (a, _, ctx) => detailField(a, ctx, (d) => d.roleArn),
  targetRoleArn: (a, _, ctx) => detailField(a, ctx, (d) => d.targetRoleArn),
  externalId: (a, _, ctx) => detailField(a, ctx, (d) => d.externalId),
  disableSessionTags: (a, _, ctx) => detailField(a, ctx, (d) => d.disableSessionTags),
  policy: (a, _, ctx) => detailField(a, ctx, (d) => d.policy),
  tags: (a, _, ctx) => detailField(a, ctx, (d) => tagList(d.tags)),
  createdAt: (a, _, ctx) => detailField(a, ctx, (d) => d.createdAt),
  modifiedAt: (a, _, ctx) => detailField(a, ctx, (d) => d.modifiedAt),
  syncedAt: (a) => a.syncedAt ?? null,
  diagnosis: (a, _, ctx) => associationDiagnosis(a, ctx),
};

export const PodIdentityAssociationConnection: PodIdentityAssociationConnectionResolvers = {
  // Long pages complete in a turn of the event loop of their own (see eventLoopTurns.ts).
  edges: (c, _, ctx) => inTurn(ctx, c.edges),
  nodes: (c, _, ctx) =>
    inTurn(
      ctx,
      c.edges.map((e) => e.node),
    ),
  pageInfo: (c) => c.pageInfo,
};

export const PodIdentityAssociationEdge: PodIdentityAssociationEdgeResolvers = {
  cursor: (e) => encodeCursor(e.cursor),
  node: (e) => e.node,
};
