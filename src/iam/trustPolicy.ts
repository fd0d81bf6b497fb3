/**
 * Role trust policies (IAM's AssumeRolePolicyDocument): in the emulator, read once from the seed
 * and evaluated by STS AssumeRole (an AWS principal asking) and by EKS when an association names
 * the role (the service principal `pods.eks.amazonaws.com`, or the association's role for a
 * target role); in the gateway, evaluated by the diagnosis of an association (src/diagnosis).
 * A leaf module, shared by both. An
 * explicit Deny wins, then any Allow; nothing matching denies, as in IAM. The emulator evaluates
 * the part of the policy language trust policies use; a document using anything else is refused
 * when the seed loads, rather than judged wrongly later.
 */
import { jsonType, quote } from '../text';

/** Who is asking: what a trust policy's `Principal` and the condition keys are matched against. */
export interface PolicyPrincipal {
  accountId: string;
  /** The caller's ARN (`arn:aws:iam::<acct>:root`, `...:user/<name>`, `arn:aws:sts::<acct>:assumed-role/<role>/<session>`). */
  arn: string;
  /** For assumed-role callers: the ARN of their role (with its path), which trust policies name. */
  roleArn: string | null;
}

export interface AssumeRoleContext {
  principal: PolicyPrincipal;
  externalId: string | undefined;
  roleSessionName: string;
}

/** A condition key's value that the request will have but that is not known yet (a pod's name before the pod exists). */
export const UNKNOWN: unique symbol = Symbol('unknown condition key value');

/**
 * One request a trust policy decides: an action, by an AWS principal or a service, with the
 * condition keys it carries (lower-case names; a key not in the map is absent).
 */
export interface TrustRequest {
  action: string;
  principal: { kind: 'AWS'; caller: PolicyPrincipal } | { kind: 'Service'; service: string };
  keys: ReadonlyMap<string, string | typeof UNKNOWN>;
}

export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  /** `path` is where in the document the problem is, e.g. `.Statement[0].Condition`. */
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;
type BaseOperator = (typeof BASE_OPERATORS)[number];
const NEGATED: ReadonlySet<BaseOperator> = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** Condition keys the emulator supplies (lower case: IAM compares keys case-insensitively). */
const KNOWN_KEYS = [
  'sts:ExternalId',
  'sts:RoleSessionName',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:SourceAccount',
  'aws:SourceArn',
];
const KNOWN_KEY_SET = new Set(KNOWN_KEYS.map((key) => key.toLowerCase()));
const REQUEST_TAG_KEY = /^aws:requesttag\/[\w+=,.@:/-]{1,128}$/;
/**
 * The keys of a web identity provider (`oidc.eks.<region>.amazonaws.com/id/<id>:sub`, `...:aud`,
 * `accounts.google.com:aud`): only AssumeRoleWithWebIdentity has them, which the emulator does
 * not serve, so they are absent from every request it evaluates.
 */
const WEB_IDENTITY_KEY = /^(?!aws:|sts:)[a-z0-9][a-z0-9.-]*(?:\/[^\s:]*)?:[a-z_]+$/;
const STATEMENT_MEMBERS = ['Sid', 'Effect', 'Principal', 'Action', 'Condition'];

interface Condition {
  operator: BaseOperator;
  /** `...IfExists`: holds when the key is absent. */
  ifExists: boolean;
  key: string;
  values: string[];
}

interface Principals {
  /** `"Principal": "*"`: everyone, services included. */
  everyone: boolean;
  /** `*` for every AWS principal, else the AWS principals named. */
  aws: '*' | string[];
  /** Federated principals (web identity and SAML providers) are checked but kept nowhere: they match no request the emulator evaluates. */
  services: string[];
}

interface Statement {
  effect: 'Allow' | 'Deny';
  principals: Principals;
  actions: string[];
  conditions: Condition[];
}

/** Whether a statement applies: yes, no, or "it depends on a value not known yet". */
type Match = boolean | 'unknown';

export class TrustPolicy {
  private constructor(
    /** The document as JSON text, as IAM stores it (the seed's own text when it gave text). */
    readonly text: string,
    private readonly statements: readonly Statement[],
  ) {}

  /** Checks a document (a JSON object, or its JSON text) and compiles it; throws a PolicyError naming the place. */
  static parse(value: unknown): TrustPolicy {
    let document = value;
    if (typeof value === 'string') {
      try {
        document = JSON.parse(value);
      } catch (error) {
        throw new PolicyError(
          '',
          `must be a JSON policy document; the text does not parse: ${(error as Error).message}.`,
        );
      }
    }
    const root = object(document, '');
    for (const member of Object.keys(root)) {
      if (!['Version', 'Id', 'Statement'].includes(member)) {
        throw new PolicyError(
          `.${member}`,
          `unknown member ${quote(member)}; a policy document has Version, Id and Statement.`,
        );
      }
    }
    if (root.Version !== undefined && root.Version !== '2012-10-17' && root.Version !== '2008-10-17') {
      throw new PolicyError('.Version', `must be 2012-10-17 (or 2008-10-17); received ${quote(root.Version)}.`);
    }
    const list = Array.isArray(root.Statement) ? root.Statement : root.Statement === undefined ? [] : [root.Statement];
    if (list.length === 0) throw new PolicyError('.Statement', 'must hold at least one statement.');
    const statements = list.map((statement, index) =>
      parseStatement(statement, Array.isArray(root.Statement) ? `.Statement[${index}]` : '.Statement'),
    );
    return new TrustPolicy(typeof value === 'string' ? value : JSON.stringify(document), statements);
  }

