/**
 * The inventory store's tests run once per engine (`describe.each(ENGINES)`):
 * `useInventoryEngine(engine)` starts what the engine needs for the file (a PostgreSQL server
 * from test/helpers/postgres.ts; a temporary directory for SQLite files), and closes every store
 * it opened, after the file's tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreatePodIdentityAssociationCommand, EKSClient } from '@aws-sdk/client-eks';
import type { AssociationDetail } from '../../src/eks/types';
import { openInventoryStore, type KyselyInventoryStore, type InventoryEngine } from '../../src/inventory/store';
import { startPostgres, type PostgresServer } from './postgres';

export const ENGINES: readonly InventoryEngine[] = ['sqlite', 'postgres'];

export interface EngineHarness {
  /** A new empty database: a SQLite file in a temporary directory, or a new PostgreSQL database. */
  freshUrl(): Promise<string>;
  /** Opens a store (closed after the file's tests). */
  open(url: string): Promise<KyselyInventoryStore>;
  /** A store on a new empty database (SQLite in memory). */
  openFresh(): Promise<KyselyInventoryStore>;
  /** The PostgreSQL server, for the engine `postgres`. */
  server(): PostgresServer;
}

export function useInventoryEngine(engine: InventoryEngine): EngineHarness {
  let server: PostgresServer | undefined;
  let dir: string | undefined;
  let files = 0;
  const stores: KyselyInventoryStore[] = [];

  beforeAll(async () => {
    if (engine === 'postgres') server = await startPostgres();
    else dir = mkdtempSync(join(tmpdir(), 'inventory-sqlite-'));
  }, 60_000);

  afterAll(async () => {
    // A store a test closed itself rejects a second close; nothing to do then.
    await Promise.allSettled(stores.map((store) => store.close()));
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const harness: EngineHarness = {
    async freshUrl() {
      if (engine === 'postgres') return harness.server().createDatabase();
      files += 1;
      return `sqlite:${join(dir as string, `inventory-${files}.db`)}`;
    },
    async open(url) {
      const store = await openInventoryStore(url);
      stores.push(store);
      return store;
    },
    async openFresh() {
      return harness.open(engine === 'sqlite' ? 'sqlite::memory:' : await harness.freshUrl());
    },
    server() {
      if (!server) throw new Error('No PostgreSQL server: the engine is not postgres, or beforeAll has not run.');
      return server;
    },
  };
  return harness;
}

let sequence = 0;

/** An association with every field set to something plausible; `overrides` changes any of them. */
export function association(overrides: Partial<AssociationDetail> = {}): AssociationDetail {
  sequence += 1;
  const accountId = overrides.accountId ?? '111122223333';
  const region = overrides.region ?? 'us-east-1';
  const clusterName = overrides.clusterName ?? 'prod';
  const associationId = overrides.associationId ?? `a-${String(sequence).padStart(6, '0')}`;
  return {
    accountId,
    region,
    clusterName,
    associationId,
    associationArn: `arn:aws:eks:${region}:${accountId}:podidentityassociation/${clusterName}/${associationId}`,
    namespace: 'default',
    serviceAccount: 'app',
    roleArn: `arn:aws:iam::${accountId}:role/app`,
    targetRoleArn: null,
    externalId: null,
    disableSessionTags: false,
    policy: null,
    tags: {},
    ownerArn: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    modifiedAt: new Date('2026-01-02T00:00:00Z'),
    ...overrides,
  };
}

/** Every row of a search, through all its pages. */
export async function searchAll(
  store: KyselyInventoryStore,
  query: Omit<Parameters<KyselyInventoryStore['search']>[0], 'first' | 'after'>,
  pageSize = 100,
) {
  const rows = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.search({ ...query, first: pageSize, after });
    rows.push(...page.edges.map((edge) => edge.row));
    if (!page.hasNextPage) return rows;
    after = page.endCursor;
  }
}

/**
 * Creates an association directly on the emulator's default account (us-east-1), with the SDK:
 * a change the gateway learns of only by sweeping.
 */
export async function createOnEmulator(emulatorUrl: string, clusterName: string, namespace: string): Promise<void> {
  const client = new EKSClient({
    endpoint: emulatorUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    await client.send(
      new CreatePodIdentityAssociationCommand({
        clusterName,
        namespace,
        serviceAccount: 'sa',
        roleArn: `arn:aws:iam::000000000000:role/${namespace}`,
      }),
    );
  } finally {
    client.destroy();
  }
}
