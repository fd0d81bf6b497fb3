/**
 * The authorization policy file (`AUTH_POLICY_FILE`): rules that give subjects or groups actions
 * on accounts, regions, clusters and namespaces, and limit the IAM roles they may associate.
 * Anything no rule gives is denied. Parsed and checked at start-up and on SIGHUP; problems name
 * the rule and line.
 *
 * ```json
 * { "rules": [{ "groups": ["team-payments"], "actions": ["read", "create"],
 *               "accounts": ["payments"], "clusters": ["prod-*"], "namespaces": ["payments"],
 *               "roleArns": ["arn:aws:iam::{accountId}:role/payments-*"] }] }
 * ```
 */
import type { PolicyAction } from '../eks/operations';
import { readArray, readObject, readString, readStringList } from '../json/fields';
import { readSecurityFile, type SecurityDocument } from './files';
import { ANY, compileGlobs, MAX_GLOB_LENGTH, type Matcher } from './glob';

/**
 * What a rule gives on associations, in its regions, clusters and namespaces: the action each
 * EKS operation needs (src/eks/operations.ts). `tag` changes an association's tags; `update`
 * gives it too, since whoever may change an association may change its labels.
 */
export type Action = PolicyAction;
/**
 * Everything a rule may give: the actions on associations; `metrics`, the right to read
 * `/metrics` (whose counters, such as the cache's hits, could tell a caller what others read);
 * and `explore`, the right to send documents outside the trusted-documents manifest
 * (TRUSTED_DOCUMENTS_FILE): GraphiQL, introspection, ad-hoc queries.
 */
export type RuleAction = Action | 'metrics' | 'explore';
export const ACTIONS: readonly RuleAction[] = ['read', 'create', 'update', 'delete', 'tag', 'metrics', 'explore'];
/** The actions about the gateway itself, not about associations: given in rules that limit no place. */
const GATEWAY_ACTIONS: readonly RuleAction[] = ['metrics', 'explore'];

/** The actions that bind a role to a service account, and so are limited by `roleArns`. */
export function bindsRoles(action: Action): boolean {
  switch (action) {
    case 'create':
    case 'update':
      return true;
    case 'read':
    case 'delete':
    case 'tag':
      return false;
    default: {
      const unreachable: never = action;
      throw new Error(`Unknown action ${String(unreachable)}`);
    }
  }
}

export interface PolicyRule {
  /** Where the rule is, for messages: `rules[2] (line 14)`. */
  readonly origin: string;
  readonly subjects: Matcher;
  readonly groups: Matcher;
  readonly actions: ReadonlySet<RuleAction>;
  /** Matched against the account id and against the account's name (from the accounts file). */
  readonly accounts: Matcher;
  /** True when `accounts` holds `*`: the rule covers every served account. */
  readonly allAccounts: boolean;
  readonly regions: Matcher;
  /** True when `regions` holds `*`: the rule covers every region. */
  readonly allRegions: boolean;
  readonly clusters: Matcher;
  /** True when `clusters` holds `*`: the rule covers every cluster of its regions. */
  readonly allClusters: boolean;
  readonly namespaces: Matcher;
  /** True when `namespaces` holds `*`. */
  readonly allNamespaces: boolean;
  /**
   * The roles (and target roles) the rule lets its callers associate in clusters of the account
   * given (`{accountId}` in a glob stands for it); matches none without create/update.
   */
  readonly roleArns: (accountId: string) => Matcher;
  /** True when `roleArns` holds `*`. */
  readonly anyRole: boolean;
  /** The globs as written (`*` when left out), for queries that apply the rule elsewhere (the inventory's SQL). */
  readonly globs: {
    readonly accounts: readonly string[];
    readonly regions: readonly string[];
    readonly clusters: readonly string[];
    readonly namespaces: readonly string[];
  };
}

export interface Policy {
  readonly rules: readonly PolicyRule[];
}

const RULE_KEYS = [
  'description',
  'subjects',
  'groups',
  'actions',
  'accounts',
  'regions',
  'clusters',
  'namespaces',
  'roleArns',
] as const;

