/**
 * The diagnosis fields: the facts an association's checks need, read through the request's
 * loaders (one DescribeCluster and DescribeAddon per cluster, one GetRole per distinct role per
 * request), then the checks of src/diagnosis/checks.ts. A fact that cannot be read (IAM access
 * denied, a role in an account the gateway does not serve) is UNKNOWN in its checks.
 */
import { GraphQLError } from 'graphql';
import { diagnose, type Diagnosis, type Fact } from '../../diagnosis/checks';
import { AccountUnavailable } from '../../eks/assumedRoles';
import { EksError } from '../../eks/errors';
import type { AssociationDetail, ClusterKey } from '../../eks/types';
import type { GatewayContext } from '../context';
import type { AssociationModel, ClusterModel } from '../models';

/** EKS's limit of associations per cluster. */
export const ASSOCIATIONS_PER_CLUSTER = 5_000;

async function fact<T>(read: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { kind: 'read', value: await read() };
  } catch (error) {
    return { kind: 'unknown', reason: reasonOf(error) };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AccountUnavailable) return error.message;
  if (error instanceof EksError)
    return `${error.operation} failed with ${error.awsErrorName}: ${error.message.slice(0, 300)}`;
  if (error instanceof GraphQLError) return error.message;
  return 'an unexpected error (the gateway log has it)';
}

/** A role ARN's account and name, when it is a role ARN at all. */
export function roleKeyOf(arn: string): { accountId: string; roleName: string } | null {
  const match = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? { accountId: match[1] as string, roleName: match[2] as string } : null;
}

function readRole(ctx: GatewayContext, arn: string) {
  return fact(async () => {
    const key = roleKeyOf(arn);
    if (!key) throw new GraphQLError(`${arn} is not an IAM role ARN.`);
    if (!ctx.accountIds.includes(key.accountId)) {
      throw new GraphQLError(
        `the role is in account ${key.accountId}, which this gateway does not serve (GATEWAY_ACCOUNTS_FILE), so it cannot read its IAM.`,
      );
    }
    return ctx.loaders.role.load(key);
  });
}

/** The diagnosis of an association as EKS holds it (or as a dry run would make it). */
export async function diagnosisOf(ctx: GatewayContext, association: AssociationDetail): Promise<Diagnosis> {
  const cluster: ClusterKey = {
    accountId: association.accountId,
    region: association.region,
    name: association.clusterName,
  };
  const [clusterFact, agent, role, targetRole] = await Promise.all([
    fact(() => ctx.loaders.cluster.load(cluster)),
    fact(() => ctx.loaders.agent.load(cluster)),
    readRole(ctx, association.roleArn),
    association.targetRoleArn ? readRole(ctx, association.targetRoleArn) : Promise.resolve(undefined),
  ]);
  return diagnose({
    association,
    cluster: clusterFact,
    agent,
    role,
    ...(targetRole ? { targetRole } : {}),
  });
}

/** What the diagnosis needs of an association model: its whole detail (a Describe, unless known). */
export async function associationDiagnosis(a: AssociationModel, ctx: GatewayContext): Promise<Diagnosis> {
  const detail =
    a.detail ??
    (await ctx.loaders.association.load({
      accountId: a.summary.accountId,
      region: a.summary.region,
      clusterName: a.summary.clusterName,
      associationId: a.summary.associationId,
    }));
  if (!detail) {
    throw new GraphQLError(`Association ${a.summary.associationId} no longer exists.`, {
      extensions: { code: 'NOT_FOUND' },
    });
  }
  return diagnosisOf(ctx, detail);
}

export async function podIdentityAgent(c: ClusterModel, ctx: GatewayContext) {
  const key: ClusterKey = { accountId: c.accountId, region: c.region, name: c.name };
  const [detail, addon] = await Promise.all([c.detail ?? ctx.loaders.cluster.load(key), ctx.loaders.agent.load(key)]);
  const autoMode = detail?.autoMode ?? false;
  return {
    installed: addon !== null,
    status: addon?.status ?? null,
    version: addon?.version ?? null,
    issues: (addon?.issues ?? []).map((issue) => `${issue.code}: ${issue.message}`),
    autoMode,
    ready: autoMode || addon?.status === 'ACTIVE',
  };
}

/** From the inventory when it holds the cluster, else by counting List pages. */
export async function associationQuota(c: ClusterModel, ctx: GatewayContext) {
  const at = { accountId: c.accountId, region: c.region };
  const reach = ctx.inventory;
  if (reach?.inventory.synced) {
    // Under the caller's visibility, as the List calls below would be.
    const used = await reach.inventory.store.totalCount(
      { accountIds: [c.accountId], regions: [c.region], clusterNames: [c.name] },
      reach.visibility,
    );
    return { used, limit: ASSOCIATIONS_PER_CLUSTER };
  }
  let used = 0;
  let nextToken: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof ctx.service.listAssociations>> = await ctx.service.listAssociations(
      at,
      c.name,
      { maxResults: 100, nextToken },
    );
    used += page.items.length;
    nextToken = page.nextToken;
  } while (nextToken !== null);
  return { used, limit: ASSOCIATIONS_PER_CLUSTER };
}
