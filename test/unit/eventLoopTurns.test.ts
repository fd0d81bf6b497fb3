/**
 * Long lists complete in turns of the event loop: one list per turn, requests taking turns, and
 * whatever else waits on the loop (here a bystander's setImmediate chain) runs in between.
 */
import { inTurn, LONG_LIST } from '../../src/graphql/limits/eventLoopTurns';
import { PodIdentityAssociationConnection } from '../../src/graphql/resolvers/association';
import { ClusterConnection } from '../../src/graphql/resolvers/cluster';

const long = (tag: string) => Array.from({ length: LONG_LIST }, (_, i) => `${tag}${i}`);

test('a short list comes at once; a long one in a turn of its own', async () => {
  const request = {};
  const short = ['a', 'b'];
  expect(inTurn(request, short)).toBe(short);
  const items = long('x');
  const later = inTurn(request, items);
  expect(later).toBeInstanceOf(Promise);
  await expect(later).resolves.toBe(items);
});

test('lists are released one per turn, requests in turn, with the loop free in between', async () => {
  const order: string[] = [];
  let bystanderTurns = 0;
  let running = true;
  const bystander = () => {
    if (!running) return;
    bystanderTurns += 1;
    order.push(`turn${bystanderTurns}`);
    setImmediate(bystander);
  };
  setImmediate(bystander);
  const a = {};
  const b = {};
  const lists = [inTurn(a, long('a1')), inTurn(a, long('a2')), inTurn(a, long('a3')), inTurn(b, long('b1'))].map(
    async (p, i) => {
      await p;
      order.push(['a1', 'a2', 'a3', 'b1'][i] as string);
    },
  );
  await Promise.all(lists);
  running = false;
  const released = order.filter((o) => !o.startsWith('turn'));
  expect(released).toEqual(['a1', 'b1', 'a2', 'a3']);
  // Between two releases the loop took at least one other turn.
  for (let i = 1; i < released.length; i += 1) {
    const between = order.slice(order.indexOf(released[i - 1] as string) + 1, order.indexOf(released[i] as string));
    expect(between.some((o) => o.startsWith('turn'))).toBe(true);
  }
});

test("the connections' edges and nodes take their turn when long", async () => {
  const edges = long('e').map((cursor) => ({ cursor, node: { id: cursor } }));
  const connection = { edges, pageInfo: {} } as never;
  const ctx = {} as never;
  const resolve = (field: unknown) =>
    (field as (parent: unknown, args: unknown, ctx: unknown) => unknown)(connection, {}, ctx);
  for (const field of [
    ClusterConnection.nodes,
    ClusterConnection.edges,
    PodIdentityAssociationConnection.nodes,
    PodIdentityAssociationConnection.edges,
  ]) {
    const value = resolve(field);
    expect(value).toBeInstanceOf(Promise);
    expect(await value).toHaveLength(LONG_LIST);
  }
});
