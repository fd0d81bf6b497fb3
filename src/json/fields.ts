/**
 * Typed reads of the values in a `JsonDocument`. Each takes the value's path, and when the value
 * breaks its rule throws the document's own error, naming the path (and line) and what it
 * received. The `readOptional` ones read an absent value (undefined or null) as undefined.
 */
import type { JsonDocument } from './document';

export type JsonObject = Record<string, unknown>;

/**
 * An object; with `allowed`, one with only those keys: an unknown key in a file written by hand
 * is most often a typo of a known one.
 */
export function readObject(doc: JsonDocument, path: string, value: unknown, allowed?: readonly string[]): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw doc.problem(path, `must be a JSON object, received ${describe(value)}.`);
  }
  const unknown = allowed === undefined ? undefined : Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw doc.problem(
      path === '' ? unknown : `${path}.${unknown}`,
      `unknown key "${unknown}"; the keys allowed here are ${(allowed ?? []).join(', ')}.`,
    );
  }
  return value as JsonObject;
}

export function readArray(
  doc: JsonDocument,
  path: string,
  value: unknown,
  { nonEmpty = false }: { nonEmpty?: boolean } = {},
): unknown[] {
  if (!Array.isArray(value)) throw doc.problem(path, `must be a JSON array, received ${describe(value)}.`);
  if (nonEmpty && value.length === 0) throw doc.problem(path, 'must not be empty.');
  return value;
}

/** An array that may be left out: absent reads as empty. */
export function readOptionalArray(doc: JsonDocument, path: string, value: unknown): unknown[] {
  return absent(value) ? [] : readArray(doc, path, value);
}

/** A string; non-empty (and not only spaces) unless told otherwise. */
export function readString(
  doc: JsonDocument,
  path: string,
  value: unknown,
  { nonEmpty = true }: { nonEmpty?: boolean } = {},
): string {
  if (typeof value !== 'string')
    throw doc.problem(path, `must be a ${nonEmpty ? 'non-empty ' : ''}string, received ${describe(value)}.`);
  if (nonEmpty && value.trim() === '')
    throw doc.problem(path, `must be a non-empty string, received ${describe(value)}.`);
  return value;
}

export function readOptionalString(
  doc: JsonDocument,
  path: string,
  value: unknown,
  options: { nonEmpty?: boolean } = {},
): string | undefined {
  return absent(value) ? undefined : readString(doc, path, value, options);
}

export function readNumber(doc: JsonDocument, path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw doc.problem(path, `must be a number, received ${describe(value)}.`);
  return value;
}

export function readOptionalNumber(doc: JsonDocument, path: string, value: unknown): number | undefined {
  return absent(value) ? undefined : readNumber(doc, path, value);
}

export function readOptionalBoolean(doc: JsonDocument, path: string, value: unknown): boolean | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'boolean') throw doc.problem(path, `must be true or false, received ${describe(value)}.`);
  return value;
}

export function readOneOf<T extends string>(doc: JsonDocument, path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw doc.problem(path, `must be one of ${allowed.join(', ')}, received ${describe(value)}.`);
  }
  return value as T;
}

export function readOptionalOneOf<T extends string>(
  doc: JsonDocument,
  path: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  return absent(value) ? undefined : readOneOf(doc, path, value, allowed);
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

/** What a value is, for "received ..." (strings cut at 40 characters). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  // What is left of a JSON value: a number or a boolean, or undefined for a missing member.
  const primitive = value as number | boolean | undefined;
  return `${typeof primitive} ${String(primitive)}`;
}

function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
