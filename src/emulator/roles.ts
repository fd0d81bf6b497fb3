/**
 * The emulated IAM's roles, from the seed's `roles`. Like IAM, a role is known by its account and
 * name (names are unique per account, in any case) and has one path: an ARN that gives the name
 * with another path, or with a `.` or `..` path segment (IAM does not resolve them), names no role.
 *
 * An account is strict or lenient (the seed's `iam.strict`, default lenient). In a strict account
 * only the roles the seed lists exist. In a lenient one every other name exists too, at the path
 * `/`, trusting `pods.eks.amazonaws.com` with sts:AssumeRole and sts:TagSession: ad-hoc scripts
 * can name any role, and GetRole answers that synthesized role. A role the seed lists as deleted
 * does not exist in either.
 */
import { POD_IDENTITY_SERVICE } from '../iam/podIdentityRequests';
import { TrustPolicy } from '../iam/trustPolicy';
import { iamUniqueId } from './ids';
import type { Tags } from './model';
import type { ParsedRoleArn } from './validation';

/** IAM's default and the range it allows for a role's MaxSessionDuration, in seconds. */
export const DEFAULT_MAX_SESSION_DURATION = 3600;
export const MAX_SESSION_DURATION_RANGE = { min: 3600, max: 43200 } as const;

/** The service principal EKS Pod Identity assumes roles as. */
export { POD_IDENTITY_SERVICE };

/** The trust policy the EKS documentation gives a Pod Identity role: that of roles the seed does not describe. */
export const POD_IDENTITY_TRUST_POLICY = TrustPolicy.parse({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: POD_IDENTITY_SERVICE }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
  ],
});

export interface RoleDefinition {
  role: ParsedRoleArn;
  /** IAM's unique id of the role (`AROA...`), stable across starts. */
  roleId: string;
  /** Null for a role listed by its ARN only (for its path): it has POD_IDENTITY_TRUST_POLICY. */
  trustPolicy: TrustPolicy | null;
  maxSessionDuration: number;
  description: string | null;
  tags: Tags;
  /** Epoch ms; null for the emulator's start time. */
  createDate: number | null;
  /** Listed as deleted: the name does not exist, even in a lenient account. */
  deleted: boolean;
}

/** A role as IAM describes it (GetRole), listed in the seed or taken as existing in a lenient account. */
export interface IamRole {
  arn: string;
  accountId: string;
  roleName: string;
  path: string;
  roleId: string;
  trustPolicy: TrustPolicy;
  maxSessionDuration: number;
  description: string | null;
  tags: Tags;
  /** Epoch ms; null for the emulator's start time. */
  createDate: number | null;
  /** `seed`: listed; `lenient`: not listed, existing because its account is lenient. */
  source: 'seed' | 'lenient';
}

/** Which accounts are strict: the seed's `iam.strict` at the top and per account. */
export interface IamStrictness {
  /** For accounts that do not say (and those not in the seed). */
  strict: boolean;
  accounts: ReadonlyMap<string, boolean>;
}

export class RoleDirectory {
  private readonly roles = new Map<string, RoleDefinition>();

  /** A name listed twice is refused when the paths differ or either entry has a trust policy: `onConflict` says so. */
  constructor(
    roles: readonly RoleDefinition[],
    onConflict: (definition: RoleDefinition, earlier: RoleDefinition) => never,
    private readonly strictness: IamStrictness = { strict: false, accounts: new Map() },
  ) {
    for (const definition of roles) {
      const key = keyOf(definition.role.accountId, definition.role.roleName);
      const earlier = this.roles.get(key);
      if (earlier === undefined) {
        this.roles.set(key, definition);
        continue;
      }
      const plain = (entry: RoleDefinition) => entry.trustPolicy === null && !entry.deleted;
      if (earlier.role.path !== definition.role.path || !plain(earlier) || !plain(definition))
        onConflict(definition, earlier);
    }
  }

  /** Whether only the roles the seed lists exist in this account. */
  isStrict(accountId: string): boolean {
    return this.strictness.accounts.get(accountId) ?? this.strictness.strict;
  }

  /** The role of this account by name (in any case), as GetRole finds it; `partition` is that of a synthesized role's ARN. */
  get(accountId: string, roleName: string, partition = 'aws'): IamRole | undefined {
    const definition = this.roles.get(keyOf(accountId, roleName));
    if (definition) return definition.deleted ? undefined : describeRole(definition);
    if (this.isStrict(accountId)) return undefined;
    return {
      arn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
      accountId,
      roleName,
      path: '/',
      roleId: roleIdOf(accountId, roleName),
      trustPolicy: POD_IDENTITY_TRUST_POLICY,
      maxSessionDuration: DEFAULT_MAX_SESSION_DURATION,
      description: null,
      tags: {},
      createDate: null,
      source: 'lenient',
    };
  }

  /** The role an ARN names, if it exists: its path is the role's own, with no `.` or `..` segment. */
  resolve(arn: ParsedRoleArn): IamRole | undefined {
    if (arn.path.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
    const role = this.get(arn.accountId, arn.roleName, partitionOfArn(arn.arn));
    return role?.path === arn.path ? role : undefined;
  }

  /** The roles the seed lists in an account (but those it lists as deleted), by name. */
  inAccount(accountId: string): RoleDefinition[] {
    return [...this.roles.values()]
      .filter((definition) => definition.role.accountId === accountId && !definition.deleted)
      .sort((a, b) => (a.role.roleName < b.role.roleName ? -1 : 1));
  }
}

/** A listed role as IAM describes it. */
export function describeRole(definition: RoleDefinition): IamRole {
  return {
    arn: definition.role.arn,
    accountId: definition.role.accountId,
    roleName: definition.role.roleName,
    path: definition.role.path,
    roleId: definition.roleId,
    trustPolicy: definition.trustPolicy ?? POD_IDENTITY_TRUST_POLICY,
    maxSessionDuration: definition.maxSessionDuration,
    description: definition.description,
    tags: definition.tags,
    createDate: definition.createDate,
    source: 'seed',
  };
}

/** `AROA...`, derived from the account and name (in any case) so a role keeps its id. */
export function roleIdOf(accountId: string, roleName: string): string {
  return iamUniqueId('AROA', accountId, roleName.toLowerCase());
}

/** The partition of an IAM ARN (`arn:aws-cn:iam::...`), which names no region. */
function partitionOfArn(arn: string): string {
  return arn.split(':')[1] ?? 'aws';
}

function keyOf(accountId: string, roleName: string): string {
  return `${accountId}:${roleName.toLowerCase()}`;
}
