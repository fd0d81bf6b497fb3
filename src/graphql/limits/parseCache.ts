/**
 * Parsing within the document limits, with the parse of recent documents kept: clients send the
 * same few documents again and again, so the hot path costs the limits walk, not a parse.
 */
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { maxNesting } from './rawText';

const parsedDocuments = new Map<string, DocumentNode>();
const MAX_PARSED_DOCUMENTS = 500;
/** Real operations are short; huge one-off documents would only fill memory. */
const MAX_CACHED_DOCUMENT_LENGTH = 10_000;
/** Brackets beyond field depth that input values (objects, lists) may legitimately add. */
export const NESTING_ALLOWANCE = 8;

export type ParseOutcome =
  | { kind: 'parsed'; document: DocumentNode }
  /** The raw text nests deeper than the limit allows: `nesting` levels. */
  | { kind: 'too-deep'; nesting: number }
  | { kind: 'too-many-tokens' }
  /** A syntax error, which Apollo reports with its usual error. */
  | { kind: 'unparsable' };

export function parseWithinLimits(query: string, maxDepth: number, maxTokens: number): ParseOutcome {
  const key = `${maxDepth}:${maxTokens}:${query}`;
  const cached = parsedDocuments.get(key);
  if (cached) return { kind: 'parsed', document: cached };
  const nesting = maxNesting(query);
  if (nesting > maxDepth + NESTING_ALLOWANCE) return { kind: 'too-deep', nesting };
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens, noLocation: true });
  } catch (error) {
    if (error instanceof GraphQLError && /\d+ tokens\. Parsing aborted/.test(error.message))
      return { kind: 'too-many-tokens' };
    return { kind: 'unparsable' };
  }
  if (query.length <= MAX_CACHED_DOCUMENT_LENGTH) {
    if (parsedDocuments.size >= MAX_PARSED_DOCUMENTS)
      parsedDocuments.delete(parsedDocuments.keys().next().value as string);
    parsedDocuments.set(key, document);
  }
  return { kind: 'parsed', document };
}
