import type { GraphQLResolveInfo } from 'graphql';
import { assertNever } from '../../assertNever';
import type { GatewayContext } from '../context';
import type { NodeRef } from '../ids';
import type { AssociationModel, ClusterModel } from '../models';
import { accountArgument, findAssociation, findCluster, regionArgument } from './lookups';

/** Refetches what an id names; null when it no longer exists. */
export function resolveNode(
  ctx: GatewayContext,
  ref: NodeRef,
  info?: GraphQLResolveInfo,
): Promise<ClusterModel | AssociationModel | null> {
  const accountId = accountArgument(ctx, ref.accountId, 'id');
  const at = { accountId, region: regionArgument(ctx, ref.region, accountId) };
  switch (ref.type) {
    case 'Cluster':
      return findCluster(ctx, at, ref.name, info);
    case 'PodIdentityAssociation':
      return findAssociation(ctx, at, ref.clusterName, ref.associationId);
    default:
      return assertNever(ref);
  }
}
