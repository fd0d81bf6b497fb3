/**
 * List pages that hold only what the caller may read, with paging that stays exact.
 *
 * The gateway's cursors are positions in the pages of the service below them: "the page at
 * `token`, after skipping `skip` items" (src/graphql/pagination.ts). That holds only if the page
 * at a token is always the same prefix of the same sequence, and is full (`maxResults` items)
 * unless the sequence ends. Dropping the denied items from EKS pages of varying sizes breaks
 * both. So a filtered list reads EKS in pages of a fixed size (always the same items for the
 * same EKS token), keeps the permitted items in order, stops after `maxResults` of them, and
 * returns a token of its own that resumes exactly there: the EKS token of the page it stopped
 * in, plus how many of that page's items it consumed.
 */
import { EksError } from '../eks/errors';
import type { EksPage } from '../eks/types';

/** EKS's largest page: one call covers as many items as possible. */
export const RAW_PAGE_SIZE = 100;
/**
 * EKS pages read at most per call, so a caller who may see little of a large list gets a
 * shorter page (with a token to continue) instead of a request that scans without end.
 */
export const MAX_RAW_PAGES_PER_CALL = 10;

const TOKEN_PREFIX = 'permitted:v1:';

/** A position in the unfiltered EKS list: the page at `token`, after its first `offset` items. */
interface RawPosition {
  token: string | null;
  offset: number;
}

/**
 * Reads up to `maxResults` permitted items starting at `nextToken` (null: the beginning, or a
 * token this function returned). `fetchRaw` reads one EKS page of `RAW_PAGE_SIZE` items.
 */
export async function readPermittedPage<T>(
  fetchRaw: (token: string | null) => Promise<EksPage<T>>,
  permitted: (item: T) => boolean,
  nextToken: string | null,
  maxResults: number,
  operation: string,
): Promise<EksPage<T>> {
  let position = nextToken === null ? { token: null, offset: 0 } : decodeToken(nextToken, operation);
  const items: T[] = [];
  for (let pages = 0; pages < MAX_RAW_PAGES_PER_CALL; pages += 1) {
    const page = await fetchRaw(position.token);
    for (let i = Math.min(position.offset, page.items.length); i < page.items.length; i += 1) {
      const item = page.items[i] as T;
      if (!permitted(item)) continue;
      items.push(item);
      if (items.length === maxResults) return { items, nextToken: resumeAfter(page, position.token, i + 1, permitted) };
    }
    if (page.nextToken === null) return { items, nextToken: null };
    position = { token: page.nextToken, offset: 0 };
  }
  return { items, nextToken: encodeToken(position) };
}

/**
 * The token that resumes after the first `consumed` items of `page`; null when nothing
 * permitted can follow, so that the last page says so instead of leaving an empty page after it.
 */
function resumeAfter<T>(
  page: EksPage<T>,
  token: string | null,
  consumed: number,
  permitted: (item: T) => boolean,
): string | null {
  if (page.nextToken === null && !page.items.slice(consumed).some(permitted)) return null;
  if (consumed < page.items.length) return encodeToken({ token, offset: consumed });
  return page.nextToken === null ? null : encodeToken({ token: page.nextToken, offset: 0 });
}

function encodeToken(position: RawPosition): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify([position.token, position.offset]), 'utf8').toString('base64url');
}

/** A token this module did not make is refused the way EKS refuses a bad `nextToken`. */
function decodeToken(token: string, operation: string): RawPosition {
  const refuse = () =>
    new EksError(
      'InvalidParameter',
      'The nextToken is not valid for this list.',
      'InvalidParameterException',
      operation,
      null,
      400,
      false,
    );
  if (!token.startsWith(TOKEN_PREFIX)) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw refuse();
  const [raw, offset] = parsed as unknown[];
  const validToken = raw === null || (typeof raw === 'string' && raw.length > 0);
  if (!validToken || typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > RAW_PAGE_SIZE)
    throw refuse();
  return { token: raw, offset };
}
