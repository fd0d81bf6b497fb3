/**
 * Automatic persisted queries (APQ), kept so that a hash-only request passes the same limits as
 * the document it stands for. Apollo registers a document here once it has validated it (a
 * client sends the document with its sha256 hash), but never reads from here: the HTTP layer
 * resolves each hash to its document before the limits check and hands Apollo the document
 * itself, so Apollo only ever runs a document the check has seen, with the operationName the
 * request actually sends. A hash the store does not know reaches Apollo as it came, and Apollo
 * answers PERSISTED_QUERY_NOT_FOUND (the client then sends the document).
 *
 * Bounded by memory: least recently used documents go first.
 */
import type { PersistedQueryOptions } from '@apollo/server';

type ApolloCache = NonNullable<PersistedQueryOptions['cache']>;

/** A hash as Apollo's clients send it: sha256, hexadecimal. */
const HASH = /^[0-9a-f]{64}$/i;
/** A JavaScript string takes two bytes a character; the key and the entry add some more. */
const ENTRY_OVERHEAD_BYTES = 200;

export class PersistedQueryStore {
  private readonly documents = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The document registered under `hash`, if any (and marks it recently used). */
  lookup(hash: string): string | undefined {
    const document = this.documents.get(hash.toLowerCase());
    if (document !== undefined) {
      this.documents.delete(hash.toLowerCase());
      this.documents.set(hash.toLowerCase(), document);
    }
    return document;
  }

  get size(): number {
    return this.documents.size;
  }

  /** The `persistedQueries.cache` for Apollo: it registers documents, and reads nothing back. */
  forApollo(): ApolloCache {
    return {
      get: async () => undefined,
      set: async (key, value) => this.register(hashOfKey(key), value),
      delete: async (key) => this.forget(hashOfKey(key)),
    };
  }

  private register(hash: string, document: string): void {
    if (!HASH.test(hash)) return;
    const size = sizeOf(document);
    if (size > this.maxBytes) return;
    this.forget(hash);
    this.documents.set(hash, document);
    this.bytes += size;
    for (const [oldest, evicted] of this.documents) {
      if (this.bytes <= this.maxBytes) break;
      this.documents.delete(oldest);
      this.bytes -= sizeOf(evicted);
    }
  }

  private forget(hash: string): boolean {
    const known = this.documents.get(hash);
    if (known === undefined) return false;
    this.documents.delete(hash);
    this.bytes -= sizeOf(known);
    return true;
  }
}

/** Apollo prefixes its keys (`apq:`); the hash is what follows the last colon. */
function hashOfKey(key: string): string {
  return key.slice(key.lastIndexOf(':') + 1).toLowerCase();
}

function sizeOf(document: string): number {
  return document.length * 2 + ENTRY_OVERHEAD_BYTES;
}

/**
 * The operation as it will run: a hash-only operation (`extensions.persistedQuery.sha256Hash`
 * and no `query`) gets its registered document as `query`; anything else is returned as it is.
 */
export function withPersistedDocument(operation: unknown, store: PersistedQueryStore | null): unknown {
  if (!store || typeof operation !== 'object' || operation === null || Array.isArray(operation)) return operation;
  const fields = operation as Record<string, unknown>;
  if (fields.query !== undefined && fields.query !== null) return operation;
  const hash = persistedHash(fields.extensions);
  const document = hash === null ? undefined : store.lookup(hash);
  return document === undefined ? operation : { ...fields, query: document };
}

function persistedHash(extensions: unknown): string | null {
  if (typeof extensions !== 'object' || extensions === null) return null;
  const persisted = (extensions as Record<string, unknown>).persistedQuery;
  if (typeof persisted !== 'object' || persisted === null) return null;
  const hash = (persisted as Record<string, unknown>).sha256Hash;
  return typeof hash === 'string' && HASH.test(hash) ? hash : null;
}
