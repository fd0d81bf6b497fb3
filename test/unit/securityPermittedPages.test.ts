/**
 * Filtered pages under the gateway's Relay paging (`readForward`, whose cursors are positions in
 * the pages of the layer below): whatever the page size, the filter and where a client resumes,
 * it yields each permitted item once, in order. A fake EKS list stands in for the service.
 */
import { EksError } from '../../src/eks/errors';
import type { EksPage } from '../../src/eks/types';
import type { Position } from '../../src/graphql/cursors';
import { readForward, type FetchPage } from '../../src/graphql/pagination';
import { MAX_RAW_PAGES_PER_CALL, RAW_PAGE_SIZE, readPermittedPage } from '../../src/security/permittedPages';

/** An EKS-like list: pages of at most `maxResults`, opaque tokens, and a count of calls. */
function fakeEks(items: number[]) {
  const calls: number[] = [];
  const list = async (token: string | null, maxResults: number): Promise<EksPage<number>> => {
    calls.push(maxResults);
    const start = token === null ? 0 : Number(token.replace('eks-', ''));
    const end = start + maxResults;
    return { items: items.slice(start, end), nextToken: end < items.length ? `eks-${end}` : null };
  };
  return { list, calls };
}

function filtered(items: number[], permitted: (n: number) => boolean) {
  const eks = fakeEks(items);
  const fetch: FetchPage<number> = (token, maxResults) =>
    readPermittedPage((raw) => eks.list(raw, RAW_PAGE_SIZE), permitted, token, maxResults, 'ListThings');
  return { fetch, eks };
}

/** Pages by endCursor to the end, as a Relay client does. */
async function pageAll(fetch: FetchPage<number>, first: number): Promise<number[]> {
  const seen: number[] = [];
  let start: Position = { token: null, skip: 0 };
  for (let pages = 0; pages < 10_000; pages += 1) {
    const page = await readForward(fetch, start, first);
    seen.push(...page.items.map((i) => i.item));
    const last = page.items[page.items.length - 1];
    if (!page.hasNextPage) return seen;
    if (!last) throw new Error('A page said there is more but gave no cursor to continue from');
    start = last.after;
  }
  throw new Error('Paging did not end');
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const FILTERS: Array<[string, (n: number) => boolean]> = [
  ['every third', (n) => n % 3 === 1],
  ['all', () => true],
  ['none', () => false],
  ['a dense run', (n) => n >= 140 && n < 190],
  ['two far apart', (n) => n === 3 || n === 1_430],
  ['the last only', (n) => n === 1_499],
];

describe.each(FILTERS)('%s of 1,500 items', (_, permitted) => {
  const items = range(1_500);
  const expected = items.filter(permitted);

  test.each([1, 2, 5, 25, 100])('paging by endCursor with first: %i', async (first) => {
    expect(await pageAll(filtered(items, permitted).fetch, first)).toEqual(expected);
  });

  test('resuming after any edge of a page gives exactly what follows it', async () => {
    const { fetch } = filtered(items, permitted);
    const page = await readForward(fetch, { token: null, skip: 0 }, 40);
    for (const [i, edge] of page.items.entries()) {
      const next = await readForward(fetch, edge.after, 3);
      expect(next.items.map((x) => x.item)).toEqual(expected.slice(i + 1, i + 4));
    }
  });
});

test('each call reads EKS in full pages and stops after ten of them', async () => {
  const { fetch, eks } = filtered(range(2_000), (n) => n === 1_400);
  const page = await fetch(null, 10);
  expect(page.items).toEqual([]);
  expect(page.nextToken).not.toBeNull();
  expect(eks.calls).toEqual(Array(MAX_RAW_PAGES_PER_CALL).fill(RAW_PAGE_SIZE));
  expect(await fetch(page.nextToken, 10)).toEqual({ items: [1_400], nextToken: null });
});

test('a full page that ends where nothing permitted follows says it is the last', async () => {
  const { fetch } = filtered(range(50), (n) => n < 10);
  expect(await fetch(null, 10)).toEqual({ items: range(10), nextToken: null });
});

test.each(['eks-100', 'permitted:v1:bm90IGpzb24', 'permitted:v1:' + Buffer.from('["x",500]').toString('base64url')])(
  'a token it did not make (%s) is refused as EKS refuses a bad nextToken',
  async (token) => {
    const { fetch } = filtered(range(10), () => true);
    await expect(fetch(token, 5)).rejects.toMatchObject({ constructor: EksError, kind: 'InvalidParameter' });
  },
);
