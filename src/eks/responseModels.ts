/**
 * EKS answers, checked at the boundary and turned into the gateway's models (src/eks/types.ts).
 * The SDK parses JSON but does not check its types: a broken proxy or a service bug can hand it
 * `{"cluster": "str"}` or tags that are not a map. Every member is checked here, so a malformed
 * answer fails its own call with an `EksError` (EKS_INTERNAL_ERROR at its field) instead of
 * throwing somewhere in a resolver, or worse, serving wrong data.
 */
import type {
  Cluster as SdkCluster,
  PodIdentityAssociation as SdkAssociation,
  PodIdentityAssociationSummary as SdkSummary,
} from '@aws-sdk/client-eks';
import { EksError } from './errors';
import type {
  AccountRegion,
  AddonDetail,
  AssociationDetail,
  AssociationSummary,
  ClusterDetail,
  EksPage,
  RoleDetail,
} from './types';

/** The longest member value the gateway takes from EKS (a session policy is at most 2,048). */
const MAX_MEMBER_LENGTH = 64 * 1024;

export function toSummary(
  operation: string,
  at: AccountRegion,
  clusterName: string,
  value: unknown,
): AssociationSummary {
  const s = record<SdkSummary>(operation, value, 'association');
  return {
    accountId: at.accountId,
    region: at.region,
    clusterName: optionalString(operation, s.clusterName, 'clusterName') ?? clusterName,
    namespace: requiredString(operation, s.namespace, 'namespace'),
    serviceAccount: requiredString(operation, s.serviceAccount, 'serviceAccount'),
    associationArn: requiredString(operation, s.associationArn, 'associationArn'),
    associationId: requiredString(operation, s.associationId, 'associationId'),
    ownerArn: optionalString(operation, s.ownerArn, 'ownerArn'),
  };
}

export function toDetail(operation: string, at: AccountRegion, clusterName: string, value: unknown): AssociationDetail {
  const a = record<SdkAssociation>(operation, value, 'association');
  // Member by member rather than spread from toSummary: one object of one shape, made once per
  // Describe, the gateway's most frequent call.
  return {
    accountId: at.accountId,
    region: at.region,
    clusterName: optionalString(operation, a.clusterName, 'clusterName') ?? clusterName,
    namespace: requiredString(operation, a.namespace, 'namespace'),
    serviceAccount: requiredString(operation, a.serviceAccount, 'serviceAccount'),
    associationArn: requiredString(operation, a.associationArn, 'associationArn'),
    associationId: requiredString(operation, a.associationId, 'associationId'),
    ownerArn: optionalString(operation, a.ownerArn, 'ownerArn'),
    roleArn: requiredString(operation, a.roleArn, 'roleArn'),
    targetRoleArn: optionalString(operation, a.targetRoleArn, 'targetRoleArn') || null,
    externalId: optionalString(operation, a.externalId, 'externalId') || null,
    disableSessionTags: optionalBoolean(operation, a.disableSessionTags, 'disableSessionTags') ?? false,
    policy: optionalString(operation, a.policy, 'policy') || null,
    tags: tagMap(operation, a.tags),
    createdAt: optionalDate(operation, a.createdAt, 'createdAt'),
    modifiedAt: optionalDate(operation, a.modifiedAt, 'modifiedAt'),
  };
}

export function toClusterDetail(operation: string, at: AccountRegion, value: unknown): ClusterDetail {
  const c = record<SdkCluster>(operation, value, 'cluster');
  const identity =
    c.identity === undefined || c.identity === null
      ? {}
      : record<NonNullable<SdkCluster['identity']>>(operation, c.identity, 'identity');
  const oidc =
    identity.oidc === undefined || identity.oidc === null
      ? {}
      : record<{ issuer?: unknown }>(operation, identity.oidc, 'identity.oidc');
  return {
    accountId: at.accountId,
    region: at.region,
    name: requiredString(operation, c.name, 'name'),
    arn: optionalString(operation, c.arn, 'arn'),
    status: optionalString(operation, c.status, 'status'),
    version: optionalString(operation, c.version, 'version'),
    platformVersion: optionalString(operation, c.platformVersion, 'platformVersion'),
    endpoint: optionalString(operation, c.endpoint, 'endpoint'),
    createdAt: optionalDate(operation, c.createdAt, 'createdAt'),
    tags: tagMap(operation, c.tags),
    oidcIssuer: optionalString(operation, oidc.issuer, 'identity.oidc.issuer'),
    autoMode: autoModeOf(operation, c.computeConfig),
  };
}

function autoModeOf(operation: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const config = record<{ enabled?: unknown }>(operation, value, 'computeConfig');
  if (config.enabled !== undefined && config.enabled !== null && typeof config.enabled !== 'boolean')
    throw malformed(operation, 'computeConfig.enabled', 'a boolean', config.enabled);
  return config.enabled === true;
}

