import { decodeCursor, encodeCursor } from '../../src/graphql/cursors';
import { pageSize, readForward, type FetchPage } from '../../src/graphql/pagination';

/** A fake EKS list of `total` items served in pages that start at "token = index". */
function fakeList(total: number) {
  const calls: Array<{ token: string | null; maxResults: number }> = [];
  const fetch: FetchPage<number> = async (token, maxResults) => {
    calls.push({ token, maxResults });
    const start = token === null ? 0 : Number(token);
    const end = Math.min(total, start + maxResults);
    const items = Array.from({ length: end - start }, (_, i) => start + i);
    return { items, nextToken: end < total ? String(end) : null };
  };
  return { fetch, calls };
}

describe('readForward', () => {
  test('asks EKS for exactly the page size, so the end cursor is the next token itself', async () => {
    const { fetch, calls } = fakeList(50);
    const page = await readForward(fetch, { token: null, skip: 0 }, 20);
    expect(page.items.map((i) => i.item)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(page.hasNextPage).toBe(true);
    expect(page.items[19]?.after).toEqual({ token: '20', skip: 0 });
    expect(page.items[4]?.after).toEqual({ token: null, skip: 5 });
    expect(calls).toEqual([{ token: null, maxResults: 20 }]);
  });

  test('resumes mid-page by skipping, and follows nextToken when the EKS page runs out', async () => {
    const { fetch, calls } = fakeList(250);
    const page = await readForward(fetch, { token: null, skip: 95 }, 10);
    expect(page.items.map((i) => i.item)).toEqual([95, 96, 97, 98, 99, 100, 101, 102, 103, 104]);
    expect(calls).toEqual([
      { token: null, maxResults: 100 },
      { token: '100', maxResults: 5 },
    ]);
    expect(page.items[4]?.after).toEqual({ token: '100', skip: 0 });
  });

  test('the last page has no next page', async () => {
    const { fetch } = fakeList(7);
    const page = await readForward(fetch, { token: null, skip: 0 }, 10);
    expect(page.items).toHaveLength(7);
    expect(page.hasNextPage).toBe(false);
    const exact = await readForward(fakeList(10).fetch, { token: null, skip: 0 }, 10);
    expect(exact.hasNextPage).toBe(false);
  });

  test('a backend that answers empty pages with tokens forever cannot loop it', async () => {
    let calls = 0;
    const page = await readForward<number>(
      async () => ({ items: [], nextToken: `t${(calls += 1)}` }),
      { token: null, skip: 0 },
      3,
    );
    expect(page.items).toEqual([]);
    expect(calls).toBeLessThanOrEqual(5);
  });
});

describe('pageSize', () => {
  test('defaults to 25 and accepts 1-100', () => {
    expect(pageSize({})).toBe(25);
    expect(pageSize({ first: 1 })).toBe(1);
    expect(pageSize({ first: 100 })).toBe(100);
  });
  test.each([0, -1, 101, 2 ** 31 - 1])('refuses first: %d', (first) => {
    expect(() => pageSize({ first })).toThrow(`received ${first}`);
  });
  test('refuses last and before', () => {
    expect(() => pageSize({ last: 1 })).toThrow(/forward only/);
    expect(() => pageSize({ before: 'x' })).toThrow(/forward only/);
  });
});

describe('cursors', () => {
  const scope = ['PodIdentityAssociations', 'us-east-1', 'prod', 'payments', null];
  test('round-trip and stay opaque', () => {
    const cursor = encodeCursor({ scope, position: { token: 'abc', skip: 3 }, region: null });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, scope)).toEqual({ region: null, token: 'abc', skip: 3 });
  });
  test('are bound to their scope', () => {
    const cursor = encodeCursor({ scope, position: { token: null, skip: 1 }, region: null });
    expect(() => decodeCursor(cursor, [...scope.slice(0, 3), 'search', null])).toThrow(/another list or other filters/);
  });
  test.each([
    '',
    '!!!',
    'abc',
    Buffer.from('cursor:v1:[[],null,null,-1]').toString('base64url'),
    Buffer.from('cursor:v1:[[],null,null,101]').toString('base64url'),
  ])('refuse %p', (bad) => {
    expect(() => decodeCursor(bad, [])).toThrow(/not a cursor of this gateway/);
  });
});
