/**
 * The gateway as users start it (`npm start`: build, then node dist/src/main.js) in a process of
 * its own, with the embedded emulator by default, a clear exit on bad configuration, and a
 * drain on SIGTERM.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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
  return { child, graphqlUrl: '', exited, ready };
}

async function post(url: string, query: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
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
