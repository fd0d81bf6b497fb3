/**
 * CORS for browser apps served from other origins (a developer portal): `CORS_ORIGINS` lists the
 * origins allowed to call `/graphql`, exactly (`https://portal.example.com`, `http://localhost:5173`)
 * or with `*` standing for one subdomain label (`https://*.example.com` allows
 * `https://a.example.com`, not `https://example.com` nor `https://a.b.example.com`). Off by
 * default. Origins not listed get no CORS headers, so the browser keeps their pages from reading
 * any answer; Apollo's CSRF prevention stays on whatever this allows.
 */
import { environmentReaders } from '../environment';

/** What a browser may send cross-origin: the methods and headers `/graphql` takes. */
export const CORS_METHODS = ['GET', 'POST'] as const;
export const CORS_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
  'cache-control',
] as const;
/** What a page may read of an answer besides the simple headers: the id to quote in support requests. */
const EXPOSED_HEADERS = 'x-request-id';

export interface CorsSettings {
  /** The allowed origins as written, for the log and messages. */
  readonly origins: readonly string[];
  readonly allows: (origin: string) => boolean;
  /** CORS_ALLOW_CREDENTIALS: whether pages may send cookies or HTTP authentication (bearer tokens need not). */
  readonly allowCredentials: boolean;
  /** CORS_MAX_AGE_SECONDS: how long a browser may keep a preflight's answer. */
  readonly maxAgeSeconds: number;
}

export class CorsConfigError extends Error {
  override readonly name = 'CorsConfigError';
}

const { readString, readBoolean, readInteger } = environmentReaders((message) => new CorsConfigError(message));
const SCHEME_HOST_PORT = /^(https?):\/\/([^/?#:]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Null when CORS_ORIGINS is unset: no CORS at all. */
export function readCorsSettings(env: NodeJS.ProcessEnv): CorsSettings | null {
  const raw = readString(env, 'CORS_ORIGINS');
  if (raw === null) return null;
  const origins = raw.split(',').map((item) => item.trim());
  const matchers = origins.map(originMatcher);
  return {
    origins,
    allows: (origin) => matchers.some((matches) => matches(origin)),
    allowCredentials: readBoolean(env, 'CORS_ALLOW_CREDENTIALS', false),
    maxAgeSeconds: readInteger(env, 'CORS_MAX_AGE_SECONDS', 600, 0, 86_400),
  };
}

/** A matcher of one CORS_ORIGINS entry; origins are compared as browsers send them (lower case, no default port). */
function originMatcher(entry: string): (origin: string) => boolean {
  const refuse = (why: string) =>
    new CorsConfigError(
      `CORS_ORIGINS must list origins such as https://portal.example.com, http://localhost:5173 or https://*.example.com; "${entry}" ${why}.`,
    );
  if (entry === '*') throw refuse('would allow every site (list the origins of your apps instead)');
  const match = SCHEME_HOST_PORT.exec(entry);
  if (!match) throw refuse('is not a scheme, host and optional port, with no path');
  const scheme = (match[1] as string).toLowerCase();
  const host = (match[2] as string).toLowerCase();
  const port = match[3];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) throw refuse('has a port out of range');
  const defaultPort = scheme === 'https' ? '443' : '80';
  const suffix = port === undefined || port === defaultPort ? '' : `:${port}`;
  if (!host.includes('*')) {
    const exact = `${scheme}://${host}${suffix}`;
    return (origin) => origin === exact;
  }
  const labels = host.split('.');
  if (labels[0] !== '*' || labels.slice(1).some((label) => !LABEL.test(label)) || labels.length < 3) {
    throw refuse('may hold "*" only as its whole first label, before at least two more (https://*.example.com)');
  }
  const prefix = `${scheme}://`;
  const rest = `.${labels.slice(1).join('.')}${suffix}`;
  return (origin) => {
    if (!origin.startsWith(prefix) || !origin.endsWith(rest)) return false;
    const label = origin.slice(prefix.length, origin.length - rest.length);
    return LABEL.test(label);
  };
}

/** The headers of an answer to `origin` (null: none, the origin is not allowed or there is none). */
export function corsHeaders(settings: CorsSettings, origin: string | undefined): Record<string, string> | null {
  if (origin === undefined || !settings.allows(origin)) return null;
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
    ...(settings.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
  };
}

/**
 * The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed
 * origin: the methods and headers `/graphql` takes, whatever was asked (the browser compares).
 */
export function preflightHeaders(settings: CorsSettings, origin: string): Record<string, string> {
  return {
    ...corsHeaders(settings, origin),
    'access-control-allow-methods': CORS_METHODS.join(', '),
    'access-control-allow-headers': CORS_HEADERS.join(', '),
    'access-control-max-age': String(settings.maxAgeSeconds),
  };
}
