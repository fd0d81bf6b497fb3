/**
 * Authentication of a GraphQL request from its `Authorization: Bearer <credential>` header, as
 * the configuration chose: nobody (`none`), static tokens, or JWTs. The HTTP layer calls it
 * before anything else of the request is read or run; a refusal is answered 401 (or 503 when
 * the identity provider cannot be reached) and nothing is executed.
 */
import { ANONYMOUS, type Caller } from './caller';
import { JwtVerifier } from './jwt';
import type { AuthSettings } from './settings';

export type Authentication =
  | { kind: 'authenticated'; caller: Caller }
  /** No credential at all. */
  | { kind: 'missing'; reason: string }
  /** A credential that is malformed, unknown, expired or otherwise not accepted. */
  | { kind: 'rejected'; reason: string }
  | { kind: 'unavailable'; reason: string };

export type Authenticate = (authorization: string | undefined) => Promise<Authentication>;

const REALM = 'eks-pod-identity-gateway';

export function createAuthenticator(settings: AuthSettings): Authenticate {
  switch (settings.mode) {
    case 'none':
      return async () => ({ kind: 'authenticated', caller: ANONYMOUS });
    case 'tokens': {
      const { tokens } = settings;
      return async (authorization) => {
        const credential = bearerCredential(authorization);
        if (credential.kind !== 'present') return credential;
        const caller = tokens.lookup(credential.value);
        return caller
          ? { kind: 'authenticated', caller }
          : { kind: 'rejected', reason: 'The bearer token is not valid.' };
      };
    }
    case 'jwt': {
      const verifier = new JwtVerifier(settings.jwt);
      return async (authorization) => {
        const credential = bearerCredential(authorization);
        if (credential.kind !== 'present') return credential;
        const verified = await verifier.verify(credential.value);
        return verified.kind === 'verified' ? { kind: 'authenticated', caller: verified.caller } : verified;
      };
    }
    default: {
      const unreachable: never = settings;
      throw new Error(`Unknown AUTH_MODE ${JSON.stringify(unreachable)}`);
    }
  }
}

type Credential = { kind: 'present'; value: string } | { kind: 'missing' | 'rejected'; reason: string };

function bearerCredential(authorization: string | undefined): Credential {
  if (authorization === undefined || authorization.trim() === '') {
    return { kind: 'missing', reason: 'Authentication is required: send the header "Authorization: Bearer <token>".' };
  }
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  if (!match) return { kind: 'rejected', reason: 'The Authorization header must be "Bearer <token>".' };
  return { kind: 'present', value: match[1] as string };
}

export interface AuthenticationFailureResponse {
  status: number;
  headers: Record<string, string>;
  body: { errors: Array<{ message: string; extensions: { code: string } }> };
}

/** The HTTP answer to a refused request: 401 with a Bearer challenge (RFC 6750), or 503. */
export function authenticationFailure(
  failure: Exclude<Authentication, { kind: 'authenticated' }>,
): AuthenticationFailureResponse {
  switch (failure.kind) {
    case 'missing':
      return {
        status: 401,
        headers: { 'www-authenticate': `Bearer realm="${REALM}"` },
        body: { errors: [{ message: failure.reason, extensions: { code: 'UNAUTHENTICATED' } }] },
      };
    case 'rejected':
      return {
        status: 401,
        headers: {
          'www-authenticate': `Bearer realm="${REALM}", error="invalid_token", error_description="${failure.reason.replace(/"/g, "'")}"`,
        },
        body: { errors: [{ message: failure.reason, extensions: { code: 'UNAUTHENTICATED' } }] },
      };
    case 'unavailable':
      return {
        status: 503,
        headers: { 'retry-after': '5' },
        body: {
          errors: [{ message: `${failure.reason} Retry shortly.`, extensions: { code: 'AUTHENTICATION_UNAVAILABLE' } }],
        },
      };
    default: {
      const unreachable: never = failure;
      throw new Error(`Unknown authentication failure ${JSON.stringify(unreachable)}`);
    }
  }
}