  /**
   * Whether the policy allows the request. A condition on a value marked UNKNOWN neither keeps
   * an Allow from applying nor makes a Deny apply: the answer is "it may be allowed", which is
   * what a check made before the value exists can say.
   */
  allows(request: TrustRequest): boolean {
    const matches = this.statements.map((statement) => ({
      effect: statement.effect,
      match: applies(statement, request),
    }));
    return (
      !matches.some(({ effect, match }) => effect === 'Deny' && match === true) &&
      matches.some(({ effect, match }) => effect === 'Allow' && match !== false)
    );
  }

  /** Whether the policy lets this caller assume the role (`sts:AssumeRole`), as STS decides. */
  allowsAssumeRole(context: AssumeRoleContext): boolean {
    const keys = new Map<string, string>([
      ['sts:rolesessionname', context.roleSessionName],
      ['aws:principalaccount', context.principal.accountId],
      ['aws:principalarn', context.principal.roleArn ?? context.principal.arn],
    ]);
    if (context.externalId !== undefined) keys.set('sts:externalid', context.externalId);
    return this.allows({ action: 'sts:AssumeRole', principal: { kind: 'AWS', caller: context.principal }, keys });
  }

  /** Whether some Allow statement names AWS principals for `sts:AssumeRole`: whether STS callers can assume the role at all. */
  namesAwsPrincipals(): boolean {
    return this.statements.some(
      (statement) =>
        statement.effect === 'Allow' &&
        (statement.principals.everyone || statement.principals.aws === '*' || statement.principals.aws.length > 0) &&
        statement.actions.some((pattern) => wildcard(pattern, 'sts:assumerole')),
    );
  }
}

function parseStatement(value: unknown, path: string): Statement {
  const statement = object(value, path);
  for (const member of Object.keys(statement)) {
    if (!STATEMENT_MEMBERS.includes(member)) {
      const why =
        member === 'Resource'
          ? 'a trust policy has no Resource (the role is the resource)'
          : 'the emulator evaluates Sid, Effect, Principal, Action and Condition only';
      throw new PolicyError(`${path}.${member}`, `unsupported member ${quote(member)}: ${why}.`);
    }
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    throw new PolicyError(
      `${path}.Effect`,
      `must be Allow or Deny; received ${statement.Effect === undefined ? 'none' : quote(statement.Effect)}.`,
    );
  }
  if (statement.Action === undefined)
    throw new PolicyError(`${path}.Action`, 'is required in a trust policy statement.');
  return {
    effect: statement.Effect,
    principals: parsePrincipal(statement.Principal, `${path}.Principal`),
    actions: strings(statement.Action, `${path}.Action`).map((action) => action.toLowerCase()),
    conditions: parseConditions(statement.Condition, `${path}.Condition`),
  };
}

function parsePrincipal(value: unknown, path: string): Principals {
  if (value === '*') return { everyone: true, aws: '*', services: [] };
  if (value === undefined) throw new PolicyError(path, 'is required in a trust policy statement.');
  const principal = object(value, path);
  const parsed: Principals = { everyone: false, aws: [], services: [] };
  for (const [kind, names] of Object.entries(principal)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(kind)) {
      throw new PolicyError(`${path}.${kind}`, `unknown principal type ${quote(kind)}; use AWS, Service or Federated.`);
    }
    const list = strings(names, `${path}.${kind}`);
    if (kind === 'AWS') parsed.aws = list.includes('*') ? '*' : list;
    else if (kind === 'Service') parsed.services = list;
  }
  return parsed;
}

