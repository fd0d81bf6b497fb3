/**
 * "Will this association actually work?": the checks of an association against the facts the
 * gateway read (its cluster, the Pod Identity agent add-on, its roles from IAM). Pure: the facts
 * come in, the checks go out, each with a stable code, a status, what was found and what to do.
 * A fact that could not be read makes its checks UNKNOWN with the reason, never an error.
 */
import type { AddonDetail, AssociationDetail, ClusterDetail, RoleDetail } from '../eks/types';
import {
  POD_IDENTITY_SERVICE,
  podIdentityRoleRequest,
  targetRoleRequest,
  type AssociationSubject,
} from '../iam/podIdentityRequests';
import { TrustPolicy, UNKNOWN } from '../iam/trustPolicy';

export type CheckStatus = 'PASS' | 'WARN' | 'FAIL' | 'UNKNOWN';
export type CheckCode =
  | 'POD_IDENTITY_AGENT'
  | 'ROLE_EXISTS'
  | 'ROLE_TRUST'
  | 'ROLE_TRUST_SCOPE'
  | 'TARGET_ROLE_EXISTS'
  | 'TARGET_ROLE_TRUST'
  | 'TARGET_ROLE_EXTERNAL_ID'
  | 'ADDON_OWNED'
  | 'PODS_RESTART';

export interface Check {
  code: CheckCode;
  status: CheckStatus;
  message: string;
  remedy: string | null;
}

/** A fact as it was read: the value, or why it could not be. */
export type Fact<T> = { kind: 'read'; value: T } | { kind: 'unknown'; reason: string };

export interface DiagnosisFacts {
  association: AssociationDetail;
  cluster: Fact<ClusterDetail | null>;
  agent: Fact<AddonDetail | null>;
  role: Fact<RoleDetail | null>;
  /** Absent when the association has no target role. */
  targetRole?: Fact<RoleDetail | null>;
}

export interface Diagnosis {
  /** No check fails (WARN and UNKNOWN do not make it false). */
  ready: boolean;
  checks: Check[];
}

export function diagnose(facts: DiagnosisFacts): Diagnosis {
  const checks: Check[] = [agentCheck(facts), ...roleChecks(facts), ...targetChecks(facts)];
  checks.push(addonOwnedCheck(facts.association), restartCheck(facts.association));
  return { ready: !checks.some((check) => check.status === 'FAIL'), checks };
}

const check = (code: CheckCode, status: CheckStatus, message: string, remedy: string | null = null): Check => ({
  code,
  status,
  message,
  remedy,
});

function agentCheck({ association: a, cluster, agent }: DiagnosisFacts): Check {
  const install = `aws eks create-addon --cluster-name ${a.clusterName} --addon-name eks-pod-identity-agent --region ${a.region}`;
  if (cluster.kind === 'read' && cluster.value?.autoMode) {
    return check(
      'POD_IDENTITY_AGENT',
      'PASS',
      `Cluster ${a.clusterName} runs in EKS Auto Mode, which has the Pod Identity agent built in.`,
    );
  }
  if (agent.kind === 'unknown')
    return check('POD_IDENTITY_AGENT', 'UNKNOWN', `The agent add-on could not be read: ${agent.reason}`);
  const addon = agent.value;
  if (!addon) {
    return check(
      'POD_IDENTITY_AGENT',
      'FAIL',
      `Cluster ${a.clusterName} has no eks-pod-identity-agent add-on (and is not in Auto Mode): no pod receives credentials.`,
      `Install the agent: ${install}`,
    );
  }
  const version = addon.version ? ` ${addon.version}` : '';
  const issues = addon.issues.map((issue) => `${issue.code}: ${issue.message}`).join('; ');
  switch (addon.status) {
    case 'ACTIVE':
      return check('POD_IDENTITY_AGENT', 'PASS', `The eks-pod-identity-agent add-on${version} is ACTIVE.`);
    case 'CREATING':
    case 'UPDATING':
      return check(
        'POD_IDENTITY_AGENT',
        'WARN',
        `The eks-pod-identity-agent add-on${version} is ${addon.status}: pods get credentials once it is ACTIVE.`,
        'Wait for the add-on to become ACTIVE (aws eks describe-addon).',
      );
    case 'DEGRADED':
      return check(
        'POD_IDENTITY_AGENT',
        'WARN',
        `The eks-pod-identity-agent add-on${version} is DEGRADED${issues ? ` (${issues})` : ''}: pods on some nodes may get no credentials.`,
        `Fix the add-on's health issues (aws eks describe-addon --cluster-name ${a.clusterName} --addon-name eks-pod-identity-agent --region ${a.region}).`,
      );
    default:
      return check(
        'POD_IDENTITY_AGENT',
        'FAIL',
        `The eks-pod-identity-agent add-on${version} is ${addon.status ?? 'in no known state'}${issues ? ` (${issues})` : ''}.`,
        `Repair or reinstall the add-on: ${install}`,
      );
  }
}

