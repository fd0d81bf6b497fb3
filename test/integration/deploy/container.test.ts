/**
 * The image's contract, without a container engine: the Dockerfile says what the image is (read
 * here), and the built gateway is run the way that image runs it: as a non-root user, from a
 * working tree it cannot write, with no HOME and only a temporary directory writable,
 * configured by environment variables and mounted files alone (policy, tokens, accounts, the
 * Pod Identity token), answering the probes and draining on SIGTERM within SHUTDOWN_GRACE_MS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type MultiAccountSeedFile, type RunningEmulator } from '../../../src/emulator';
import { ROOT, buildGateway, launchBuilt, until, type LaunchedGateway } from '../../helpers/builtGateway';

// ---------------------------------------------------------------------------------------------
// The Dockerfile, read as instructions

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

/** Instructions with continuation lines joined and comments dropped, grouped into stages by FROM. */
function readDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = rest;
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? (name ?? null) : null, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [key = '', value = ''] = instruction.args.split('=');
      args.set(key, value);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

function envOf(stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const { args } of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const [key = '', value = ''] = pair.split('=');
      env.set(key, value);
    }
  }
  return env;
}

const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

describe('the Dockerfile', () => {
  const { args, stages } = readDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const stage = (name: string) => {
    const found = stages.find((s) => s.name === name);
    if (!found) throw new Error(`no stage ${name}`);
    return found;
  };
  const runtime = stages.at(-1) as Stage;

  test('builds in stages from Node.js 20 slim on Debian bookworm: npm ci and npm run build, then production dependencies alone', () => {
    expect(args.get('NODE_IMAGE')).toBe('node:20-bookworm-slim');
    expect(stages.map((s) => s.from)).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}', '${NODE_IMAGE}']);
    expect(runs(stage('build'))).toEqual([expect.stringMatching(/^npm ci\b/), 'npm run build']);
    // Native addons are built (or fetched) in an image of the runtime's base, with the tools to compile.
    expect(runs(stage('prod-deps')).join(' && ')).toMatch(/apt-get install .*python3 make g\+\+/);
    expect(runs(stage('prod-deps'))).toContainEqual(expect.stringMatching(/^npm ci --omit=dev\b/));
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toEqual(
      expect.arrayContaining(['--from=prod-deps /app/node_modules ./node_modules', '--from=build /app/dist ./dist']),
    );
    expect(runs(runtime).join(' ')).not.toMatch(/npm (ci|install)/);
  });

  test('runs as a numeric non-root user through tini, in production mode, with no HEALTHCHECK', () => {
    const users = runtime.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(stages.flatMap((s) => s.instructions).filter((i) => i.keyword === 'HEALTHCHECK')).toEqual([]);
    const entrypoint = runtime.instructions.find((i) => i.keyword === 'ENTRYPOINT')?.args ?? '';
    expect(JSON.parse(entrypoint)).toEqual(['/usr/bin/tini', '--']);
    expect(runs(runtime).join(' ')).toMatch(/apt-get install .*\btini\b/);
    const cmd = runtime.instructions.find((i) => i.keyword === 'CMD')?.args ?? '';
    // The same V8 flags as `npm start` (package.json), before the build's entry point.
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const startFlags = (/^node (.*?) ?scripts\/start\.js$/.exec(scripts.start)?.[1] ?? '').split(' ').filter(Boolean);
    expect(startFlags).toEqual(['--max-semi-space-size=32']);
    expect(JSON.parse(cmd)).toEqual(['node', ...startFlags, 'dist/src/main.js']);
    expect(envOf(runtime).get('NODE_ENV')).toBe('production');
    // Inside a pod the gateway listens on the pod's address; AUTH_MODE must then be set.
    expect(envOf(runtime).get('HOST')).toBe('0.0.0.0');
  });

  test('.dockerignore lets only the sources and the lock file into the build context', () => {
    const lines = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(lines).toEqual([
      '*',
      '!package.json',
      '!package-lock.json',
      '!tsconfig.json',
      '!tsconfig.build.json',
      '!src/',
      '!schema/',
    ]);
  });
});

/**
 * The runtime stage's /app, as its COPY lines make it: `--from=build /app/X` is this checkout's
 * build output X, `--from=prod-deps /app/node_modules` its node_modules (linked: too big to
 * copy, and not writable for the gateway's user either), any other COPY this checkout's file.
 */
