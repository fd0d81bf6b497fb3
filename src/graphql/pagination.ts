/**
 * Forward-only Relay pages over EKS `nextToken` pages. Asking EKS for exactly `skip + first`
 * items means that paging by `endCursor` costs one List call per page: the page ends where the
 * EKS page ends, and its end cursor is the EKS `nextToken` itself.
 */
import type { EksPage } from '../eks/types';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './costModel';
import type { Position } from './cursors';
import { badUserInput } from './errors';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Validates the Relay arguments; EKS pages forward only, so `last`/`before` are refused. */
export function pageSize(args: PageArgs): number {
  if (args.last !== undefined && args.last !== null) {
    throw badUserInput('`last` is not supported: EKS pages forward only. Use `first` and `after`.', 'last');
  }
  if (args.before !== undefined && args.before !== null) {
    throw badUserInput('`before` is not supported: EKS pages forward only. Use `first` and `after`.', 'before');
  }
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, received ${first}.`, 'first');
  }
  return first;
}

export interface PagedItem<T> {
  item: T;
  /** Where a page that starts right after this item begins. */
  after: Position;
}

export interface ForwardPage<T> {
  items: Array<PagedItem<T>>;
  hasNextPage: boolean;
}

export type FetchPage<T> = (token: string | null, maxResults: number) => Promise<EksPage<T>>;

/** Reads up to `first` items starting at `start`, following `nextToken` as needed. */
export async function readForward<T>(fetch: FetchPage<T>, start: Position, first: number): Promise<ForwardPage<T>> {
  const items: Array<PagedItem<T>> = [];
  let { token, skip } = start;
  // A backend that kept answering empty pages with a token must not loop us forever.
  for (let calls = 0; calls <= first + 1; calls += 1) {
    const want = first - items.length;
    const page = await fetch(token, Math.min(MAX_PAGE_SIZE, skip + want));
    const taken = page.items.slice(skip, skip + want);
    taken.forEach((item, i) => {
      const index = skip + i + 1;
      const endsPage = index === page.items.length && page.nextToken !== null;
      items.push({ item, after: endsPage ? { token: page.nextToken, skip: 0 } : { token, skip: index } });
    });
    if (items.length >= first) {
      return { items, hasNextPage: page.items.length > skip + taken.length || page.nextToken !== null };
    }
    if (page.nextToken === null) return { items, hasNextPage: false };
    token = page.nextToken;
    skip = 0;
  }
  return { items, hasNextPage: true };
}
