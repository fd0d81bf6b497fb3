/**
 * IAM role ARNs as the gateway accepts them: `arn:<partition>:iam::<12 digits>:role/<path/><name>`,
 * where the path is `/` or `/segment/.../` and every segment and the name are IAM's characters
 * ([\w+=,.@-]). IAM does not resolve `.` or `..` in a path and has no empty segment, so an ARN
 * with one names no real role: it is refused, never matched against a policy glob, where
 * `role/payments-x/../platform-admin` could look like one of the payments team's roles.
 */

const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/(.*)$/s;
const SEGMENT = /^[\w+=,.@-]+$/;
const MAX_NAME = 64;
const MAX_PATH = 512;

/** What `roleArnProblem` says of a value that is no role ARN at all (wrong prefix, partition or account). */
export const NOT_A_ROLE_ARN = 'is not an IAM role ARN';

/** Why `value` is not a role ARN in canonical form, or null when it is one. */
export function roleArnProblem(value: string): string | null {
  const rest = value.length <= 2048 ? ROLE_ARN.exec(value)?.[2] : undefined;
  if (rest === undefined) return NOT_A_ROLE_ARN;
  const segments = rest.split('/');
  const name = segments[segments.length - 1] as string;
  for (const segment of segments) {
    if (segment === '') return 'has an empty path segment ("//" or a "/" at an end)';
    if (segment === '.' || segment === '..')
      return `has a "${segment}" path segment; IAM role paths are not resolved, so no role has one`;
    if (!SEGMENT.test(segment))
      return 'has characters that IAM does not allow in role paths and names (letters, digits and +=,.@_-)';
  }
  if (name.length > MAX_NAME) return `has a role name of ${name.length} characters; IAM allows at most ${MAX_NAME}`;
  if (rest.length - name.length + 1 > MAX_PATH) return `has a path over ${MAX_PATH} characters`;
  return null;
}

/**
 * Whether the path and name of a role ARN (what follows `:role/`) have no empty, `.` or `..`
 * segment: the only ARNs the policy matches globs against.
 */
export function hasCanonicalRolePath(value: string): boolean {
  const at = value.indexOf(':role/');
  if (at === -1) return false;
  return value
    .slice(at + ':role/'.length)
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