function imageFiles(): Array<{ source: string; target: string; link: boolean }> {
  const { stages } = readDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const runtime = stages.at(-1) as Stage;
  return runtime.instructions
    .filter((i) => i.keyword === 'COPY')
    .map(({ args }) => {
      const parts = args.split(/\s+/);
      const from = parts[0]?.startsWith('--from=') ? parts.shift()?.slice('--from='.length) : null;
      const [source = '', target = ''] = parts;
      const relative = from ? source.replace(/^\/app\//, '') : source;
      const into = target.replace(/^\.\//, '') === '' ? relative : target.replace(/^\.\//, '');
      return { source: relative, target: into, link: from === 'prod-deps' };
    });
}

// ---------------------------------------------------------------------------------------------
// The built gateway, run as the image runs it

const ACCOUNT = '000000000000';
const TOKEN = 'container-test-operator-token';
const seed: MultiAccountSeedFile = {
  accounts: [
    {
      accountId: ACCOUNT,
      name: 'platform',
      clusters: [
        {
          name: 'platform',
          region: 'eu-west-1',
          version: '1.31',
          associations: [
            {
              namespace: 'eks-pod-identity-gateway',
              serviceAccount: 'eks-pod-identity-gateway',
              roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-pod-identity-gateway`,
            },
          ],
        },
      ],
    },
  ],
};

/** The user the image's `USER` stands for: `nobody` when the tests run as root, else the current user. */
function runAs(): { uid: number; gid: number; name: string } {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? uid, name: `the current user (uid ${uid}), not root` };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g'), name: 'nobody (uid 65534), not root' };
}

const user = runAs();
let emulator: RunningEmulator;
let root: string;
let app: string;
let config: string;
let writable: string;

/** Whether the gateway's user can read the file (and every folder above it). */
function readableBy(path: string): boolean {
  const check = spawnSync(
    process.execPath,
    ['-e', 'require("fs").accessSync(process.argv[1], require("fs").constants.R_OK)', path],
    {
      uid: user.uid,
      gid: user.gid,
      env: {},
    },
  );
  return check.status === 0;
}

/** Makes a tree read-only for everyone: files 0444, directories 0555. */
function readOnly(path: string): void {
  execFileSync('chmod', ['-R', 'a-w,a+rX', path]);
}

beforeAll(async () => {
  buildGateway();
  emulator = await startEmulator({ seed });
  root = mkdtempSync(join(tmpdir(), 'gateway-container-'));
  chmodSync(root, 0o755);
  // The image's /app, from the Dockerfile's own COPY lines.
  app = join(root, 'app');
  mkdirSync(app);
  // A link only where the gateway's user can read the checkout (a clone under a private folder: copied).
  const linkable = readableBy(join(ROOT, 'node_modules', 'pino', 'package.json'));
  for (const file of imageFiles()) {
    if (file.link && linkable) symlinkSync(join(ROOT, file.source), join(app, file.target));
    else cpSync(join(ROOT, file.source), join(app, file.target), { recursive: true });
  }
  readOnly(app);
  // What Kubernetes mounts: the ConfigMap and Secret files, and the projected Pod Identity token.
  config = join(root, 'config');
  mkdirSync(config);
  const token = await fetch(`${emulator.url}/_emulator/pod-identity-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      region: 'eu-west-1',
      clusterName: 'platform',
      namespace: 'eks-pod-identity-gateway',
      serviceAccount: 'eks-pod-identity-gateway',
    }),
  });
  writeFileSync(join(config, 'eks-pod-identity-token'), ((await token.json()) as { token: string }).token);
  writeFileSync(
    join(config, 'tokens.json'),
    JSON.stringify({ tokens: [{ token: TOKEN, subject: 'platform-operator', groups: ['platform-admins'] }] }),
  );
  writeFileSync(
    join(config, 'policy.json'),
    JSON.stringify({ rules: [{ groups: ['platform-admins'], actions: ['read', 'metrics'] }] }),
  );
  writeFileSync(
    join(config, 'accounts.json'),
    JSON.stringify({ accounts: [{ accountId: ACCOUNT, name: 'platform', regions: ['eu-west-1'] }] }),
  );
  readOnly(config);
  // emptyDir at /tmp: the only place it may write.
  writable = join(root, 'tmp');
  mkdirSync(writable, { mode: 0o700 });
  chownSync(writable, user.uid, user.gid);
}, 120_000);

afterAll(async () => {
  await emulator.close();
  execFileSync('chmod', ['-R', 'u+w', root]);
  rmSync(root, { recursive: true, force: true });
});

/** The container's environment: the Dockerfile's ENV, the Deployment's env, nothing else (no HOME). */
function launch(extra: Record<string, string> = {}): LaunchedGateway {
  return launchBuilt({
    cwd: app,
    uid: user.uid,
    gid: user.gid,
    env: {
      NODE_ENV: 'production',
      // The pod's address in a cluster; loopback here.
      HOST: '127.0.0.1',
      PORT: '0',
      TMPDIR: writable,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      LOG_LEVEL: 'info',
      GATEWAY_BACKEND: 'aws',
      GATEWAY_REGIONS: 'eu-west-1',
      EKS_ENDPOINT: emulator.url,
      GATEWAY_ACCOUNTS_FILE: join(config, 'accounts.json'),
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: join(config, 'tokens.json'),
      AUTH_POLICY_FILE: join(config, 'policy.json'),
      INVENTORY: 'off',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emulator.url}/v1/credentials`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(config, 'eks-pod-identity-token'),
      ...extra,
    },
  });
}

async function query(url: string, text: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query: text }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function calls(operation: string): Promise<number> {
  const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { calls: Record<string, number> };
  return stats.calls[operation] ?? 0;
}

async function faults(body: Record<string, unknown>): Promise<void> {
  await fetch(`${emulator.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Whether a new connection to the gateway is refused (its listening socket is closed). */
async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(new URL('/healthz', url));
    return false;
  } catch {
    return true;
  }
}

test(`runs as ${user.name}, from a working tree it cannot write: probes, GraphQL and metrics, configured by environment and mounted files`, async () => {
  // The working tree and the mounted files are out of its reach; its temporary directory is not.
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const fs = require('fs');
       for (const path of process.argv.slice(1)) {
         try { fs.writeFileSync(path, ''); console.log(path + ' writable'); } catch (e) { console.log(path + ' ' + e.code); }
       }`,
      join(app, 'written'),
      join(app, 'dist', 'written'),
      join(config, 'written'),
      join(writable, 'written'),
    ],
    { uid: user.uid, gid: user.gid, env: {}, encoding: 'utf8' },
  );
  expect(probe.stdout.trim().split('\n')).toEqual([
    `${join(app, 'written')} EACCES`,
    `${join(app, 'dist', 'written')} EACCES`,
    `${join(config, 'written')} EACCES`,
    `${join(writable, 'written')} writable`,
  ]);

  const gateway = launch();
  try {
    const url = await gateway.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const healthz = await fetch(new URL('/healthz', url));
    expect([healthz.status, await healthz.json()]).toEqual([200, { status: 'ok' }]);
    const readyz = await fetch(new URL('/readyz', url));
    expect([readyz.status, await readyz.json()]).toEqual([200, { status: 'ready' }]);
    expect(await query(url, '{ accounts { name } clusters { nodes { name version } } }')).toEqual({
      status: 200,
      body: {
        data: { accounts: [{ name: 'platform' }], clusters: { nodes: [{ name: 'platform', version: '1.31' }] } },
      },
    });
    // Production: authentication required, no GraphiQL for browsers.
    expect(
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(401);
    expect((await fetch(url, { headers: { accept: 'text/html' } })).status).toBe(404);
    const metrics = await fetch(new URL('/metrics', url), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^eks_pod_identity_gateway_http_requests_total\{/m);
  } finally {
    gateway.child.kill('SIGTERM');
  }
  expect(await gateway.exited).toEqual({ code: 0, signal: null });
  expect(gateway.stderr()).toBe('');
}, 60_000);

describe('SIGTERM', () => {
  afterEach(() => faults({ operationLatencyMs: {} }));

  test('the request in flight finishes, new connections are refused at once, and it exits 0 before SHUTDOWN_GRACE_MS', async () => {
    await faults({ operationLatencyMs: { DescribeCluster: 2_000 } });
    const gateway = launch({ SHUTDOWN_GRACE_MS: '30000' });
    const url = await gateway.ready;
    const before = await calls('DescribeCluster');
    let settled = false;
    const inFlight = query(url, '{ cluster(name: "platform", region: "eu-west-1") { version } }').finally(() => {
      settled = true;
    });
    await until(async () => (await calls('DescribeCluster')) > before, 'the DescribeCluster call');
    gateway.child.kill('SIGTERM');
    await until(() => refusesConnections(url), 'refusing new connections');
    expect(settled).toBe(false);
    expect(await inFlight).toEqual({ status: 200, body: { data: { cluster: { version: '1.31' } } } });
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(gateway.stdout()).toContain('"msg":"Stopped"');
  }, 60_000);

  test('past SHUTDOWN_GRACE_MS a request still running is cut, and it exits 0 all the same', async () => {
    await faults({ operationLatencyMs: { DescribeCluster: 20_000 } });
    const gateway = launch({ SHUTDOWN_GRACE_MS: '300' });
    const url = await gateway.ready;
    const before = await calls('DescribeCluster');
    const inFlight = query(url, '{ cluster(name: "platform", region: "eu-west-1") { version } }').then(
      () => 'answered',
      () => 'cut',
    );
    await until(async () => (await calls('DescribeCluster')) > before, 'the DescribeCluster call');
    gateway.child.kill('SIGTERM');
    expect(await inFlight).toBe('cut');
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
