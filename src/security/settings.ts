/**
 * The security settings, from the environment and the files it names. Everything is read and
 * checked at start-up: a bad variable or file stops the gateway with a message that names it,
 * the line, the rule and the value received (never a token's value).
 */
import { environmentReaders } from '../environment';
import type { AuthMode } from './caller';
import { SecurityConfigError } from './errors';
import { readSecurityFile } from './files';
import { parseJwksFile, type JwksSource, type JwtSettings } from './jwt';
import { readPolicyFile, type Policy } from './policy';
import { readTokenFile, type TokenTable } from './tokens';

const { readString, readInteger, readBoolean } = environmentReaders((message) => new SecurityConfigError(message));

export type AuthSettings =
  | { mode: 'none' }
  | { mode: 'tokens'; tokens: TokenTable; policy: Policy }
  | { mode: 'jwt'; jwt: JwtSettings; policy: Policy };

export type AuditDestination = { kind: 'off' } | { kind: 'stdout' } | { kind: 'file'; path: string };

/** What bounds the audit log (see docs/security.md, "The audit log"). */
export interface AuditLimits {
  /** The largest record written; a bigger one is cut to a summary (AUDIT_MAX_RECORD_BYTES). */
  maxRecordBytes: number;
  /** Records per caller and minute of mutations refused before any EKS call (AUDIT_REFUSALS_PER_MINUTE). */
  refusalsPerMinute: number;
}

export interface SecuritySettings {
  auth: AuthSettings;
  audit: AuditDestination;
  auditLimits: AuditLimits;
  /** Whether the schema answers introspection queries. */
  introspection: boolean;
  /** Whether `GET /graphql` serves the GraphiQL page (and its assets) to browsers. */
  graphiql: boolean;
  /** Whether error messages may suggest schema names ("Did you mean ...?"); off with NODE_ENV=production. */
  schemaSuggestions: boolean;
}

const AUTH_MODES: readonly AuthMode[] = ['none', 'tokens', 'jwt'];

export function readSecuritySettings(env: NodeJS.ProcessEnv, host: string): SecuritySettings {
  const auth = readAuth(env, host);
  const production = readString(env, 'NODE_ENV') === 'production';
  return {
    auth,
    audit: readAudit(env, auth.mode),
    auditLimits: readAuditLimits(env),
    introspection: readBoolean(env, 'ENABLE_INTROSPECTION', !production),
    graphiql: readBoolean(env, 'ENABLE_GRAPHIQL', !production),
    schemaSuggestions: !production,
  };
}

