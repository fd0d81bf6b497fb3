/**
 * IAM on the same endpoint as EKS and STS: the query protocol as @aws-sdk/client-iam sends it
 * (`POST /`, `Action=GetRole&Version=2010-05-08&RoleName=...`, signed for the service `iam`),
 * answered in IAM's XML. IAM is global: the SDK signs its global endpoint for us-east-1, and any
 * region of the credential scope is accepted. The roles are the seed's (see roles.ts), each
 * account's own: a caller sees the roles of the account its credentials belong to.
 */
import type { Caller } from './credentials';
import { partitionOf } from './ids';
import { isIamOperationName, type IamOperationName } from './model';
import {
  QueryError,
  constraint,
  nullValue,
  queryOperationOf,
  validationMessage,
  type XmlElement,
} from './queryProtocol';
import type { IamRole, RoleDirectory } from './roles';

export const IAM_VERSION = '2010-05-08';
export const IAM_XML_NAMESPACE = `https://iam.amazonaws.com/doc/${IAM_VERSION}/`;

const STATUS_BY_CODE = {
  NoSuchEntity: 404,
  ValidationError: 400,
  ExpiredToken: 403,
  InvalidClientTokenId: 403,
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  InvalidAction: 400,
  MissingAction: 400,
  Throttling: 400,
  ServiceFailure: 500,
  ServiceUnavailable: 503,
  RequestEntityTooLarge: 413,
} as const;

export type IamErrorCode = keyof typeof STATUS_BY_CODE;

/** An IAM error, in the same ErrorResponse shape as STS's; the SDK names modeled ones `<Code>Exception` (NoSuchEntityException). */
export class IamError extends QueryError {
  override readonly name = 'IamError';

  constructor(code: IamErrorCode, message: string) {
    super(code, STATUS_BY_CODE[code], message);
  }
}

export interface IamContext {
  roles: RoleDirectory;
  /** The CreateDate of roles the seed gives none (epoch ms). */
  startTime: number;
}

export interface IamRequest {
  operation: IamOperationName;
  caller: Caller;
  /** The credential scope's region: it picks the partition of a synthesized role's ARN. */
  region: string;
  parameters: URLSearchParams;
}

/** The operation a request names; throws MissingAction or InvalidAction as IAM does. */
export function iamOperationOf(parameters: URLSearchParams, contentType: string | undefined): IamOperationName {
  return queryOperationOf(
    parameters,
    contentType,
    IAM_VERSION,
    isIamOperationName,
    (code, message) => new IamError(code, message),
  );
}

/** Runs an operation; the answer is the `<Operation>Result` element's content. */
export function executeIam(ctx: IamContext, request: IamRequest): XmlElement {
  switch (request.operation) {
    case 'GetRole':
      return getRole(ctx, request);
    default: {
      const unexpected: never = request.operation;
      throw new Error(`no handler for IAM operation ${String(unexpected)}`);
    }
  }
}

const ROLE_NAME = /^[\w+=,.@-]+$/;

function getRole(ctx: IamContext, { caller, region, parameters }: IamRequest): XmlElement {
  const roleName = parameters.get('RoleName');
  const violations: string[] = [];
  if (roleName === null) violations.push(nullValue('roleName'));
  else if (roleName.length < 1)
    violations.push(constraint(roleName, 'roleName', 'Member must have length greater than or equal to 1'));
  else if (roleName.length > 64)
    violations.push(constraint(roleName, 'roleName', 'Member must have length less than or equal to 64'));
  else if (!ROLE_NAME.test(roleName))
    violations.push(constraint(roleName, 'roleName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]+'));
  if (violations.length > 0) throw new IamError('ValidationError', validationMessage(violations));
  const name = roleName as string;
  const role = ctx.roles.get(caller.accountId, name, partitionOf(region));
  if (!role) throw new IamError('NoSuchEntity', `The role with name ${name} cannot be found.`);
  return { Role: roleElement(role, ctx.startTime) };
}

/** A Role as IAM answers it, its trust policy URL-encoded (clients decode it themselves). */
function roleElement(role: IamRole, startTime: number): XmlElement {
  const tags = Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value }));
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: isoSeconds(role.createDate ?? startTime),
    AssumeRolePolicyDocument: rfc3986(role.trustPolicy.text),
    ...(role.description === null ? {} : { Description: role.description }),
    MaxSessionDuration: String(role.maxSessionDuration),
    ...(tags.length > 0 ? { Tags: tags } : {}),
  };
}

/** Percent-encoding of everything but RFC 3986's unreserved characters, as IAM encodes policy documents. */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${(c.codePointAt(0) as number).toString(16).toUpperCase()}`,
  );
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
