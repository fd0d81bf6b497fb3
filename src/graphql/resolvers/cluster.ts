import { GraphQLError } from 'graphql';
import type { ClusterDetail } from '../../eks/types';
import type {
  ClusterConnectionResolvers,
  ClusterEdgeResolvers,
  ClusterResolvers,
  ClusterStatus,
} from '../../generated/graphql';
import { associationConnection, servedAccount } from '../connections';
import type { GatewayContext } from '../context';
import { encodeCursor } from '../cursors';
import { clusterId } from '../ids';
import { inTurn } from '../limits/eventLoopTurns';
import { tagList, type ClusterModel } from '../models';
import { associationQuota, podIdentityAgent } from './diagnosis';
import { findAssociation } from './lookups';

const STATUSES: readonly ClusterStatus[] = ['CREATING', 'ACTIVE', 'DELETING', 'FAILED', 'UPDATING', 'PENDING'];

/** The DescribeCluster result, from the model or (once per request) through the loader. */
async function detail(cluster: ClusterModel, ctx: GatewayContext): Promise<ClusterDetail> {
  if (cluster.detail) return cluster.detail;
  const loaded = await ctx.loaders.cluster.load({
    accountId: cluster.accountId,
    region: cluster.region,
    name: cluster.name,
  });
  if (!loaded) {
    throw new GraphQLError(`Cluster ${cluster.name} in ${cluster.region} no longer exists.`, {
      extensions: { code: 'NOT_FOUND' },
    });
  }
  return loaded;
}

export const Cluster: ClusterResolvers = {
  podIdentityAgent: (c, _, ctx) => podIdentityAgent(c, ctx),
  podIdentityAssociationQuota: (c, _, ctx) => associationQuota(c, ctx),
  id: (c) => clusterId(c),
  name: (c) => c.name,
  region: (c) => c.region,
  accountId: (c) => c.accountId,
  account: (c, _, ctx) => servedAccount(ctx, c.accountId),
  arn: async (c, _, ctx) => (await detail(c, ctx)).arn,
  status: async (c, _, ctx) => {
    const status = (await detail(c, ctx)).status;
    return STATUSES.find((s) => s === status) ?? null;
  },
  version: async (c, _, ctx) => (await detail(c, ctx)).version,
  platformVersion: async (c, _, ctx) => (await detail(c, ctx)).platformVersion,
  endpoint: async (c, _, ctx) => (await detail(c, ctx)).endpoint,
  createdAt: async (c, _, ctx) => (await detail(c, ctx)).createdAt,
  tags: async (c, _, ctx) => tagList((await detail(c, ctx)).tags),
  oidcIssuer: async (c, _, ctx) => (await detail(c, ctx)).oidcIssuer,
  podIdentityAssociations: (c, args, ctx) => associationConnection(ctx, c, args),
  podIdentityAssociation: (c, { associationId }, ctx) => findAssociation(ctx, c, c.name, associationId),
};

export const ClusterConnection: ClusterConnectionResolvers = {
  // Long pages complete in a turn of the event loop of their own (see eventLoopTurns.ts).
  edges: (c, _, ctx) => inTurn(ctx, c.edges),
  nodes: (c, _, ctx) =>
    inTurn(
      ctx,
      c.edges.map((e) => e.node),
    ),
  pageInfo: (c) => c.pageInfo,
  unavailableAccounts: (c) => c.unavailableAccounts,
};

export const ClusterEdge: ClusterEdgeResolvers = {
  cursor: (e) => encodeCursor(e.cursor),
  node: (e) => e.node,
};
