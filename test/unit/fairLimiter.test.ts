/**
 * The order in which the per-region limiter serves waiting tasks: interactive before bulk,
 * callers round-robin, a caller's sources (requests) round-robin, first in first out within a
 * source; a source's deadline takes its tasks out of the queue; nothing stays of an idle caller.
 */
import { ConcurrencyLimiter, type Priority, type WorkSource } from '../../src/eks/limiter';

const source = (caller: string, priority: Priority = 'interactive', signal: AbortSignal | null = null): WorkSource => ({
  caller,
  priority,
  signal,
});

/** A limiter of one slot, held until `open()`; `queue` records the order in which tasks start. */
function heldLimiter() {
  const limiter = new ConcurrencyLimiter(1);
  let open!: () => void;
  const holder = limiter.run(() => new Promise<void>((resolve) => (open = resolve)));
  const started: string[] = [];
  const pending: Array<Promise<unknown>> = [holder];
  const queue = (name: string, from: WorkSource) => {
    const run = limiter.run(async () => {
      started.push(name);
      return name;
    }, from);
    pending.push(run.catch(() => {}));
    return run;
  };
  const drain = async () => {
    open();
    await Promise.all(pending);
  };
  return { limiter, queue, drain, started };
}

test('callers take turns: a caller with many tasks waiting gets one slot per round', async () => {
  const { queue, drain, started } = heldLimiter();
  const a = source('alice');
  const b = source('bob');
  const c = source('carol');
  for (let i = 1; i <= 5; i += 1) queue(`a${i}`, a);
  queue('b1', b);
  queue('b2', b);
  queue('c1', c);
  await drain();
  expect(started).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4', 'a5']);
});

test("a caller's requests take turns too, so its huge request does not starve its small one", async () => {
  const { queue, drain, started } = heldLimiter();
  const huge = source('alice');
  const small = source('alice');
  const other = source('bob');
  for (let i = 1; i <= 4; i += 1) queue(`huge${i}`, huge);
  queue('small1', small);
  queue('small2', small);
  queue('bob1', other);
  await drain();
  // Alice's turns alternate between her two requests; Bob's turn comes between hers.
  expect(started).toEqual(['huge1', 'bob1', 'small1', 'huge2', 'small2', 'huge3', 'huge4']);
});

test('interactive work is served before bulk work, whatever queued first', async () => {
  const { queue, drain, started } = heldLimiter();
  const sync = source('inventory-sync', 'bulk');
  for (let i = 1; i <= 3; i += 1) queue(`bulk${i}`, sync);
  queue('alice1', source('alice'));
  queue('bob1', source('bob'));
  await drain();
  expect(started).toEqual(['alice1', 'bob1', 'bulk1', 'bulk2', 'bulk3']);
});

test("a source's signal takes its waiting tasks out of the queue; they never run", async () => {
  const { limiter, queue, drain, started } = heldLimiter();
  const deadline = new AbortController();
  const request = source('alice', 'interactive', deadline.signal);
  const cut = [queue('a1', request), queue('a2', request), queue('a3', request)];
  queue('b1', source('bob'));
  expect([limiter.queued, limiter.waitingCallers]).toEqual([4, 2]);
  const reason = new Error('deadline');
  deadline.abort(reason);
  for (const task of cut) await expect(task).rejects.toBe(reason);
  expect([limiter.queued, limiter.waitingCallers]).toEqual([1, 1]);
  await drain();
  expect(started).toEqual(['b1']);
});

test('a task whose signal already aborted is refused without taking a free slot', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const deadline = new AbortController();
  deadline.abort(new Error('too late'));
  let ran = false;
  await expect(limiter.run(async () => (ran = true), source('alice', 'interactive', deadline.signal))).rejects.toThrow(
    'too late',
  );
  expect([ran, limiter.running, limiter.queued]).toEqual([false, 0, 0]);
});

test('nothing is kept of callers once their tasks are done, and the slot count stays exact', async () => {
  const limiter = new ConcurrencyLimiter(3);
  let running = 0;
  let peak = 0;
  const task = async () => {
    running += 1;
    peak = Math.max(peak, running);
    await Promise.resolve();
    running -= 1;
  };
  const runs: Array<Promise<void>> = [];
  for (let caller = 0; caller < 50; caller += 1) {
    const from = source(`caller-${caller}`, caller % 5 === 0 ? 'bulk' : 'interactive');
    for (let i = 0; i < 20; i += 1) runs.push(limiter.run(task, from));
  }
  expect(limiter.queued).toBe(50 * 20 - 3);
  expect(limiter.waitingCallers).toBe(50);
  await Promise.all(runs);
  expect(peak).toBe(3);
  expect([limiter.running, limiter.queued, limiter.waitingCallers]).toEqual([0, 0, 0]);
});

test('a signal that aborts after its source left the queue changes nothing', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const deadline = new AbortController();
  const from = source('alice', 'interactive', deadline.signal);
  await Promise.all([limiter.run(async () => 1, from), limiter.run(async () => 2, from)]);
  deadline.abort(new Error('late'));
  await expect(limiter.run(async () => 3, source('bob'))).resolves.toBe(3);
  expect([limiter.running, limiter.queued, limiter.waitingCallers]).toEqual([0, 0, 0]);
});