/** `127.0.0.0/8`, `::1` and `localhost`: addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

function readAuth(env: NodeJS.ProcessEnv, host: string): AuthSettings {
  const raw = readString(env, 'AUTH_MODE') ?? 'none';
  const mode = AUTH_MODES.find((m) => m === raw.toLowerCase());
  if (!mode) throw new SecurityConfigError(`AUTH_MODE must be one of ${AUTH_MODES.join(', ')}, received "${raw}".`);
  switch (mode) {
    case 'none':
      if (!isLoopback(host)) {
        throw new SecurityConfigError(
          `AUTH_MODE=none is allowed only while HOST is a loopback address (127.0.0.1, ::1 or localhost), received HOST "${host}": ` +
            'set AUTH_MODE to tokens or jwt (with AUTH_POLICY_FILE) to listen on other addresses.',
        );
      }
      for (const name of ['AUTH_POLICY_FILE', 'AUTH_TOKENS_FILE', 'AUTH_JWKS_URL', 'AUTH_JWKS_FILE']) {
        if (readString(env, name) !== null) {
          throw new SecurityConfigError(
            `${name} is set, but AUTH_MODE is none (the default), so it would be ignored: set AUTH_MODE to tokens or jwt.`,
          );
        }
      }
      return { mode };
    case 'tokens':
      return {
        mode,
        tokens: readTokenFile('AUTH_TOKENS_FILE', requireString(env, 'AUTH_TOKENS_FILE', mode)),
        policy: readPolicy(env, mode),
      };
    case 'jwt':
      return { mode, jwt: readJwt(env), policy: readPolicy(env, mode) };
    default: {
      const unreachable: never = mode;
      throw new Error(`Unknown AUTH_MODE ${String(unreachable)}`);
    }
  }
}

function readPolicy(env: NodeJS.ProcessEnv, mode: AuthMode): Policy {
  return readPolicyFile(
    'AUTH_POLICY_FILE',
    requireString(env, 'AUTH_POLICY_FILE', mode, 'without a policy every request would be denied'),
  );
}

function readJwt(env: NodeJS.ProcessEnv): JwtSettings {
  const url = readString(env, 'AUTH_JWKS_URL');
  const file = readString(env, 'AUTH_JWKS_FILE');
  if ((url === null) === (file === null)) {
    throw new SecurityConfigError(
      "AUTH_MODE=jwt needs exactly one of AUTH_JWKS_URL (the provider's JWKS endpoint) and AUTH_JWKS_FILE (a local JWKS file).",
    );
  }
  const keys: JwksSource =
    url !== null
      ? { kind: 'url', url: readJwksUrl(url) }
      : { kind: 'file', path: file as string, jwks: parseJwksFile(readSecurityFile('AUTH_JWKS_FILE', file as string)) };
  return {
    keys,
    issuer: requireString(env, 'AUTH_JWT_ISSUER', 'jwt', 'tokens are accepted only from the expected issuer'),
    audience: requireString(env, 'AUTH_JWT_AUDIENCE', 'jwt', 'tokens are accepted only when made for this gateway'),
    groupsClaim: readString(env, 'AUTH_JWT_GROUPS_CLAIM') ?? 'groups',
  };
}

/** Keys fetched over plain HTTP could be swapped on the way, except from this very machine. */
function readJwksUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SecurityConfigError(
      `AUTH_JWKS_URL must be an https URL such as https://idp.example.com/.well-known/jwks.json, received "${raw}".`,
    );
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return url;
  throw new SecurityConfigError(`AUTH_JWKS_URL must use https (http only on a loopback address), received "${raw}".`);
}

function readAudit(env: NodeJS.ProcessEnv, mode: AuthMode): AuditDestination {
  const log = readString(env, 'AUDIT_LOG');
  const file = readString(env, 'AUDIT_LOG_FILE');
  if (file !== null) {
    if (log !== null && log !== file && log.toLowerCase() !== 'file') {
      throw new SecurityConfigError(`AUDIT_LOG_FILE is set, so AUDIT_LOG must be unset or "file", received "${log}".`);
    }
    return { kind: 'file', path: file };
  }
  // With authentication on, changes are always recorded unless turned off explicitly.
  if (log === null) return mode === 'none' ? { kind: 'off' } : { kind: 'stdout' };
  switch (log.toLowerCase()) {
    case 'off':
      return { kind: 'off' };
    case 'stdout':
      return { kind: 'stdout' };
    case 'file':
      throw new SecurityConfigError('AUDIT_LOG=file needs AUDIT_LOG_FILE, the path of the file to append to.');
    default:
      return { kind: 'file', path: log };
  }
}

/** A record over the size is cut to a summary of a few hundred bytes, which must fit. */
const MIN_AUDIT_RECORD_BYTES = 2048;

function readAuditLimits(env: NodeJS.ProcessEnv): AuditLimits {
  return {
    maxRecordBytes: readInteger(env, 'AUDIT_MAX_RECORD_BYTES', 8192, MIN_AUDIT_RECORD_BYTES, 1024 * 1024),
    refusalsPerMinute: readInteger(env, 'AUDIT_REFUSALS_PER_MINUTE', 60, 1, 1_000_000),
  };
}

function requireString(env: NodeJS.ProcessEnv, name: string, mode: AuthMode, why?: string): string {
  const value = readString(env, name);
  if (value === null)
    throw new SecurityConfigError(`${name} is required when AUTH_MODE=${mode}${why ? `: ${why}` : ''}.`);
  return value;
}
