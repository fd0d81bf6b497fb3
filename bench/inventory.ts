/**
 * The fleet inventory's scenarios, the last part of `npm run bench` (or alone:
 * `npm run bench:inventory`). The emulator (a process of its own, with latency L on every call)
 * holds a fleet of N associations over C clusters, 3 accounts and 2 regions; the gateway runs
 * from the build, as `npm start` runs it, with INVENTORY=on. Measures:
 * - the first sweep: EKS calls made against the minimum (ListClusters pages + List pages + one
 *   Describe per association), its duration against what the pace allows, the gateway's CPU per
 *   association synced;
 * - a refresh of the unchanged fleet: its calls (List only, plus the re-describe share);
 * - searches (role look-up, tag filter, namespace glob with totalCount and countsBy): p50 and p99
 *   at the client, and the EKS calls they made (0);
 * - an interactive detailed page while a sweep runs, against the same page idle.
 * Writes bench/results/inventory.md.
 *
 *   npm run bench:inventory -- [--associations N] [--clusters N] [--latency-ms N] [--rate N]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiAccountSeedFile } from '../src/emulator';
import { ensureBuilt } from './build';
import { graphqlClient } from './client';
import { startEmulatorProcess, type EmulatorProcess } from './emulatorProcess';
import { startGateway, type GatewayProcess } from './gatewayProcess';
import { percentile, round } from './stats';

const PLATFORM = '000000000000';
const MEMBERS = ['444455556666', '555566667777'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const ROLE = 'eks-pod-identity-gateway';
/** Detailed pages timed while the sweep runs, and again once it is over. */
const INTERACTIVE_RUNS = 20;
const TEAMS = ['payments', 'search', 'data', 'platform', 'checkout', 'identity', 'ml', 'web'];

export interface InventoryBenchOptions {
  associations: number;
  clusters: number;
  latencyMs: number;
  rate: number;
  searches: number;
}

export function inventoryOptions(argv: readonly string[]): InventoryBenchOptions {
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    const n = i === -1 ? fallback : Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number above 0`);
    return n;
  };
  return {
    associations: value('--associations', 50_000),
    clusters: value('--clusters', 200),
    latencyMs: value('--latency-ms', 20),
    rate: value('--rate', 200),
    searches: value('--searches', 50),
  };
}

/** N associations over C clusters, spread over 3 accounts and 2 regions; the members trust the platform. */
function fleetSeed(o: InventoryBenchOptions): MultiAccountSeedFile {
  const accounts = [PLATFORM, ...MEMBERS];
  const perCluster = Math.ceil(o.associations / o.clusters);
  let made = 0;
  const clustersOf = (accountId: string, index: number) =>
    Array.from({ length: o.clusters }, (_, c) => c)
      .filter((c) => c % accounts.length === index)
      .map((c) => {
        const count = Math.min(perCluster, o.associations - made);
        made += Math.max(0, count);
        const team = TEAMS[c % TEAMS.length] as string;
        return {
          name: `${team}-cluster-${c}`,
          region: REGIONS[c % REGIONS.length] as string,
          addons: [{ name: 'eks-pod-identity-agent', version: 'v1.3.4-eksbuild.1' }],
          associations: Array.from({ length: Math.max(0, count) }, (_, i) => ({
            namespace: `${TEAMS[i % TEAMS.length]}-${i % 25}`,
            serviceAccount: `workload-${i}`,
            roleArn: `arn:aws:iam::${accountId}:role/${TEAMS[i % TEAMS.length]}-role-${i % 50}`,
            ...(i % 5 === 0 ? { tags: { team: TEAMS[i % TEAMS.length] as string } } : {}),
          })),
        };
      });
  return {
    accounts: accounts.map((accountId, index) => ({
      accountId,
      ...(index === 0
        ? {}
        : {
            roles: [
              {
                roleName: ROLE,
                trustPolicy: {
                  Version: '2012-10-17',
                  Statement: [
                    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PLATFORM}:root` }, Action: 'sts:AssumeRole' },
                  ],
                },
              },
            ],
          }),
      clusters: clustersOf(accountId, index),
    })),
  } as MultiAccountSeedFile;
}

