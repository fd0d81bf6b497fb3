/** Puts the latest tables into README.md, between the markers of its Benchmark section. */
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- bench:start (written by npm run bench -- --update-readme) -->';
const END = '<!-- bench:end -->';

export function updateReadme(path: string, tables: string): void {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no benchmark markers (${START} ... ${END}).`);
  writeFileSync(path, `${text.slice(0, start + START.length)}\n${tables}\n${text.slice(end)}`);
}
