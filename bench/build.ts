/** The build the benchmark measures: `npm start`'s, compiled first if src/ changed since. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');
export const DIST = join(ROOT, 'dist');

/** Runs `npm start`'s build step (scripts/build-if-changed.js): a no-op when dist/ is current. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-changed.js')], { cwd: ROOT, stdio: 'inherit' });
}
