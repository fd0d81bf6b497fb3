/**
 * Normalises what the AWS SDK throws into one error type the resolvers can switch on. We branch
 * on the error name (the `x-amzn-ErrorType` of the response), never on message text, except
 * where EKS gives one name to several failures (see `isRoleRejection`).
 */

export type EksErrorKind =
  | 'NotFound'
  | 'AlreadyExists'
  | 'LimitExceeded'
  | 'InvalidParameter'
  | 'InvalidRequest'
  | 'AccessDenied'
  | 'Throttled'
  | 'Unavailable'
  | 'Internal';

export class EksError extends Error {
  override readonly name = 'EksError';

  constructor(
    readonly kind: EksErrorKind,
    message: string,
    /** The EKS error name, or the network error's name when no response came. */
    readonly awsErrorName: string,
    readonly operation: string,
    readonly requestId: string | null,
    readonly httpStatus: number | null,
    /** Whether sending the same request again may succeed. */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const KIND_BY_NAME: Record<string, EksErrorKind> = {
  ResourceNotFoundException: 'NotFound',
  // The tag operations' own names for the same failures.
  NotFoundException: 'NotFound',
  BadRequestException: 'InvalidParameter',
  ResourceInUseException: 'AlreadyExists',
  ResourceLimitExceededException: 'LimitExceeded',
  InvalidParameterException: 'InvalidParameter',
  InvalidRequestException: 'InvalidRequest',
  ClientException: 'InvalidRequest',
  AccessDeniedException: 'AccessDenied',
  UnauthorizedException: 'AccessDenied',
  UnrecognizedClientException: 'AccessDenied',
  MissingAuthenticationTokenException: 'AccessDenied',
  InvalidSignatureException: 'AccessDenied',
  ExpiredTokenException: 'AccessDenied',
  ThrottlingException: 'Throttled',
  TooManyRequestsException: 'Throttled',
  ServiceUnavailableException: 'Unavailable',
  ServerException: 'Internal',
  // IAM's names (GetRole), for the diagnosis.
  NoSuchEntityException: 'NotFound',
  NoSuchEntity: 'NotFound',
  AccessDenied: 'AccessDenied',
  Throttling: 'Throttled',
  ServiceFailureException: 'Internal',
  ServiceUnavailable: 'Unavailable',
};

/** Errors raised below HTTP (no response at all): the request may or may not have been applied. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** The longest EKS message passed on to a client; a longer one is cut and says so. */
export const MAX_EKS_MESSAGE_LENGTH = 500;
/** Error names and request ids are short on the wire; anything longer is not EKS's. */
const MAX_NAME_LENGTH = 100;

export function toEksError(error: unknown, operation: string): EksError {
  if (error instanceof EksError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const fullMessage =
    typeof e.message === 'string' && e.message !== '' ? e.message : typeof e.name === 'string' ? e.name : 'Error';
  // Whatever the backend sends reaches clients and logs: its size is not the backend's to choose.
  const message = cut(fullMessage, MAX_EKS_MESSAGE_LENGTH);
  if (message !== fullMessage && error instanceof Error) shortenInPlace(error, message);
  // The SDK wraps what is not an `Error` of its own realm (as Node's socket errors are under
  // some test runners and sandboxes) in a plain Error that keeps only the original's name.
  const wrapped = /^AWS SDK error wrapper for (\w+)/.exec(message)?.[1];
  const name = cut(wrapped ?? (typeof e.name === 'string' ? e.name : 'Error'), MAX_NAME_LENGTH);
  const status = e.$metadata?.httpStatusCode ?? null;
  const rawRequestId = e.$metadata?.requestId;
  const requestId = typeof rawRequestId === 'string' ? cut(rawRequestId, MAX_NAME_LENGTH) : null;
  const make = (kind: EksErrorKind, retryable: boolean) =>
    new EksError(kind, message, name, operation, requestId, status, retryable, { cause: error });

  const known = KIND_BY_NAME[name];
  if (known) return make(known, known === 'Throttled' || known === 'Unavailable' || known === 'Internal');
  const code = typeof e.code === 'string' ? e.code : '';
  if (name === 'TimeoutError' || name === 'AbortError' || NETWORK_ERROR_CODES.has(code)) {
    return make('Unavailable', true);
  }
  if (status !== null && status >= 500) return make('Internal', true);
  if (status === 429) return make('Throttled', true);
  if (status === 403) return make('AccessDenied', false);
  if (status !== null && status >= 400) return make('InvalidRequest', false);
  // Anything else is a fault of ours or of the SDK; not retryable as far as we know.
  return make('Internal', false);
}

/** `text` when it fits in `max` characters; else its start, marked as cut, within `max`. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const mark = ` [... cut: ${text.length} characters in all]`;
  return `${text.slice(0, Math.max(0, max - mark.length))}${mark}`;
}

/**
 * The cause of an EksError is logged with its message and stack (pino appends a cause's), so a
 * huge message is cut in the SDK's error too; its stack begins with the message.
 */
function shortenInPlace(error: Error, message: string): void {
  const full = error.message;
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const frames = stack.indexOf(full) >= 0 ? stack.slice(stack.indexOf(full) + full.length) : '';
  try {
    error.message = message;
    error.stack = `${error.name}: ${message}${frames.slice(0, 4_000)}`;
  } catch {
    // A frozen error keeps its message; the EksError's own is cut regardless.
  }
}

/**
 * EKS answers InvalidParameterException both for a malformed parameter and for a role it cannot
 * use; only the documented messages tell them apart.
 */
export function isRoleRejection(error: EksError): boolean {
  return (
    error.kind === 'InvalidParameter' &&
    /role provided in the request does not exist|trust policy of the role provided is invalid/i.test(error.message)
  );
}
