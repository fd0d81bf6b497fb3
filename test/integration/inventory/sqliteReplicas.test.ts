/**
 * Processes sharing one inventory in a SQLite file: several opening a new file at once migrate
 * it once; two gateway processes (the build, as `npm start` runs it) sweep once between them, a
 * change made through either is in the other's searches at once, and when the sweeping process
 * is killed the other takes the lease over.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import {
  baseEnvironment,
  buildGateway,
  launchBuilt,
  ROOT,
  until,
  type LaunchedGateway,
} from '../../helpers/builtGateway';
import { createOnEmulator } from '../../helpers/inventory';

let emulator: RunningEmulator;
let dir: string;
const launched: LaunchedGateway[] = [];

beforeAll(async () => {
  buildGateway();
  emulator = await startEmulator({ seed: 'demo' });
  dir = mkdtempSync(join(tmpdir(), 'inventory-sqlite-replicas-'));
}, 120_000);
afterAll(async () => {
  for (const gateway of launched) {
    gateway.child.kill('SIGKILL');
    await gateway.exited;
  }
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the store in a process of its own; resolves with what it printed. */
function openInProcess(url: string): Promise<string> {
  const script = `require('./dist/src/inventory/store').openInventoryStore(${JSON.stringify(url)})
    .then(async (store) => { console.log(JSON.stringify(await store.counts())); await store.close(); })
    .catch((error) => { console.log('failed: ' + error.message); process.exitCode = 1; });`;
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { cwd: ROOT }, (_error, stdout, stderr) => resolve(stdout + stderr));
  });
}

test('four processes opening a new file at once migrate it once, and each opens it', async () => {
  // A race: each round is another chance for two of them to run the same migration.
  for (let round = 0; round < 8; round += 1) {
    const url = `sqlite:${join(dir, `opened-together-${round}.db`)}`;
    const printed = await Promise.all([1, 2, 3, 4].map(() => openInProcess(url)));
    expect(printed.map((out) => out.trim())).toEqual(
      Array(4).fill(JSON.stringify({ accounts: 0, clusters: 0, associations: 0 })),
    );
  }
}, 60_000);

async function replica(): Promise<{ process: LaunchedGateway; url: string }> {
  const process = launchBuilt({
    env: {
      ...baseEnvironment(),
      PORT: '0',
      LOG_LEVEL: 'error',
      EKS_ENDPOINT: emulator.url,
      CACHE_TTL_MS: '0',
      INVENTORY: 'on',
      INVENTORY_DATABASE: `sqlite:${join(dir, 'inventory.db')}`,
      INVENTORY_REFRESH_SECONDS: '1',
      INVENTORY_MAX_AGE_SECONDS: '3600',
      INVENTORY_LEASE_SECONDS: '2',
    },
  });
  launched.push(process);
  return { process, url: await process.ready };
}

async function gql<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const base = (url: string) => url.replace(/\/graphql$/, '');
const synced = async (url: string) => (await fetch(`${base(url)}/readyz?full`)).status === 200;
const inNamespace = async (url: string, namespace: string) =>
  (
    await gql<{ podIdentityAssociations: { totalCount: number } }>(
      url,
      'query N($namespace: String!) { podIdentityAssociations(filter: { namespace: $namespace }) { totalCount } }',
      { namespace },
    )
  ).podIdentityAssociations.totalCount;
const leaseHeld = async (url: string) =>
  /eks_pod_identity_gateway_inventory_sweep_lease_held 1\b/.test(await (await fetch(`${base(url)}/metrics`)).text());
async function describes(): Promise<number> {
  const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { calls: Record<string, number> };
  return stats.calls.DescribePodIdentityAssociation ?? 0;
}

test('two processes on one SQLite file sweep once, see each other’s writes, and take the lease over', async () => {
  const [a, b] = await Promise.all([replica(), replica()]);
  await until(async () => (await synced(a.url)) && (await synced(b.url)), 'both replicas synced', 60_000);
  const total = (url: string) => inNamespace(url, '*');
  const associations = await total(a.url);
  expect(associations).toBeGreaterThan(100);
  expect(await total(b.url)).toBe(associations);
  expect(await describes()).toBe(associations);

  // Written through by the replica that does not sweep, read by the other at once.
  const [sweeper, survivor] = (await leaseHeld(a.url)) ? [a, b] : [b, a];
  expect(await leaseHeld(survivor.url)).toBe(false);
  await gql(
    survivor.url,
    `mutation { createPodIdentityAssociation(input: { clusterName: "prod-platform", region: "us-east-1",
       namespace: "written-through", serviceAccount: "sa", roleArn: "arn:aws:iam::000000000000:role/written-through" }) {
       podIdentityAssociation { id } errors { code } } }`,
  );
  expect(await inNamespace(sweeper.url, 'written-through')).toBe(1);

  // Killed, not stopped: its lease expires instead of being given back.
  sweeper.process.child.kill('SIGKILL');
  await sweeper.process.exited;
  await createOnEmulator(emulator.url, 'prod-platform', 'after-takeover');
  await until(async () => (await inNamespace(survivor.url, 'after-takeover')) === 1, 'the survivor sweeping', 30_000);
  expect(await leaseHeld(survivor.url)).toBe(true);
}, 120_000);
