/**
 * Keeps audit records small whatever a caller sends: a mutation's input is summarised (tags as
 * a count and a hash, long strings cut with a marker, the session policy as its hash), and a
 * record still over the size limit is cut to a summary that is valid JSON, never dropped.
 */
import { createHash } from 'node:crypto';

/** Strings of the input longer than this (in UTF-16 units) are cut. */
export const MAX_AUDIT_STRING = 256;

/** What each string of a cut record may take, as JSON, in bytes. */
const CUT_FIELD_BYTES = 128;

export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The first `max` characters and a marker with the full length and hash, when longer. */
export function cutString(value: string, max = MAX_AUDIT_STRING): string {
  if (value.length <= max) return value;
  return `${value.slice(0, keepWholePairs(value, max))}…[cut: ${value.length} characters, ${sha256(value)}]`;
}

/**
 * The input as the audit log keeps it. The GraphQL schema fixes its fields; every value is
 * bounded here all the same, so nothing a caller sends is copied whole.
 */
export function summariseInput(input: object): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (field === 'policy' && typeof value === 'string') summary[field] = sha256(value);
    else if (field === 'tags' && Array.isArray(value))
      summary[field] = { count: value.length, hash: sha256(canonicalTags(value)) };
    else summary[field] = boundedValue(value);
  }
  return summary;
}

/**
 * The record as one JSON text of at most `maxBytes` bytes (UTF-8). One over the limit keeps
 * its scalar fields, each cut to a few dozen characters, and its other fields as their size and
 * hash, with `cut` giving the size it had. `maxBytes` must leave room for that (2 KiB does).
 */
export function boundedJson(record: Record<string, unknown>, maxBytes: number): string {
  const whole = JSON.stringify(record);
  const bytes = Buffer.byteLength(whole);
  if (bytes <= maxBytes) return whole;
  const cut: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (typeof value === 'string') cut[field] = cutToJsonBytes(value, CUT_FIELD_BYTES);
    else if (value === null || typeof value === 'number' || typeof value === 'boolean') cut[field] = value;
    else if (value !== undefined) cut[field] = digestOf(value);
  }
  cut.cut = { bytes, maxBytes, hash: sha256(whole) };
  const text = JSON.stringify(cut);
  if (Buffer.byteLength(text) <= maxBytes) return text;
  // Only a record with very many fields gets here: keep what links it, all of bounded size.
  const { time, kind, attemptId, requestId } = cut;
  return JSON.stringify({ time, kind, attemptId, requestId, cut: cut.cut });
}

/** Tags in an order-free form, so the same set always has the same hash. */
function canonicalTags(tags: readonly unknown[]): string {
  const pairs = tags.map((tag) => {
    const { key, value } = (typeof tag === 'object' && tag !== null ? tag : {}) as Record<string, unknown>;
    return [String(key), String(value)] as const;
  });
  pairs.sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0));
  return JSON.stringify(pairs);
}

function boundedValue(value: unknown): unknown {
  if (typeof value === 'string') return cutString(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  return digestOf(value);
}

/** A list or object the audit has no rule for: its size and hash only. */
function digestOf(value: unknown): { count?: number; bytes: number; hash: string } {
  const text = JSON.stringify(value) ?? 'null';
  return {
    ...(Array.isArray(value) ? { count: value.length } : {}),
    bytes: Buffer.byteLength(text),
    hash: sha256(text),
  };
}

/** `value` cut so that it takes at most `maxBytes` bytes as a JSON string, marker included. */
function cutToJsonBytes(value: string, maxBytes: number): string {
  if (Buffer.byteLength(JSON.stringify(value)) - 2 <= maxBytes) return value;
  const marker = `…[cut: ${value.length} characters]`;
  let budget = maxBytes - Buffer.byteLength(marker);
  let end = 0;
  for (const char of value) {
    budget -= Buffer.byteLength(JSON.stringify(char)) - 2;
    if (budget < 0) break;
    end += char.length;
  }
  return `${value.slice(0, end)}${marker}`;
}

/** `max`, or one less so that a surrogate pair is not split. */
function keepWholePairs(value: string, max: number): number {
  const last = value.charCodeAt(max - 1);
  return last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
}
