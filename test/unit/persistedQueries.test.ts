/**
 * The persisted-query store: Apollo registers documents and never reads them back; the HTTP
 * layer resolves hashes; memory is bounded, least recently used first out.
 */
import { createHash } from 'node:crypto';
import { PersistedQueryStore, withPersistedDocument } from '../../src/server/persistedQueries';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const hashOnly = (query: string) => ({
  operationName: 'Q',
  extensions: { persistedQuery: { version: 1, sha256Hash: sha(query) } },
});

test('Apollo registers under its prefixed key and reads nothing back; the HTTP layer resolves the hash', async () => {
  const store = new PersistedQueryStore(1024 * 1024);
  const apollo = store.forApollo();
  const query = 'query Q { regions }';
  await apollo.set(`apq:${sha(query)}`, query);
  expect(await apollo.get(`apq:${sha(query)}`)).toBeUndefined();
  expect(store.lookup(sha(query))).toBe(query);
  expect(withPersistedDocument(hashOnly(query), store)).toEqual({ ...hashOnly(query), query });
  // With a document, or with an unknown hash, the operation goes on as it came.
  const withQuery = { ...hashOnly(query), query: '{ clusters { nodes { name } } }' };
  expect(withPersistedDocument(withQuery, store)).toBe(withQuery);
  const unknown = hashOnly('{ other }');
  expect(withPersistedDocument(unknown, store)).toBe(unknown);
  expect(withPersistedDocument(hashOnly(query), null)).toEqual(hashOnly(query));
  await apollo.delete(`apq:${sha(query)}`);
  expect(store.lookup(sha(query))).toBeUndefined();
});

test('memory is bounded: the least recently used documents go first, and one too large is not kept', async () => {
  const documentBytes = 1000 * 2 + 200;
  const store = new PersistedQueryStore(3 * documentBytes);
  const apollo = store.forApollo();
  const documents = Array.from({ length: 5 }, (_, i) => `{ regions } #${String(i).repeat(1000 - 14)}`);
  for (const document of documents.slice(0, 3)) await apollo.set(`apq:${sha(document)}`, document);
  expect(store.size).toBe(3);
  store.lookup(sha(documents[0] as string)); // recently used again
  await apollo.set(`apq:${sha(documents[3] as string)}`, documents[3] as string);
  expect(store.size).toBe(3);
  expect(store.lookup(sha(documents[1] as string))).toBeUndefined();
  expect(store.lookup(sha(documents[0] as string))).toBe(documents[0]);
  const huge = `{ regions } #${'x'.repeat(10_000)}`;
  await apollo.set(`apq:${sha(huge)}`, huge);
  expect(store.lookup(sha(huge))).toBeUndefined();
  expect(store.size).toBe(3);
});
