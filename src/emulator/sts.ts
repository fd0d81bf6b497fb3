/**
 * STS on the same endpoint as EKS: the query protocol as @aws-sdk/client-sts sends it
 * (`POST /`, form-urlencoded `Action=...&Version=2011-06-15&...`, signed for the service `sts`),
 * answered in STS's XML. Operations: AssumeRole (the role must be listed in the seed with a trust
 * policy that lets the caller in) and GetCallerIdentity.
 */
import { principalOf, type Caller } from './credentials';
import { isStsOperationName, type StsOperationName } from './model';
import {
  QueryError,
  constraint,
  nullValue,
  queryOperationOf,
  validationMessage,
  type XmlElement,
} from './queryProtocol';
import { DEFAULT_MAX_SESSION_DURATION, type RoleDirectory } from './roles';
import type { SessionTokens } from './sessions';
import { parseRoleArn } from './validation';

export const STS_VERSION = '2011-06-15';
export const STS_XML_NAMESPACE = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;

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
export class StsError extends QueryError {
  override readonly name = 'StsError';

  constructor(code: StsErrorCode, message: string) {
    super(code, STATUS_BY_CODE[code], message);
  }
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
  return queryOperationOf(
    parameters,
    contentType,
    STS_VERSION,
    isStsOperationName,
    (code, message) => new StsError(code, message),
  );
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
    throw new StsError('ValidationError', validationMessage(violations));
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
  const definition = ctx.roles.resolve(role);
  const trusted =
    definition !== undefined &&
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
    accountId: definition.accountId,
    roleArn: definition.arn,
    roleName: definition.roleName,
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

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
