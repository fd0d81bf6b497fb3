/**
 * Who the app calls the gateway as: its URL and a bearer token (none for a gateway without
 * authentication). Kept in sessionStorage, so a reload stays signed in and closing the tab forgets
 * the token.
 */
export interface Session {
  readonly gatewayUrl: string;
  /** Null: no Authorization header (AUTH_MODE=none). */
  readonly token: string | null;
}

const KEY = 'eks-pod-identity-portal.session';

export function savedSession(): Session | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    if (typeof value?.gatewayUrl !== 'string') return null;
    return { gatewayUrl: value.gatewayUrl, token: typeof value.token === 'string' ? value.token : null };
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify(session));
}

/** How the header names the caller: never the whole token. */
export function describeSession(session: Session): string {
  return session.token === null ? 'no authentication' : `token …${session.token.slice(-6)}`;
}
