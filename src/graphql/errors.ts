/**
 * Client-facing errors. Everything a client sees is a GraphQLError with `extensions.code`;
 * faults of EKS say whether a retry may help and carry the AWS request id; anything unexpected
 * is masked for the client and logged whole (see `formatError` in the server layer).
 */
import { GraphQLError } from 'graphql';
import { AccountUnavailable } from '../eks/assumedRoles';
import { CallBudgetExceeded, CallRateExceeded } from '../eks/callBudget';
import { RequestTimedOut } from '../eks/deadline';
import { EksError, type EksErrorKind } from '../eks/errors';

/** The stable codes of top-level errors. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'EKS_THROTTLED'
  | 'EKS_UNAVAILABLE'
  | 'EKS_ACCESS_DENIED'
  | 'EKS_INTERNAL_ERROR'
  | 'EKS_REQUEST_REJECTED'
  | 'QUERY_TOO_COSTLY'
  | 'RATE_LIMITED'
  | 'REQUEST_TIMEOUT'
  | 'PARTIALLY_APPLIED'
  | 'INTERNAL_SERVER_ERROR';

export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argumentName: argument } : {}) },
  });
}

const FAULT_CODE: Record<EksErrorKind, ErrorCode> = {
  Throttled: 'EKS_THROTTLED',
  Unavailable: 'EKS_UNAVAILABLE',
  AccessDenied: 'EKS_ACCESS_DENIED',
  Internal: 'EKS_INTERNAL_ERROR',
  // These are expected answers where the resolvers handle them; reaching here means EKS
  // refused a request the gateway thought valid.
  NotFound: 'EKS_REQUEST_REJECTED',
  AlreadyExists: 'EKS_REQUEST_REJECTED',
  LimitExceeded: 'EKS_REQUEST_REJECTED',
  InvalidParameter: 'EKS_REQUEST_REJECTED',
  InvalidRequest: 'EKS_REQUEST_REJECTED',
};

const FAULT_MESSAGE: Record<EksErrorKind, string> = {
  Throttled: 'EKS throttled the request; retry after a short wait.',
  Unavailable: 'EKS could not be reached or did not answer in time; retry after a short wait.',
  AccessDenied: 'The gateway is not allowed to make this EKS call.',
  Internal: 'EKS failed with an internal error.',
  NotFound: 'EKS refused the request',
  AlreadyExists: 'EKS refused the request',
  LimitExceeded: 'EKS refused the request',
  InvalidParameter: 'EKS refused the request',
  InvalidRequest: 'EKS refused the request',
};

/** The client-facing form of an EKS failure that the resolvers did not turn into data. */
export function eksFault(error: EksError, extra: Record<string, unknown> = {}): GraphQLError {
  const code = FAULT_CODE[error.kind];
  const message =
    code === 'EKS_REQUEST_REJECTED' ? `${FAULT_MESSAGE[error.kind]}: ${error.message}` : FAULT_MESSAGE[error.kind];
  return new GraphQLError(message, {
    extensions: {
      code,
      retryable: error.retryable,
      awsErrorName: error.awsErrorName,
      awsRequestId: error.requestId,
      eksOperation: error.operation,
      ...extra,
    },
  });
}

/** The same code as the operation limits' estimate, for the calls it could not foresee. */
function callBudgetExceeded(error: CallBudgetExceeded): GraphQLError {
  return new GraphQLError(
    `This operation reached its limit of ${error.limit} EKS calls (MAX_EKS_CALLS_PER_OPERATION) and made no more; ` +
      'the fields that needed more are null. Ask for fewer items (`first`) or fewer detail fields per item.',
    { extensions: { code: 'QUERY_TOO_COSTLY', limit: error.limit, eksOperation: error.operation } },
  );
}

/** The caller's allowance across its requests is spent for now; its own code, to retry later. */
function callRateExceeded(error: CallRateExceeded): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
  return new GraphQLError(
    `You reached your limit of ${error.limit} EKS calls per minute (MAX_EKS_CALLS_PER_CALLER_PER_MINUTE), shared by all your ` +
      `requests; this field's call was not made and the field is null. Retry in ${retryAfterSeconds} s; answers from the cache do not count.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryable: true,
        retryAfterSeconds,
        limit: error.limit,
        eksOperation: error.operation,
      },
    },
  );
}

/** The request's deadline cut this field's call; a mutation says what a retry does. */
function requestTimedOut(error: RequestTimedOut): GraphQLError {
  const head = `The request reached its time limit of ${error.timeoutMs} ms (REQUEST_TIMEOUT_MS)`;
  const extensions: Record<string, unknown> = {
    code: 'REQUEST_TIMEOUT',
    retryable: true,
    timeoutMs: error.timeoutMs,
    eksOperation: error.operation,
  };
  if (!error.mutation) {
    const what = error.sent
      ? `while its EKS call (${error.operation}) was in flight`
      : `before its EKS call (${error.operation}) could be made`;
    return new GraphQLError(`${head} ${what}; the field is null. Retry, or ask for less in one request.`, {
      extensions,
    });
  }
  extensions.mayHaveBeenApplied = error.sent;
  const token = error.mutation.clientRequestToken;
  if (token !== null) extensions.clientRequestToken = token;
  if (!error.sent) {
    return new GraphQLError(
      `${head} before ${error.operation} was sent to EKS: nothing was changed, and retrying is safe.`,
      { extensions },
    );
  }
  const retry =
    token !== null
      ? `Retrying with the same clientRequestToken (${token}) is safe: EKS applies a token's change at most once.`
      : error.operation === 'DeletePodIdentityAssociation'
        ? 'Retrying is safe: if it was applied, the retry answers ASSOCIATION_NOT_FOUND.'
        : 'Retrying is safe: the same tag change again leaves the same tags.';
  return new GraphQLError(
    `${head} while ${error.operation} was in flight: the change may have been applied. ${retry}`,
    { extensions },
  );
}

/**
 * A mutation of several EKS calls failed after some were applied: the client learns what was
 * changed and that sending the same input again finishes the rest without repeating it.
 */
export function partiallyApplied(
  applied: readonly string[],
  notApplied: string,
  cause: GraphQLError,
  clientRequestToken: string | null,
  originalError: unknown,
): GraphQLError {
  const retry =
    clientRequestToken === null
      ? 'Send the same input again'
      : `Send the same input again, with clientRequestToken ${clientRequestToken},`;
  return new GraphQLError(
    `${applied.join(' and ')} was applied, but ${notApplied} was not: ${cause.message} ${retry} to finish: what was applied is not repeated.`,
    {
      originalError: originalError instanceof Error ? originalError : undefined,
      extensions: {
        code: 'PARTIALLY_APPLIED',
        retryable: true,
        appliedOperations: [...applied],
        ...(clientRequestToken === null ? {} : { clientRequestToken }),
        cause: { ...cause.extensions },
      },
    },
  );
}

/** Returns the client-facing error for anything a resolver threw, or null to mask it. */
/** An account whose role could not be assumed: its fields fail, the other accounts' answer. */
function accountUnavailable(error: AccountUnavailable): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: 'ACCOUNT_UNAVAILABLE', accountId: error.accountId, stsError: error.stsError, retryable: true },
  });
}

export function clientFacingError(error: unknown): GraphQLError | null {
  if (error instanceof EksError) return eksFault(error);
  if (error instanceof AccountUnavailable) return accountUnavailable(error);
  if (error instanceof CallBudgetExceeded) return callBudgetExceeded(error);
  if (error instanceof CallRateExceeded) return callRateExceeded(error);
  if (error instanceof RequestTimedOut) return requestTimedOut(error);
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error;
  return null;
}
