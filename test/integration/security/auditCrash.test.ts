/**
 * A crash between a change and its outcome record. The gateway runs in a process of its own
 * with a file audit log, in front of the emulator's command line in another process, whose
 * latency holds the create on its way into EKS. SIGKILL of the gateway then leaves a change EKS
 * made and its attempt record, without an outcome: never a change without a record.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'gateway-audit-crash-'));
const auditFile = join(dir, 'audit.jsonl');
const running: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The first match of `pattern` on stdout. */
  printed(pattern: RegExp): Promise<string>;
}

/** Runs a TypeScript entry point in one node process (tsx as a loader), so its pid is its own. */
function start(script: string, args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    printed: (pattern) =>
      poll(`${script} to print ${pattern}`, () => {
        if (child.exitCode !== null) throw new Error(`${script} exited: ${stderr}`);
        return pattern.exec(stdout)?.[1] ?? null;
      }),
  };
}

/** Calls `check` every 50 ms until it gives a value, for at most 20 s. */
async function poll<T>(what: string, check: () => T | null | Promise<T | null>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await check();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function auditRecords(): Array<Record<string, unknown>> {
  if (!existsSync(auditFile)) return [];
  return readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('SIGKILL during a slow create leaves the association EKS made and its attempt record, without an outcome', async () => {
  const emulator = start('src/emulator/cli.ts', ['--port', '0', '--seed', 'demo'], {});
  const eks = await emulator.printed(/EKS emulator listening on (http:\/\/\S+)/);
  const gateway = start('src/main.ts', [], {
    PORT: '0',
    EKS_ENDPOINT: eks,
    AUDIT_LOG_FILE: auditFile,
    EKS_MAX_ATTEMPTS: '1',
    CACHE_TTL_MS: '0',
    LOG_LEVEL: 'warn',
  });
  const graphql = await gateway.printed(/GraphiQL: (http:\/\/\S+)/);

  // Every EKS call now takes 4 s before the emulator applies it.
  const faults = await fetch(`${eks}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: 4_000 }),
  });
  expect(faults.status).toBe(200);
  const token = 'crash-during-create-1';
  const answer = fetch(graphql, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { createPodIdentityAssociation(input: {
        clusterName: "prod-platform", region: "us-east-1", namespace: "payments", serviceAccount: "crash-test",
        roleArn: "arn:aws:iam::111122223333:role/payments-crash-test", clientRequestToken: "${token}" }) { errors { code } } }`,
    }),
  }).then(
    () => 'answered',
    () => 'no answer',
  );

  // The attempt is on disk, and the create has reached the emulator, which holds it.
  const attempt = await poll('the attempt record', () => auditRecords().find((r) => r.kind === 'attempt') ?? null);
  const calls = async () =>
    ((await (await fetch(`${eks}/_emulator/stats`)).json()) as { calls: Record<string, number> }).calls;
  await poll('the create to reach the emulator', async () =>
    (await calls()).CreatePodIdentityAssociation === 1 ? true : null,
  );
  gateway.child.kill('SIGKILL');
  expect(await gateway.exited).toEqual({ code: null, signal: 'SIGKILL' });
  expect(await answer).toBe('no answer');

  // EKS goes on and makes the change...
  const state = async () =>
    (
      (await (await fetch(`${eks}/_emulator/state?region=us-east-1&cluster=prod-platform`)).json()) as {
        clusters: Array<{
          associations?: Array<{ associationId?: string | null; namespace: string; serviceAccount: string }>;
        }>;
      }
    ).clusters[0]?.associations ?? [];
  const made = await poll(
    'the delayed create to land',
    async () => (await state()).find((a) => a.namespace === 'payments' && a.serviceAccount === 'crash-test') ?? null,
  );
  expect(made.associationId).toMatch(/^a-[a-z0-9]{17}$/);

  // ...and the audit log has its attempt, with the token EKS got, and no outcome.
  expect(auditRecords()).toEqual([attempt]);
  expect(attempt).toMatchObject({
    kind: 'attempt',
    attemptId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    subject: 'anonymous',
    authenticatedBy: 'none',
    operation: 'createPodIdentityAssociation',
    clientRequestToken: token,
    input: expect.objectContaining({
      clusterName: 'prod-platform',
      namespace: 'payments',
      serviceAccount: 'crash-test',
    }),
  });

  emulator.child.kill('SIGTERM');
  expect((await emulator.exited).code).toBe(0);
}, 60_000);
