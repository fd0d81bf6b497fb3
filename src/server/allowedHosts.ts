/**
 * Which `Host` headers the gateway answers, against DNS rebinding: a web page whose name an
 * attacker points at 127.0.0.1 reaches a loopback gateway as a same-origin request, but its Host
 * header still names the attacker's domain. With `AUTH_MODE=none` only loopback names are served
 * (plus `ALLOWED_HOSTS`); with authentication, `ALLOWED_HOSTS` when it is set, any name otherwise.
 * Health probes (`/healthz`, `/readyz`) are exempt: Kubernetes sends the pod IP as Host, and they
 * answer nothing but up or ready.
 */

/** One allowed name: lowercase, IPv6 in brackets; `port` null for any port. */
export interface AllowedHost {
  name: string;
  port: number | null;
}

/** The names a browser uses for this machine, on any port. */
export const LOOPBACK_HOSTS: readonly AllowedHost[] = ['localhost', '127.0.0.1', '[::1]'].map((name) => ({
  name,
  port: null,
}));

const DNS_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/** `name`, `name:port`, `[v6]` or `[v6]:port`, case-insensitive; null when it is none of them. */
export function parseHost(value: string): AllowedHost | null {
  const text = value.trim().toLowerCase();
  const bracket = text.startsWith('[') ? text.indexOf(']') : -1;
  const colon = bracket >= 0 ? (text[bracket + 1] === ':' ? bracket + 1 : -1) : text.indexOf(':');
  const name = colon === -1 ? text : text.slice(0, colon);
  const portText = colon === -1 ? null : text.slice(colon + 1);
  if (bracket >= 0 && colon === -1 && bracket !== text.length - 1) return null;
  if (!(IPV6.test(name) || (name.length <= 253 && DNS_NAME.test(name)))) return null;
  if (portText === null) return { name, port: null };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  return port >= 1 && port <= 65535 ? { name, port } : null;
}

/**
 * Whether a request's Host header is served. `allowed` null: every host is (authentication is
 * on and ALLOWED_HOSTS is unset). A missing or malformed header is not served when a list applies.
 */
export function hostAllowed(header: string | undefined, allowed: readonly AllowedHost[] | null): boolean {
  if (allowed === null) return true;
  const host = header === undefined ? null : parseHost(header);
  if (host === null) return false;
  return allowed.some((entry) => entry.name === host.name && (entry.port === null || entry.port === host.port));
}

/** The hosts served: loopback names and ALLOWED_HOSTS without authentication; ALLOWED_HOSTS (or all) with it. */
export function servedHosts(
  authenticated: boolean,
  configured: readonly AllowedHost[] | null,
): readonly AllowedHost[] | null {
  if (!authenticated) return [...LOOPBACK_HOSTS, ...(configured ?? [])];
  return configured;
}
