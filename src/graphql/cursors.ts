/**
 * Relay cursors over EKS `nextToken` pagination. A cursor names a position as "the page EKS
 * starts at `token`, after skipping `skip` items", so it can resume exactly after its edge even
 * in the middle of an EKS page. It also records the list and filters it was made for: a cursor
 * used with another cluster, region or filter is refused instead of silently paging wrong.
 */
import { badUserInput } from './errors';

export interface Position {
  /** The EKS token of the page to fetch; null for the first page. */
  token: string | null;
  /** How many items of that page come at or before the cursor's edge. */
  skip: number;
}

/** What a cursor is bound to: the kind of list and its scope (region, cluster, filters). */
export type CursorScope = ReadonlyArray<string | null>;

const PREFIX = 'cursor:v1:';
const MAX_CURSOR_LENGTH = 4096;
const MAX_SKIP = 100;

/**
 * Where a cursor resumes, not yet encoded: a page of 100 edges keeps 100 of these and encodes
 * only the cursors a client selects (usually just `endCursor`).
 */
export interface CursorPlace {
  scope: CursorScope;
  position: Position;
  /** The region a cursor over several regions (the clusters list) resumes in. */
  region: string | null;
}

export function encodeCursor({ scope, position, region }: CursorPlace): string {
  const payload = JSON.stringify([scope, region, position.token, position.skip]);
  return Buffer.from(PREFIX + payload, 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for the same scope; anything else is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, scope: CursorScope): Position & { region: string | null } {
  const invalid = (why: string) => badUserInput(`The \`after\` cursor ${why}.`, 'after');
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid('is not a cursor of this gateway');
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) throw invalid('is not a cursor of this gateway');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(PREFIX.length));
  } catch {
    throw invalid('is not a cursor of this gateway');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid('is not a cursor of this gateway');
  const [madeFor, region, token, skip] = parsed as unknown[];
  if (
    !isScope(madeFor) ||
    !(region === null || typeof region === 'string') ||
    !(token === null || (typeof token === 'string' && token.length > 0)) ||
    typeof skip !== 'number' ||
    !Number.isInteger(skip) ||
    skip < 0 ||
    skip > MAX_SKIP
  ) {
    throw invalid('is not a cursor of this gateway');
  }
  if (!sameScope(madeFor, scope)) {
    throw invalid('was made for another list or other filters; page with the cursors of this same field and arguments');
  }
  return { region, token, skip };
}

function isScope(value: unknown): value is CursorScope {
  return Array.isArray(value) && value.every((v) => v === null || typeof v === 'string');
}

function sameScope(a: CursorScope, b: CursorScope): boolean {
  return a.length === b.length && a.every((v, i) => v === (b[i] ?? null));
}
