/**
 * SIGHUP: re-reads the token, policy and JWKS files and puts them in force. Whatever goes wrong
 * (a file that fails its checks, one nested too deep, a mode change, or any error nobody foresaw)
 * changes nothing and is logged with the reason: a signal must never stop the gateway, nor leave
 * it half reloaded.
 */
import type { Logger } from 'pino';
import { SecurityConfigError } from './errors';
import { readSecuritySettings, type SecuritySettings } from './settings';

/** Returns whether the new files are in force. */
export function reloadSecurityFiles(
  apply: (next: SecuritySettings) => void,
  env: NodeJS.ProcessEnv,
  host: string,
  logger: Logger,
): boolean {
  try {
    apply(readSecuritySettings(env, host));
    return true;
  } catch (error) {
    if (error instanceof SecurityConfigError) {
      logger.error({ reason: error.message }, 'Security files not reloaded; the previous ones stay in force');
    } else {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.error(
        { reason: `unexpected error while reading them (${reason})`, err: error },
        'Security files not reloaded; the previous ones stay in force',
      );
    }
    return false;
  }
}
