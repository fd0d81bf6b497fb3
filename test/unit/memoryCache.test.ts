import { MemoryCache } from '../../src/eks/sharedCache';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('entries expire after their TTL, and expired ones are dropped on the next write', async () => {
  const time = clock();
  const cache = new MemoryCache(100, 1024 * 1024, time.now);
  await cache.setMany(
    [
      ['a', '1'],
      ['b', '2'],
    ],
    1000,
  );
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
  const first = await cache.generation('g', 60_000);
  expect(await cache.generation('g', 60_000)).toBe(first);
  const next = await cache.newGeneration('g', 60_000);
  expect(next).not.toBe(first);
  expect(await cache.generation('g', 60_000)).toBe(next);
});

test('generations live their TTL after their last use, are then dropped, and never come back with an old value', async () => {
  const time = clock();
  const cache = new MemoryCache(100, 1024 * 1024, time.now);
  const seen = new Set<string>();
  const first = await cache.generation('a', 1000);
  seen.add(first);
  time.advance(900);
  expect(await cache.generation('a', 1000)).toBe(first); // used: kept another 1000 ms
  time.advance(900);
  expect(await cache.generation('a', 1000)).toBe(first);
  for (let i = 0; i < 15_000; i += 1) seen.add(await cache.newGeneration(`made-up-${i}`, 1000));
  expect(cache.generationCount).toBe(15_001);
  time.advance(1000);
  // Any use sweeps the expired ones: none of the 15,000 names is left.
  const again = await cache.generation('a', 1000);
  expect(cache.generationCount).toBe(1);
  expect(seen.has(again)).toBe(false);
  expect(seen.size).toBe(15_001);
});