/** The association as EKS presents it to the trust policies (see src/iam/podIdentityRequests.ts). */
export function subjectOf(a: AssociationDetail, cluster: ClusterDetail | null): AssociationSubject {
  return {
    accountId: a.accountId,
    clusterName: a.clusterName,
    clusterArn: cluster?.arn ?? `arn:aws:eks:${a.region}:${a.accountId}:cluster/${a.clusterName}`,
    namespace: a.namespace,
    serviceAccount: a.serviceAccount,
    disableSessionTags: a.disableSessionTags,
  };
}

/** The statement a Pod Identity role's trust policy needs, scoped to this cluster. */
function trustStatement(a: AssociationDetail, clusterArn: string): string {
  return JSON.stringify({
    Effect: 'Allow',
    Principal: { Service: POD_IDENTITY_SERVICE },
    Action: a.disableSessionTags ? ['sts:AssumeRole'] : ['sts:AssumeRole', 'sts:TagSession'],
    Condition: { StringEquals: { 'aws:SourceAccount': a.accountId }, ArnEquals: { 'aws:SourceArn': clusterArn } },
  });
}

function parsed(role: RoleDetail): TrustPolicy | string {
  try {
    return TrustPolicy.parse(role.trustPolicy);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function roleChecks({ association: a, cluster, role }: DiagnosisFacts): Check[] {
  if (role.kind === 'unknown') {
    const why = `The role ${a.roleArn} could not be read: ${role.reason}`;
    return [check('ROLE_EXISTS', 'UNKNOWN', why), check('ROLE_TRUST', 'UNKNOWN', why)];
  }
  const clusterDetail = cluster.kind === 'read' ? cluster.value : null;
  const subject = subjectOf(a, clusterDetail);
  if (!role.value) {
    return [
      check(
        'ROLE_EXISTS',
        'FAIL',
        `The role ${a.roleArn} does not exist.`,
        `Create it with this trust policy statement, or point the association at an existing role: ${trustStatement(a, subject.clusterArn)}`,
      ),
    ];
  }
  const exists = check('ROLE_EXISTS', 'PASS', `The role ${a.roleArn} exists.`);
  const policy = parsed(role.value);
  if (typeof policy === 'string') {
    return [exists, check('ROLE_TRUST', 'UNKNOWN', `The role's trust policy could not be evaluated: ${policy}`)];
  }
  const assumes = policy.allows(podIdentityRoleRequest(subject));
  const tags = a.disableSessionTags || policy.allows(podIdentityRoleRequest(subject, 'sts:TagSession'));
  if (!assumes || !tags) {
    const missing = [!assumes ? 'sts:AssumeRole' : null, !tags ? 'sts:TagSession' : null].filter(Boolean).join(' and ');
    const irsa =
      /oidc|Federated/i.test(role.value.trustPolicy) && !role.value.trustPolicy.includes(POD_IDENTITY_SERVICE);
    return [
      exists,
      check(
        'ROLE_TRUST',
        'FAIL',
        `The role's trust policy does not let ${POD_IDENTITY_SERVICE} call ${missing} for this cluster${irsa ? ' (it trusts an OIDC provider: a role made for IRSA)' : ''}.`,
        `Add this statement to the role's trust policy: ${trustStatement(a, subject.clusterArn)}`,
      ),
    ];
  }
  // Would any cluster of any account be let in? Then the trust is not scoped.
  const stranger = a.accountId === '999999999999' ? '999999999998' : '999999999999';
  const foreign = {
    ...subject,
    accountId: stranger,
    clusterArn: `arn:aws:eks:${a.region}:${stranger}:cluster/another-cluster`,
  };
  const scoped = !policy.allows(podIdentityRoleRequest(foreign));
  return [
    exists,
    check('ROLE_TRUST', 'PASS', `The role trusts ${POD_IDENTITY_SERVICE} with the actions it needs.`),
    scoped
      ? check('ROLE_TRUST_SCOPE', 'PASS', 'The trust is scoped with aws:SourceAccount or aws:SourceArn conditions.')
      : check(
          'ROLE_TRUST_SCOPE',
          'WARN',
          'The trust is not scoped: any EKS cluster of any account could give its pods this role.',
          `Add conditions to the statement: {"StringEquals": {"aws:SourceAccount": "${a.accountId}"}, "ArnEquals": {"aws:SourceArn": "${subject.clusterArn}"}}`,
        ),
  ];
}

function targetChecks({ association: a, cluster, targetRole }: DiagnosisFacts): Check[] {
  if (!a.targetRoleArn || !targetRole) return [];
  if (targetRole.kind === 'unknown') {
    const why = `The target role ${a.targetRoleArn} could not be read: ${targetRole.reason}`;
    return [check('TARGET_ROLE_EXISTS', 'UNKNOWN', why), check('TARGET_ROLE_TRUST', 'UNKNOWN', why)];
  }
  if (!targetRole.value) {
    return [
      check(
        'TARGET_ROLE_EXISTS',
        'FAIL',
        `The target role ${a.targetRoleArn} does not exist.`,
        'Create it, or remove targetRoleArn.',
      ),
    ];
  }
  const exists = check('TARGET_ROLE_EXISTS', 'PASS', `The target role ${a.targetRoleArn} exists.`);
  const policy = parsed(targetRole.value);
  if (typeof policy === 'string') {
    return [
      exists,
      check('TARGET_ROLE_TRUST', 'UNKNOWN', `The target role's trust policy could not be evaluated: ${policy}`),
    ];
  }
  const subject = subjectOf(a, cluster.kind === 'read' ? cluster.value : null);
  const role = { accountId: a.roleArn.split(':')[4] ?? a.accountId, arn: a.roleArn };
  const statement = JSON.stringify({
    Effect: 'Allow',
    Principal: { AWS: a.roleArn },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    Condition: { StringEquals: { 'sts:ExternalId': a.externalId ?? '<the association externalId>' } },
  });
  // No external id yet (a dry run): EKS will make one, so a condition on it cannot fail here.
  const trusts = policy.allows(targetRoleRequest(subject, role, a.externalId ?? UNKNOWN));
  if (!trusts) {
    return [
      exists,
      check(
        'TARGET_ROLE_TRUST',
        'FAIL',
        `The target role's trust policy does not let ${a.roleArn} assume it${a.externalId ? ` with the external id ${a.externalId}` : ''}.`,
        `Add this statement to the target role's trust policy: ${statement}`,
      ),
    ];
  }
  // A policy that also lets another external id in does not require this one.
  const guarded = !policy.allows(targetRoleRequest(subject, role, 'not-the-association-external-id'));
  return [
    exists,
    check('TARGET_ROLE_TRUST', 'PASS', `The target role trusts ${a.roleArn}.`),
    guarded
      ? check('TARGET_ROLE_EXTERNAL_ID', 'PASS', `The target role requires the association's external id.`)
      : check(
          'TARGET_ROLE_EXTERNAL_ID',
          'WARN',
          'The target role does not require an sts:ExternalId: any session of the role may chain into it, not only this association.',
          `Add the condition {"StringEquals": {"sts:ExternalId": "${a.externalId ?? '<the external id EKS gives the association>'}"}} to its statement.`,
        ),
  ];
}

function addonOwnedCheck(a: AssociationDetail): Check {
  if (!a.ownerArn) return check('ADDON_OWNED', 'PASS', 'No add-on owns this association: change it directly.');
  return check(
    'ADDON_OWNED',
    'WARN',
    `The add-on ${a.ownerArn} owns this association: a change made here is undone when the add-on is updated.`,
    'Change it through the add-on (aws eks update-addon --pod-identity-associations ...).',
  );
}

function restartCheck(a: AssociationDetail): Check {
  const changed = a.modifiedAt && a.createdAt && a.modifiedAt.getTime() > a.createdAt.getTime();
  if (!changed)
    return check('PODS_RESTART', 'PASS', 'The association has not changed since it was created: no restart is needed.');
  return check(
    'PODS_RESTART',
    'WARN',
    `The association changed at ${a.modifiedAt!.toISOString()}: pods started before then keep the credentials of the old settings until they restart.`,
    `Restart the workloads of service account ${a.serviceAccount}: kubectl rollout restart deployment -n ${a.namespace} <name> (for each deployment that uses it).`,
  );
}
