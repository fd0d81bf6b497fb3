/**
 * STS on the same endpoint as EKS: the query protocol as @aws-sdk/client-sts sends it
 * (`POST /`, form-urlencoded `Action=...&Version=2011-06-15&...`, signed for the service `sts`),
 * answered in STS's XML. Operations: AssumeRole (the role must be listed in the seed with a trust
 * policy that lets the caller in) and GetCallerIdentity.
 */
import { principalOf, type Caller } from './credentials';
import { quote } from './errors';
import { isStsOperationName, type StsOperationName } from './model';
import { DEFAULT_MAX_SESSION_DURATION, type RoleDirectory } from './roles';
import type { SessionTokens } from './sessions';
import { parseRoleArn } from './validation';

export const STS_VERSION = '2011-06-15';
const XML_NAMESPACE = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;

const STATUS_BY_CODE = {
  AccessDenied: 403,
  ValidationError: 400,
  ExpiredToken: 403,
  InvalidClientTokenId: 403,
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  InvalidAction: 400,
  MissingAction: 400,
  Throttling: 400,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  RequestEntityTooLarge: 413,
} as const;

export type StsErrorCode = keyof typeof STATUS_BY_CODE;

/** An STS error: `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export class StsError extends Error {
  override readonly name = 'StsError';
  readonly status: number;

  constructor(
    readonly code: StsErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS_BY_CODE[code];
  }

  /** Sender for the caller's mistakes, Receiver for the service's. */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** An XML element's children, in order: text, or nested elements. */
export interface XmlElement {
  [name: string]: string | XmlElement;
}

export interface StsContext {
  roles: RoleDirectory;
  sessions: SessionTokens;
  now(): number;
}

export interface StsRequest {
  operation: StsOperationName;
  caller: Caller;
  parameters: URLSearchParams;
}

/** The operation a request names; throws MissingAction or InvalidAction as STS does. */
export function stsOperationOf(parameters: URLSearchParams, contentType: string | undefined): StsOperationName {
  const action = parameters.get('Action');
  if (action === null || action === '') {
    const form = isForm(contentType)
      ? ''
      : ` (send the parameters form-urlencoded, with content-type application/x-www-form-urlencoded; received ${contentType === undefined ? 'none' : quote(contentType)})`;
    throw new StsError('MissingAction', `Missing Action${form}`);
  }
  const version = parameters.get('Version') ?? '';
  if (!isStsOperationName(action) || version !== STS_VERSION) {
    throw new StsError(
      'InvalidAction',
      `Could not find operation ${action} for version ${version === '' ? 'NO_VERSION_SPECIFIED' : version}`,
    );
  }
  return action;
}

/** The parameters of a query-protocol request: the query string, then the form body. */
export function stsParameters(contentType: string | undefined, body: Buffer, query: URLSearchParams): URLSearchParams {
  const parameters = new URLSearchParams(query);
  if (isForm(contentType))
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) parameters.append(name, value);
  return parameters;
}

