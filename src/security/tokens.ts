/**
 * Static bearer tokens (`AUTH_MODE=tokens`): a JSON file maps each token to a subject and groups.
 * A token may be written as its SHA-256 (`sha256:<64 hex digits>`), so the file need not hold
 * secrets; plain tokens are hashed as the file is read. A presented token is hashed too and
 * compared with every entry's hash by `timingSafeEqual`, so neither the time taken nor an early
 * exit tells how much of a token was right, or which entry it came near.
 *
 * ```json
 * { "tokens": [{ "token": "sha256:5e88…", "subject": "ci-payments", "groups": ["team-payments"] }] }
 * ```
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readArray, readObject, readString, readStringList } from '../json/fields';
import type { Caller } from './caller';
import { readSecurityFile, type SecurityDocument } from './files';

/** Plain tokens shorter than this are refused: a bearer token must not be guessable. */
export const MIN_PLAIN_TOKEN_LENGTH = 16;

const HASHED = /^sha256:([0-9a-fA-F]{64})$/;

interface TokenEntry {
  readonly digest: Buffer;
  readonly caller: Caller;
}

export class TokenTable {
  constructor(private readonly entries: readonly TokenEntry[]) {}

  get size(): number {
    return this.entries.length;
  }

  /** The caller whose token this is, or null. Takes the same time whichever entry matches. */
  lookup(token: string): Caller | null {
    const digest = sha256(token);
    let found: Caller | null = null;
    for (const entry of this.entries) {
      // No early exit: every entry is compared, whatever matched before.
      if (timingSafeEqual(entry.digest, digest)) found = entry.caller;
    }
    return found;
  }
}

export function readTokenFile(variable: string, path: string): TokenTable {
  return parseTokenFile(readSecurityFile(variable, path));
}

export function parseTokenFile(doc: SecurityDocument): TokenTable {
  const root = readObject(doc, '', doc.value, ['description', 'tokens']);
  const list = readArray(doc, 'tokens', root.tokens, { nonEmpty: true });
  const seen = new Map<string, string>();
  const entries = list.map((value, i): TokenEntry => {
    const path = `tokens[${i}]`;
    const entry = readObject(doc, path, value, ['token', 'subject', 'groups', 'description']);
    if (entry.description !== undefined) readString(doc, `${path}.description`, entry.description);
    const digest = readDigest(doc, `${path}.token`, entry.token);
    const subject = readString(doc, `${path}.subject`, entry.subject);
    const groups =
      entry.groups === undefined
        ? []
        : readStringList(doc, `${path}.groups`, entry.groups, undefined, { nonEmpty: false });
    const key = digest.toString('hex');
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw doc.problem(path, `holds the same token as ${earlier}; each token must name one caller.`);
    seen.set(key, doc.where(path));
    return { digest, caller: Object.freeze({ subject, groups: Object.freeze(groups), authenticatedBy: 'tokens' }) };
  });
  return new TokenTable(entries);
}

/** Messages here never repeat the token: start-up errors end up in logs. */
function readDigest(doc: SecurityDocument, path: string, value: unknown): Buffer {
  if (typeof value !== 'string' || value === '')
    throw doc.problem(path, 'must be a non-empty string: a token, or "sha256:" and its 64-digit hex SHA-256.');
  const hex = HASHED.exec(value)?.[1];
  if (hex !== undefined) return Buffer.from(hex, 'hex');
  if (value.startsWith('sha256:'))
    throw doc.problem(path, 'starts with "sha256:" but is not followed by exactly 64 hex digits.');
  if (value.length < MIN_PLAIN_TOKEN_LENGTH || /\s/.test(value)) {
    throw doc.problem(
      path,
      `a plain token must be at least ${MIN_PLAIN_TOKEN_LENGTH} characters without spaces, received one of ${value.length} characters.`,
    );
  }
  return sha256(value);
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
