/**
 * Reads the JSON files of the security settings (tokens, policy, JWKS) so that every problem can
 * be reported with the line it is on: syntax errors by position, and later validation errors by
 * the path of the value (`rules[2].actions[0]`), which `lineOf` maps back to its line.
 */
import { readFileSync } from 'node:fs';
import { SecurityConfigError } from './errors';

export interface JsonDocument {
  readonly value: unknown;
  /** `VARIABLE path`: how messages name the file. */
  readonly source: string;
  /** The line (1-based) where the value at `path` starts; the nearest parent's when unknown. */
  lineOf(path: string): number;
  /** An error naming the file, the line and path of the value, and what is wrong with it. */
  problem(path: string, message: string): SecurityConfigError;
}

/** Nesting the security files never need; deeper files are refused before anything walks them. */
export const MAX_JSON_DEPTH = 32;

/** Reads and parses the file named by `variable`; a missing or malformed file stops start-up. */
export function readJsonFile(variable: string, path: string): JsonDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // Node's fs errors carry `code` (ENOENT, EACCES); checked by shape, as they may come from another realm.
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
    const reason = typeof code === 'string' ? code : 'unreadable';
    throw new SecurityConfigError(`${variable} names a file that cannot be read (${reason}): "${path}".`);
  }
  return parseJsonDocument(text, `${variable} ${path}`);
}

export function parseJsonDocument(text: string, source: string): JsonDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    const where = position === undefined ? 'end of file' : lineAndColumn(text, Number(position));
    throw new SecurityConfigError(`${source} ${where}: not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')}).`);
  }
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== -1) {
    throw new SecurityConfigError(
      `${source} ${lineAndColumn(text, tooDeep)}: nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels; the token, policy and JWKS files need only a few.`,
    );
  }
  const lines = new LineLocator(text).locate();
  const lineOf = (path: string): number => {
    for (let p = path; ; p = parentPath(p)) {
      const line = lines.get(p);
      if (line !== undefined) return line;
      if (p === '') return 1;
    }
  };
  return {
    value,
    source,
    lineOf,
    problem: (path, message) =>
      new SecurityConfigError(`${source} line ${lineOf(path)}${path === '' ? '' : ` (${path})`}: ${message}`),
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
 * call stack (files are also refused past MAX_JSON_DEPTH before it runs).
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
    while (this.index < this.text.length && this.text[this.index] !== '"') this.index += this.text[this.index] === '\\' ? 2 : 1;
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