const NAME_GLOB = /^[A-Za-z0-9*][A-Za-z0-9_*-]*$/;
/** An account id (12 digits) or an account's name from the accounts file, or a glob of either. */
const ACCOUNT_GLOB = /^[A-Za-z0-9*][A-Za-z0-9._*-]*$/;
/** In a role ARN glob, the account of the cluster the association is made in. */
export const ACCOUNT_PLACEHOLDER = '{accountId}';
const NAMESPACE_GLOB = /^[a-z0-9*][a-z0-9*-]*$/;
const REGION_GLOB = /^[a-z0-9*][a-z0-9*-]*$/;

export function readPolicyFile(variable: string, path: string): Policy {
  return parsePolicy(readSecurityFile(variable, path));
}

export function parsePolicy(doc: SecurityDocument): Policy {
  const root = readObject(doc, '', doc.value, ['description', 'rules']);
  if (root.description !== undefined) readString(doc, 'description', root.description);
  const rules = readArray(doc, 'rules', root.rules, { nonEmpty: true });
  return { rules: rules.map((rule, i) => parseRule(doc, `rules[${i}]`, rule)) };
}

function parseRule(doc: SecurityDocument, path: string, value: unknown): PolicyRule {
  const rule = readObject(doc, path, value, RULE_KEYS);
  if (rule.description !== undefined) readString(doc, `${path}.description`, rule.description);
  if (rule.subjects === undefined && rule.groups === undefined) {
    throw doc.problem(
      path,
      'gives its actions to no one: name "subjects", "groups" or both ("*" for every authenticated caller).',
    );
  }
  const subjects =
    rule.subjects === undefined ? [] : readStringList(doc, `${path}.subjects`, rule.subjects, boundedGlob);
  const groups = rule.groups === undefined ? [] : readStringList(doc, `${path}.groups`, rule.groups, boundedGlob);
  const actions = readStringList(doc, `${path}.actions`, rule.actions, (a) =>
    ACTIONS.includes(a as RuleAction) ? null : `is not an action; use ${ACTIONS.join(', ')}`,
  ) as RuleAction[];
  const gatewayAction = actions.find((action) => GATEWAY_ACTIONS.includes(action));
  if (gatewayAction) {
    const scoped = (['accounts', 'regions', 'clusters', 'namespaces'] as const).find((key) => rule[key] !== undefined);
    if (scoped) {
      throw doc.problem(
        `${path}.${scoped}`,
        `limits where the rule applies, but it gives "${gatewayAction}", which is not limited to ${scoped}: give "${gatewayAction}" in a rule of its own.`,
      );
    }
  }
  const accounts = optionalGlobs(
    doc,
    `${path}.accounts`,
    rule.accounts,
    ACCOUNT_GLOB,
    'a 12-digit account id, an account name from GATEWAY_ACCOUNTS_FILE, or a glob such as 4444* or prod-*',
  );
  const regions = optionalGlobs(
    doc,
    `${path}.regions`,
    rule.regions,
    REGION_GLOB,
    'a region such as us-east-1 or a glob such as eu-*',
  );
  const clusters = optionalGlobs(
    doc,
    `${path}.clusters`,
    rule.clusters,
    NAME_GLOB,
    'a cluster name or a glob such as prod-*',
  );
  const namespaces = optionalGlobs(
    doc,
    `${path}.namespaces`,
    rule.namespaces,
    NAMESPACE_GLOB,
    'a Kubernetes namespace or a glob such as team-*',
  );
  const grantsBinding = actions.some((action) => !GATEWAY_ACTIONS.includes(action) && bindsRoles(action as Action));
  if (grantsBinding && rule.roleArns === undefined) {
    throw doc.problem(
      path,
      'gives "create" or "update" but no "roleArns": list the role ARNs (globs) it may associate, or ["*"] for any role.',
    );
  }
  if (!grantsBinding && rule.roleArns !== undefined) {
    throw doc.problem(
      `${path}.roleArns`,
      'limits roles, but the rule gives neither "create" nor "update", the only actions that associate roles.',
    );
  }
  const roleArns =
    rule.roleArns === undefined ? [] : readStringList(doc, `${path}.roleArns`, rule.roleArns, roleArnGlobProblem);
  return {
    origin: doc.where(path),
    subjects: compileGlobs(subjects),
    groups: compileGlobs(groups),
    actions: new Set(actions.includes('update') ? [...actions, 'tag'] : actions),
    accounts: compileGlobs(accounts),
    allAccounts: accounts.includes(ANY),
    regions: compileGlobs(regions),
    allRegions: regions.includes(ANY),
    clusters: compileGlobs(clusters),
    allClusters: clusters.includes(ANY),
    namespaces: compileGlobs(namespaces),
    allNamespaces: namespaces.includes(ANY),
    roleArns: roleArnMatchers(roleArns),
    anyRole: roleArns.includes(ANY),
    globs: { accounts, regions, clusters, namespaces },
  };
}

