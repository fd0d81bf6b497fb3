/**
 * JSON documents that report where they are wrong: syntax errors by line and column, and later
 * problems by the path of the value (`rules[2].actions[0]`), which `lineOf` maps back to the
 * line it starts on. Each reader gives the error class it throws (`error`), so the security
 * files keep SecurityConfigError, the emulator's seeds SeedError and its state file
 * StateFileError. A value given in memory (a seed object, a request body) has no text and so no
 * lines: its problems name the source and the path only.
 *
 * A leaf module: it imports nothing of the project, so the gateway and the emulator may both use it.
 */
import { readFileSync } from 'node:fs';

/** Nesting no file read here needs; deeper text is refused before anything walks it. */
export const MAX_JSON_DEPTH = 32;

export interface JsonSource<E extends Error> {
  /** How messages name the document: `AUTH_POLICY_FILE policy.json`, `seed file dev.json`, `request body`. */
  readonly source: string;
  /** Makes the error each problem is thrown as, from the whole message. */
  readonly error: (message: string) => E;
  /** Why MAX_JSON_DEPTH levels are plenty for this kind of file, added to the message refusing deeper text. */
  readonly depthReason?: string;
}

export interface JsonDocument<E extends Error = Error> {
  readonly value: unknown;
  readonly source: string;
  /**
   * The line (1-based) where the value at `path` starts, the nearest parent's when that value
   * is absent; null when the document has no text.
   */
  lineOf(path: string): number | null;
  /** The path and, when known, its line, for messages that point at another value: `rules[2] (line 14)`. */
  where(path: string): string;
  /** An error naming the source, the line and path of the value, and what is wrong with it. */
  problem(path: string, message: string): E;
}

/** Reads and parses a file; a file that cannot be read is a problem too, said by `unreadable`. */
export function readJsonFile<E extends Error>(
  path: string,
  options: JsonSource<E> & { unreadable?: (reason: string) => string },
): JsonDocument<E> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = fileErrorCode(error);
    throw options.error(
      options.unreadable ? options.unreadable(reason) : `${options.source}: the file cannot be read (${reason}).`,
    );
  }
  return parseJsonDocument(text, options);
}

/** Node's fs errors carry `code` (ENOENT, EACCES); checked by shape, as they may come from another realm. */
function fileErrorCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
  return typeof code === 'string' ? code : 'unreadable';
}

export function parseJsonDocument<E extends Error>(text: string, options: JsonSource<E>): JsonDocument<E> {
  const { source, error } = options;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (parseError) {
    const message = parseError instanceof Error ? parseError.message : String(parseError);
    const position = /at position (\d+)/.exec(message)?.[1];
    const where =
      position !== undefined
        ? ` ${lineAndColumn(text, Number(position))}`
        : /end of JSON input/.test(message)
          ? ' end of file'
          : '';
    // V8 quotes the text around some errors ("Unexpected token ..., "<text>" is not valid JSON"): a token file's secrets must not reach the logs.
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
    throw error(`${source}${where}: not valid JSON (${reason}).`);
  }
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== -1) {
    const reason = options.depthReason === undefined ? '' : `; ${options.depthReason}`;
    throw error(
      `${source} ${lineAndColumn(text, tooDeep)}: nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels${reason}.`,
    );
  }
  // Found only once a problem asks: a large valid file (the emulator's state) is never walked.
  let lines: Map<string, number> | null = null;
  return documentOf(value, options, (path) => {
    lines ??= new LineLocator(text).locate();
    for (let p = path; ; p = parentPath(p)) {
      const line = lines.get(p);
      if (line !== undefined) return line;
      if (p === '') return 1;
    }
  });
}

/** A value given in memory rather than as text: its problems name the source and path, without lines. */
export function jsonValueDocument<E extends Error>(value: unknown, options: JsonSource<E>): JsonDocument<E> {
  return documentOf(value, options, () => null);
}

