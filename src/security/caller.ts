/** Who is calling: the result of authentication, what the policy and the audit log see. */

/** How the caller proved who they are. */
export type AuthMode = 'none' | 'tokens' | 'jwt';

export interface Caller {
  /** A token's subject or a JWT's `sub`; `anonymous` when authentication is off. */
  readonly subject: string;
  readonly groups: readonly string[];
  readonly authenticatedBy: AuthMode;
}

/** The caller of a gateway that runs without authentication (loopback only). */
export const ANONYMOUS: Caller = Object.freeze({
  subject: 'anonymous',
  groups: Object.freeze([]),
  authenticatedBy: 'none',
});
