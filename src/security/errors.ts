/**
 * A security setting or file that cannot be used. The configuration layer turns it into a
 * `ConfigError`, so start-up stops with this message, which names the variable or file, the
 * line, the rule broken and the value received.
 */
export class SecurityConfigError extends Error {
  override readonly name = 'SecurityConfigError';
}
