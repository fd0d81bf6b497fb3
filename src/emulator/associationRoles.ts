/**
 * What EKS checks of the roles a Create or Update of an association names, against the emulated
 * IAM (roles.ts): the role must exist and its trust policy must let `pods.eks.amazonaws.com`
 * call sts:AssumeRole; a target role must exist and let the association's role call
 * sts:AssumeRole. Both failures are `InvalidParameterException`, with EKS's messages.
 *
 * EKS does not document its exact check. Ours evaluates the trust policy for the request EKS
 * will make (the cluster as aws:SourceAccount / aws:SourceArn, the session tags unless disabled),
 * with what is not known yet (the pod's name and uid, the external id EKS is about to generate)
 * left open: a condition on those neither fails an Allow nor makes a Deny apply. sts:TagSession
 * is not checked: EKS accepts a role without it, and the pods then fail to get credentials.
 */
import { podIdentityRoleRequest, targetRoleRequest } from '../iam/podIdentityRequests';
import { UNKNOWN } from '../iam/trustPolicy';
import { invalidParameter } from './errors';
import { clusterArn } from './ids';
import type { RoleDirectory } from './roles';
import type { ParsedRoleArn } from './validation';

export const ROLE_DOES_NOT_EXIST = 'Role provided in the request does not exist.';
export const TRUST_POLICY_INVALID =
  'Trust policy of the role provided is invalid. Follow the official documentation to resolve the issue.';

/** The association as EKS will present it when it assumes the role. */
export interface AssociationSubject {
  region: string;
  accountId: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  disableSessionTags: boolean;
}

function presented(subject: AssociationSubject) {
  return { ...subject, clusterArn: clusterArn(subject.region, subject.accountId, subject.clusterName) };
}

/** Refuses a role that does not exist or does not trust EKS Pod Identity. */
export function requirePodIdentityRole(roles: RoleDirectory, role: ParsedRoleArn, subject: AssociationSubject): void {
  const found = roles.resolve(role);
  if (!found) throw invalidParameter(ROLE_DOES_NOT_EXIST);
  if (!found.trustPolicy.allows(podIdentityRoleRequest(presented(subject))))
    throw invalidParameter(TRUST_POLICY_INVALID);
}

/**
 * Refuses a target role that does not exist or does not trust the association's role. A target
 * role the seed does not list (in a lenient account) is taken as trusting it, so that ad-hoc
 * scripts can chain into any role. The external id is not known yet (EKS generates it).
 */
export function requireTargetRole(
  roles: RoleDirectory,
  target: ParsedRoleArn,
  role: ParsedRoleArn,
  subject: AssociationSubject,
): void {
  const found = roles.resolve(target);
  if (!found) throw invalidParameter(ROLE_DOES_NOT_EXIST);
  if (found.source === 'lenient') return;
  if (!found.trustPolicy.allows(targetRoleRequest(presented(subject), role, UNKNOWN)))
    throw invalidParameter(TRUST_POLICY_INVALID);
}
