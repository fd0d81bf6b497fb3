/**
 * The region of a request, from the SigV4 credential scope of its Authorization header:
 * `AWS4-HMAC-SHA256 Credential=<key>/<yyyymmdd>/<region>/eks/aws4_request, SignedHeaders=..., Signature=...`.
 * Signatures are not verified: the emulator knows no secret keys.
 */
import { WireError, quote } from './errors';

const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function regionFromAuthorization(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new WireError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const [scheme, ...rest] = header.trim().split(/\s+/);
  if (scheme !== 'AWS4-HMAC-SHA256') {
    throw invalidSignature(`Only AWS4-HMAC-SHA256 (Signature Version 4) authorization is accepted; received the scheme ${quote(scheme)}.`);
  }
  const parameters = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !parameters.get(name));
  if (missing.length > 0) {
    throw invalidSignature(missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' '));
  }
  const credential = parameters.get('Credential') ?? '';
  const scope = credential.split('/');
  if (scope.length !== 5 || !scope[0]) {
    throw invalidSignature(`The Credential must be <access key>/<yyyymmdd>/<region>/eks/aws4_request; received ${quote(credential)}.`);
  }
  const [, date, region, service, terminator] = scope as [string, string, string, string, string];
  if (!/^\d{8}$/.test(date)) throw invalidSignature(`The credential scope date must be yyyymmdd; received ${quote(date)}.`);
  if (!REGION.test(region) || region.length > 50) throw invalidSignature(`Credential should be scoped to a valid region; received ${quote(region)}.`);
  if (service !== 'eks') throw invalidSignature(`Credential should be scoped to correct service: 'eks'; received ${quote(service)}.`);
  if (terminator !== 'aws4_request') {
    throw invalidSignature(`Credential should be scoped with a valid terminator: 'aws4_request'; received ${quote(terminator)}.`);
  }
  return region;
}

function invalidSignature(message: string): WireError {
  return new WireError('InvalidSignatureException', message);
}
