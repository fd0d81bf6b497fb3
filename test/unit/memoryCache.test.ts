import { MemoryCache } from '../../src/eks/sharedCache';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('entries expire after their TTL, and expired ones are dropped on the next write', async () => {
  const time = clock();
  const cache = new MemoryCache(100, 1024 * 1024, time.now);
  await cache.setMany([['a', '1'], ['b', '2']], 1000);
  expect(await cache.getMany(['a', 'b', 'c'])).toEqual(['1', '2', undefined]);
  time.advance(1000);
  expect(await cache.getMany(['a'])).toEqual([undefined]);
  expect(cache.size).toBe(2);
  await cache.setMany([['c', '3']], 1000);
  expect(cache.size).toBe(1);
  expect(cache.sizeInBytes).toBe(4);
});

test('the entry count and the memory are bounded, oldest first', async () => {
  const cache = new MemoryCache(3, 1024 * 1024);
  for (const key of ['a', 'b', 'c', 'd']) await cache.setMany([[key, key]], 60_000);
  expect(await cache.getMany(['a', 'b', 'c', 'd'])).toEqual([undefined, 'b', 'c', 'd']);

  const small = new MemoryCache(1000, 100);
  await small.setMany([['k1', 'x'.repeat(20)]], 60_000);
  await small.setMany([['k2', 'x'.repeat(20)]], 60_000);
  await small.setMany([['k3', 'x'.repeat(20)]], 60_000);
  expect(small.sizeInBytes).toBeLessThanOrEqual(100);
  expect(await small.getMany(['k1', 'k2', 'k3'])).toEqual([undefined, 'x'.repeat(20), 'x'.repeat(20)]);
});

test('rewriting a key replaces it and keeps the size right', async () => {
  const cache = new MemoryCache(10, 1000);
  await cache.setMany([['k', 'aaaa']], 60_000);
  await cache.setMany([['k', 'bb']], 60_000);
  expect(await cache.getMany(['k'])).toEqual(['bb']);
  expect(cache.sizeInBytes).toBe(2 * (1 + 2));
  expect(await cache.increment('g')).toBe(1);
  expect(await cache.counter('g')).toBe(1);
});
