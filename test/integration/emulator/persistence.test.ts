/** Persistence: snapshot + journal, restarts, torn writes, corruption, crash safety, and a hard kill. */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
  UpdatePodIdentityAssociationCommand,
} from '@aws-sdk/client-eks';
import type { SeedFile } from '../../../src/emulator';
import { applyChange, type StateChange } from '../../../src/emulator/changes';
import { Persistence } from '../../../src/emulator/persistence';
import { Store } from '../../../src/emulator/store';
import { control, eks, role, start } from './helpers';

const seed: SeedFile = {
  clusters: [
    {
      name: 'alpha',
      region: 'us-east-1',
      associations: [{ namespace: 'seeded', serviceAccount: 'one', roleArn: role('one') }],
    },
  ],
};
const ROOT = path.resolve(__dirname, '../../..');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'eks-emulator-persistence-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
function stateFile(): string {
  fileCounter += 1;
  return path.join(dir, `state-${fileCounter}.json`);
}

/** Copies a state file and its journal as they are on disk right now: what a crash at this instant leaves behind. */
function crashCopy(file: string): string {
  const copy = stateFile();
  if (existsSync(file)) copyFileSync(file, copy);
  if (existsSync(`${file}.journal`)) copyFileSync(`${file}.journal`, `${copy}.journal`);
  return copy;
}

async function stateOf(url: string): Promise<SeedFile> {
  return control<SeedFile>(url, 'state');
}

async function mutate(url: string) {
  const client = eks(url);
  const a = await client.send(
    new CreatePodIdentityAssociationCommand({
      clusterName: 'alpha',
      namespace: 'kept',
      serviceAccount: 'a',
      roleArn: role('a'),
      tags: { t: '1' },
      clientRequestToken: 'tok-a',
    }),
  );
  const b = await client.send(
    new CreatePodIdentityAssociationCommand({
      clusterName: 'alpha',
      namespace: 'kept',
      serviceAccount: 'b',
      roleArn: role('b'),
      targetRoleArn: role('t', '444455556666'),
    }),
  );
  await client.send(
    new UpdatePodIdentityAssociationCommand({
      clusterName: 'alpha',
      associationId: a.association?.associationId,
      roleArn: role('a2'),
    }),
  );
  await client.send(
    new DeletePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: b.association?.associationId }),
  );
  await control(url, 'clusters', 'POST', {
    clusters: [
      {
        name: 'later',
        region: 'eu-west-1',
        associations: [{ namespace: 'x', serviceAccount: 'y', roleArn: role('xy') }],
      },
    ],
  });
  client.destroy();
  return a.association;
}

test('state survives a clean restart, and the state file wins over the seed', async () => {
  const file = stateFile();
  const first = await start({ seed, stateFile: file });
  const created = await mutate(first.url);
  const firstClient = eks(first.url);
  const page = await firstClient.send(new ListPodIdentityAssociationsCommand({ clusterName: 'alpha', maxResults: 1 }));
  firstClient.destroy();
  const before = await stateOf(first.url);
  await first.close();
  expect(readFileSync(`${file}.journal`, 'utf8')).toBe(''); // close() compacts into the snapshot

  const second = await start({ seed: 'demo', stateFile: file });
  try {
    expect(await stateOf(second.url)).toEqual(before);
    const client = eks(second.url);
    // Page tokens stay valid: their HMAC key is part of the state.
    const next = await client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'alpha', maxResults: 1, nextToken: page.nextToken }),
    );
    expect(next.associations?.[0]?.associationId).toBe(created?.associationId);
    // Idempotency records survive too.
    const repeat = await client.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'alpha',
        namespace: 'kept',
        serviceAccount: 'a',
        roleArn: role('a'),
        tags: { t: '1' },
        clientRequestToken: 'tok-a',
      }),
    );
    expect(repeat.association).toEqual(created);
    client.destroy();
  } finally {
    await second.close();
  }
});

test('a fresh state file starts from the seed and gets its first snapshot at once', async () => {
  const file = stateFile();
  const emulator = await start({ seed, stateFile: file });
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      accounts: Array<{ accountId: string; clusters: Array<{ name: string }> }>;
    };
    expect(snapshot.format).toBe('eks-emulator-state');
    expect(snapshot.accounts.map((a) => ({ accountId: a.accountId, clusters: a.clusters.map((c) => c.name) }))).toEqual(
      [{ accountId: '000000000000', clusters: ['alpha'] }],
    );
  } finally {
    await emulator.close();
  }
});