/** A DescribeAddon answer. */
export function toAddonDetail(operation: string, value: unknown): AddonDetail {
  const a = record<{ addonName?: unknown; status?: unknown; addonVersion?: unknown; health?: unknown }>(
    operation,
    value,
    'addon',
  );
  const health =
    a.health === undefined || a.health === null ? {} : record<{ issues?: unknown }>(operation, a.health, 'health');
  const issues = health.issues === undefined || health.issues === null ? [] : health.issues;
  if (!Array.isArray(issues)) throw malformed(operation, 'health.issues', 'a list', issues);
  return {
    name: requiredString(operation, a.addonName, 'addonName'),
    status: optionalString(operation, a.status, 'status'),
    version: optionalString(operation, a.addonVersion, 'addonVersion'),
    issues: issues.map((issue: unknown, i) => {
      const entry = record<{ code?: unknown; message?: unknown }>(operation, issue, `health.issues[${i}]`);
      return {
        code: optionalString(operation, entry.code, `health.issues[${i}].code`) ?? 'Unknown',
        message: optionalString(operation, entry.message, `health.issues[${i}].message`) ?? '',
      };
    }),
  };
}

/** A GetRole answer; IAM sends the trust policy URL-encoded. */
export function toRoleDetail(operation: string, accountId: string, value: unknown): RoleDetail {
  const r = record<{ Arn?: unknown; RoleName?: unknown; AssumeRolePolicyDocument?: unknown }>(operation, value, 'Role');
  const encoded = requiredString(operation, r.AssumeRolePolicyDocument, 'AssumeRolePolicyDocument');
  let trustPolicy: string;
  try {
    trustPolicy = decodeURIComponent(encoded);
  } catch {
    throw malformed(operation, 'AssumeRolePolicyDocument', 'URL-encoded JSON text', encoded);
  }
  return {
    arn: requiredString(operation, r.Arn, 'Arn'),
    accountId,
    roleName: requiredString(operation, r.RoleName, 'RoleName'),
    trustPolicy,
  };
}

/** The tag map of ListTagsForResource (absent means none). */
export function toTags(operation: string, value: unknown): Record<string, string> {
  return tagMap(operation, value);
}

/** A List answer: its array member (absent means empty) and its next-page token. */
export function toPage<T>(
  operation: string,
  items: unknown,
  member: string,
  nextToken: unknown,
  each: (item: unknown) => T,
): EksPage<T> {
  if (items !== undefined && items !== null && !Array.isArray(items))
    throw malformed(operation, member, 'a list', items);
  return { items: (items ?? []).map(each), nextToken: optionalString(operation, nextToken, 'nextToken') || null };
}

/** A cluster name of ListClusters. */
export function toName(operation: string, value: unknown): string {
  return requiredString(operation, value, 'clusters[]');
}

function record<T>(operation: string, value: unknown, member: string): { [K in keyof T]?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw malformed(operation, member, 'an object', value);
  return value;
}

function requiredString(operation: string, value: unknown, member: string): string {
  if (value === undefined || value === null) {
    throw new EksError(
      'Internal',
      `The EKS answer to ${operation} lacks the required member ${member}.`,
      'InvalidResponse',
      operation,
      null,
      null,
      false,
    );
  }
  return checkedString(operation, value, member);
}

function optionalString(operation: string, value: unknown, member: string): string | null {
  return value === undefined || value === null ? null : checkedString(operation, value, member);
}

function checkedString(operation: string, value: unknown, member: string): string {
  if (typeof value !== 'string') throw malformed(operation, member, 'a string', value);
  if (value.length > MAX_MEMBER_LENGTH)
    throw malformed(operation, member, `a string of at most ${MAX_MEMBER_LENGTH} characters`, value);
  return value;
}

function optionalBoolean(operation: string, value: unknown, member: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw malformed(operation, member, 'a boolean', value);
  return value;
}

/** The SDK turns EKS's epoch seconds into Dates; anything else is not a time. */
function optionalDate(operation: string, value: unknown, member: string): Date | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw malformed(operation, member, 'a timestamp', value);
  return value;
}

/** EKS allows 50 tags (user tags; a cluster may carry a few more of AWS's own). */
const MAX_TAGS = 200;

function tagMap(operation: string, value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  const tags = record<Record<string, unknown>>(operation, value, 'tags');
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) throw malformed(operation, 'tags', `a map of at most ${MAX_TAGS} tags`, value);
  const checked: Record<string, string> = {};
  for (const [key, tagValue] of entries) checked[key] = checkedString(operation, tagValue, `tags.${key.slice(0, 64)}`);
  return checked;
}

function malformed(operation: string, member: string, expected: string, received: unknown): EksError {
  const got = Array.isArray(received)
    ? 'a list'
    : received === null
      ? 'null'
      : typeof received === 'string' && received.length > MAX_MEMBER_LENGTH
        ? 'a longer string'
        : `a ${typeof received}`;
  return new EksError(
    'Internal',
    `The EKS answer to ${operation} is malformed: ${member} should be ${expected}, received ${got}.`,
    'InvalidResponse',
    operation,
    null,
    null,
    false,
  );
}
