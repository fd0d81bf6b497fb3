/**
 * Trusted documents (`TRUSTED_DOCUMENTS_FILE`): a gateway that serves only its own frontends
 * runs only the documents their builds wrote, and refuses every other one before parsing it.
 *
 * The manifest is what GraphQL Code Generator's client preset writes with `persistedDocuments`
 * (`persisted-documents.json`): an object of document hashes (sha256 or sha1, hexadecimal) to
 * document texts. A request names a document by `documentId` (the hash, bare or as
 * `sha256:<hash>`, in the body or the query string of a GET), by Apollo's
 * `extensions.persistedQuery.sha256Hash`, or sends the text itself, which must be one of the
 * manifest's exactly. Callers whom the policy gives `explore` may send any document (GraphiQL,
 * introspection, ad-hoc queries); without authentication nobody may.
 */
import { createHash } from 'node:crypto';
import { readJsonFile } from '../json/document';
import { readObject } from '../json/fields';
import { HttpError } from './body';

export class TrustedDocumentsError extends Error {
  override readonly name = 'TrustedDocumentsError';
}

export interface TrustedDocuments {
  readonly size: number;
  /** The document a `documentId` (or sha256 hash) names; undefined when the manifest has none. */
  byId(id: string): string | undefined;
  /** Whether the text is one of the manifest's documents, exactly. */
  has(document: string): boolean;
}

const HASH = /^(?:(sha256|sha1):)?([0-9a-f]{64}|[0-9a-f]{40})$/i;
/** More than any set of frontends writes; a bigger file is more likely a mistake than a manifest. */
const MAX_DOCUMENTS = 100_000;

export function readTrustedDocuments(path: string): TrustedDocuments {
  const doc = readJsonFile(path, {
    source: `TRUSTED_DOCUMENTS_FILE ${path}`,
    error: (message) => new TrustedDocumentsError(message),
    unreadable: (reason) => `TRUSTED_DOCUMENTS_FILE names a file that cannot be read (${reason}): "${path}".`,
  });
  const entries = Object.entries(readObject(doc, '', doc.value));
  if (entries.length === 0) throw doc.problem('', 'holds no documents: the gateway would refuse every request.');
  if (entries.length > MAX_DOCUMENTS) throw doc.problem('', `holds more than ${MAX_DOCUMENTS} documents.`);
  const byId = new Map<string, string>();
  const texts = new Set<string>();
  for (const [key, text] of entries) {
    const match = HASH.exec(key);
    if (!match) throw doc.problem(key, 'is not a document hash (64 or 40 hexadecimal digits: sha256 or sha1).');
    if (typeof text !== 'string' || text.trim() === '') throw doc.problem(key, 'must be the text of a document.');
    const hash = (match[2] as string).toLowerCase();
    const algorithm = hash.length === 64 ? 'sha256' : 'sha1';
    if (match[1] !== undefined && match[1].toLowerCase() !== algorithm)
      throw doc.problem(key, `says ${match[1]}, but holds a ${algorithm} hash.`);
    // A manifest edited by hand, or of another build, would name documents by wrong ids.
    if (createHash(algorithm).update(text).digest('hex') !== hash)
      throw doc.problem(key, `is not the ${algorithm} hash of its document; write the manifest again from the build.`);
    byId.set(hash, text);
    texts.add(text);
  }
  return {
    size: byId.size,
    byId: (id) => {
      const match = HASH.exec(id);
      return match ? byId.get((match[2] as string).toLowerCase()) : undefined;
    },
    has: (document) => texts.has(document),
  };
}

/**
 * The operation as it will run: one naming a manifest document gets its text as `query` (and
 * loses the ids Apollo would otherwise check against it); one sending its own text keeps it if
 * the manifest holds it. Anything else is refused here, before anything parses it, unless
 * `explorer` (the caller may send any document): then it is returned as it came.
 */
export function withTrustedDocument(operation: unknown, manifest: TrustedDocuments, explorer: boolean): unknown {
  if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) return operation;
  const fields = operation as Record<string, unknown>;
  const id = documentIdOf(fields);
  if (typeof fields.query === 'string') {
    if (explorer) return operation;
    if (manifest.has(fields.query)) return withoutIds(fields, fields.query);
    throw new HttpError(
      400,
      'UNTRUSTED_DOCUMENT',
      'This gateway runs only the documents of its trusted-documents manifest (TRUSTED_DOCUMENTS_FILE), and this is none of them: send the documentId your build wrote for it.',
    );
  }
  if (id === null) return operation;
  const document = manifest.byId(id);
  if (document === undefined) {
    // An explorer's hash may be one Apollo's persisted queries know.
    if (explorer) return operation;
    throw new HttpError(
      400,
      'TRUSTED_DOCUMENT_NOT_FOUND',
      `No document of the trusted-documents manifest has the id "${id.slice(0, 80)}"; the app and the gateway's TRUSTED_DOCUMENTS_FILE must come from the same build.`,
    );
  }
  return withoutIds(fields, document);
}

/** `documentId` (GraphQL over HTTP's persisted documents), else Apollo's persisted query hash. */
function documentIdOf(fields: Record<string, unknown>): string | null {
  if (typeof fields.documentId === 'string') return fields.documentId;
  const extensions = fields.extensions;
  if (typeof extensions !== 'object' || extensions === null) return null;
  const persisted = (extensions as Record<string, unknown>).persistedQuery;
  if (typeof persisted !== 'object' || persisted === null) return null;
  const hash = (persisted as Record<string, unknown>).sha256Hash;
  return typeof hash === 'string' ? hash : null;
}

function withoutIds(fields: Record<string, unknown>, query: string): Record<string, unknown> {
  const { documentId: _documentId, extensions, ...rest } = fields;
  const kept =
    typeof extensions === 'object' && extensions !== null
      ? Object.fromEntries(Object.entries(extensions).filter(([key]) => key !== 'persistedQuery'))
      : undefined;
  return { ...rest, query, ...(kept && Object.keys(kept).length > 0 ? { extensions: kept } : {}) };
}
