/**
 * The security files (tokens, policy, JWKS) as JSON documents (src/json): every problem in them
 * is a SecurityConfigError naming the variable, the file, the line and the path of the value.
 */
import { parseJsonDocument, readJsonFile, type JsonDocument, type JsonSource } from '../json/document';
import { SecurityConfigError } from './errors';

export type SecurityDocument = JsonDocument<SecurityConfigError>;

function securitySource(source: string): JsonSource<SecurityConfigError> {
  return {
    source,
    error: (message) => new SecurityConfigError(message),
    depthReason: 'the token, policy and JWKS files need only a few',
  };
}

/** Reads and parses the file named by `variable`; a missing or malformed file stops start-up. */
export function readSecurityFile(variable: string, path: string): SecurityDocument {
  return readJsonFile(path, {
    ...securitySource(`${variable} ${path}`),
    unreadable: (reason) => `${variable} names a file that cannot be read (${reason}): "${path}".`,
  });
}

/** Parses the text of a security file; `source` names it in messages (`AUTH_POLICY_FILE policy.json`). */
export function parseSecurityFile(text: string, source: string): SecurityDocument {
  return parseJsonDocument(text, securitySource(source));
}
