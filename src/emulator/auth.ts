/**
 * The SigV4 credential scope of a request's Authorization header:
 * `AWS4-HMAC-SHA256 Credential=<access key>/<yyyymmdd>/<region>/<service>/aws4_request, SignedHeaders=..., Signature=...`.
 * The service (`eks`, `sts` or `iam`) picks the protocol, the region the state (IAM is global), the access key the
 * account (see credentials.ts). Signatures are not verified: the emulator knows no secret keys.
 * Failures are AuthErrors, which each service answers in its own wire shape.
 */
import { quote } from './errors';
import type { ServiceName } from './model';

const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: ServiceName;
}

/** Why a request's credentials were refused; `expired` and `invalid` concern temporary credentials. */
export type AuthFailure = 'missing' | 'malformed' | 'expired' | 'invalid';

export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly failure: AuthFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The service a request is signed for, read without judging the rest of the header: how the
 * server tells STS and IAM requests from EKS ones. Null when the header has no readable scope.
 */
export function signedService(header: string | undefined): string | null {
  const match = header === undefined ? null : /Credential=([^,\s]*)/.exec(header);
  const scope = match?.[1]?.split('/');
  return scope?.length === 5 ? (scope[3] ?? null) : null;
}

/** The credential scope of a request for `service`; throws an AuthError (`missing` or `malformed`) saying what is wrong. */
export function parseAuthorization(header: string | undefined, service: ServiceName): CredentialScope {
  if (header === undefined || header.trim() === '') throw new AuthError('missing', 'Missing Authentication Token');
  const [scheme, ...rest] = header.trim().split(/\s+/);
  if (scheme !== 'AWS4-HMAC-SHA256') {
    throw malformed(
      `Only AWS4-HMAC-SHA256 (Signature Version 4) authorization is accepted; received the scheme ${quote(scheme)}.`,
    );
  }
  const parameters = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !parameters.get(name));
  if (missing.length > 0) {
    throw malformed(missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' '));
  }
  const credential = parameters.get('Credential') ?? '';
  const scope = credential.split('/');
  if (scope.length !== 5 || !scope[0]) {
    throw malformed(
      `The Credential must be <access key>/<yyyymmdd>/<region>/${service}/aws4_request; received ${quote(credential)}.`,
    );
  }
  const [accessKeyId, date, region, scopeService, terminator] = scope as [string, string, string, string, string];
  if (!/^\d{8}$/.test(date)) throw malformed(`The credential scope date must be yyyymmdd; received ${quote(date)}.`);
  if (!REGION.test(region) || region.length > 50)
    throw malformed(`Credential should be scoped to a valid region; received ${quote(region)}.`);
  if (scopeService !== service)
    throw malformed(`Credential should be scoped to correct service: '${service}'; received ${quote(scopeService)}.`);
  if (terminator !== 'aws4_request') {
    throw malformed(
      `Credential should be scoped with a valid terminator: 'aws4_request'; received ${quote(terminator)}.`,
    );
  }
  return { accessKeyId, region, service };
}

function malformed(message: string): AuthError {
  return new AuthError('malformed', message);
}
