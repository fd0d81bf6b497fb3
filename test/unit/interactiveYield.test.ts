/**
 * Background work leaves the CPU to requests: the call runner tells when no interactive EKS call
 * waits or runs anywhere in the process (bounded), and the inventory's pacer waits for it before
 * each sweep call.
 */
import { EksCallRunner, type CallScope } from '../../src/eks/callRunner';
import type { EksClientPool } from '../../src/eks/clients';
import { SweepPacer } from '../../src/inventory/pacer';

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
