/**
 * Two gateway replicas sharing one inventory on a real PostgreSQL server (started by the test):
 * they sweep once between them (the emulator counts one Describe per association, not two), both
 * read it, and when the sweeping replica stops, the other takes the lease over and keeps the
 * inventory up to date.
 */
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { startGateway, type RunningGateway } from '../../../src/server/gateway';
import { createOnEmulator } from '../../helpers/inventory';
import { startPostgres, type PostgresServer } from '../../helpers/postgres';

let postgres: PostgresServer;
let emulator: RunningEmulator;
let database: string;
const replicas: RunningGateway[] = [];

async function replica(): Promise<RunningGateway> {
  const config = loadConfig({
    PORT: '0',
    EKS_ENDPOINT: emulator.url,
    CACHE_TTL_MS: '0',
    INVENTORY: 'on',
    INVENTORY_DATABASE: database,
    INVENTORY_REFRESH_SECONDS: '1',
    INVENTORY_MAX_AGE_SECONDS: '3600',
    INVENTORY_LEASE_SECONDS: '2',
  });
  const gateway = await startGateway({
    config,
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    logger: pino({ level: 'silent' }),
  });
  replicas.push(gateway);
  return gateway;
}

async function gql<T>(gateway: RunningGateway, query: string): Promise<T> {
  const res = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < ms;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

const synced = async (gateway: RunningGateway) => (await fetch(`${gateway.url}/readyz?full`)).status === 200;
const total = (gateway: RunningGateway) =>
  gql<{ podIdentityAssociations: { totalCount: number } }>(gateway, '{ podIdentityAssociations { totalCount } }').then(
    (d) => d.podIdentityAssociations.totalCount,
  );
async function describes(): Promise<number> {
  const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { calls: Record<string, number> };
  return stats.calls.DescribePodIdentityAssociation ?? 0;
}

beforeAll(async () => {
  postgres = await startPostgres();
  database = await postgres.createDatabase();
  emulator = await startEmulator({ seed: 'demo' });
}, 60_000);
afterAll(async () => {
  for (const gateway of replicas) await gateway.close();
  await emulator?.close();
  await postgres?.stop();
});

test('two replicas sweep once between them; when the sweeper stops, the other takes over', async () => {
  const [a, b] = await Promise.all([replica(), replica()]);
  await until(async () => (await synced(a!)) && (await synced(b!)), 'both replicas synced');
  const associations = await total(a!);
  expect(associations).toBeGreaterThan(100);
  expect(await total(b!)).toBe(associations);
  // One full sweep, whichever replica made it: a Describe per association, not two.
  expect(await describes()).toBe(associations);

  // Stop whichever holds the lease now; the other must take it over and see a new association.
  const [sweeper, survivor] = (await leaseHeldBy(a!)) ? [a!, b!] : [b!, a!];
  expect(await leaseHeldBy(survivor)).toBe(false);
  await sweeper.close();
  replicas.splice(replicas.indexOf(sweeper), 1);
  await createOnEmulator(emulator.url, 'prod-platform', 'after-takeover');
  await until(async () => (await total(survivor)) === associations + 1, 'the survivor sweeping');
}, 60_000);

/** Whether a replica holds the sweep lease, from its metrics. */
async function leaseHeldBy(gateway: RunningGateway): Promise<boolean> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return /eks_pod_identity_gateway_inventory_sweep_lease_held 1\b/.test(text);
}
