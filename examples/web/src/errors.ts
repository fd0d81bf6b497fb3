/**
 * What went wrong, for people: the gateway's error codes (README "Errors", "Limits") and the
 * browser's own failures, each with whether retrying may help. Faults of EKS come back as
 * top-level errors with `extensions.code` and `retryable`; refusals of the HTTP layer (401, 400,
 * 429) as a non-2xx answer whose body holds the same kind of errors.
 */
import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

export interface Problem {
  /** The gateway's code (`EKS_THROTTLED`, `UNAUTHENTICATED`, ...), or `NETWORK_ERROR` when no answer could be read. */
  readonly code: string;
  /** A sentence for people. */
  readonly title: string;
  /** The gateway's own message, when it gave one. */
  readonly detail: string | null;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | null;
}

interface GatewayError {
  message?: unknown;
  extensions?: Record<string, unknown>;
}

/** Sentences for the codes a portal user meets; any other code shows the gateway's message. */
const TITLES: Record<string, string> = {
  EKS_THROTTLED: 'EKS is throttling requests.',
  EKS_UNAVAILABLE: 'EKS is unavailable for the moment.',
  EKS_INTERNAL_ERROR: 'EKS failed to answer.',
  EKS_ACCESS_DENIED: "The gateway's AWS identity may not do this in EKS.",
  RATE_LIMITED: 'You have made too many EKS calls for now.',
  REQUEST_TIMEOUT: 'The gateway took too long to answer.',
  QUERY_TOO_COSTLY: 'This would cost the gateway too much; narrow the search.',
  INVENTORY_OFF: 'This gateway keeps no fleet inventory (INVENTORY=off): search within a cluster instead.',
  ACCOUNT_UNAVAILABLE: "The gateway cannot reach this account's clusters.",
  UNAUTHENTICATED: 'The gateway did not accept the token.',
  AUTHENTICATION_UNAVAILABLE: 'The gateway cannot check tokens for the moment.',
  FORBIDDEN: 'The gateway does not let you see this.',
  UNTRUSTED_DOCUMENT: 'The gateway runs only the documents of its trusted-documents manifest.',
  TRUSTED_DOCUMENT_NOT_FOUND: "The gateway's trusted-documents manifest is not this app's build.",
  BAD_USER_INPUT: 'The gateway refused the request.',
};

/** Codes retrying may cure even when the gateway did not say `retryable` (a refusal of the HTTP layer says nothing). */
const TRANSIENT = new Set(['RATE_LIMITED', 'REQUEST_TIMEOUT', 'AUTHENTICATION_UNAVAILABLE']);

function fromGatewayError(error: GatewayError, status: number | null): Problem {
  const extensions = error.extensions ?? {};
  const code =
    typeof extensions.code === 'string' ? extensions.code : status === null ? 'GRAPHQL_ERROR' : `HTTP_${status}`;
  const detail = typeof error.message === 'string' ? error.message : null;
  const retryAfter = extensions.retryAfterSeconds;
  return {
    code,
    title: TITLES[code] ?? detail ?? 'The gateway refused the request.',
    detail,
    retryable: extensions.retryable === true || TRANSIENT.has(code) || (status !== null && status >= 500),
    retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : null,
  };
}

/** The errors of a non-2xx answer's body, when it holds GraphQL errors. */
function bodyErrors(bodyText: string): GatewayError[] {
  try {
    const body = JSON.parse(bodyText) as { errors?: unknown };
    return Array.isArray(body.errors) ? (body.errors as GatewayError[]) : [];
  } catch {
    return [];
  }
}

/** Every problem an Apollo Client error stands for, one per code (many fields may fail alike). */
export function problemsOf(error: unknown, gatewayUrl: string): Problem[] {
  let problems: Problem[];
  if (CombinedGraphQLErrors.is(error)) {
    problems = error.errors.map((e) => fromGatewayError(e, null));
  } else if (ServerError.is(error) || ServerParseError.is(error)) {
    const status = error.statusCode;
    const errors = bodyErrors(error.bodyText);
    problems =
      errors.length > 0
        ? errors.map((e) => fromGatewayError(e, status))
        : [fromGatewayError({ message: `The gateway answered HTTP ${status}.` }, status)];
  } else {
    // fetch() failed: the gateway is down, or the browser kept the answer from the page (CORS).
    problems = [
      {
        code: 'NETWORK_ERROR',
        title: `The gateway at ${gatewayUrl} could not be reached, or the browser blocked its answer.`,
        detail:
          'A gateway serving pages of another origin must list it in CORS_ORIGINS (this page is ' +
          `${globalThis.location?.origin ?? 'unknown'}).`,
        retryable: true,
        retryAfterSeconds: null,
      },
    ];
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.code) && seen.add(p.code));
}