async function stats(emulator: EmulatorProcess): Promise<Record<string, number>> {
  const res = await fetch(`${emulator.url}/_emulator/stats`);
  return ((await res.json()) as { calls: Record<string, number> }).calls;
}
const reset = (emulator: EmulatorProcess) => fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
const eksCalls = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([name]) => !['AssumeRole', 'GetCallerIdentity', 'GetRole'].includes(name))
    .reduce((n, [, count]) => n + count, 0);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not within ${timeoutMs / 1000} s`);
}

async function timed(runs: number, run: () => Promise<void>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
}

/** Runs the scenarios, writes bench/results/inventory.md and returns its text. */
export async function runInventoryBench(o: InventoryBenchOptions): Promise<string> {
  ensureBuilt();
  const seed = fleetSeed(o);
  const dir = mkdtempSync(join(tmpdir(), 'bench-inventory-'));
  const accountsFile = join(dir, 'accounts.json');
  writeFileSync(
    accountsFile,
    JSON.stringify({
      accounts: [
        { accountId: PLATFORM, regions: REGIONS },
        ...MEMBERS.map((accountId) => ({
          accountId,
          roleArn: `arn:aws:iam::${accountId}:role/${ROLE}`,
          regions: REGIONS,
        })),
      ],
    }),
  );
  const emulator = await startEmulatorProcess({ seed, latencyMs: o.latencyMs, associationLimit: 5000 });
  const clusters = seed.accounts.reduce((n, a) => n + (a.clusters?.length ?? 0), 0);
  const associations = seed.accounts.reduce(
    (n, a) => n + (a.clusters ?? []).reduce((m, c) => m + (c.associations?.length ?? 0), 0),
    0,
  );
  const perClusterPages = seed.accounts
    .flatMap((a) => a.clusters ?? [])
    .reduce((n, c) => n + Math.max(1, Math.ceil((c.associations?.length ?? 0) / 100)), 0);
  const locations = (1 + MEMBERS.length) * REGIONS.length;
  const minimum = locations + perClusterPages + associations;
  let gateway: GatewayProcess | null = null;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  try {
    await reset(emulator);
    const started = Date.now();
    gateway = await startGateway({
      EKS_ENDPOINT: emulator.url,
      GATEWAY_ACCOUNTS_FILE: accountsFile,
      CACHE_TTL_MS: '0',
      INVENTORY: 'on',
      INVENTORY_CALLS_PER_SECOND: String(o.rate),
      INVENTORY_REFRESH_SECONDS: '86400',
      INVENTORY_MAX_AGE_SECONDS: '86400',
    });
    const cpuAtStart = gateway.cpuSeconds();
    const base = gateway.url.replace(/\/graphql$/, '');
    await until(async () => (await fetch(`${base}/readyz?full`)).status === 200, 3_600_000);
    const sweepSeconds = (Date.now() - started) / 1000;
    const sweepCpu = gateway.cpuSeconds() - cpuAtStart;
    const made = eksCalls(await stats(emulator));
    // What the pace allows: each location's calls at `rate` per second, the locations in parallel.
    const paced =
      Math.max(
        ...seed.accounts.flatMap((a) =>
          REGIONS.map((r) =>
            (a.clusters ?? [])
              .filter((c) => c.region === r)
              .reduce(
                (n, c) =>
                  n + 1 + Math.max(1, Math.ceil((c.associations?.length ?? 0) / 100)) + (c.associations?.length ?? 0),
                1,
              ),
          ),
        ),
      ) / o.rate;
    say(`# Inventory benchmark\n`);
    say(
      `Fleet: ${associations} associations over ${clusters} clusters, 3 accounts, 2 regions; EKS latency ${o.latencyMs} ms; pace ${o.rate} calls/s per account and region.\n`,
    );
    say('| measure | value |');
    say('|---|---|');
    say(`| first sweep: EKS calls made / minimum | ${made} / ${minimum} |`);
    say(`| first sweep: duration (s) / what the pace allows (s) | ${round(sweepSeconds)} / ${round(paced)} |`);
    say(`| first sweep: gateway CPU per association synced (ms) | ${round((sweepCpu * 1000) / associations)} |`);

    const client = graphqlClient(gateway.url);
    const search = async (query: string) => {
      await client.query(query);
    };
    await reset(emulator);
    const role = `arn:aws:iam::${PLATFORM}:role/payments-role-8`;
    const roleLookup = await timed(o.searches, () =>
      search(
        `{ role(arn: "${role}") { clusterCount associations(first: 25) { totalCount nodes { id clusterName namespace } } } }`,
      ),
    );
    const tagFilter = await timed(o.searches, () =>
      search(
        '{ podIdentityAssociations(first: 25, filter: { tag: { key: "team", value: "payments" } }) { totalCount nodes { id roleArn tags { key value } } } }',
      ),
    );
    const namespaceGlob = await timed(o.searches, () =>
      search(
        '{ podIdentityAssociations(first: 25, filter: { namespace: "payments-1*" }) { totalCount countsBy(field: CLUSTER) { value count } nodes { id roleArn } } }',
      ),
    );
    const searchCalls = eksCalls(await stats(emulator));
    say(`| search: role look-up p50 / p99 (ms) | ${roleLookup.p50} / ${roleLookup.p99} |`);
    say(`| search: tag filter with totalCount p50 / p99 (ms) | ${tagFilter.p50} / ${tagFilter.p99} |`);
    say(
      `| search: namespace glob with totalCount and countsBy p50 / p99 (ms) | ${namespaceGlob.p50} / ${namespaceGlob.p99} |`,
    );
    say(`| searches: EKS calls made | ${searchCalls} |`);

    // A detailed page of 100 while a second gateway's first sweep runs on the same EKS, then on
    // that same gateway once its sweep is over: one process, JIT-warmed by its own sweep both times.
    const detailed = `{ cluster(name: "payments-cluster-0", region: "us-east-1") { podIdentityAssociations(first: 100) { nodes { roleArn createdAt tags { key } } } } }`;
    const sweeper = await startGateway({
      EKS_ENDPOINT: emulator.url,
      GATEWAY_ACCOUNTS_FILE: accountsFile,
      CACHE_TTL_MS: '0',
      INVENTORY: 'on',
      INVENTORY_CALLS_PER_SECOND: String(o.rate),
      INVENTORY_REFRESH_SECONDS: '86400',
      INVENTORY_MAX_AGE_SECONDS: '86400',
    });
    try {
      const sweepingClient = graphqlClient(sweeper.url);
      // A few seconds into the sweep, as a request would meet it.
      await new Promise((r) => setTimeout(r, 3000));
      const busy = await timed(INTERACTIVE_RUNS, async () => {
        await sweepingClient.query(detailed);
      });
      const sweeperBase = sweeper.url.replace(/\/graphql$/, '');
      await until(async () => (await fetch(`${sweeperBase}/readyz?full`)).status === 200, 3_600_000);
      const idle = await timed(INTERACTIVE_RUNS, async () => {
        await sweepingClient.query(detailed);
      });
      sweepingClient.close();
      say(
        `| detailed page of 100: p50 idle / while sweeping (ms) | ${idle.p50} / ${busy.p50} (${round(busy.p50 / idle.p50)}x) |`,
      );
    } finally {
      await sweeper.stop();
    }
    client.close();
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const text = `${lines.join('\n')}\n`;
    writeFileSync(join(__dirname, 'results', 'inventory.md'), text);
    return text;
  } finally {
    await gateway?.stop();
    await emulator.close();
  }
}

if (require.main === module)
  runInventoryBench(inventoryOptions(process.argv.slice(2))).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
