import type { QueryResolvers } from '../../generated/graphql';
import { clusterConnection } from '../connections';
import { MAX_NODE_IDS } from '../costModel';
import { badUserInput } from '../errors';
import { decodeNodeId } from '../ids';
import { inventoryQueries } from './inventory';
import { accountArgument, findAssociation, findCluster, findClusterAnywhere, regionArgument } from './lookups';
import { resolveNode } from './node';

export const Query: QueryResolvers = {
  ...inventoryQueries,
  node: (_, { id }, ctx, info) => resolveNode(ctx, decodeNodeId(id), info),
  nodes: (_, { ids }, ctx, info) => {
    if (ids.length > MAX_NODE_IDS)
      throw badUserInput(`\`ids\` holds at most ${MAX_NODE_IDS} ids, received ${ids.length}.`, 'ids');
    // Each id fails on its own: a bad one nulls its entry with an error at its index. graphql-js
    // awaits promises inside lists; the generated types do not model that, hence the cast.
    const entries = ids.map(async (id, i) => resolveNode(ctx, decodeNodeId(id, `ids.${i}`), info));
    return entries as unknown as Array<Awaited<(typeof entries)[number]>>;
  },
  regions: (_, __, ctx) => [...ctx.regions],
  accounts: (_, __, ctx) => [...ctx.accounts],
  clusters: (_, args, ctx) => clusterConnection(ctx, args),
  cluster: (_, { name, region, accountId }, ctx, info) => {
    const account = accountArgument(ctx, accountId);
    return region === undefined || region === null
      ? findClusterAnywhere(ctx, account, name, info)
      : findCluster(ctx, { accountId: account, region: regionArgument(ctx, region, account) }, name, info);
  },
  podIdentityAssociation: (_, { clusterName, associationId, region, accountId }, ctx) => {
    const account = accountArgument(ctx, accountId);
    return findAssociation(
      ctx,
      { accountId: account, region: regionArgument(ctx, region, account) },
      clusterName,
      associationId,
    );
  },
};
