/**
 * Typed reads of values in a `JsonDocument`. Each names the value's path and line when the value
 * breaks its rule, and says what it received.
 */
import type { JsonDocument } from './jsonFile';

export type JsonObject = Record<string, unknown>;

/** An object with only the `allowed` keys: an unknown key is most often a typo of a known one. */
export function readObject(doc: JsonDocument, path: string, value: unknown, allowed: readonly string[]): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw doc.problem(path, `must be a JSON object, received ${describe(value)}.`);
  }
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw doc.problem(path === '' ? unknown : `${path}.${unknown}`, `unknown key "${unknown}"; the keys allowed here are ${allowed.join(', ')}.`);
  }
  return value as JsonObject;
}

export function readArray(doc: JsonDocument, path: string, value: unknown, { nonEmpty }: { nonEmpty: boolean }): unknown[] {
  if (!Array.isArray(value)) throw doc.problem(path, `must be a JSON array, received ${describe(value)}.`);
  if (nonEmpty && value.length === 0) throw doc.problem(path, 'must not be empty.');
  return value;
}

export function readString(doc: JsonDocument, path: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw doc.problem(path, `must be a non-empty string, received ${describe(value)}.`);
  return value;
}

/** An array (non-empty unless told) of non-empty strings, each checked by `check` (a problem or null). */
export function readStringList(
  doc: JsonDocument,
  path: string,
  value: unknown,
  check: (item: string) => string | null = () => null,
  { nonEmpty }: { nonEmpty: boolean } = { nonEmpty: true },
): string[] {
  return readArray(doc, path, value, { nonEmpty }).map((item, i) => {
    const text = readString(doc, `${path}[${i}]`, item);
    const problem = check(text);
    if (problem) throw doc.problem(`${path}[${i}]`, `${problem}, received "${text}".`);
    return text;
  });
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return `${typeof value} ${String(value)}`;
}