function documentOf<E extends Error>(
  value: unknown,
  { source, error }: JsonSource<E>,
  lineOf: (path: string) => number | null,
): JsonDocument<E> {
  return {
    value,
    source,
    lineOf,
    where(path) {
      const line = lineOf(path);
      return line === null ? path : `${path} (line ${line})`;
    },
    problem(path, message) {
      const line = lineOf(path);
      return error(`${source}${line === null ? '' : ` line ${line}`}${path === '' ? '' : ` (${path})`}: ${message}`);
    },
  };
}

/**
 * The position of the first `[` or `{` (outside strings) past MAX_JSON_DEPTH levels, or -1. A
 * scan of valid JSON text without recursion, so that no depth can overflow the call stack here.
 */
function firstTooDeep(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') {
      for (i += 1; i < text.length && text[i] !== '"'; i += 1) if (text[i] === '\\') i += 1;
    } else if (char === '[' || char === '{') {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return i;
    } else if (char === ']' || char === '}') {
      depth -= 1;
    }
  }
  return -1;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length} column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}

function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/**
 * Walks text that `JSON.parse` already accepted and records the line where each value starts,
 * keyed by its path. It trusts the syntax, so it only needs to find where values begin and end.
 * It keeps its own stack of the arrays and objects it is in, so no nesting can overflow the
 * call stack (text is also refused past MAX_JSON_DEPTH before it runs).
 */
class LineLocator {
  private index = 0;
  private line = 1;
  private readonly lines = new Map<string, number>();

  constructor(private readonly text: string) {}

  locate(): Map<string, number> {
    const open: Array<{ kind: 'object' | 'array'; path: string; items: number }> = [];
    let path = '';
    while (this.index < this.text.length) {
      // At the start of the value at `path`.
      this.skipWhitespace();
      this.lines.set(path, this.line);
      const char = this.text[this.index];
      if (char === '{' || char === '[') {
        this.index += 1;
        this.skipWhitespace();
        if (this.text[this.index] !== (char === '{' ? '}' : ']')) {
          const frame = { kind: char === '{' ? ('object' as const) : ('array' as const), path, items: 0 };
          open.push(frame);
          path = frame.kind === 'object' ? this.member(frame.path) : `${frame.path}[0]`;
          continue;
        }
        this.index += 1;
      } else if (char === '"') {
        this.string();
      } else {
        this.scalar();
      }
      // After a value: close what ends here, then go on with the next member or item, if any.
      let next: string | null = null;
      while (next === null) {
        const frame = open[open.length - 1];
        if (!frame) return this.lines;
        this.skipWhitespace();
        const separator = this.text[this.index];
        this.index += 1;
        if (separator !== ',') {
          open.pop();
          continue;
        }
        frame.items += 1;
        next = frame.kind === 'object' ? this.member(frame.path) : `${frame.path}[${frame.items}]`;
      }
      path = next;
    }
    return this.lines;
  }

  /** Reads `"key":` and returns the path of its value. */
  private member(parent: string): string {
    this.skipWhitespace();
    const key = this.string();
    this.skipWhitespace();
    this.index += 1; // the colon
    return parent === '' ? key : `${parent}.${key}`;
  }

  /** Returns the decoded string, for object keys. */
  private string(): string {
    const start = this.index;
    this.index += 1;
    while (this.index < this.text.length && this.text[this.index] !== '"')
      this.index += this.text[this.index] === '\\' ? 2 : 1;
    this.index += 1;
    return JSON.parse(this.text.slice(start, this.index)) as string;
  }

  private scalar(): void {
    while (this.index < this.text.length && !/[\s,\]}]/.test(this.text[this.index] as string)) this.index += 1;
  }

  private skipWhitespace(): void {
    while (this.index < this.text.length && /\s/.test(this.text[this.index] as string)) {
      if (this.text[this.index] === '\n') this.line += 1;
      this.index += 1;
    }
  }
}
