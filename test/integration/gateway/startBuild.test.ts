/**
 * `npm start`'s build step (scripts/build-if-changed.js): it compiles only when src/ or the build's
 * configuration changed since the last build, and `npm start` then runs the gateway from dist/.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const COMPILING = /Compiling src\/ to dist\//;

function buildStep(): string {
  const run = spawnSync(process.execPath, ['scripts/build-if-changed.js'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the build step failed: ${run.stderr}`);
  return run.stderr;
}

beforeAll(() => {
  // Whatever state dist/ is in, it is current after this.
  buildStep();
}, 120_000);

test('with nothing changed the build step compiles nothing and leaves dist/ as it was', () => {
  const before = statSync(join(root, 'dist', 'src', 'main.js')).mtimeMs;
  expect(buildStep()).not.toMatch(COMPILING);
  expect(statSync(join(root, 'dist', 'src', 'main.js')).mtimeMs).toBe(before);
});

test('a source file saved since the last build makes the next start compile, and the one after not', () => {
  const source = join(root, 'src', 'text.ts');
  const { atime } = statSync(source);
  // Saved again with the same content: the fingerprint sees it, tsc's incremental build redoes little.
  utimesSync(source, atime, new Date());
  expect(buildStep()).toMatch(COMPILING);
  expect(buildStep()).not.toMatch(COMPILING);
}, 120_000);

test('npm start serves from the build without compiling when nothing changed', async () => {
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const found = /GraphiQL: (http:\/\/\S+)/.exec(stdout)?.[1];
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready: ${stderr}`)));
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ clusters(first: 1) { nodes { name } } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data?: { clusters: { nodes: unknown[] } } }).data?.clusters.nodes).toHaveLength(1);
    expect(stderr).not.toMatch(COMPILING);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // npm runs the gateway under it: the signal goes to the whole process group.
    process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
  }
}, 60_000);

afterAll(() => {
  // Leave dist/ current for the tests that run it.
  execFileSync(process.execPath, ['scripts/build-if-changed.js'], { cwd: root, stdio: 'pipe' });
}, 120_000);
