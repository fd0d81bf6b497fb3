/**
 * JWTs from an OIDC provider (`AUTH_MODE=jwt`), verified with `jose`: the signature against a
 * JWKS (fetched from `AUTH_JWKS_URL` and cached, or read from `AUTH_JWKS_FILE`), then `exp` and
 * `nbf`, the issuer and the audience. The subject is `sub`; the groups come from a configurable
 * claim. Only asymmetric algorithms are accepted, so a public key can never verify an HMAC.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { readArray, readObject } from '../json/fields';
import type { Caller } from './caller';
import type { SecurityDocument } from './files';

export type JwksSource = { kind: 'url'; url: URL } | { kind: 'file'; path: string; jwks: JSONWebKeySet };

export interface JwtSettings {
  keys: JwksSource;
  issuer: string;
  audience: string;
  /** The claim that lists the caller's groups; a dotted path reaches into objects. */
  groupsClaim: string;
}

export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
/** Clock skew allowed between the provider and the gateway for `exp` and `nbf`, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export type JwtVerification =
  | { kind: 'verified'; caller: Caller }
  | { kind: 'rejected'; reason: string }
  /** The keys could not be fetched: the provider's fault, not the caller's. */
  | { kind: 'unavailable'; reason: string };

export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly settings: JwtSettings) {
    this.keys =
      settings.keys.kind === 'url'
        ? createRemoteJWKSet(settings.keys.url, {
            timeoutDuration: 5_000,
            cooldownDuration: 30_000,
            cacheMaxAge: 10 * 60_000,
          })
        : createLocalJWKSet(settings.keys.jwks);
  }

  async verify(token: string): Promise<JwtVerification> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      return refusal(error);
    }
    if (typeof payload.sub !== 'string' || payload.sub === '')
      return { kind: 'rejected', reason: 'The token\'s "sub" claim must be a non-empty string.' };
    const groups = groupsFrom(payload, this.settings.groupsClaim);
    if (groups === null)
      return {
        kind: 'rejected',
        reason: `The token's "${this.settings.groupsClaim}" claim must be a list of strings.`,
      };
    return { kind: 'verified', caller: { subject: payload.sub, groups, authenticatedBy: 'jwt' } };
  }
}

function refusal(error: unknown): JwtVerification {
  if (!(error instanceof errors.JOSEError))
    return { kind: 'unavailable', reason: "The identity provider's keys could not be fetched." };
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return { kind: 'rejected', reason: 'The token has expired (exp).' };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as errors.JWTClaimValidationFailed;
      return {
        kind: 'rejected',
        reason:
          reason === 'missing' ? `The token has no "${claim}" claim.` : `The token's "${claim}" claim is not accepted.`,
      };
    }
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return { kind: 'rejected', reason: "The token's signature does not verify." };
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return { kind: 'rejected', reason: 'The token is not signed by a key of the identity provider.' };
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return {
        kind: 'rejected',
        reason: `The token's algorithm is not accepted; use one of ${ACCEPTED_ALGORITHMS.join(', ')}.`,
      };
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
    case 'ERR_JOSE_GENERIC':
      return { kind: 'unavailable', reason: "The identity provider's keys could not be fetched." };
    default:
      return { kind: 'rejected', reason: 'The token is not a valid signed JWT.' };
  }
}

/** The groups claim: a list of strings, a single string, or absent (no groups); null if malformed. */
function groupsFrom(payload: JWTPayload, claim: string): string[] | null {
  const value = claim in payload ? payload[claim] : claim.split('.').reduce<unknown>(member, payload);
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((g): g is string => typeof g === 'string')) return value;
  return null;
}

function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Checks a JWKS file at start-up: public keys only (a private key does not belong on the
 * gateway), each one importable, so a bad file stops start-up instead of every request.
 */
export function parseJwksFile(doc: SecurityDocument): JSONWebKeySet {
  const root = readObject(doc, '', doc.value, ['keys']);
  const keys = readArray(doc, 'keys', root.keys, { nonEmpty: true });
  keys.forEach((key, i) => {
    const path = `keys[${i}]`;
    if (typeof key !== 'object' || key === null || Array.isArray(key))
      throw doc.problem(path, 'must be a JSON Web Key (a JSON object).');
    const jwk = key as Record<string, unknown>;
    if (typeof jwk.kty !== 'string') throw doc.problem(path, 'has no "kty" member; it is not a JSON Web Key.');
    if (jwk.kty === 'oct')
      throw doc.problem(path, 'is a symmetric key (kty "oct"); JWTs must be verified with public keys.');
    if ('d' in jwk) throw doc.problem(path, 'is a private key (it has "d"); give only the public key.');
    try {
      createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch (error) {
      throw doc.problem(
        path,
        `is not a usable public key (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  });
  return root as unknown as JSONWebKeySet;
}