function parseConditions(value: unknown, path: string): Condition[] {
  if (value === undefined) return [];
  const conditions: Condition[] = [];
  for (const [name, entries] of Object.entries(object(value, path))) {
    const ifExists = name.endsWith('IfExists') && name !== 'Null';
    const operator = ifExists ? name.slice(0, -'IfExists'.length) : name;
    if (!(BASE_OPERATORS as readonly string[]).includes(operator) || (ifExists && operator === 'Null')) {
      throw new PolicyError(
        `${path}.${name}`,
        `the condition operator is not supported by the emulator; supported: ${BASE_OPERATORS.join(', ')} (all but Null also with IfExists).`,
      );
    }
    for (const [key, values] of Object.entries(object(entries, `${path}.${name}`))) {
      const lower = key.toLowerCase();
      if (!KNOWN_KEY_SET.has(lower) && !REQUEST_TAG_KEY.test(lower) && !WEB_IDENTITY_KEY.test(lower)) {
        throw new PolicyError(
          `${path}.${name}`,
          `the condition key ${quote(key)} is not supported by the emulator; supported: ${KNOWN_KEYS.join(', ')}, aws:RequestTag/<key> and a web identity provider's keys (<provider>:sub, :aud, ...).`,
        );
      }
      const list = strings(values, `${path}.${name}.${key}`);
      if (operator === 'Null' && list.some((item) => item !== 'true' && item !== 'false'))
        throw new PolicyError(`${path}.${name}.${key}`, 'a Null condition takes "true" or "false".');
      conditions.push({ operator: operator as BaseOperator, ifExists, key: lower, values: list });
    }
  }
  return conditions;
}

function applies(statement: Statement, request: TrustRequest): Match {
  const action = request.action.toLowerCase();
  if (!statement.actions.some((pattern) => wildcard(pattern, action))) return false;
  if (!principalMatches(statement.principals, request.principal)) return false;
  let match: Match = true;
  for (const condition of statement.conditions) {
    const holds = conditionHolds(condition, request.keys.get(condition.key));
    if (holds === false) return false;
    if (holds === 'unknown') match = 'unknown';
  }
  return match;
}

function principalMatches(principals: Principals, requester: TrustRequest['principal']): boolean {
  if (principals.everyone) return true;
  if (requester.kind === 'Service') return principals.services.includes(requester.service);
  return awsPrincipalMatches(principals.aws, requester.caller);
}

/** An AWS principal names an account (its id or its `:root` ARN: any caller of it), a role (its sessions), a user or one session. */
function awsPrincipalMatches(principals: '*' | string[], caller: PolicyPrincipal): boolean {
  if (principals === '*') return true;
  return principals.some(
    (principal) =>
      principal === caller.accountId ||
      /^arn:[\w-]+:iam::(\d{12}):root$/.exec(principal)?.[1] === caller.accountId ||
      principal === caller.arn ||
      (caller.roleArn !== null && principal === caller.roleArn),
  );
}

function conditionHolds(condition: Condition, supplied: string | typeof UNKNOWN | undefined): Match {
  const { operator, values } = condition;
  if (operator === 'Null') return values.includes(supplied === undefined ? 'true' : 'false');
  // An absent key: negated operators hold, as in IAM, and so does any `...IfExists`.
  if (supplied === undefined) return NEGATED.has(operator) || condition.ifExists;
  if (supplied === UNKNOWN) return 'unknown';
  const any = (test: (value: string) => boolean) => values.some(test);
  switch (operator) {
    case 'StringEquals':
      return any((value) => value === supplied);
    case 'StringNotEquals':
      return !any((value) => value === supplied);
    case 'StringEqualsIgnoreCase':
      return any((value) => value.toLowerCase() === supplied.toLowerCase());
    case 'StringNotEqualsIgnoreCase':
      return !any((value) => value.toLowerCase() === supplied.toLowerCase());
    case 'StringLike':
      return any((pattern) => wildcard(pattern, supplied));
    case 'StringNotLike':
      return !any((pattern) => wildcard(pattern, supplied));
    // IAM treats ArnEquals as ArnLike: both take wildcards, component by component.
    case 'ArnEquals':
    case 'ArnLike':
      return any((pattern) => arnMatches(pattern, supplied));
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return !any((pattern) => arnMatches(pattern, supplied));
    default: {
      const unexpected: never = operator;
      throw new Error(`unknown condition operator ${String(unexpected)}`);
    }
  }
}

/** An ARN pattern against an ARN: each of the six `:`-separated components on its own, so `*` never spans a `:` before the resource. */
function arnMatches(pattern: string, value: string): boolean {
  const patternParts = arnParts(pattern);
  const valueParts = arnParts(value);
  if (!patternParts || !valueParts) return false;
  return patternParts.every((part, index) => wildcard(part, valueParts[index] as string));
}

function arnParts(arn: string): string[] | null {
  const parts = arn.split(':');
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** IAM's `*` (any run of characters) and `?` (one character) wildcards. */
function wildcard(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(value);
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolicyError(path, `must be a JSON object; received ${jsonType(value)}.`);
  }
  return value as Record<string, unknown>;
}

/** A string or a non-empty array of strings (IAM accepts numbers and booleans in conditions as their text). */
function strings(value: unknown, path: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicyError(path, 'must not be an empty array.');
  return list.map((item, index) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw new PolicyError(
      Array.isArray(value) ? `${path}[${index}]` : path,
      `must be a string or an array of strings; received ${jsonType(item)}.`,
    );
  });
}