function isForm(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** Runs an operation; the answer is the `<Operation>Result` element's content. */
export function executeSts(ctx: StsContext, request: StsRequest): XmlElement {
  switch (request.operation) {
    case 'AssumeRole':
      return assumeRole(ctx, request.caller, request.parameters);
    case 'GetCallerIdentity':
      return { Arn: request.caller.arn, UserId: request.caller.userId, Account: request.caller.accountId };
    default: {
      const unexpected: never = request.operation;
      throw new Error(`no handler for STS operation ${String(unexpected)}`);
    }
  }
}

const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const DURATION = { min: 900, max: 43200 } as const;
/** A session assumed with temporary role credentials ("role chaining") lasts at most an hour. */
const CHAINED_MAX_DURATION = 3600;

function assumeRole(ctx: StsContext, caller: Caller, parameters: URLSearchParams): XmlElement {
  const roleArnRaw = parameters.get('RoleArn');
  const sessionName = parameters.get('RoleSessionName');
  const externalId = parameters.get('ExternalId') ?? undefined;
  const durationRaw = parameters.get('DurationSeconds');
  // The model's constraints first, all of them in one message, as STS reports them.
  const violations: string[] = [];
  if (roleArnRaw === null) violations.push(nullValue('roleArn'));
  else if (roleArnRaw.length < 20)
    violations.push(constraint(roleArnRaw, 'roleArn', 'Member must have length greater than or equal to 20'));
  else if (roleArnRaw.length > 2048)
    violations.push(constraint(roleArnRaw, 'roleArn', 'Member must have length less than or equal to 2048'));
  if (sessionName === null) violations.push(nullValue('roleSessionName'));
  else if (sessionName.length < 2)
    violations.push(constraint(sessionName, 'roleSessionName', 'Member must have length greater than or equal to 2'));
  else if (sessionName.length > 64)
    violations.push(constraint(sessionName, 'roleSessionName', 'Member must have length less than or equal to 64'));
  else if (!SESSION_NAME.test(sessionName))
    violations.push(
      constraint(sessionName, 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*'),
    );
  if (externalId !== undefined) {
    if (externalId.length < 2)
      violations.push(constraint(externalId, 'externalId', 'Member must have length greater than or equal to 2'));
    else if (externalId.length > 1224)
      violations.push(constraint(externalId, 'externalId', 'Member must have length less than or equal to 1224'));
    else if (!EXTERNAL_ID.test(externalId))
      violations.push(
        constraint(externalId, 'externalId', 'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*'),
      );
  }
  let duration: number | undefined;
  if (durationRaw !== null) {
    duration = /^-?\d{1,10}$/.test(durationRaw) ? Number(durationRaw) : NaN;
    if (!Number.isInteger(duration))
      violations.push(constraint(durationRaw, 'durationSeconds', 'Member must be an integer'));
    else if (duration < DURATION.min)
      violations.push(
        constraint(durationRaw, 'durationSeconds', `Member must have value greater than or equal to ${DURATION.min}`),
      );
    else if (duration > DURATION.max)
      violations.push(
        constraint(durationRaw, 'durationSeconds', `Member must have value less than or equal to ${DURATION.max}`),
      );
  }
  if (violations.length > 0) {
    throw new StsError(
      'ValidationError',
      `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
    );
  }
  const roleArn = roleArnRaw as string;
  let role;
  try {
    role = parseRoleArn(roleArn, 'roleArn');
  } catch {
    throw new StsError(
      'ValidationError',
      `${roleArn} is invalid: RoleArn must be the ARN of an IAM role, arn:<partition>:iam::<12-digit account>:role/<optional path/><name>.`,
    );
  }

  // A role that does not exist is refused like one that does not trust the caller: STS reveals nothing.
  const definition = ctx.roles.find(role.accountId, role.roleName);
  const trusted =
    definition !== undefined &&
    definition.role.path === role.path &&
    definition.trustPolicy !== null &&
    definition.trustPolicy.allowsAssumeRole({
      principal: principalOf(caller),
      externalId,
      roleSessionName: sessionName as string,
    });
  if (!definition || !trusted) {
    throw new StsError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }
  const seconds = duration ?? DEFAULT_MAX_SESSION_DURATION;
  if (seconds > definition.maxSessionDuration) {
    throw new StsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  if (caller.kind === 'session' && seconds > CHAINED_MAX_DURATION) {
    throw new StsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }

  // Whole seconds, so the Expiration answered is exactly when the credentials stop working.
  const issuedAt = Math.floor(ctx.now() / 1000) * 1000;
  const { session, secretAccessKey, sessionToken } = ctx.sessions.issue({
    accountId: definition.role.accountId,
    roleArn: definition.role.arn,
    roleName: definition.role.roleName,
    roleId: definition.roleId,
    sessionName: sessionName as string,
    issuedAt,
    expiresAt: issuedAt + seconds * 1000,
  });
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: secretAccessKey,
      SessionToken: sessionToken,
      Expiration: isoSeconds(session.expiresAt),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${session.roleId}:${session.sessionName}`,
      Arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
    },
  };
}

function nullValue(member: string): string {
  return `Value null at '${member}' failed to satisfy constraint: Member must not be null`;
}

function constraint(value: string, member: string, rule: string): string {
  return `Value '${value.length > 120 ? `${value.slice(0, 117)}...` : value}' at '${member}' failed to satisfy constraint: ${rule}`;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// --- XML ------------------------------------------------------------------------------------

export function successXml(operation: StsOperationName, result: XmlElement, requestId: string): string {
  return `<${operation}Response xmlns="${XML_NAMESPACE}">${render({ [`${operation}Result`]: result, ResponseMetadata: { RequestId: requestId } })}</${operation}Response>\n`;
}

export function errorXml(error: StsError, requestId: string): string {
  return `<ErrorResponse xmlns="${XML_NAMESPACE}">${render({
    Error: { Type: error.type, Code: error.code, Message: error.message },
    RequestId: requestId,
  })}</ErrorResponse>\n`;
}

/** The answer with every member of the result replaced by text, as a broken proxy might send it. */
export function malformedResult(result: XmlElement): XmlElement {
  return Object.fromEntries(Object.keys(result).map((name) => [name, 'malformed']));
}

function render(element: XmlElement): string {
  return Object.entries(element)
    .map(
      ([name, content]) => `<${name}>${typeof content === 'string' ? escapeXml(content) : render(content)}</${name}>`,
    )
    .join('');
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}
