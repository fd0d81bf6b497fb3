/**
 * Role trust policies (IAM's AssumeRolePolicyDocument): read once from the seed, evaluated by
 * STS AssumeRole. An explicit Deny wins, then any Allow; nothing matching denies, as in IAM.
 * The emulator evaluates the part of the policy language trust policies use to decide who may
 * assume a role; a document using anything else is refused when the seed loads, rather than
 * judged wrongly later.
 */
import { jsonType, quote } from './errors';

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

type Operator = 'StringEquals' | 'StringNotEquals' | 'StringLike' | 'StringNotLike';
const OPERATORS: readonly Operator[] = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'];
/** Condition keys (lower case: IAM compares keys case-insensitively) and how a request supplies them. */
const CONDITION_KEYS: Record<string, (context: AssumeRoleContext) => string | undefined> = {
  'sts:externalid': (context) => context.externalId,
  'sts:rolesessionname': (context) => context.roleSessionName,
  'aws:principalaccount': (context) => context.principal.accountId,
  'aws:principalarn': (context) => context.principal.roleArn ?? context.principal.arn,
};
const STATEMENT_MEMBERS = ['Sid', 'Effect', 'Principal', 'Action', 'Condition'];

interface Condition {
  operator: Operator;
  key: string;
  values: string[];
}

interface Statement {
  effect: 'Allow' | 'Deny';
  /** `*` for everyone, else the AWS principals named; Service and Federated principals never match an STS caller here. */
  awsPrincipals: '*' | string[];
  actions: string[];
  conditions: Condition[];
}

export class TrustPolicy {
  private constructor(
    /** The document as JSON text, as IAM stores it. */
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
    return new TrustPolicy(JSON.stringify(document), statements);
  }

  /** Whether the policy lets this caller assume the role (`sts:AssumeRole`). */
  allowsAssumeRole(context: AssumeRoleContext): boolean {
    const matching = this.statements.filter((statement) => applies(statement, 'sts:AssumeRole', context));
    return (
      !matching.some((statement) => statement.effect === 'Deny') &&
      matching.some((statement) => statement.effect === 'Allow')
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
  return {
    effect: statement.Effect,
    awsPrincipals: parsePrincipal(statement.Principal, `${path}.Principal`),
    actions: strings(statement.Action, `${path}.Action`).map((action) => action.toLowerCase()),
    conditions: parseConditions(statement.Condition, `${path}.Condition`),
  };
}

function parsePrincipal(value: unknown, path: string): '*' | string[] {
  if (value === '*') return '*';
  if (value === undefined) throw new PolicyError(path, 'is required in a trust policy statement.');
  const principal = object(value, path);
  let aws: string[] = [];
  for (const [kind, names] of Object.entries(principal)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(kind)) {
      throw new PolicyError(`${path}.${kind}`, `unknown principal type ${quote(kind)}; use AWS, Service or Federated.`);
    }
    const list = strings(names, `${path}.${kind}`);
    if (kind === 'AWS') aws = list;
  }
  return aws.includes('*') ? '*' : aws;
}

function parseConditions(value: unknown, path: string): Condition[] {
  if (value === undefined) return [];
  const conditions: Condition[] = [];
  for (const [operator, entries] of Object.entries(object(value, path))) {
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      throw new PolicyError(
        `${path}.${operator}`,
        `the condition operator is not supported by the emulator; supported: ${OPERATORS.join(', ')}.`,
      );
    }
    for (const [key, values] of Object.entries(object(entries, `${path}.${operator}`))) {
      if (!Object.hasOwn(CONDITION_KEYS, key.toLowerCase())) {
        throw new PolicyError(
          `${path}.${operator}`,
          `the condition key ${quote(key)} is not supported by the emulator; supported: sts:ExternalId, sts:RoleSessionName, aws:PrincipalAccount, aws:PrincipalArn.`,
        );
      }
      conditions.push({
        operator: operator as Operator,
        key: key.toLowerCase(),
        values: strings(values, `${path}.${operator}.${key}`),
      });
    }
  }
  return conditions;
}

function applies(statement: Statement, action: string, context: AssumeRoleContext): boolean {
  return (
    statement.actions.some((pattern) => wildcard(pattern, action.toLowerCase())) &&
    principalMatches(statement.awsPrincipals, context.principal) &&
    statement.conditions.every((condition) => conditionHolds(condition, context))
  );
}

/** An AWS principal names an account (its id or its `:root` ARN: any caller of it), a role (its sessions), a user or one session. */
function principalMatches(principals: '*' | string[], caller: PolicyPrincipal): boolean {
  if (principals === '*') return true;
  return principals.some(
    (principal) =>
      principal === caller.accountId ||
      /^arn:[\w-]+:iam::(\d{12}):root$/.exec(principal)?.[1] === caller.accountId ||
      principal === caller.arn ||
      (caller.roleArn !== null && principal === caller.roleArn),
  );
}

function conditionHolds(condition: Condition, context: AssumeRoleContext): boolean {
  const supplied = CONDITION_KEYS[condition.key]?.(context);
  switch (condition.operator) {
    case 'StringEquals':
      return supplied !== undefined && condition.values.includes(supplied);
    case 'StringLike':
      return supplied !== undefined && condition.values.some((pattern) => wildcard(pattern, supplied));
    // Negated operators hold when the key is absent, as in IAM.
    case 'StringNotEquals':
      return supplied === undefined || !condition.values.includes(supplied);
    case 'StringNotLike':
      return supplied === undefined || !condition.values.some((pattern) => wildcard(pattern, supplied));
    default: {
      const unexpected: never = condition.operator;
      throw new Error(`unknown condition operator ${String(unexpected)}`);
    }
  }
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
