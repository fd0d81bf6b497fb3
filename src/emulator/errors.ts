/**
 * Errors as they travel on the wire: the name goes in `x-amzn-ErrorType`, the body is
 * `{"message": ..., clusterName?, addonName?}`. Everything a client can get wrong is an
 * `WireError`; anything else that escapes a handler becomes a 500 ServerException.
 */
import { assertNever } from '../assertNever';
import type { AuthError } from './auth';

const STATUS_BY_ERROR = {
  // Modeled EKS errors, with the names and statuses the real service uses.
  InvalidParameterException: 400,
  InvalidRequestException: 400,
  ResourceLimitExceededException: 400,
  ResourceNotFoundException: 404,
  ResourceInUseException: 409,
  ThrottlingException: 429,
  ServerException: 500,
  ServiceUnavailableException: 503,
  // The tag operations have errors of their own.
  BadRequestException: 400,
  NotFoundException: 404,
  // Errors of the AWS front door, before an operation runs.
  MissingAuthenticationTokenException: 403,
  InvalidSignatureException: 403,
  ExpiredTokenException: 403,
  UnrecognizedClientException: 403,
  UnknownOperationException: 404,
  MethodNotAllowedException: 405,
  SerializationException: 400,
  UnsupportedMediaTypeException: 415,
  RequestEntityTooLargeException: 413,
} as const;

export type EksErrorName = keyof typeof STATUS_BY_ERROR;

/** Extra members of the error body, as the EKS model defines them. */
export interface ErrorFields {
  clusterName?: string;
  addonName?: string;
}

export class WireError extends Error {
  override readonly name: EksErrorName;
  readonly status: number;
  readonly fields: ErrorFields;

  constructor(name: EksErrorName, message: string, fields: ErrorFields = {}) {
    super(message);
    this.name = name;
    this.status = STATUS_BY_ERROR[name];
    this.fields = fields;
  }

  body(): Record<string, string> {
    return { message: this.message, ...definedOnly(this.fields) };
  }
}

/** A refused credential as EKS answers it (STS has its own names: see sts.ts). */
export function eksAuthError(error: AuthError): WireError {
  switch (error.failure) {
    case 'missing':
      return new WireError('MissingAuthenticationTokenException', error.message);
    case 'malformed':
      return new WireError('InvalidSignatureException', error.message);
    case 'expired':
      return new WireError('ExpiredTokenException', error.message);
    case 'invalid':
      return new WireError('UnrecognizedClientException', error.message);
    default:
      return assertNever(error.failure);
  }
}

export function invalidParameter(message: string, fields: ErrorFields = {}): WireError {
  return new WireError('InvalidParameterException', message, fields);
}

export function invalidRequest(message: string, fields: ErrorFields = {}): WireError {
  return new WireError('InvalidRequestException', message, fields);
}

export function notFound(message: string, fields: ErrorFields = {}): WireError {
  return new WireError('ResourceNotFoundException', message, fields);
}

function definedOnly(fields: ErrorFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') out[key] = value;
  return out;
}

export { jsonType, quote } from '../text';
