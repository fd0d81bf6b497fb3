/**
 * Checks on the raw text, before graphql-js parses it: its parser is recursive, so thousands of
 * nested brackets overflow its stack before any depth rule could run. One pass, linear.
 */

/** The deepest nesting of `{`, `[` and `(` outside strings and comments. */
export function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i += 1;
    } else if (c === '"') {
      const block = text.startsWith('"""', i);
      const end = block ? findBlockStringEnd(text, i + 3) : findStringEnd(text, i + 1);
      if (end < 0) return max; // unterminated: the parser reports it
      i = block ? end + 2 : end;
    } else if (c === '{' || c === '[' || c === '(') {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === '}' || c === ']' || c === ')') {
      depth -= 1;
    }
  }
  return max;
}

function findStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}

/** The `"""` closing a block string; `\"""` inside it is an escaped quote, not the end. */
function findBlockStringEnd(text: string, from: number): number {
  for (let i = text.indexOf('"""', from); i >= 0; i = text.indexOf('"""', i + 3)) {
    if (text[i - 1] !== '\\') return i;
  }
  return -1;
}
