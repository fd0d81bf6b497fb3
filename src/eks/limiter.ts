/**
 * A counting semaphore that serves its waiters fairly: at most `limit` tasks run at once, and
 * when a slot frees it goes to the next caller in turn, not to whoever queued first. One is
 * shared per region by every request of the process, so load never turns into throttling and
 * one caller's flood never makes another caller wait behind it.
 *
 * Order of service, when a slot frees:
 * 1. priority: interactive work (GraphQL requests) before bulk work (background jobs);
 * 2. within a priority, callers round-robin: each caller with work waiting gets one slot per turn;
 * 3. within a caller, its sources (requests) round-robin, so its own huge request does not starve
 *    its small one;
 * 4. within a source, first in, first out.
 *
 * Every operation is O(1): the turns are linked lists, and a caller or source leaves them (and
 * the maps) as soon as it has nothing waiting, so the state is bounded by what is waiting.
 */

export type Priority = 'interactive' | 'bulk';

/** Who a task is for. The object's identity is the source: one request, or one job. */
export interface WorkSource {
  /** The caller (the authenticated subject); its sources share one turn. */
  readonly caller: string;
  readonly priority: Priority;
  /** Aborting it takes the source's tasks out of the queue; they reject with its reason. */
  readonly signal?: AbortSignal | null;
}

/** The source of tasks run without one: a single first-in-first-out queue. */
const SHARED_SOURCE: WorkSource = Object.freeze({ caller: '', priority: 'interactive' });

const PRIORITY_ORDER: readonly Priority[] = ['interactive', 'bulk'];

export class ConcurrencyLimiter {
  private active = 0;
  private waiting = 0;
  private readonly lanes: Record<Priority, Lane> = { interactive: new Lane(), bulk: new Lane() };

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Concurrency limit must be a positive integer, received ${limit}.`);
    }
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting;
  }

  /** Callers with tasks waiting (0 when nothing waits: no state is kept for idle callers). */
  get waitingCallers(): number {
    return this.lanes.interactive.callers.size + this.lanes.bulk.callers.size;
  }

  /**
   * Runs `task` in a slot, after waiting for its turn if none is free. Rejects with the
   * signal's reason, without running `task`, when `source.signal` aborts first.
   */
  async run<T>(task: () => Promise<T>, source: WorkSource = SHARED_SOURCE): Promise<T> {
    if (source.signal?.aborted) throw source.signal.reason;
    if (this.active < this.limit) this.active += 1;
    else await this.wait(source);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private wait(source: WorkSource): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.lanes[source.priority].queueOf(source, (q) => this.cancel(q));
      queue.tasks.push({ start: resolve, fail: reject });
      this.waiting += 1;
    });
  }

  /** Hands the slot straight to the next waiter, so `active` never dips while others wait. */
  private release(): void {
    for (const priority of PRIORITY_ORDER) {
      const next = this.lanes[priority].next();
      if (next) {
        this.waiting -= 1;
        next.start();
        return;
      }
    }
    this.active -= 1;
  }

  /** The source's deadline passed: none of its waiting tasks will run. */
  private cancel(queue: SourceQueue): void {
    const reason: unknown = queue.source.signal?.reason;
    for (let task = queue.tasks.shift(); task; task = queue.tasks.shift()) {
      this.waiting -= 1;
      task.fail(reason);
    }
    queue.caller.lane.drop(queue);
  }
}

interface Waiter {
  start(): void;
  fail(reason: unknown): void;
}

/** The tasks of one source, in order. */
interface SourceQueue {
  readonly source: WorkSource;
  readonly caller: CallerQueue;
  readonly tasks: LinkedList<Waiter>;
  /** Its place in its caller's turn. */
  node: ListNode<SourceQueue> | null;
  stopListening: () => void;
}

/** The sources of one caller that have tasks waiting, in turn. */
interface CallerQueue {
  readonly name: string;
  readonly lane: Lane;
  readonly sources: Map<WorkSource, SourceQueue>;
  readonly turn: LinkedList<SourceQueue>;
  /** Its place in its lane's turn. */
  node: ListNode<CallerQueue> | null;
}

/** The callers of one priority that have tasks waiting, in turn. */
class Lane {
  readonly callers = new Map<string, CallerQueue>();
  private readonly turn = new LinkedList<CallerQueue>();

  queueOf(source: WorkSource, onAbort: (queue: SourceQueue) => void): SourceQueue {
    let caller = this.callers.get(source.caller);
    if (!caller) {
      caller = { name: source.caller, lane: this, sources: new Map(), turn: new LinkedList(), node: null };
      caller.node = this.turn.push(caller);
      this.callers.set(source.caller, caller);
    }
    let queue = caller.sources.get(source);
    if (!queue) {
      const created: SourceQueue = { source, caller, tasks: new LinkedList(), node: null, stopListening: () => {} };
      created.node = caller.turn.push(created);
      caller.sources.set(source, created);
      // One listener per source and limiter, however many of its tasks wait.
      const signal = source.signal;
      if (signal) {
        const listener = () => onAbort(created);
        signal.addEventListener('abort', listener, { once: true });
        created.stopListening = () => signal.removeEventListener('abort', listener);
      }
      queue = created;
    }
    return queue;
  }

  /** The next waiter by turn: its caller and source go to the back of their turns. */
  next(): Waiter | undefined {
    const caller = this.turn.first;
    if (!caller) return undefined;
    const queue = caller.value.turn.first?.value;
    const task = queue?.tasks.shift();
    if (!queue || !task) throw new Error('ConcurrencyLimiter: an empty queue was left in turn');
    if (queue.tasks.size === 0) this.drop(queue);
    else if (queue.node) caller.value.turn.moveToBack(queue.node);
    if (caller.value.node) this.turn.moveToBack(caller.value.node);
    return task;
  }

  /** Removes a source that has nothing waiting, and its caller when that was its last. */
  drop(queue: SourceQueue): void {
    const caller = queue.caller;
    queue.stopListening();
    if (queue.node) caller.turn.remove(queue.node);
    queue.node = null;
    caller.sources.delete(queue.source);
    if (caller.turn.size === 0) {
      if (caller.node) this.turn.remove(caller.node);
      caller.node = null;
      this.callers.delete(caller.name);
    }
  }
}

interface ListNode<T> {
  readonly value: T;
  prev: ListNode<T> | null;
  next: ListNode<T> | null;
}

/** A doubly linked list: push, shift, remove and move to the back in O(1). */
class LinkedList<T> {
  private head: ListNode<T> | null = null;
  private tail: ListNode<T> | null = null;
  size = 0;

  get first(): ListNode<T> | null {
    return this.head;
  }

  push(value: T): ListNode<T> {
    const node: ListNode<T> = { value, prev: null, next: null };
    this.append(node);
    return node;
  }

  shift(): T | undefined {
    const node = this.head;
    if (!node) return undefined;
    this.remove(node);
    return node.value;
  }

  remove(node: ListNode<T>): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
    this.size -= 1;
  }

  moveToBack(node: ListNode<T>): void {
    if (this.tail === node) return;
    this.remove(node);
    this.append(node);
  }

  private append(node: ListNode<T>): void {
    node.prev = this.tail;
    node.next = null;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.size += 1;
  }
}
