/**
 * Single-object look-ups shared by the Query, Cluster and Node resolvers. Each validates its
 * arguments first (so a bad name costs no call) and goes through the request's loaders.
 */
import type { GatewayContext } from '../context';
import { badUserInput } from '../errors';
import { checkAssociationId, checkClusterName, checkRegion, collect } from '../inputRules';
import { associationFromDetail, clusterModel, type AssociationModel, type ClusterModel } from '../models';

/** The region argument, defaulted to the first served region and checked against the list. */
export function regionArgument(ctx: GatewayContext, region: string | null | undefined): string {
  const value = region ?? ctx.regions[0];
  if (value === undefined) throw new Error('The gateway serves no region; configuration must prevent this.');
  const problem = checkRegion(value, ctx.regions);
  if (problem) throw badUserInput(`region ${problem}.`, 'region');
  return value;
}

export async function findCluster(ctx: GatewayContext, region: string, name: string): Promise<ClusterModel | null> {
  throwOnProblems(collect([['name', name, checkClusterName]]));
  const detail = await ctx.loaders.cluster.load({ region, name });
  return detail ? clusterModel(region, name, detail) : null;
}

/** Searches every served region; a name found in several is ambiguous without `region`. */
export async function findClusterAnywhere(ctx: GatewayContext, name: string): Promise<ClusterModel | null> {
  const found = (await Promise.all(ctx.regions.map((region) => findCluster(ctx, region, name)))).filter(
    (c): c is ClusterModel => c !== null,
  );
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
  region: string,
  clusterName: string,
  associationId: string,
): Promise<AssociationModel | null> {
  throwOnProblems(
    collect([
      ['clusterName', clusterName, checkClusterName],
      ['associationId', associationId, checkAssociationId],
    ]),
  );
  const detail = await ctx.loaders.association.load({ region, clusterName, associationId });
  return detail ? associationFromDetail(detail) : null;
}

function throwOnProblems(problems: Array<{ field: string; message: string }>): void {
  const [first] = problems;
  if (first) throw badUserInput(`${first.message}.`, first.field);
}