/**
 * The role ARN globs of a rule, per account: globs without `{accountId}` are compiled once;
 * those with it once per account they are asked about (the served accounts, a bounded set).
 */
function roleArnMatchers(globs: readonly string[]): (accountId: string) => Matcher {
  const fixed = compileGlobs(globs.filter((glob) => !glob.includes(ACCOUNT_PLACEHOLDER)));
  const templates = globs.filter((glob) => glob.includes(ACCOUNT_PLACEHOLDER));
  if (templates.length === 0) return () => fixed;
  const perAccount = new Map<string, Matcher>();
  return (accountId) => {
    let matcher = perAccount.get(accountId);
    if (!matcher) {
      const own = compileGlobs(templates.map((glob) => glob.split(ACCOUNT_PLACEHOLDER).join(accountId)));
      matcher = (value, meter) => fixed(value, meter) || own(value, meter);
      perAccount.set(accountId, matcher);
    }
    return matcher;
  };
}

/** A list of globs that defaults to `*` when left out. */
function optionalGlobs(
  doc: SecurityDocument,
  path: string,
  value: unknown,
  pattern: RegExp,
  example: string,
): string[] {
  if (value === undefined) return [ANY];
  return readStringList(
    doc,
    path,
    value,
    (item) => boundedGlob(item) ?? (pattern.test(item) ? null : `must be ${example}`),
  );
}

function boundedGlob(glob: string): string | null {
  return glob.length > MAX_GLOB_LENGTH
    ? `must be at most ${MAX_GLOB_LENGTH} characters long (it has ${glob.length})`
    : null;
}

/**
 * `*`, or a role ARN glob whose path segments are each something: a glob with an empty, `.` or
 * `..` segment could only match ARNs the gateway refuses (see roleArn.ts), so it is a mistake.
 */
function roleArnGlobProblem(glob: string): string | null {
  if (glob === ANY) return null;
  const tooLong = boundedGlob(glob);
  if (tooLong) return tooLong;
  const match = /^arn:[a-z*-]+:iam::([0-9*]+|\{accountId\}):role\/(.+)$/s.exec(glob);
  if (!match) {
    return glob.includes('{')
      ? `may hold ${ACCOUNT_PLACEHOLDER} only as the whole account field (arn:aws:iam::${ACCOUNT_PLACEHOLDER}:role/team-*)`
      : 'must be "*" or an IAM role ARN glob such as arn:aws:iam::111122223333:role/team-* (or arn:aws:iam::{accountId}:role/team-* for the account of the cluster)';
  }
  if (/[{}]/.test(match[2] as string))
    return `has a brace in its path or name, which no role ARN has (${ACCOUNT_PLACEHOLDER} may stand only for the account)`;
  const segment = (match[2] as string).split('/').find((s) => s === '' || s === '.' || s === '..');
  if (segment === undefined) return null;
  return segment === ''
    ? 'has an empty path segment ("//" or a "/" at an end), which no role ARN has'
    : `has a "${segment}" path segment, which no role ARN has (IAM does not resolve them)`;
}
