/**
 * The gateway as users start it (`npm start`: build, then node dist/src/main.js) in a process of
 * its own, with the embedded emulator by default, a clear exit on bad configuration, a drain on
 * SIGTERM, and a reload of the security and accounts files on SIGHUP.
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
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
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
  const run = launch({
    AUTH_MODE: 'tokens',
    AUTH_TOKENS_FILE: join(dir, 'tokens.json'),
    AUTH_POLICY_FILE: join(dir, 'policy.json'),
    AUDIT_LOG: 'off',
  });
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

test('SIGHUP reloads the accounts file: an added account is served, a removed one is not; a broken file changes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-sighup-accounts-'));
  const file = join(dir, 'accounts.json');
  const platform = { accountId: '000000000000', name: 'platform', regions: ['us-east-1'] };
  const payments = {
    accountId: '444455556666',
    name: 'payments',
    roleArn: 'arn:aws:iam::444455556666:role/eks-pod-identity-gateway',
    externalId: 'payments-gateway-2026',
    regions: ['us-east-1'],
  };
  writeFileSync(file, JSON.stringify({ accounts: [platform] }));
  // The embedded emulator with the demo data, whose payments account trusts the platform account.
  const run = launch({ GATEWAY_ACCOUNTS_FILE: file, LOG_LEVEL: 'info' });
  const accounts = async (url: string) =>
    ((await post(url, '{ accounts { name } }')).body.data as { accounts: Array<{ name: string }> }).accounts.map(
      (a) => a.name,
    );
  const paymentsCluster = '{ cluster(name: "payments-prod", accountId: "444455556666") { name accountId } }';
  try {
    const url = await run.ready;
    expect(await accounts(url)).toEqual(['platform']);
    expect((await post(url, paymentsCluster)).body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);

    writeFileSync(file, JSON.stringify({ accounts: [platform, payments] }));
    run.child.kill('SIGHUP');
    await until(async () => (await accounts(url)).includes('payments'));
    expect((await post(url, paymentsCluster)).body).toEqual({
      data: { cluster: { name: 'payments-prod', accountId: '444455556666' } },
    });
    expect(run.stdout()).toContain('Accounts file reloaded');

    writeFileSync(file, JSON.stringify({ accounts: [platform, { ...payments, accountId: '44445555666' }] }));
    run.child.kill('SIGHUP');
    await until(async () => run.stdout().includes('Accounts file not reloaded'));
    expect(run.stdout()).toContain('must be a 12-digit AWS account id');
    expect(await accounts(url)).toEqual(['platform', 'payments']);

    writeFileSync(file, JSON.stringify({ accounts: [platform] }));
    run.child.kill('SIGHUP');
    await until(async () => (await accounts(url)).length === 1);
    expect((await post(url, paymentsCluster)).body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
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

describe('promise rejections', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo' });
  });
  afterAll(() => emulator.close());

  async function faults(rates: Record<string, Record<string, number>>): Promise<void> {
    const res = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seed: 3, rates }),
    });
    expect(res.status).toBe(200);
  }

  async function unhandledCount(graphqlUrl: string): Promise<number> {
    const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
    const line = /^eks_pod_identity_gateway_unhandled_rejections_total (\d+)$/m.exec(text);
    if (!line) throw new Error('no unhandled_rejections_total in /metrics');
    return Number(line[1]);
  }

  test('a DescribeCluster failing while its List waits, and malformed answers, leave none: the process answers each with typed errors', async () => {
    const run = launch({ EKS_ENDPOINT: emulator.url, EKS_MAX_ATTEMPTS: '2' });
    try {
      const url = await run.ready;
      const query =
        '{ cluster(name: "staging-apps", region: "us-east-1") { arn podIdentityAssociations(first: 1) { nodes { id } } } }';
      // The SDK backs off longer after a throttle than after a server error: DescribeCluster
      // fails while the List is still retried. Its jitter is random, so several tries.
      await faults({ DescribeCluster: { server: 1 }, ListPodIdentityAssociations: { throttle: 1 } });
      const answers = await Promise.all(Array.from({ length: 4 }, () => post(url, query)));
      await faults({ DescribeCluster: { malformed: 1 }, ListPodIdentityAssociations: { malformed: 1 } });
      answers.push(await post(url, query));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body.data).toEqual({ cluster: null });
        expect(answer.body.errors).toEqual([
          expect.objectContaining({
            path: ['cluster'],
            extensions: expect.objectContaining({ code: expect.stringMatching(/^EKS_/) }),
          }),
        ]);
      }
      await faults({});
      expect(run.child.exitCode).toBeNull();
      expect(await unhandledCount(url)).toBe(0);
      expect((await post(url, '{ regions }')).body).toEqual({ data: { regions: ['us-east-1', 'eu-west-1'] } });
    } finally {
      run.child.kill('SIGTERM');
    }
    expect((await run.exited).code).toBe(0);
  }, 30_000);

  test('one that slips through is logged with the requests in flight and counted, and the gateway keeps serving', async () => {
    // The gateway as main.ts starts it, from the build, with rejections made on purpose inside
    // a request's scope: what any future bug of that kind would do.
    const script = `
      const pino = require('pino');
      const { loadConfig } = require('./dist/src/config');
      const { startGateway } = require('./dist/src/server/gateway');
      const { runInRequestScope } = require('./dist/src/server/processGuards');
      (async () => {
        const config = loadConfig({ PORT: '0', EKS_ENDPOINT: ${JSON.stringify(emulator.url)}, LOG_LEVEL: 'error', CACHE_TTL_MS: '0' });
        const gateway = await startGateway({ config, endpoint: config.backend.endpoint, credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
          logger: pino({ level: 'error' }), surviveUnhandledRejections: true });
        // One request in flight at a time, each ending after its rejection surfaced.
        for (let i = 0; i < 200; i += 1) {
          await runInRequestScope(async (scope) => {
            scope.requestId = 'slipped-' + i;
            void Promise.reject(new Error('slipped on purpose ' + i));
            await new Promise((resolve) => setImmediate(resolve));
          });
        }
        setTimeout(() => process.stdout.write('GraphiQL: ' + gateway.graphqlUrl + '\\n'), 50);
      })();`;
    const child = spawn(process.execPath, ['-e', script], { cwd: root });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      for (let waited = 0; !/GraphiQL: (\S+)/.test(stdout) && waited < 10_000; waited += 50)
        await new Promise((r) => setTimeout(r, 50));
      const url = /GraphiQL: (\S+)/.exec(stdout)?.[1] ?? '';
      expect(url).toMatch(/^http:/);
      expect(child.exitCode).toBeNull();
      expect(await unhandledCount(url)).toBe(200);
      const logged = stdout
        .split('\n')
        .filter((line) => line.includes('Unhandled promise rejection'))
        .map((line) => JSON.parse(line) as { inFlightReqIds: string[]; inFlight: number; err: { message: string } });
      expect(logged).toHaveLength(200);
      expect(logged[7]).toMatchObject({
        inFlightReqIds: ['slipped-7'],
        inFlight: 1,
        err: { message: 'slipped on purpose 7' },
      });
      const res = await post(url, '{ clusters(region: "us-east-1") { nodes { name } } }');
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  }, 30_000);
});
