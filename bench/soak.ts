/**
 * A bounded soak run: the gateway as its own process in front of the emulator with faults on,
 * concurrent reads and writes on loopback for a fixed time, then a report of errors by kind,
 * latency percentiles and the gateway's memory over time. Exits non-zero when memory kept
 * growing or a request got a 5xx / INTERNAL_SERVER_ERROR.
 *
 *   npm run soak                  # 60 s, 16 clients
 *   SOAK_SECONDS=10 npm run soak
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 16);
const FAULT_RATE = Number(process.env.SOAK_FAULT_RATE ?? 0.05);
const root = join(__dirname, '..');

async function main(): Promise<void> {
  const emulator = await startEmulator({ seed: 'demo', latencyMs: 5, jitterMs: 3 });
  await fetch(`${emulator.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      seed: 11,
      latencyMs: 5,
      jitterMs: 3,
      rates: {
        '*': { throttle: FAULT_RATE, server: FAULT_RATE / 2, unavailable: FAULT_RATE / 2, drop: FAULT_RATE / 2 },
      },
    }),
  });
  // tsx as a loader in the same process (not its launcher), so the pid measured is the gateway's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // Every client of the soak is the one caller `anonymous`: no per-caller limit.
    env: {
      ...process.env,
      PORT: '0',
      EKS_ENDPOINT: emulator.url,
      LOG_LEVEL: 'warn',
      MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: '0',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /GraphiQL: (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });

  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const count = (kind: string) => outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  const memory: Array<{ second: number; rssMiB: number }> = [];
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  const sampler = setInterval(
    () => memory.push({ second: Math.round((Date.now() - started) / 1000), rssMiB: rssMiB(child.pid ?? 0) }),
    2000,
  );
  memory.push({ second: 0, rssMiB: rssMiB(child.pid ?? 0) });

  const request = async (query: string, variables?: Record<string, unknown>) => {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as {
      errors?: Array<{ extensions?: { code?: string } }>;
      data?: Record<string, { errors?: Array<{ code: string }> } | null>;
    };
    latencies.push(performance.now() - t0);
    if (res.status >= 500) count(`http ${res.status}`);
    const codes = [
      ...(body.errors ?? []).map((e) => e.extensions?.code ?? 'unknown'),
      ...Object.values(body.data ?? {}).flatMap((p) => p?.errors?.map((e) => e.code) ?? []),
    ];
    if (codes.length === 0) count('ok');
    for (const code of new Set(codes)) count(code);
    return body;
  };

  let serial = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (Date.now() < deadline) {
        const kind = serial % 4;
        serial += 1;
        if (kind === 3) {
          // A write: create (retrying with its token), then delete what was made.
          const token = `soak-${client}-${serial}`;
          const body = (await request(
            'mutation($i: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $i) { podIdentityAssociation { id } errors { code } } }',
            {
              i: {
                clusterName: 'staging-apps',
                region: 'us-east-1',
                namespace: 'soak',
                serviceAccount: `c${client}-${serial}`,
                roleArn: 'arn:aws:iam::111122223333:role/soak',
                clientRequestToken: token,
              },
            },
          )) as { data?: { createPodIdentityAssociation?: { podIdentityAssociation?: { id: string } | null } } };
          const id = body.data?.createPodIdentityAssociation?.podIdentityAssociation?.id;
          if (id)
            await request(
              'mutation($id: ID!) { deletePodIdentityAssociation(input: { id: $id }) { errors { code } } }',
              { id },
            );
        } else if (kind === 2) {
          await request(
            '{ clusters { nodes { name status version podIdentityAssociations(first: 20) { nodes { roleArn createdAt } } } } }',
          );
        } else {
          await request(
            '{ cluster(name: "prod-platform", region: "us-east-1") { podIdentityAssociations(first: 100) { nodes { id namespace serviceAccount } } } }',
          );
        }
      }
    }),
  );
  clearInterval(sampler);
  memory.push({ second: SECONDS, rssMiB: rssMiB(child.pid ?? 0) });
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await emulator.close();

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const firstHalf = memory.filter((m) => m.second <= SECONDS / 2).map((m) => m.rssMiB);
  const secondHalf = memory.filter((m) => m.second > SECONDS / 2).map((m) => m.rssMiB);
  // Growth without bound shows as a second half well above the first half's peak.
  const bounded = Math.max(...secondHalf) <= Math.max(...firstHalf) * 1.25 + 20;
  const serverErrors = [...outcomes.entries()].filter(([k]) => k.startsWith('http 5') || k === 'INTERNAL_SERVER_ERROR');
  const report = {
    seconds: SECONDS,
    clients: CLIENTS,
    faultRate: FAULT_RATE * 2.5,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / SECONDS),
    p50ms: Math.round(pct(50) * 10) / 10,
    p99ms: Math.round(pct(99) * 10) / 10,
    outcomes: Object.fromEntries([...outcomes.entries()].sort()),
    memory: {
      startMiB: memory[0]?.rssMiB,
      endMiB: memory[memory.length - 1]?.rssMiB,
      peakMiB: Math.max(...memory.map((m) => m.rssMiB)),
      bounded,
    },
    node: process.version,
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(root, 'bench', 'results', 'soak.json'),
    `${JSON.stringify({ ...report, samples: memory }, null, 2)}\n`,
  );
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!bounded || serverErrors.length > 0) {
    process.stderr.write(
      `Soak failed: ${!bounded ? 'memory kept growing' : ''} ${serverErrors.map(([k, n]) => `${n} × ${k}`).join(', ')}\n`,
    );
    process.exit(1);
  }
}

function rssMiB(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
