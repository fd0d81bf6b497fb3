import type { QueryResolvers } from '../../generated/graphql';
import { clusterConnection } from '../connections';
import { MAX_NODE_IDS } from '../costModel';
import { badUserInput } from '../errors';
import { decodeNodeId } from '../ids';
import { findAssociation, findCluster, findClusterAnywhere, regionArgument } from './lookups';
import { resolveNode } from './node';

export const Query: QueryResolvers = {
  node: (_, { id }, ctx, info) => resolveNode(ctx, decodeNodeId(id), info),
  nodes: (_, { ids }, ctx, info) => {
    if (ids.length > MAX_NODE_IDS) throw badUserInput(`\`ids\` holds at most ${MAX_NODE_IDS} ids, received ${ids.length}.`, 'ids');
    // Each id fails on its own: a bad one nulls its entry with an error at its index. graphql-js
    // awaits promises inside lists; the generated types do not model that, hence the cast.
    const entries = ids.map(async (id, i) => resolveNode(ctx, decodeNodeId(id, `ids.${i}`), info));
    return entries as unknown as Array<Awaited<(typeof entries)[number]>>;
  },
  regions: (_, __, ctx) => [...ctx.regions],
  clusters: (_, args, ctx) => clusterConnection(ctx, args),
  cluster: (_, { name, region }, ctx, info) =>
    region === undefined || region === null
      ? findClusterAnywhere(ctx, name, info)
      : findCluster(ctx, { accountId: ctx.defaultAccountId, region: regionArgument(ctx, region) }, name, info),
  podIdentityAssociation: (_, { clusterName, associationId, region }, ctx) =>
    findAssociation(ctx, { accountId: ctx.defaultAccountId, region: regionArgument(ctx, region) }, clusterName, associationId),
};
