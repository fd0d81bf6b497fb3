/**
 * The gateway as users start it (`npm start`: build, then node dist/src/main.js) in a process of
 * its own, with the embedded emulator by default, a clear exit on bad configuration, a drain on
 * SIGTERM, and a reload of the security files on SIGHUP.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';

const root = join(__dirname, '..', '..', '..');

beforeAll(() => {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'pipe' });
}, 120_000);

interface Started {
  child: ChildProcessWithoutNullStreams;
  graphqlUrl: string;
  exited: Promise<{ code: number | null; stderr: string }>;
  /** Everything the process printed on stdout so far (the URL line, then JSON log lines). */
  stdout(): string;
}

function launch(env: Record<string, string>): Started & { ready: Promise<string> } {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /GraphiQL: (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', () => reject(new Error(`exited before ready: ${stderr}`)));
  });
  ready.catch(() => {});
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return { child, graphqlUrl: '', exited, ready, stdout: () => stdout };
}

async function post(url: string, query: string, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
}

test('with no configuration it starts the embedded emulator with demo data and prints the GraphiQL URL', async () => {
  const run = launch({});
  try {
    const url = await run.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const res = await post(url, '{ clusters { nodes { name region } } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      clusters: {
        nodes: expect.arrayContaining([
          { name: 'prod-platform', region: 'us-east-1' },
          { name: 'staging-apps', region: 'us-east-1' },
          { name: 'eu-analytics', region: 'eu-west-1' },
        ]),
      },
    });
  } finally {
    run.child.kill('SIGTERM');
  }
  expect((await run.exited).code).toBe(0);
}, 30_000);

test('a bad variable stops start-up with a message naming it', async () => {
  const run = launch({ PORT: 'eighty' });
  const { code, stderr } = await run.exited;
  expect(code).toBe(2);
  expect(stderr).toContain('PORT must be a whole number');
}, 30_000);

describe('shutdown', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo', latencyMs: 700 });
  });
  afterAll(() => emulator.close());

  test('SIGTERM lets a request in flight finish, then exits cleanly', async () => {
    const run = launch({ EKS_ENDPOINT: emulator.url });
    const url = await run.ready;
    const inFlight = post(url, '{ cluster(name: "prod-platform", region: "us-east-1") { version } }');
    await new Promise((r) => setTimeout(r, 200));
    run.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.body).toEqual({ data: { cluster: { version: '1.31' } } });
    expect((await run.exited).code).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  }, 30_000);
});

test('SIGHUP reloads the token file; a broken one is refused and the tokens in force stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-sighup-'));
  const write = (name: string, content: string) => writeFileSync(join(dir, name), content);
  const tokens = (token: string) => JSON.stringify({ tokens: [{ token, subject: 'ops', groups: [] }] });
  write('tokens.json', tokens('first-token-0123456789'));
  write('policy.json', JSON.stringify({ rules: [{ subjects: ['ops'], actions: ['read'] }] }));
  const run = launch({ AUTH_MODE: 'tokens', AUTH_TOKENS_FILE: join(dir, 'tokens.json'), AUTH_POLICY_FILE: join(dir, 'policy.json'), AUDIT_LOG: 'off' });
  const query = '{ regions }';
  try {
    const url = await run.ready;
    expect((await post(url, query, 'first-token-0123456789')).status).toBe(200);

    write('tokens.json', tokens('second-token-012345678'));
    run.child.kill('SIGHUP');
    await until(async () => (await post(url, query, 'second-token-012345678')).status === 200);
    expect((await post(url, query, 'first-token-0123456789')).status).toBe(401);

    write('tokens.json', '{ "tokens": [');
    run.child.kill('SIGHUP');
    await until(async () => run.stdout().includes('Security files not reloaded'));
    expect(run.stdout()).toContain('AUTH_TOKENS_FILE');
    expect((await post(url, query, 'second-token-012345678')).status).toBe(200);
  } finally {
    run.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  expect((await run.exited).code).toBe(0);
}, 30_000);

/** Polls `check` every 50 ms until it holds (the signal is handled asynchronously), for up to 10 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the gateway did not act on SIGHUP within 10 s');
}
