/**
 * The one JSON reader (src/json): each document throws the error class its reader gives, names
 * the source, the line (when there is text) and the path of the value, and a value given in
 * memory, which has no text, is named by its path alone.
 */
import { jsonValueDocument, parseJsonDocument, readJsonFile, type JsonSource } from '../../src/json/document';
import {
  readArray,
  readObject,
  readOneOf,
  readOptionalArray,
  readOptionalBoolean,
  readOptionalNumber,
  readOptionalOneOf,
  readOptionalString,
  readString,
  readStringList,
} from '../../src/json/fields';

class AccountsError extends Error {
  override readonly name = 'AccountsError';
}
const options = (source: string): JsonSource<AccountsError> => ({
  source,
  error: (message) => new AccountsError(message),
});
const TEXT = '{\n  "accounts": [\n    { "id": "111122223333" },\n    { "id": 7,\n      "name": "" }\n  ]\n}';

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('documents', () => {
  test("problems are the reader's own error class, naming the source, the line and the path", () => {
    const doc = parseJsonDocument(TEXT, options('GATEWAY_ACCOUNTS_FILE accounts.json'));
    const accounts = readArray(doc, 'accounts', readObject(doc, '', doc.value, ['accounts']).accounts);
    const error = thrown(() => readString(doc, 'accounts[1].id', readObject(doc, 'accounts[1]', accounts[1]).id));
    expect(error).toBeInstanceOf(AccountsError);
    expect(error.message).toBe(
      'GATEWAY_ACCOUNTS_FILE accounts.json line 4 (accounts[1].id): must be a non-empty string, received number 7.',
    );
    expect(doc.where('accounts[1].name')).toBe('accounts[1].name (line 5)');
    // An absent value is placed at its nearest parent.
    expect(doc.lineOf('accounts[0].name')).toBe(3);
    expect(doc.problem('', 'is empty.').message).toBe('GATEWAY_ACCOUNTS_FILE accounts.json line 1: is empty.');
  });

  test("syntax errors and too deep nesting are the reader's error too, by line and column", () => {
    const broken = thrown(() => parseJsonDocument('{\n "a" 1\n}', options('f.json')));
    expect(broken).toBeInstanceOf(AccountsError);
    expect(broken.message).toBe("f.json line 2 column 6: not valid JSON (Expected ':' after property name).");
    expect(thrown(() => parseJsonDocument('{"a": [', options('f.json'))).message).toBe(
      'f.json end of file: not valid JSON (Unexpected end of JSON input).',
    );
    // Some syntax errors come without a position, and with the text around them, which is left out: it may hold a secret.
    const unplaced = thrown(() =>
      parseJsonDocument('{"token": "secret-0123456789abcdef", "x": tru}', options('f.json')),
    ).message;
    expect(unplaced).toMatch(/^f\.json: not valid JSON \(Unexpected token/);
    expect(unplaced).not.toContain('secret');
    const deep = thrown(() =>
      parseJsonDocument(`${'['.repeat(40)}${']'.repeat(40)}`, {
        ...options('f.json'),
        depthReason: 'accounts need two',
      }),
    );
    expect(deep.message).toBe(
      'f.json line 1 column 33: nests arrays and objects deeper than 32 levels; accounts need two.',
    );
  });

  test('a file that cannot be read names itself, or says what its reader asks', () => {
    expect(
      thrown(() => readJsonFile('/nonexistent/accounts.json', options('accounts file /nonexistent/accounts.json')))
        .message,
    ).toBe('accounts file /nonexistent/accounts.json: the file cannot be read (ENOENT).');
    const custom = thrown(() =>
      readJsonFile('/nonexistent/a.json', {
        ...options('X'),
        unreadable: (reason) => `X names a missing file (${reason}).`,
      }),
    );
    expect(custom).toBeInstanceOf(AccountsError);
    expect(custom.message).toBe('X names a missing file (ENOENT).');
  });

  test('a value given in memory has no lines: its problems name the source and the path', () => {
    const doc = jsonValueDocument({ accounts: [{ id: 7 }] }, options('accounts object'));
    expect(doc.lineOf('accounts[0].id')).toBeNull();
    expect(doc.where('accounts[0]')).toBe('accounts[0]');
    expect(thrown(() => readString(doc, 'accounts[0].id', 7)).message).toBe(
      'accounts object (accounts[0].id): must be a non-empty string, received number 7.',
    );
    expect(doc.problem('', 'is empty.').message).toBe('accounts object: is empty.');
  });
});

describe('typed reads', () => {
  const doc = jsonValueDocument(null, options('v'));
  const message = (run: () => unknown) => thrown(run).message;

  test('objects, with only the allowed keys when given', () => {
    expect(readObject(doc, 'a', { x: 1, y: 2 })).toEqual({ x: 1, y: 2 });
    expect(message(() => readObject(doc, 'a', { x: 1, y: 2 }, ['x']))).toBe(
      'v (a.y): unknown key "y"; the keys allowed here are x.',
    );
    expect(message(() => readObject(doc, '', [], ['x']))).toBe('v: must be a JSON object, received an array.');
  });

  test('arrays, strings, lists and one-of', () => {
    expect(message(() => readArray(doc, 'a', [], { nonEmpty: true }))).toBe('v (a): must not be empty.');
    expect(readString(doc, 'a', '', { nonEmpty: false })).toBe('');
    expect(message(() => readString(doc, 'a', ' '))).toBe('v (a): must be a non-empty string, received " ".');
    expect(message(() => readString(doc, 'a', 1, { nonEmpty: false }))).toBe(
      'v (a): must be a string, received number 1.',
    );
    expect(message(() => readStringList(doc, 'a', ['x', 'y'], (item) => (item === 'y' ? 'is not x' : null)))).toBe(
      'v (a[1]): is not x, received "y".',
    );
    expect(readOneOf(doc, 'a', 'B', ['A', 'B'])).toBe('B');
    expect(message(() => readOneOf(doc, 'a', 'C', ['A', 'B']))).toBe('v (a): must be one of A, B, received "C".');
  });

  test('optional reads take undefined and null as absent, and check anything else', () => {
    for (const absent of [undefined, null]) {
      expect([
        readOptionalString(doc, 'a', absent),
        readOptionalBoolean(doc, 'a', absent),
        readOptionalNumber(doc, 'a', absent),
        readOptionalOneOf(doc, 'a', absent, ['A']),
      ]).toEqual([undefined, undefined, undefined, undefined]);
      expect(readOptionalArray(doc, 'a', absent)).toEqual([]);
    }
    expect(message(() => readOptionalBoolean(doc, 'a', 'yes'))).toBe('v (a): must be true or false, received "yes".');
    expect(message(() => readOptionalNumber(doc, 'a', '1'))).toBe('v (a): must be a number, received "1".');
    expect(message(() => readOptionalArray(doc, 'a', {}))).toBe('v (a): must be a JSON array, received an object.');
  });
});
