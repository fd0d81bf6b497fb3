/**
 * Long lists complete in turns of the event loop. graphql-js completes a list, and everything
 * below it whose data is at hand, without returning to the event loop: a page of 100 clusters
 * with 100 associations each, served from the cache, is one stretch of ~300 ms of CPU during
 * which no other request is read, answered or even accepted. A connection's `edges` and `nodes`
 * therefore hand over a long list only in a turn of their own: one list per turn, taking the
 * requests that wait in turn, with the event loop's I/O in between. A short list, and a request
 * with a single long list, barely notice (one turn is microseconds when nothing else waits).
 */

/** Lists shorter than this complete at once. */
export const LONG_LIST = 25;

/** Waiting lists by request (the request's context object), each request's in order. */
const waiting = new Map<object, Array<() => void>>();
let scheduled = false;

/** `items`, at once when short, else in a turn of its own. */
export function inTurn<T>(request: object, items: T[]): T[] | Promise<T[]> {
  if (items.length < LONG_LIST) return items;
  return new Promise((resolve) => {
    const queue = waiting.get(request);
    if (queue) queue.push(() => resolve(items));
    else waiting.set(request, [() => resolve(items)]);
    if (!scheduled) {
      scheduled = true;
      setImmediate(releaseOne);
    }
  });
}

/** Releases one list, of the request that waited longest for a turn, then yields the loop. */
function releaseOne(): void {
  const next = waiting.entries().next().value as [object, Array<() => void>];
  const [request, queue] = next;
  const release = queue.shift() as () => void;
  // The request goes to the back of the line.
  waiting.delete(request);
  if (queue.length > 0) waiting.set(request, queue);
  release();
  if (waiting.size > 0) setImmediate(releaseOne);
  else scheduled = false;
}
