/**
 * The STS requests EKS Pod Identity makes for an association, as trust policies see them: the
 * service `pods.eks.amazonaws.com` assuming the association's role (with the cluster as
 * aws:SourceAccount / aws:SourceArn, and the session tags unless disabled), and a session of that
 * role assuming the target role. What is not known before a pod asks (its name and uid, the
 * external id EKS generates at create time) can be left open. Shared by the emulator's create
 * checks and the gateway's diagnosis; a leaf module.
 */
import { UNKNOWN, type TrustRequest } from './trustPolicy';

export const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';

/** The association as EKS presents it when it assumes its roles. */
export interface AssociationSubject {
  accountId: string;
  clusterName: string;
  clusterArn: string;
  namespace: string;
  serviceAccount: string;
  disableSessionTags: boolean;
}

type Keys = Map<string, string | typeof UNKNOWN>;

/** EKS assuming the association's role (`sts:AssumeRole`, or `sts:TagSession` for its session tags). */
export function podIdentityRoleRequest(
  subject: AssociationSubject,
  action: 'sts:AssumeRole' | 'sts:TagSession' = 'sts:AssumeRole',
): TrustRequest {
  const keys = sessionTags(subject);
  keys.set('aws:sourceaccount', subject.accountId);
  keys.set('aws:sourcearn', subject.clusterArn);
  return { action, principal: { kind: 'Service', service: POD_IDENTITY_SERVICE }, keys };
}

/**
 * A session of the association's role assuming the target role. `externalId` is the one EKS
 * sends (UNKNOWN before EKS generated it); the session tags are transitive.
 */
export function targetRoleRequest(
  subject: AssociationSubject,
  role: { accountId: string; arn: string },
  externalId: string | typeof UNKNOWN,
): TrustRequest {
  const keys = sessionTags(subject);
  keys.set('aws:principalaccount', role.accountId);
  keys.set('aws:principalarn', role.arn);
  keys.set('sts:externalid', externalId);
  keys.set('sts:rolesessionname', UNKNOWN);
  return {
    action: 'sts:AssumeRole',
    principal: { kind: 'AWS', caller: { accountId: role.accountId, arn: role.arn, roleArn: role.arn } },
    keys,
  };
}

/** The session tags EKS Pod Identity adds (none when disabled), as `aws:RequestTag/<key>` condition keys. */
function sessionTags(subject: AssociationSubject): Keys {
  const keys: Keys = new Map();
  if (subject.disableSessionTags) return keys;
  const tags: Record<string, string | typeof UNKNOWN> = {
    'eks-cluster-arn': subject.clusterArn,
    'eks-cluster-name': subject.clusterName,
    'kubernetes-namespace': subject.namespace,
    'kubernetes-service-account': subject.serviceAccount,
    'kubernetes-pod-name': UNKNOWN,
    'kubernetes-pod-uid': UNKNOWN,
  };
  for (const [key, value] of Object.entries(tags)) keys.set(`aws:requesttag/${key}`, value);
  return keys;
}
