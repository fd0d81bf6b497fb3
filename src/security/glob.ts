/**
 * The globs of policy rules, one rule for all of them (subjects, groups, regions, clusters,
 * namespaces, role ARNs):
 *
 * - `*` matches any run of characters within one path segment: never a `/`;
 * - `**` (two or more stars) matches any run of characters, `/` included;
 * - a glob that is just `*` matches everything (`["*"]`: every caller, any role);
 * - every other character matches itself, case-sensitively.
 *
 * Regions, cluster names and namespaces hold no `/`, so there `*` and `**` are the same; in a
 * role ARN, `role/payments-*` matches `role/payments-api` but not `role/payments-x/admin`.
 *
 * Matching runs the glob as a set of positions over the value (no regular expression, no
 * backtracking): at most (value length + 1) x (glob length + 1) steps, whatever the glob.
 */
export type Matcher = (value: string, meter?: StepMeter) => boolean;

/** Counts the work of a match, for tests that prove it stays bounded. */
export interface StepMeter {
  steps: number;
}

export const ANY = '*';

/** Globs longer than this are refused by the policy file (a role ARN is at most 2048 characters). */
export const MAX_GLOB_LENGTH = 2048;

const SEGMENT_STAR = -1;
const ANY_STAR = -2;

export function compileGlob(pattern: string): Matcher {
  if (pattern === ANY) return () => true;
  if (!pattern.includes('*')) return (value) => value === pattern;
  const tokens = tokenize(pattern);
  return (value, meter) => run(tokens, value, meter);
}

/** Matches when any of the patterns does. */
export function compileGlobs(patterns: readonly string[]): Matcher {
  const matchers = patterns.map(compileGlob);
  return (value, meter) => matchers.some((matches) => matches(value, meter));
}

/** Character codes, with runs of stars turned into SEGMENT_STAR (one) or ANY_STAR (two or more). */
function tokenize(pattern: string): Int32Array {
  const tokens: number[] = [];
  for (let i = 0; i < pattern.length;) {
    if (pattern[i] !== '*') {
      tokens.push(pattern.charCodeAt(i));
      i += 1;
      continue;
    }
    let end = i;
    while (pattern[end] === '*') end += 1;
    tokens.push(end - i === 1 ? SEGMENT_STAR : ANY_STAR);
    i = end;
  }
  return Int32Array.from(tokens);
}

const SLASH = '/'.charCodeAt(0);

/**
 * The positions of the glob that the value read so far can stand at, advanced one character at a
 * time; each position is visited at most once per character (`seen` is stamped per character).
 */
function run(tokens: Int32Array, value: string, meter: StepMeter | undefined): boolean {
  const end = tokens.length;
  const seen = new Int32Array(end + 1).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const add = (list: number[], stamp: number, from: number): void => {
    // A star may match nothing: standing before it is also standing after it.
    for (let position = from; position <= end && seen[position] !== stamp; position += 1) {
      seen[position] = stamp;
      list.push(position);
      const token = tokens[position];
      if (position === end || (token !== SEGMENT_STAR && token !== ANY_STAR)) break;
    }
  };
  add(current, 0, 0);
  for (let i = 0; i < value.length; i += 1) {
    const char = value.charCodeAt(i);
    const stamp = i + 1;
    next.length = 0;
    for (const position of current) {
      if (meter) meter.steps += 1;
      if (position === end) continue;
      const token = tokens[position] as number;
      if (token === ANY_STAR || (token === SEGMENT_STAR && char !== SLASH)) add(next, stamp, position);
      else if (token === char) add(next, stamp, position + 1);
    }
    if (next.length === 0) return false;
    [current, next] = [next, current];
  }
  return current.includes(end);
}
