/**
 * Background work leaves the CPU to requests: the call runner tells when no interactive EKS call
 * waits or runs anywhere in the process (bounded), and the inventory's pacer waits for it before
 * each sweep call and each database write.
 */
import { EksCallRunner, type CallScope } from '../../src/eks/callRunner';
import type { EksClientPool } from '../../src/eks/clients';
import type { PodIdentityBackend } from '../../src/eks/operations';
import type { AssociationSummary } from '../../src/eks/types';
import { SweepPacer } from '../../src/inventory/pacer';
import { openInventoryStore } from '../../src/inventory/store';
import { sweep } from '../../src/inventory/sweep';

const AT = { accountId: '111122223333', region: 'us-east-1' };
const interactive: CallScope = { caller: 'alice', priority: 'interactive', signal: null, timeoutMs: null };
const bulk: CallScope = { caller: 'inventory', priority: 'bulk', signal: null, timeoutMs: null };

function runner(): EksCallRunner {
  const pool = { forLocation: () => ({}) } as unknown as EksClientPool;
  return new EksCallRunner(pool, 2);
}

/** A call that ends when told to. */
function pendingCall(): { call: () => Promise<string>; end: () => void } {
  let end!: () => void;
  const done = new Promise<string>((resolve) => (end = () => resolve('ok')));
  return { call: () => done, end };
}

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

test('idle at once with nothing running; waits for interactive calls, queued ones included', async () => {
  const eks = runner();
  expect(await settled(eks.whenInteractiveIdle(60_000))).toBe(true);
  // Three calls on a limit of two: one of them waits in the queue, and counts too.
  const calls = [pendingCall(), pendingCall(), pendingCall()];
  const running = calls.map((c) => eks.run(interactive, AT, 'DescribePodIdentityAssociation', c.call));
  const idle = eks.whenInteractiveIdle(60_000);
  calls[0]?.end();
  calls[1]?.end();
  expect(await settled(idle)).toBe(false);
  calls[2]?.end();
  await Promise.all(running);
  expect(await settled(idle)).toBe(true);
});

test('bulk calls do not count, and the wait is bounded', async () => {
  const eks = runner();
  const background = pendingCall();
  const sweepCall = eks.run(bulk, AT, 'ListPodIdentityAssociations', background.call);
  expect(await settled(eks.whenInteractiveIdle(60_000))).toBe(true);
  const request = pendingCall();
  const requestCall = eks.run(interactive, AT, 'DescribePodIdentityAssociation', request.call);
  const started = Date.now();
  await eks.whenInteractiveIdle(30);
  expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  request.end();
  background.end();
  await Promise.all([sweepCall, requestCall]);
});

test("the pacer's turn waits for the interactive calls before it takes a token", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const pacer = new SweepPacer(100, Date.now, undefined, () => gate);
  const turn = pacer.turn(AT);
  expect(await settled(turn)).toBe(false);
  release();
  expect(await settled(turn)).toBe(true);
});

test("a sweep's database write waits for the interactive calls: SQLite holds the event loop while it writes", async () => {
  const summary: AssociationSummary = {
    ...AT,
    clusterName: 'payments',
    namespace: 'shop',
    serviceAccount: 'cart',
    associationArn: 'arn:aws:eks:us-east-1:111122223333:podidentityassociation/payments/a-1',
    associationId: 'a-1',
    ownerArn: null,
  };
  const eks = {
    listClusters: async () => ({ items: ['payments'], nextToken: null }),
    listAssociations: async () => ({ items: [summary], nextToken: null }),
    describeAssociation: async () => ({
      ...summary,
      roleArn: 'arn:aws:iam::111122223333:role/cart',
      targetRoleArn: null,
      externalId: null,
      disableSessionTags: false,
      policy: null,
      tags: {},
      createdAt: null,
      modifiedAt: null,
    }),
  } as unknown as PodIdentityBackend;
  const store = await openInventoryStore('sqlite::memory:');
  const cluster = { accountId: AT.accountId, region: AT.region, name: 'payments' };
  // The pacer's own turns go at once; only the writes meet the gate.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let waits = 0;
  try {
    const run = sweep({
      kind: 'full',
      locations: [AT],
      eks,
      store,
      pacer: new SweepPacer(1000, Date.now),
      maxAgeMs: 3_600_000,
      refreshMs: 300_000,
      now: () => new Date(),
      cancelled: () => false,
      yieldToInteractive: () => {
        waits += 1;
        return gate;
      },
    });
    await until(() => waits > 0);
    expect(await store.clusterRows(cluster)).toEqual([]);
    release();
    expect((await run).described).toBe(1);
    expect((await store.clusterRows(cluster)).map((row) => row.associationId)).toEqual(['a-1']);
  } finally {
    await store.close();
  }
});

async function until(condition: () => boolean): Promise<void> {
  for (let turns = 0; !condition(); turns += 1) {
    if (turns > 1000) throw new Error('the condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
