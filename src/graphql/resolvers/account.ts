import type { AccountResolvers } from '../../generated/graphql';
import { clusterConnection } from '../connections';

/** An account is its configuration entry; only its clusters call EKS. */
export const Account: AccountResolvers = {
  accountId: (a) => a.accountId,
  name: (a) => a.name,
  regions: (a) => [...a.regions],
  clusters: (a, args, ctx) => clusterConnection(ctx, { ...args, accountId: a.accountId }, true),
};
