// @ts-check
/**
 * `npm start`'s build step: compiles src/ to dist/ only when an input changed since the last
 * build, so a start with nothing changed skips the TypeScript compiler (about 3 s even when it
 * has nothing to do). The inputs' fingerprint is every path, size and modification time under
 * src/ (directories too, so a deleted or renamed file counts) and of the files the build reads;
 * a change runs `tsc -p tsconfig.build.json`, which is incremental (dist/.tsbuildinfo) and so
 * recompiles what the change touches. Plain JavaScript: it runs before anything is compiled.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-fingerprint');
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** A hash of what the build reads: paths, sizes and modification times. */
function fingerprint() {
  const hash = createHash('sha256');
  const add = (/** @type {string} */ path) => {
    const stat = statSync(path);
    hash.update(`${relative(ROOT, path)}\0${stat.size}\0${stat.mtimeMs}\n`);
    return stat;
  };
  const walk = (/** @type {string} */ dir) => {
    add(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  walk(join(ROOT, 'src'));
  for (const file of CONFIG_FILES) if (existsSync(join(ROOT, file))) add(join(ROOT, file));
  return hash.digest('hex');
}

function upToDate(/** @type {string} */ current) {
  if (!existsSync(join(DIST, 'src', 'main.js'))) return false;
  try {
    return readFileSync(STAMP, 'utf8') === current;
  } catch {
    return false;
  }
}

/**
 * Builds when needed; returns whether it built. Throws when the compiler fails, leaving the
 * fingerprint as it was so that the next start tries again.
 */
function buildIfChanged({ log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`) } = {}) {
  // Taken before the build: a file saved while it runs makes the next start build again.
  const current = fingerprint();
  if (upToDate(current)) return false;
  log('Compiling src/ to dist/ (only what changed since the last build) ...');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0)
    throw new Error(`the TypeScript build failed (tsc exited with ${result.status ?? result.signal})`);
  writeFileSync(STAMP, current);
  return true;
}

module.exports = { buildIfChanged };

if (require.main === module) {
  try {
    buildIfChanged();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
