/**
 * Single-object look-ups shared by the Query, Cluster and Node resolvers. Each validates its
 * arguments first (so a bad name costs no call) and goes through the request's loaders.
 */
import { isObjectType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { EksError } from '../../eks/errors';
import type { AccountRegion } from '../../eks/types';
import { associationConnection, servedAccount } from '../connections';
import type { GatewayContext } from '../context';
import { needsDescribe } from '../costModel';
import { badUserInput } from '../errors';
import { checkAssociationId, checkClusterName, checkRegion, collect } from '../inputRules';
import { associationFromDetail, clusterModel, type AssociationModel, type ClusterModel } from '../models';
import { argumentsOf, selectedFields } from '../selection';

/** The regions served in an account (the default account's when none is named). */
export function regionsOf(ctx: GatewayContext, accountId?: string): readonly string[] {
  return (
    (accountId === undefined ? undefined : ctx.accounts.find((a) => a.accountId === accountId)?.regions) ?? ctx.regions
  );
}

/** The region argument, defaulted to the account's first served region and checked against its list. */
export function regionArgument(ctx: GatewayContext, region: string | null | undefined, accountId?: string): string {
  const regions = regionsOf(ctx, accountId);
  const value = region ?? regions[0];
  if (value === undefined) throw new Error('The gateway serves no region; configuration must prevent this.');
  const problem = checkRegion(value, regions);
  if (problem) throw badUserInput(`region ${problem}.`, 'region');
  return value;
}

/** An account argument (or an id's account), defaulted to the gateway's own and checked against those served. */
export function accountArgument(
  ctx: GatewayContext,
  accountId: string | null | undefined,
  argument = 'accountId',
): string {
  return servedAccount(ctx, accountId ?? ctx.defaultAccountId, argument).accountId;
}

/**
 * A cluster by name, or null when it does not exist. Whether it exists is learnt from the calls
 * the selection needs anyway: the List calls of its `podIdentityAssociations` (started here, in
 * parallel, and shared with those fields) fail with not-found for a missing cluster, so a page
 * of association summaries costs one List call and no DescribeCluster.
 */
export async function findCluster(
  ctx: GatewayContext,
  at: AccountRegion,
  name: string,
  info?: GraphQLResolveInfo,
  among: 'one region' | 'several regions' = 'one region',
): Promise<ClusterModel | null> {
  throwOnProblems(collect([['name', name, checkClusterName]]));
  const clusterType = info?.schema.getType('Cluster');
  const fields = info && isObjectType(clusterType) ? selectedFields(info, clusterType) : [];
  const lists = fields
    .filter((f) => f.name === 'podIdentityAssociations')
    .map((f) =>
      associationConnection(
        ctx,
        { ...location(at), name },
        argumentsOf(clusterType as GraphQLObjectType, f, info as GraphQLResolveInfo),
      ),
    );
  const needsDetail = lists.length === 0 || fields.some((f) => needsDescribe('Cluster', f.name));
  // Settled as soon as it ends, whatever it is awaited after: a DescribeCluster that fails while
  // the lists still wait must not be a rejection nobody handles (Node would exit on it).
  const detail = needsDetail ? settle(ctx.loaders.cluster.load({ ...location(at), name })) : null;
  const settled = await Promise.allSettled(lists);
  const missing = settled.some(
    (r) => r.status === 'rejected' && r.reason instanceof EksError && r.reason.kind === 'NotFound',
  );
  if (missing) return null;
  // Lists that all failed otherwise (bad arguments, an EKS fault) tell nothing of the cluster.
  // In one region the cluster is taken as found and the lists' errors answer at their fields;
  // across regions that would find it everywhere, so EKS is asked.
  const unknown = among === 'several regions' && !settled.some((r) => r.status === 'fulfilled');
  const loading = detail ?? (unknown ? settle(ctx.loaders.cluster.load({ ...location(at), name })) : null);
  if (!loading) return clusterModel(at, name);
  const loaded = await loading;
  if (loaded.status === 'rejected') throw loaded.reason;
  return loaded.value ? clusterModel(at, name, loaded.value) : null;
}

/** Only the account and region of `at` (which may be a whole model). */
function location(at: AccountRegion): AccountRegion {
  return { accountId: at.accountId, region: at.region };
}

/** A promise that never rejects: its outcome, to be read when the caller is ready for it. */
function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value): PromiseFulfilledResult<T> => ({ status: 'fulfilled', value }),
    (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason }),
  );
}

/** Searches every served region; a name found in several is ambiguous without `region`. */
export async function findClusterAnywhere(
  ctx: GatewayContext,
  accountId: string,
  name: string,
  info?: GraphQLResolveInfo,
): Promise<ClusterModel | null> {
  const found = (
    await Promise.all(
      regionsOf(ctx, accountId).map((region) => findCluster(ctx, { accountId, region }, name, info, 'several regions')),
    )
  ).filter((c): c is ClusterModel => c !== null);
  if (found.length > 1) {
    throw badUserInput(
      `A cluster named "${name}" exists in several regions (${found.map((c) => c.region).join(', ')}); pass \`region\`.`,
      'region',
    );
  }
  return found[0] ?? null;
}

export async function findAssociation(
  ctx: GatewayContext,
  at: AccountRegion,
  clusterName: string,
  associationId: string,
): Promise<AssociationModel | null> {
  throwOnProblems(
    collect([
      ['clusterName', clusterName, checkClusterName],
      ['associationId', associationId, checkAssociationId],
    ]),
  );
  const detail = await ctx.loaders.association.load({ ...location(at), clusterName, associationId });
  return detail ? associationFromDetail(detail) : null;
}

function throwOnProblems(problems: Array<{ field: string; message: string }>): void {
  const [first] = problems;
  if (first) throw badUserInput(`${first.message}.`, first.field);
}
