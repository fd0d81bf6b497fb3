/**
 * The security of one running gateway, built from its settings: how requests authenticate,
 * which service a caller's resolvers get, and where the audit log goes. The server layer wires
 * it in; nothing here knows about HTTP or GraphQL execution.
 */
import type { Logger } from 'pino';
import type { PodIdentityBackend } from '../eks/operations';
import { openAuditLog, type AuditLog } from './auditLog';
import { createAuthenticator, type Authenticate } from './authenticate';
import { AuthorizedPodIdentityService } from './authorizedService';
import type { Caller } from './caller';
import { SecurityConfigError } from './errors';
import { allowEverything, permissionsFromPolicy, type ReadGrant } from './permissions';
import type { AuthSettings, SecuritySettings } from './settings';

export interface GatewaySecurity {
  readonly authenticate: Authenticate;
  /** The service one request's resolvers and loaders use: `backend` under the caller's permissions. */
  serviceFor(backend: PodIdentityBackend, caller: Caller): PodIdentityBackend;
  /** Whether the caller may read `/metrics`: always without authentication, else a rule must give `metrics`. */
  mayReadMetrics(caller: Caller): boolean;
  /** Whether the caller may send documents outside the trusted-documents manifest (the policy's `explore`). */
  mayExplore(caller: Caller): boolean;
  /** What the caller may read, as grants over the served accounts (null: everything), for the inventory's searches. */
  readGrants(caller: Caller, accounts: ReadonlyArray<{ accountId: string; name: string | null }>): ReadGrant[] | null;
  /**
   * Puts the tokens, policy and JWKS of `next` (the same variables, their files read again) in
   * force for the requests that arrive from now on; a request already authenticated keeps its
   * caller. The audit log, introspection and GraphiQL stay as started, and so must the mode.
   */
  reload(next: SecuritySettings): void;
  readonly audit: AuditLog;
  close(): void;
}

/** `accountName` names a served account, for rules whose `accounts` give names (see policy.ts). */
export function createGatewaySecurity(
  settings: SecuritySettings,
  logger: Logger,
  accountName: (accountId: string) => string | null = () => null,
): GatewaySecurity {
  let auth = settings.auth;
  let authenticate = createAuthenticator(auth);
  const audit = openAuditLog(settings.audit, settings.auditLimits, (error) =>
    logger.error({ err: error }, 'Could not write to the audit log'),
  );
  // Counts only: tokens and rules stay out of logs.
  logger.info(
    {
      authMode: auth.mode,
      ...sizes(auth),
      audit: settings.audit.kind,
      introspection: settings.introspection,
      graphiql: settings.graphiql,
    },
    'Security settings',
  );
  const permissionsOf = (caller: Caller) =>
    auth.mode === 'none' ? allowEverything(caller) : permissionsFromPolicy(auth.policy, caller, accountName);
  return {
    authenticate: (authorization) => authenticate(authorization),
    serviceFor(backend, caller) {
      return new AuthorizedPodIdentityService(backend, permissionsOf(caller));
    },
    mayReadMetrics: (caller) => permissionsOf(caller).mayReadMetrics(),
    mayExplore: (caller) => permissionsOf(caller).mayExplore(),
    readGrants: (caller, accounts) => permissionsOf(caller).readGrants(accounts),
    reload(next) {
      if (next.auth.mode !== auth.mode) {
        throw new SecurityConfigError(
          `AUTH_MODE changed from ${auth.mode} to ${next.auth.mode}; a change of mode needs a restart.`,
        );
      }
      authenticate = createAuthenticator(next.auth);
      auth = next.auth;
      logger.info({ authMode: auth.mode, ...sizes(auth) }, 'Security files reloaded');
    },
    audit,
    close: () => audit.close(),
  };
}

function sizes(auth: AuthSettings): Record<string, number> {
  switch (auth.mode) {
    case 'none':
      return {};
    case 'tokens':
      return { tokens: auth.tokens.size, policyRules: auth.policy.rules.length };
    case 'jwt':
      return { policyRules: auth.policy.rules.length };
    default: {
      const unreachable: never = auth;
      throw new Error(`Unknown AUTH_MODE ${JSON.stringify(unreachable)}`);
    }
  }
}
