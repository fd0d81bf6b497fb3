/**
 * Input rules of the EKS API (as the real service applies them). Every check throws an
 * InvalidParameterException whose message names the parameter, the rule and the value received.
 */
import { invalidParameter, jsonType, quote } from './errors';
import type { Tags } from './model';

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;
const ASSOCIATION_ID = /^a-[a-z0-9]{17}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ADDON_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_.]*$/;
// arn:<partition>:iam::<account>:role/<path/><name>; IAM allows [\w+=,.@-] in names and path segments.
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;

export const MAX_TAGS = 50;
export const MAX_POLICY_LENGTH = 2048;
export const MAX_RESULTS_DEFAULT = 100;

export function validateClusterName(name: string): string {
  if (name.length === 0) throw invalidParameter('The parameter name must not be empty.');
  if (name.length > 100) {
    throw invalidParameter('The parameter name should not be greater than 100 characters.');
  }
  if (!CLUSTER_NAME.test(name)) {
    throw invalidParameter(
      `The parameter name must start with a letter or digit and contain only letters, digits, '-' and '_' (pattern ^[0-9A-Za-z][A-Za-z0-9\\-_]*$); received ${quote(name)}.`,
    );
  }
  return name;
}

export function validateAssociationId(id: string, clusterName: string): string {
  if (id.length !== 19) {
    throw invalidParameter('The parameter associationId should be 19 characters long.', { clusterName });
  }
  if (!ASSOCIATION_ID.test(id)) {
    throw invalidParameter(
      `The parameter associationId must be 'a-' followed by 17 lowercase letters or digits; received ${quote(id)}.`,
      { clusterName },
    );
  }
  return id;
}

export function validateAddonName(name: string, clusterName: string): string {
  if (name.length === 0 || name.length > 100 || !ADDON_NAME.test(name)) {
    throw invalidParameter(
      `The parameter addonName must be 1-100 letters, digits, '-', '_' or '.', starting with a letter or digit; received ${quote(name)}.`,
      { clusterName },
    );
  }
  return name;
}

/** A Kubernetes namespace name: a DNS-1123 label. */
export function validateNamespace(value: string): string {
  if (value.length > 63 || !DNS_LABEL.test(value)) {
    throw invalidParameter(
      `The parameter namespace must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit; received ${quote(value)}.`,
    );
  }
  return value;
}

/** A Kubernetes service account name: a DNS-1123 subdomain. */
export function validateServiceAccount(value: string): string {
  if (value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    throw invalidParameter(
      `The parameter serviceAccount must be a DNS-1123 subdomain: at most 253 characters of dot-separated labels of lowercase letters, digits or '-', each starting and ending with a letter or digit; received ${quote(value)}.`,
    );
  }
  return value;
}

export interface ParsedRoleArn {
  arn: string;
  accountId: string;
  /** `/`, or `/segment/.../`: what lies between `role` and the name. */
  path: string;
  /** The last path segment: the role's name. */
  roleName: string;
}

export function parseRoleArn(value: string, parameter: 'roleArn' | 'targetRoleArn'): ParsedRoleArn {
  const match = value.length <= 2048 ? ROLE_ARN.exec(value) : null;
  const accountId = match?.[2];
  const path = match?.[3] ?? '';
  const roleName = match?.[4];
  if (!accountId || !roleName || roleName.length > 64 || path.length > 512) {
    throw invalidParameter(
      `The parameter ${parameter} must be an IAM role ARN of the form arn:<partition>:iam::<12-digit account>:role/<optional path/><name>; received ${quote(value)}.`,
    );
  }
  return { arn: value, accountId, path: `/${path}`, roleName };
}

export function validateTags(value: unknown): Tags {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter(
      `The parameter tags must be an object mapping keys to string values; received ${jsonType(value)}.`,
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_TAGS) {
    throw invalidParameter(`The parameter tags may hold at most ${MAX_TAGS} tags; received ${entries.length}.`);
  }
  const tags: Tags = {};
  for (const [key, tagValue] of entries) {
    if (key.length < 1 || key.length > 128) {
      throw invalidParameter(
        `Tag keys must be 1-128 characters long; received ${quote(key)} (${key.length} characters).`,
      );
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw invalidParameter(`Tag keys starting with 'aws:' are reserved for AWS use; received ${quote(key)}.`);
    }
    if (typeof tagValue !== 'string') {
      throw invalidParameter(`The value of tag ${quote(key)} must be a string; received ${jsonType(tagValue)}.`);
    }
    if (tagValue.length > 256) {
      throw invalidParameter(
        `The value of tag ${quote(key)} must be at most 256 characters long; received ${tagValue.length} characters.`,
      );
    }
    tags[key] = tagValue;
  }
  return tags;
}

/** A session policy: JSON text describing a JSON object. */
export function validatePolicy(value: string): string {
  if (value.length > MAX_POLICY_LENGTH) {
    throw invalidParameter(
      `The parameter policy must be at most ${MAX_POLICY_LENGTH} characters long; received ${value.length} characters.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw invalidParameter(
      `The parameter policy must be a JSON policy document; it does not parse: ${(error as Error).message}.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter(
      `The parameter policy must be a JSON object (a policy document); received a JSON ${jsonType(parsed)}.`,
    );
  }
  return value;
}

export function policyRequiresDisabledSessionTags(): never {
  throw invalidParameter('The parameter policy can only be set when disableSessionTags is true.');
}

/** `maxResults` from the query string: an integer 1-100, 100 when absent. */
export function parseMaxResults(raw: string | null): number {
  if (raw === null) return MAX_RESULTS_DEFAULT;
  const value = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= 100)) {
    throw invalidParameter(`The parameter maxResults must be an integer between 1 and 100; received ${quote(raw)}.`);
  }
  return value;
}

/** Readers for members of a JSON request body. JSON `null` counts as absent, as in AWS's JSON protocols. */
export class BodyReader {
  constructor(private readonly body: Record<string, unknown>) {}

  has(member: string): boolean {
    return this.body[member] !== undefined && this.body[member] !== null;
  }

  optionalString(member: string): string | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      throw invalidParameter(`The parameter ${member} must be a string; received ${jsonType(value)}.`);
    }
    return value;
  }

  requiredString(member: string): string {
    const value = this.optionalString(member);
    if (value === undefined) throw invalidParameter(`The parameter ${member} is required.`);
    return value;
  }

  optionalBoolean(member: string): boolean | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      throw invalidParameter(`The parameter ${member} must be a boolean; received ${jsonType(value)}.`);
    }
    return value;
  }

  optionalTags(member: string): Tags | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    return validateTags(value);
  }

  /** The client token: the SDK always sends one; a missing one is allowed (no idempotency then). */
  clientRequestToken(): string | undefined {
    const token = this.optionalString('clientRequestToken');
    if (token === undefined || token === '') return undefined;
    if (token.length > 256) {
      throw invalidParameter(
        `The parameter clientRequestToken must be at most 256 characters long; received ${token.length} characters.`,
      );
    }
    return token;
  }
}
