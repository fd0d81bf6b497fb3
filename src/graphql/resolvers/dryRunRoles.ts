/**
 * What EKS checks of the roles when it creates or updates an association, for dry runs: the
 * role must exist and let pods.eks.amazonaws.com call sts:AssumeRole, a target role must exist
 * and let the role assume it. A dry run refuses with EKS's own error, so the payload has the
 * same typed error (INVALID_ROLE) a real call would. A role the gateway cannot read (an account
 * it does not serve, IAM access denied) is left to EKS: the diagnosis says UNKNOWN.
 */
import { subjectOf } from '../../diagnosis/checks';
import { EksError } from '../../eks/errors';
import type { AssociationDetail } from '../../eks/types';
import { podIdentityRoleRequest, targetRoleRequest } from '../../iam/podIdentityRequests';
import { TrustPolicy, UNKNOWN } from '../../iam/trustPolicy';
import type { GatewayContext } from '../context';
import { roleKeyOf } from './diagnosis';

const ROLE_DOES_NOT_EXIST = 'Role provided in the request does not exist.';
const TRUST_POLICY_INVALID =
  'Trust policy of the role provided is invalid. Follow the official documentation to resolve the issue.';

export async function refuseRolesAsEks(ctx: GatewayContext, a: AssociationDetail, operation: string): Promise<void> {
  const refuse = (message: string) =>
    new EksError('InvalidParameter', message, 'InvalidParameterException', operation, null, 400, false);
  const cluster = await ctx.loaders.cluster.load({ accountId: a.accountId, region: a.region, name: a.clusterName });
  const subject = subjectOf(a, cluster);
  const role = await readable(ctx, a.roleArn);
  if (role === null) throw refuse(ROLE_DOES_NOT_EXIST);
  if (role && !allows(role, podIdentityRoleRequest(subject))) throw refuse(TRUST_POLICY_INVALID);
  if (!a.targetRoleArn) return;
  const target = await readable(ctx, a.targetRoleArn);
  if (target === null) throw refuse(ROLE_DOES_NOT_EXIST);
  const from = { accountId: a.roleArn.split(':')[4] ?? a.accountId, arn: a.roleArn };
  // EKS generates the external id when it creates the association: not known yet.
  if (target && !allows(target, targetRoleRequest(subject, from, UNKNOWN))) throw refuse(TRUST_POLICY_INVALID);
}

/** The role's trust policy; null when the role does not exist; undefined when the gateway cannot tell. */
async function readable(ctx: GatewayContext, arn: string): Promise<string | null | undefined> {
  const key = roleKeyOf(arn);
  if (!key || !ctx.accountIds.includes(key.accountId)) return undefined;
  try {
    const role = await ctx.loaders.role.load(key);
    return role === null ? null : role.trustPolicy;
  } catch {
    return undefined;
  }
}

function allows(trustPolicy: string, request: Parameters<TrustPolicy['allows']>[0]): boolean {
  try {
    return TrustPolicy.parse(trustPolicy).allows(request);
  } catch {
    // A policy the gateway cannot evaluate is EKS's to judge.
    return true;
  }
}
