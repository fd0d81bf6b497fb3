/**
 * The IAM roles the emulator knows. IAM is not emulated (see docs/emulator.md): every role name
 * exists in every account, at the path `/`, unless the seed's `roles` lists its ARN with another
 * path. Like IAM, a role is known by its account and name (names are unique per account, in any
 * case), so an ARN that gives the name with a path other than the role's own names no role, and
 * neither does one with a `.` or `..` path segment (IAM does not resolve them): PassRole fails,
 * which EKS answers `Role provided in the request does not exist`.
 */
import type { ParsedRoleArn } from './validation';

export class RoleDirectory {
  private readonly paths = new Map<string, string>();

  /** `roles` are parsed ARNs of roles whose path is not `/`; a name listed twice is refused. */
  constructor(roles: readonly ParsedRoleArn[], onConflict: (role: ParsedRoleArn, earlier: string) => never) {
    for (const role of roles) {
      const key = keyOf(role);
      const earlier = this.paths.get(key);
      if (earlier !== undefined && earlier !== role.path) onConflict(role, earlier);
      this.paths.set(key, role.path);
    }
  }

  /** The path the role really has: `/` unless the seed lists it elsewhere. */
  pathOf(role: ParsedRoleArn): string {
    return this.paths.get(keyOf(role)) ?? '/';
  }

  /** Whether the ARN names a role that exists: its path is the role's own, with no `.` or `..` segment. */
  exists(role: ParsedRoleArn): boolean {
    return !role.path.split('/').some((segment) => segment === '.' || segment === '..') && role.path === this.pathOf(role);
  }
}

function keyOf(role: ParsedRoleArn): string {
  return `${role.accountId}:${role.roleName.toLowerCase()}`;
}
