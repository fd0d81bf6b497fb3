/**
 * Member accounts' sessions: assumed once per session, not per request, and renewed before they
 * end. Only `Date` is faked here (timers and I/O run for real), so the gateway, the SDK and the
 * emulator, all in this process, see the same clock move.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, tempFiles, type Stack } from '../../helpers/stack';

const files = tempFiles('account-sessions-');
/** The demo's platform and payments accounts (the untrusting data account is another test's). */
const demo = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'examples', 'accounts', 'demo.json'), 'utf8'),
) as { accounts: Array<{ name: string }> };
const ACCOUNTS_FILE = files.write('accounts.json', { accounts: demo.accounts.filter((a) => a.name !== 'data') });
let stack: Stack;
beforeAll(async () => {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
    now: Date.now(),
  });
  stack = await startStack({ seed: 'demo' }, { GATEWAY_ACCOUNTS_FILE: ACCOUNTS_FILE, ASSUME_ROLE_SECONDS: '900' });
});
afterAll(async () => {
  await stack.close();
  jest.useRealTimers();
  files.remove();
});

const PAGE = '{ clusters(first: 100) { nodes { accountId name } } }';
/** Moves the clock; then waits a real second, for Node's cached HTTP Date header to follow it. */
async function advance(ms: number): Promise<void> {
  jest.setSystemTime(Date.now() + ms);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}

const assumed = async () => (await stack.calls()).AssumeRole ?? 0;

test('a 900-second session serves every request until 5 minutes before it ends, then is renewed once', async () => {
  await stack.resetCalls();
  for (let i = 0; i < 3; i += 1) {
    const res = await stack.gql<{ clusters: { nodes: Array<{ accountId: string }> } }>(PAGE);
    expect(res.errors).toBeUndefined();
    expect(res.data?.clusters.nodes.some((c) => c.accountId === '444455556666')).toBe(true);
  }
  // One session for the payments account, shared by its two regions and every request.
  expect(await assumed()).toBe(1);

  await advance(9 * 60_000);
  await stack.gql(PAGE);
  // Nine minutes in, six remain: the session is kept.
  expect(await assumed()).toBe(1);

  await advance(2 * 60_000);
  const res = await stack.gql<{ clusters: { nodes: Array<{ accountId: string }> } }>(PAGE);
  expect(res.data?.clusters.nodes.some((c) => c.accountId === '444455556666')).toBe(true);
  // Eleven minutes in, under five remain: assumed anew, once, and kept again.
  expect(await assumed()).toBe(2);
  await stack.gql(PAGE);
  expect(await assumed()).toBe(2);
});