test('acknowledged writes are in the journal before the response: a crash copy replays them', async () => {
  const file = stateFile();
  const emulator = await start({ seed, stateFile: file });
  try {
    await mutate(emulator.url);
    const expected = await stateOf(emulator.url);
    const copy = crashCopy(file);
    expect(readFileSync(`${copy}.journal`, 'utf8').trim().split('\n')).toHaveLength(5);
    const recovered = await start({ seed: 'none', stateFile: copy });
    try {
      expect(await stateOf(recovered.url)).toEqual(expected);
    } finally {
      await recovered.close();
    }
  } finally {
    await emulator.close();
  }
});

test('a torn last journal line is ignored, and later writes are not harmed by it', async () => {
  const file = stateFile();
  const emulator = await start({ seed, stateFile: file });
  let copy: string;
  let expected: SeedFile;
  try {
    await mutate(emulator.url);
    expected = await stateOf(emulator.url);
    copy = crashCopy(file);
  } finally {
    await emulator.close();
  }
  appendFileSync(`${copy}.journal`, '{"lsn":99,"change":{"type":"putAssoc');
  const logs: string[] = [];
  const recovered = await start({ seed: 'none', stateFile: copy, logger: (line) => logs.push(line) });
  expect(await stateOf(recovered.url)).toEqual(expected);
  expect(logs.join('\n')).toMatch(/ignoring a torn last line/);
  const client = eks(recovered.url);
  await client.send(
    new CreatePodIdentityAssociationCommand({
      clusterName: 'alpha',
      namespace: 'after',
      serviceAccount: 'torn',
      roleArn: role('t'),
    }),
  );
  client.destroy();
  const withMore = await stateOf(recovered.url);
  const again = crashCopy(copy);
  await recovered.close();
  const third = await start({ seed: 'none', stateFile: again });
  try {
    expect(await stateOf(third.url)).toEqual(withMore);
  } finally {
    await third.close();
  }
});

test('a crash between the snapshot rename and the journal truncation applies nothing twice', async () => {
  const file = stateFile();
  const emulator = await start({ seed, stateFile: file });
  await mutate(emulator.url);
  const expected = await stateOf(emulator.url);
  const oldJournal = readFileSync(`${file}.journal`, 'utf8');
  await emulator.close(); // snapshot now holds everything; the journal is empty
  writeFileSync(`${file}.journal`, oldJournal); // as if the truncation never happened
  const recovered = await start({ seed: 'none', stateFile: file });
  try {
    expect(await stateOf(recovered.url)).toEqual(expected);
  } finally {
    await recovered.close();
  }
});

test('journal appends racing with compactions lose nothing and apply nothing twice', async () => {
  const file = stateFile();
  const { persistence } = await Persistence.open(file, () => undefined);
  const store = new Store('000000000000');
  const account = store.ensureAccount('000000000000');
  account.addCluster({
    region: 'us-east-1',
    name: 'race',
    version: '1.31',
    status: 'ACTIVE',
    platformVersion: 'eks.1',
    tags: {},
    createdAt: 0,
    nextSeq: 1,
    addons: [],
    associations: [],
  });
  const key = Buffer.alloc(32, 7);
  persistence.attach(() => ({
    defaultAccountId: store.defaultAccountId,
    paginationKey: key.toString('base64'),
    accounts: [
      { accountId: account.accountId, clusters: account.clusters().map((c) => c.snapshot()), idempotency: [] },
    ],
  }));
  const writes: Array<Promise<void>> = [];
  for (let i = 0; i < 300; i++) {
    const cluster = account.cluster('us-east-1', 'race');
    if (!cluster) throw new Error('cluster missing');
    const change: StateChange = {
      type: 'putAssociation',
      accountId: account.accountId,
      region: 'us-east-1',
      cluster: 'race',
      association: {
        seq: cluster.takeSeq(),
        associationId: `a-${String(i).padStart(17, '0')}`,
        namespace: 'ns',
        serviceAccount: `sa-${i}`,
        roleArn: role('r'),
        targetRoleArn: null,
        externalId: null,
        disableSessionTags: false,
        policy: null,
        tags: {},
        ownerAddon: null,
        createdAt: i,
        modifiedAt: i,
      },
      idempotency: null,
    };
    applyChange(store, change);
    writes.push(persistence.append(change));
    if (i % 40 === 0) writes.push(persistence.compact());
    if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(writes);
  const copy = crashCopy(file);
  await persistence.close();

  const reopened = await Persistence.open(copy, () => undefined);
  const restored = new Store('000000000000');
  for (const snapshot of reopened.loaded.snapshot?.accounts ?? []) {
    for (const cluster of snapshot.clusters) restored.ensureAccount(snapshot.accountId).addCluster(cluster);
  }
  for (const entry of reopened.loaded.entries) applyChange(restored, entry.change);
  await reopened.persistence.abandon();
  const ids = restored
    .account('000000000000')
    .cluster('us-east-1', 'race')
    ?.associations()
    .map((a) => a.associationId);
  expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => `a-${String(i).padStart(17, '0')}`));
});

