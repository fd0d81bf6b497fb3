/** The command line: `npm run emulator -- ...` and `tsx src/emulator/cli.ts ...`. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { parseArgs } from '../../../src/emulator/cli';
import { eks } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

function run(command: string, args: string[]): Run {
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: 'pipe' });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exit };
}

async function waitForUrl(process: Run): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(process.stdout.join(''));
    if (match?.[1]) return match[1];
    if (process.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no URL line; stdout: ${process.stdout.join('')} stderr: ${process.stderr.join('')}`);
}

function kill(process: Run): void {
  if (process.child.exitCode === null && process.child.signalCode === null) {
    try {
      globalThis.process.kill(-(process.child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'eks-emulator-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('npm run emulator prints one line with the URL and serves EKS', async () => {
  const emulator = run('npm', [
    'run',
    '--silent',
    'emulator',
    '--',
    '--port',
    '0',
    '--seed',
    'demo',
    '--account',
    '123456789012',
  ]);
  try {
    const url = await waitForUrl(emulator);
    expect(emulator.stdout.join('').trim().split('\n')).toEqual([`EKS emulator listening on ${url}`]);
    const client = eks(url);
    expect((await client.send(new ListClustersCommand({}))).clusters).toEqual(['prod-platform', 'staging-apps']);
    client.destroy();
    const state = (await (await fetch(`${url}/_emulator/state?cluster=prod-platform`)).json()) as { accountId: string };
    expect(state.accountId).toBe('123456789012');
  } finally {
    kill(emulator);
  }
});

test.each(['SIGTERM', 'SIGINT'] as const)(
  '%s shuts down cleanly: exit code 0 and everything in the snapshot',
  async (signal) => {
    const stateFile = path.join(dir, `cli-state-${signal}.json`);
    const emulator = run(TSX, ['src/emulator/cli.ts', '--seed', 'none', '--state-file', stateFile]);
    try {
      const url = await waitForUrl(emulator);
      expect(
        (
          await fetch(`${url}/_emulator/clusters`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"clusters":[{"name":"x"}]}',
          })
        ).status,
      ).toBe(200);
      expect(readFileSync(`${stateFile}.journal`, 'utf8')).not.toBe('');
      emulator.child.kill(signal);
      expect(await emulator.exit).toBe(0);
      expect(readFileSync(`${stateFile}.journal`, 'utf8')).toBe('');
      expect(readFileSync(stateFile, 'utf8')).toContain('"name":"x"');
    } finally {
      kill(emulator);
    }
  },
);

test.each([
  [['--port', 'abc'], /--port must be an integer from 0 to 65535; received 'abc'/],
  [['--port', '70000'], /--port must be an integer/],
  [['--latency-ms', '-5'], /--latency-ms must be an integer from 0 to 60000; received '-5'/],
  [['--latency-ms', 'x'], /--latency-ms must be an integer/],
  [['--jitter-ms=1.5'], /--jitter-ms must be an integer/],
  [['--association-limit', '0'], /--association-limit must be an integer from 1/],
  [['--account', '42'], /--account must be a 12-digit AWS account id; received '42'/],
  [['--seed', '/no/such/seed.json'], /--seed must be demo, none or the path of a seed JSON file/],
  [['--host='], /--host must not be empty/],
  [['--port'], /--port needs a value/],
  [['--frobnicate'], /Unknown argument '--frobnicate'/],
  [['extra'], /Unknown argument 'extra'/],
])('the parser rejects %j with a message naming the flag', (args, message) => {
  expect(() => parseArgs(args)).toThrow(message);
});

test('the parser reads every flag, in both --flag value and --flag=value forms', () => {
  expect(
    parseArgs([
      '--host',
      '0.0.0.0',
      '--port=4566',
      '--seed',
      'none',
      '--state-file',
      's.json',
      '--account=111122223333',
      '--latency-ms',
      '20',
      '--jitter-ms',
      '5',
      '--association-limit',
      '10',
    ]),
  ).toEqual({
    host: '0.0.0.0',
    port: 4566,
    seed: 'none',
    stateFile: 's.json',
    accountId: '111122223333',
    latencyMs: 20,
    jitterMs: 5,
    associationLimit: 10,
  });
  expect(parseArgs(['--port', '1', '--help'])).toBe('help');
});

test('a bad flag value exits with code 2 and a message on stderr', async () => {
  const cases = [run(TSX, ['src/emulator/cli.ts', '--port', 'abc']), run(TSX, ['src/emulator/cli.ts', '--frobnicate'])];
  try {
    expect(await Promise.all(cases.map((c) => c.exit))).toEqual([2, 2]);
    expect(cases[0]?.stderr.join('')).toMatch(/--port must be an integer/);
    expect(cases[1]?.stderr.join('')).toMatch(/Unknown argument '--frobnicate'/);
    expect(cases.map((c) => c.stdout.join(''))).toEqual(['', '']);
  } finally {
    cases.forEach(kill);
  }
});

test('--help prints the flags', async () => {
  const cli = run(TSX, ['src/emulator/cli.ts', '--help']);
  expect(await cli.exit).toBe(0);
  const help = cli.stdout.join('');
  for (const flag of [
    '--host',
    '--port',
    '--seed',
    '--state-file',
    '--account',
    '--latency-ms',
    '--jitter-ms',
    '--association-limit',
  ])
    expect(help).toContain(flag);
});

test('a seed file that does not validate fails the start with exit code 1 and a message naming the line and path of the value', async () => {
  const seedFile = path.join(dir, 'bad-seed.json');
  writeFileSync(seedFile, JSON.stringify({ clusters: [{ name: 'ok' }, { name: 'bad name' }] }, null, 2));
  const cli = run(TSX, ['src/emulator/cli.ts', '--seed', seedFile]);
  try {
    expect(await cli.exit).toBe(1);
    expect(cli.stderr.join('')).toMatch(
      /failed to start: seed file .*bad-seed\.json line 7 \(clusters\[1\]\.name\): The parameter name must start with a letter or digit/,
    );
  } finally {
    kill(cli);
  }
});
