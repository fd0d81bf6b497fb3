/**
 * Several stores on one database: replicas migrating one fresh PostgreSQL at once, racing for
 * and taking over a lease; and a SQLite file that keeps its rows across reopening.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Client } from 'pg';
import { openInventoryStore } from '../../../src/inventory/store';
import { association, ENGINES, useInventoryEngine } from '../../helpers/inventory';

const NOW = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('replicas on one PostgreSQL', () => {
  const harness = useInventoryEngine('postgres');

  test('four replicas opening a fresh database at once migrate it once, and all work', async () => {
    const url = await harness.freshUrl();
    const stores = await Promise.all([1, 2, 3, 4].map(() => harness.open(url)));
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const migrations = await client.query<{ name: string }>('select name from inventory_migrations');
      expect(migrations.rows.map((row) => row.name).sort()).toEqual([
        '0001_initial',
        '0002_sweep_markers',
        '0003_clusters',
      ]);
    } finally {
      await client.end();
    }
    await stores[0]?.upsertAssociations([association({ associationId: 'a-1' })], NOW);
    for (const store of stores) expect(await store.totalCount({}, null)).toBe(1);
    // A replica started later finds nothing to do.
    const later = await harness.open(url);
    expect(await later.totalCount({}, null)).toBe(1);
  });
});

describe.each(ENGINES)('two stores on one %s database', (engine) => {
  const harness = useInventoryEngine(engine);

  test('racing for free leases, exactly one store wins each', async () => {
    const url = await harness.freshUrl();
    const [a, b] = [await harness.open(url), await harness.open(url)];
    const names = Array.from({ length: 30 }, (_, i) => `lease-${i}`);
    const results = await Promise.all(
      names.map(async (name) => {
        const [byA, byB] = await Promise.all([
          a.tryAcquireLease(name, 'replica-a', 10_000, NOW),
          b.tryAcquireLease(name, 'replica-b', 10_000, NOW),
        ]);
        return { name, byA, byB };
      }),
    );
    for (const { name, byA, byB } of results) {
      expect(byA !== byB).toBe(true);
      expect((await a.leaseHolder(name))?.holder).toBe(byA ? 'replica-a' : 'replica-b');
    }
  });

  test('the other store takes the lease over once it expires, and the old holder loses it', async () => {
    const url = await harness.freshUrl();
    const [a, b] = [await harness.open(url), await harness.open(url)];
    expect(await a.tryAcquireLease('sweeper', 'replica-a', 5000, at(0))).toBe(true);
    expect(await a.tryAcquireLease('sweeper', 'replica-a', 5000, at(4000))).toBe(true);
    expect(await b.tryAcquireLease('sweeper', 'replica-b', 5000, at(8999))).toBe(false);
    // replica-a stops renewing (it died): at its expiry replica-b takes over.
    expect(await b.tryAcquireLease('sweeper', 'replica-b', 5000, at(9000))).toBe(true);
    expect(await a.leaseHolder('sweeper')).toEqual({ holder: 'replica-b', expiresAt: at(14_000) });
    expect(await a.tryAcquireLease('sweeper', 'replica-a', 5000, at(9001))).toBe(false);
    expect(await a.releaseLease('sweeper', 'replica-a')).toBe(false);
    expect((await b.leaseHolder('sweeper'))?.holder).toBe('replica-b');
  });

  test("one store's writes are the other's reads", async () => {
    const url = await harness.freshUrl();
    const [a, b] = [await harness.open(url), await harness.open(url)];
    await a.upsertAssociations([association({ associationId: 'a-1', tags: { team: 'x' } })], NOW);
    expect(await b.countsBy('TAG_KEY', {}, null)).toEqual([{ value: 'team', count: 1 }]);
    await b.recordFailure(
      { accountId: '111122223333', region: 'us-east-1', clusterName: null, code: 'X', message: 'x' },
      NOW,
    );
    expect(await a.listFailures()).toHaveLength(1);
  });
});

describe('SQLite files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'inventory-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reopening a file keeps its rows, tags, failures and leases; its directory is created; WAL mode', async () => {
    const path = join(dir, 'nested', 'deeper', 'inventory.db');
    const url = `sqlite:${path}`;
    const first = await openInventoryStore(url);
    const row = association({ associationId: 'a-1', tags: { team: 'payments' } });
    await first.upsertAssociations([row], NOW);
    await first.recordFailure({ accountId: '1', region: 'r', clusterName: 'c', code: 'X', message: 'x' }, NOW);
    expect(await first.tryAcquireLease('sweeper', 'me', 1000, NOW)).toBe(true);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first.db);
    expect(mode.rows).toEqual([{ journal_mode: 'wal' }]);
    await first.close();
    expect(existsSync(path)).toBe(true);

    const again = await openInventoryStore(url);
    try {
      expect(await again.getAssociation(row)).toEqual({ ...row, syncedAt: NOW, stale: false });
      expect(await again.totalCount({ tag: { key: 'team', value: 'payments' } }, null)).toBe(1);
      expect(await again.listFailures()).toHaveLength(1);
      expect(await again.leaseHolder('sweeper')).toEqual({ holder: 'me', expiresAt: at(1000) });
    } finally {
      await again.close();
    }
  });

  test('every sqlite::memory: store is its own database', async () => {
    const [a, b] = [await openInventoryStore('sqlite::memory:'), await openInventoryStore('sqlite::memory:')];
    try {
      await a.upsertAssociations([association()], NOW);
      expect(await b.totalCount({}, null)).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('an unknown database is refused before anything is opened', async () => {
    await expect(openInventoryStore('mysql://db/inventory')).rejects.toThrow(/must be sqlite::memory:/);
  });
});
