/**
 * The rules of the EKS API (see the project's EKS notes), checked before any call so that bad
 * input costs no round trip and gets a message naming the field, the rule and the value.
 */
import { NOT_A_ROLE_ARN, roleArnProblem } from '../security/roleArn';

export const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
export const ASSOCIATION_ID = /^a-[a-z0-9]{17}$/;
export const ACCOUNT_ID = /^\d{12}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const MAX_TAGS = 50;
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;
export const MAX_POLICY_LENGTH = 2048;
export const MAX_REQUEST_TOKEN = 64;

/** One broken rule: the input field (a path such as `tags.2.key`) and what is wrong with it. */
export interface InputProblem {
  field: string;
  message: string;
}

type Check = (value: string) => string | null;

export const checkClusterName: Check = (v) =>
  v.length === 0 || v.length > 100
    ? `must be 1-100 characters long, received ${v.length}`
    : CLUSTER_NAME.test(v)
      ? null
      : `must start with a letter or digit and contain only letters, digits, - and _, received "${show(v)}"`;

export const checkAssociationId: Check = (v) =>
  ASSOCIATION_ID.test(v) ? null : `must be "a-" followed by 17 lowercase letters or digits, received "${show(v)}"`;

export const checkNamespace: Check = (v) =>
  v.length > 63
    ? `must be at most 63 characters (a Kubernetes DNS-1123 label), received ${v.length}`
    : DNS_LABEL.test(v)
      ? null
      : `must be a Kubernetes DNS-1123 label (lowercase letters, digits and -, starting and ending with a letter or digit), received "${show(v)}"`;

export const checkServiceAccount: Check = (v) =>
  v.length > 253
    ? `must be at most 253 characters (a Kubernetes DNS-1123 subdomain), received ${v.length}`
    : v.split('.').every((label) => label.length <= 63 && DNS_LABEL.test(label))
      ? null
      : `must be a Kubernetes DNS-1123 subdomain (lowercase letters, digits, - and ., each part starting and ending with a letter or digit), received "${show(v)}"`;

/** A role ARN in canonical form: IAM's characters, and no empty, `.` or `..` path segment. */
export const checkRoleArn: Check = (v) => {
  const problem = roleArnProblem(v);
  if (problem === null) return null;
  if (problem !== NOT_A_ROLE_ARN) return `is not a valid IAM role ARN: it ${problem}, received "${show(v)}"`;
  return `must be an IAM role ARN like arn:aws:iam::111122223333:role/my-role, received "${show(v)}"`;
};

export const checkPolicy: Check = (v) => {
  if (v.length > MAX_POLICY_LENGTH) return `must be at most ${MAX_POLICY_LENGTH} characters, received ${v.length}`;
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? null
      : 'must be an IAM policy document: a JSON object';
  } catch {
    return 'must be an IAM policy document in JSON, but it is not valid JSON';
  }
};

export const checkRequestToken: Check = (v) =>
  v.length >= 1 && v.length <= MAX_REQUEST_TOKEN && /^[\x21-\x7e]+$/.test(v)
    ? null
    : `must be 1-${MAX_REQUEST_TOKEN} printable ASCII characters without spaces, received "${show(v)}"`;

export function checkAccount(value: string, accountIds: readonly string[]): string | null {
  if (!ACCOUNT_ID.test(value)) return `must be a 12-digit AWS account id, received "${show(value)}"`;
  return accountIds.includes(value)
    ? null
    : `must be one of the accounts this gateway serves (${accountIds.join(', ')}), received "${show(value)}"`;
}

export function checkRegion(value: string, regions: readonly string[]): string | null {
  return regions.includes(value)
    ? null
    : `must be one of the regions this gateway serves (${regions.join(', ')}), received "${show(value)}"`;
}

/** Validates tags and turns them into the map EKS takes. */
export function checkTags(
  tags: ReadonlyArray<{ key: string; value: string }>,
  field = 'tags',
): { problems: InputProblem[]; map: Record<string, string> } {
  const problems: InputProblem[] = [];
  const map: Record<string, string> = {};
  if (tags.length > MAX_TAGS) {
    problems.push({ field, message: `${field} holds at most ${MAX_TAGS} tags, received ${tags.length}` });
  }
  tags.forEach(({ key, value }, i) => {
    const at = `${field}.${i}`;
    if (key.length < 1 || key.length > MAX_TAG_KEY) {
      problems.push({
        field: `${at}.key`,
        message: `A tag key must be 1-${MAX_TAG_KEY} characters, received ${key.length}`,
      });
    } else if (key.toLowerCase().startsWith('aws:')) {
      problems.push({
        field: `${at}.key`,
        message: `The tag key prefix "aws:" is reserved for AWS, received "${show(key)}"`,
      });
    } else if (Object.prototype.hasOwnProperty.call(map, key)) {
      problems.push({ field: `${at}.key`, message: `Tag keys must be unique; "${show(key)}" appears more than once` });
    }
    if (value.length > MAX_TAG_VALUE) {
      problems.push({
        field: `${at}.value`,
        message: `A tag value must be at most ${MAX_TAG_VALUE} characters, received ${value.length}`,
      });
    }
    map[key] = value;
  });
  return { problems, map };
}

/** The keys of an untag: 1 to 50, each a key a tag could have; repeats are harmless. */
export function checkTagKeys(keys: readonly string[], field = 'tagKeys'): InputProblem[] {
  const problems: InputProblem[] = [];
  if (keys.length < 1 || keys.length > MAX_TAGS) {
    problems.push({ field, message: `${field} must hold 1-${MAX_TAGS} keys, received ${keys.length}` });
  }
  keys.forEach((key, i) => {
    if (key.length < 1 || key.length > MAX_TAG_KEY) {
      problems.push({
        field: `${field}.${i}`,
        message: `A tag key must be 1-${MAX_TAG_KEY} characters, received ${key.length}`,
      });
    } else if (key.toLowerCase().startsWith('aws:')) {
      problems.push({
        field: `${field}.${i}`,
        message: `The tag key prefix "aws:" is reserved for AWS, received "${show(key)}"`,
      });
    }
  });
  return problems;
}

/** Collects the problems of several fields; `null` values are skipped (optional, absent). */
export function collect(
  checks: Array<[field: string, value: string | null | undefined, check: Check]>,
): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const [field, value, check] of checks) {
    if (value === null || value === undefined) continue;
    const message = check(value);
    if (message) problems.push({ field, message: `${field} ${message}` });
  }
  return problems;
}

/** Shows a received value safely in a message: bounded, control characters escaped. */
export function show(value: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const escaped = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
