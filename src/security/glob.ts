/**
 * The globs of policy rules: `*` matches any run of characters (also none, also `/` and `:`);
 * every other character matches itself, case-sensitively.
 */
export type Matcher = (value: string) => boolean;

export const ANY = '*';

export function compileGlob(pattern: string): Matcher {
  if (pattern === ANY) return () => true;
  if (!pattern.includes('*')) return (value) => value === pattern;
  const source = pattern.split('*').map(escapeRegExp).join('.*');
  const regex = new RegExp(`^${source}$`, 's');
  return (value) => regex.test(value);
}

/** Matches when any of the patterns does. */
export function compileGlobs(patterns: readonly string[]): Matcher {
  const matchers = patterns.map(compileGlob);
  return (value) => matchers.some((matches) => matches(value));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
