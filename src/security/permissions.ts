/**
 * What one caller may do, answered from the policy's rules that name the caller. Built once per
 * request; the questions are the ones `AuthorizedPodIdentityService` needs to filter lists,
 * answer reads and check mutations.
 */
import type { AccountRegion } from '../eks/types';
import type { Caller } from './caller';
import { bindsRoles, type Action, type Policy, type PolicyRule } from './policy';
import { hasCanonicalRolePath } from './roleArn';

/** Which items of a list (clusters of a region, namespaces of a cluster) the caller may act on. */
export type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'some'; readonly includes: (name: string) => boolean };

export interface NamespaceRef {
  accountId: string;
  region: string;
  clusterName: string;
  namespace: string;
}

/**
 * One rule's reach for reads, as globs: an association is readable when some grant covers its
 * account, region, cluster and namespace. `accountIds` are the served accounts the rule covers
 * (its globs resolved against their ids and names), or `*` for any.
 */
export interface ReadGrant {
  readonly accountIds: readonly string[] | '*';
  readonly regions: readonly string[];
  readonly clusters: readonly string[];
  readonly namespaces: readonly string[];
}

export interface Permissions {
  readonly caller: Caller;
  /** The clusters of an account's region in which the caller may `action` (in at least one namespace). */
  clusters(action: Action, at: AccountRegion): Scope;
  /** The namespaces of a cluster in which the caller may `action`. */
  namespaces(action: Action, at: AccountRegion, clusterName: string): Scope;
  /**
   * Whether the caller may `action` on every association of the cluster, whatever its namespace
   * and role: then nothing about the association can change the answer, and no Describe is needed.
   */
  unrestricted(action: Action, at: AccountRegion, clusterName: string): boolean;
  /**
   * Whether the caller may bind `roleArn` (as role or target role) by `action` in this namespace.
   * Globs are matched only against ARNs in canonical form (no empty, `.` or `..` path segment);
   * any other ARN is allowed only by a rule that allows any role (`*`).
   */
  mayBindRole(action: Action, at: NamespaceRef, roleArn: string): boolean;
  /**
   * Whether the caller may read `/metrics`: a rule gives it `metrics`, or it may read everything
   * (every account, region, cluster and namespace), so the counters cannot tell it anything it could not
   * read itself.
   */
  mayReadMetrics(): boolean;
  /**
   * Whether the caller may send documents outside the trusted-documents manifest: a rule gives
   * it `explore`. Never without authentication: a manifest, once configured, holds for everyone.
   */
  mayExplore(): boolean;
  /**
   * What the caller may read, as grants over `accounts` (the served ones), for searches that
   * filter in a database; null when it may read everything.
   */
  readGrants(accounts: ReadonlyArray<{ accountId: string; name: string | null }>): ReadGrant[] | null;
}

export function scopeIncludes(scope: Scope, name: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'some':
      return scope.includes(name);
    default: {
      const unreachable: never = scope;
      throw new Error(`Unknown scope ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Authentication is off: the loopback-only development mode, where everything is allowed. */
export function allowEverything(caller: Caller): Permissions {
  const all: Scope = { kind: 'all' };
  return {
    caller,
    clusters: () => all,
    namespaces: () => all,
    unrestricted: () => true,
    mayBindRole: () => true,
    mayReadMetrics: () => true,
    mayExplore: () => false,
    readGrants: () => null,
  };
}

/**
 * The permissions the policy gives `caller`; what no rule gives is denied. `accountName` gives
 * the name of a served account (from the accounts file) for rules whose `accounts` name it.
 */
export function permissionsFromPolicy(
  policy: Policy,
  caller: Caller,
  accountName: (accountId: string) => string | null = () => null,
): Permissions {
  const mine = policy.rules.filter(
    (rule) => rule.subjects(caller.subject) || caller.groups.some((group) => rule.groups(group)),
  );
  const inAccount = (rule: PolicyRule, accountId: string): boolean => {
    if (rule.allAccounts || rule.accounts(accountId)) return true;
    const name = accountName(accountId);
    return name !== null && rule.accounts(name);
  };
  const giving = (action: Action, at: AccountRegion): PolicyRule[] =>
    mine.filter((rule) => rule.actions.has(action) && rule.regions(at.region) && inAccount(rule, at.accountId));
  const inCluster = (action: Action, at: AccountRegion, clusterName: string): PolicyRule[] =>
    giving(action, at).filter((rule) => rule.clusters(clusterName));

  return {
    caller,
    clusters(action, at) {
      const rules = giving(action, at);
      return scopeOf(
        rules,
        (rule) => rule.allClusters,
        (rule, name) => rule.clusters(name),
      );
    },
    namespaces(action, at, clusterName) {
      const rules = inCluster(action, at, clusterName);
      return scopeOf(
        rules,
        (rule) => rule.allNamespaces,
        (rule, name) => rule.namespaces(name),
      );
    },
    unrestricted(action, at, clusterName) {
      return inCluster(action, at, clusterName).some(
        (rule) => rule.allNamespaces && (!bindsRoles(action) || rule.anyRole),
      );
    },
    mayBindRole(action, at, roleArn) {
      const canonical = hasCanonicalRolePath(roleArn);
      return inCluster(action, at, at.clusterName).some(
        (rule) =>
          rule.namespaces(at.namespace) && (rule.anyRole || (canonical && rule.roleArns(at.accountId)(roleArn))),
      );
    },
    mayReadMetrics() {
      return mine.some(
        (rule) =>
          rule.actions.has('metrics') ||
          (rule.actions.has('read') && rule.allAccounts && rule.allRegions && rule.allClusters && rule.allNamespaces),
      );
    },
    mayExplore() {
      return mine.some((rule) => rule.actions.has('explore'));
    },
    readGrants(accounts) {
      const readers = mine.filter((rule) => rule.actions.has('read'));
      if (readers.some((r) => r.allAccounts && r.allRegions && r.allClusters && r.allNamespaces)) return null;
      return readers.map((rule) => ({
        accountIds: rule.allAccounts
          ? '*'
          : accounts
              .filter((a) => rule.accounts(a.accountId) || (a.name !== null && rule.accounts(a.name)))
              .map((a) => a.accountId),
        regions: rule.globs.regions,
        clusters: rule.globs.clusters,
        namespaces: rule.globs.namespaces,
      }));
    },
  };
}

function scopeOf(
  rules: PolicyRule[],
  coversAll: (rule: PolicyRule) => boolean,
  covers: (rule: PolicyRule, name: string) => boolean,
): Scope {
  if (rules.length === 0) return { kind: 'none' };
  if (rules.some(coversAll)) return { kind: 'all' };
  return { kind: 'some', includes: (name) => rules.some((rule) => covers(rule, name)) };
}