describe('refusing to start rather than dropping data', () => {
  test('a corrupt snapshot fails the start with an error naming the file', async () => {
    const file = stateFile();
    writeFileSync(file, '{"format": "eks-emulator-state", "version": 1, "clusters": [');
    await expect(start({ stateFile: file })).rejects.toThrow(
      new RegExp(
        `state file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} end of file: not valid JSON .* The file is corrupt`,
      ),
    );
    writeFileSync(file, '{"something": "else"}');
    await expect(start({ stateFile: file })).rejects.toThrow(
      /state file .* line 1: is not an EKS emulator state file .* The file is corrupt/,
    );
    expect(readFileSync(file, 'utf8')).toBe('{"something": "else"}');
    const malformed = {
      format: 'eks-emulator-state',
      version: 1,
      lsn: 0,
      accountId: '000000000000',
      paginationKey: 'a2V5',
      idempotency: [],
      clusters: [{ name: 'alpha', region: 'us-east-1', nextSeq: '1', addons: [], associations: [] }],
    };
    writeFileSync(file, JSON.stringify(malformed, null, 2));
    await expect(start({ stateFile: file })).rejects.toThrow(
      /state file .* line 12 \(clusters\[0\]\.nextSeq\): must be a number, received "1"\. The file is corrupt/,
    );
  });

  test('a corrupt journal line that is not the last fails the start naming the journal and line', async () => {
    const file = stateFile();
    const emulator = await start({ seed, stateFile: file });
    await mutate(emulator.url);
    const copy = crashCopy(file);
    await emulator.close();
    const lines = readFileSync(`${copy}.journal`, 'utf8').split('\n');
    lines[1] = '{garbage';
    writeFileSync(`${copy}.journal`, lines.join('\n'));
    await expect(start({ stateFile: copy })).rejects.toThrow(
      /journal .*state-\d+\.json\.journal is corrupt: line 2 is not valid JSON/,
    );
  });

  test('a journal whose state file is missing fails the start', async () => {
    const file = stateFile();
    writeFileSync(
      `${file}.journal`,
      '{"lsn":1,"change":{"type":"deleteAssociation","region":"us-east-1","cluster":"alpha","associationId":"a-00000000000000000"}}\n',
    );
    await expect(start({ stateFile: file })).rejects.toThrow(/exists but its state file .* does not/);
  });
});

test('a hard kill during a burst of acknowledged creates loses none of them', async () => {
  const file = stateFile();
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['src/emulator/cli.ts', '--port', '0', '--seed', 'demo', '--state-file', file],
    {
      cwd: ROOT,
      detached: true, // its own process group, so the kill reaches tsx's node child too
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const match = /(http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`emulator exited early with ${String(code)}`)));
    });
    const client = eks(url);
    const acknowledged: string[] = [];
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (!killed) {
        const i = next++;
        try {
          const { association } = await client.send(
            new CreatePodIdentityAssociationCommand({
              clusterName: 'prod-platform',
              namespace: 'burst',
              serviceAccount: `sa-${i}`,
              roleArn: role('burst'),
            }),
          );
          if (association?.associationId) acknowledged.push(association.associationId);
          if (acknowledged.length >= 150 && !killed) {
            killed = true;
            process.kill(-(child.pid as number), 'SIGKILL');
          }
        } catch {
          // requests in flight at the kill fail; they were never acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await exited;
    client.destroy();

    const restarted = await start({ seed: 'none', stateFile: file });
    try {
      const state = await stateOf(restarted.url);
      const prod = state.clusters.find((c) => c.name === 'prod-platform');
      const ids = new Set(
        (prod?.associations ?? []).filter((a) => a.namespace === 'burst').map((a) => a.associationId),
      );
      expect(acknowledged.length).toBeGreaterThanOrEqual(150);
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      // The demo's 184 associations of prod-platform are there too.
      expect(prod?.associations?.length).toBeGreaterThanOrEqual(184 + acknowledged.length);
    } finally {
      await restarted.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
  }
});
