/**
 * The IAM roles the emulator knows. IAM is not emulated (see docs/emulator.md): for EKS, every
 * role name exists in every account, at the path `/`, unless the seed's `roles` lists it with
 * another path. Like IAM, a role is known by its account and name (names are unique per account,
 * in any case), so an ARN that gives the name with a path other than the role's own names no
 * role, and neither does one with a `.` or `..` path segment (IAM does not resolve them): PassRole
 * fails, which EKS answers `Role provided in the request does not exist`.
 *
 * STS is stricter: only a role the seed lists with a trust policy can be assumed.
 */
import { iamUniqueId } from './ids';
import type { TrustPolicy } from './trustPolicy';
import type { ParsedRoleArn } from './validation';

/** IAM's default and the range it allows for a role's MaxSessionDuration, in seconds. */
export const DEFAULT_MAX_SESSION_DURATION = 3600;
export const MAX_SESSION_DURATION_RANGE = { min: 3600, max: 43200 } as const;

export interface RoleDefinition {
  role: ParsedRoleArn;
  /** IAM's unique id of the role (`AROA...`), stable across starts. */
  roleId: string;
  /** Null for a role listed only for its path: nobody may assume it. */
  trustPolicy: TrustPolicy | null;
  maxSessionDuration: number;
}

export class RoleDirectory {
  private readonly roles = new Map<string, RoleDefinition>();

  /** A name listed twice is refused when the paths differ or either entry has a trust policy: `onConflict` says so. */
  constructor(
    roles: readonly RoleDefinition[],
    onConflict: (definition: RoleDefinition, earlier: RoleDefinition) => never,
  ) {
    for (const definition of roles) {
      const key = keyOf(definition.role.accountId, definition.role.roleName);
      const earlier = this.roles.get(key);
      if (earlier === undefined) {
        this.roles.set(key, definition);
        continue;
      }
      if (earlier.role.path !== definition.role.path || earlier.trustPolicy !== null || definition.trustPolicy !== null)
        onConflict(definition, earlier);
    }
  }

  /** The path the role really has: `/` unless the seed lists it elsewhere. */
  pathOf(role: ParsedRoleArn): string {
    return this.roles.get(keyOf(role.accountId, role.roleName))?.role.path ?? '/';
  }

  /** Whether the ARN names a role that exists: its path is the role's own, with no `.` or `..` segment. */
  exists(role: ParsedRoleArn): boolean {
    return (
      !role.path.split('/').some((segment) => segment === '.' || segment === '..') && role.path === this.pathOf(role)
    );
  }

  /** The roles the seed lists in an account, by name. */
  inAccount(accountId: string): RoleDefinition[] {
    return [...this.roles.values()]
      .filter((definition) => definition.role.accountId === accountId)
      .sort((a, b) => (a.role.roleName < b.role.roleName ? -1 : 1));
  }

  /** The role the seed lists under this account and name (in any case), if any. */
  find(accountId: string, roleName: string): RoleDefinition | undefined {
    return this.roles.get(keyOf(accountId, roleName));
  }
}

/** `AROA...`, derived from the account and name (in any case) so a role keeps its id. */
export function roleIdOf(accountId: string, roleName: string): string {
  return iamUniqueId('AROA', accountId, roleName.toLowerCase());
}

function keyOf(accountId: string, roleName: string): string {
  return `${accountId}:${roleName.toLowerCase()}`;
}
