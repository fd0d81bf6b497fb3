/**
 * Each caller's allowance of EKS calls per minute (MAX_EKS_CALLS_PER_CALLER_PER_MINUTE), on a
 * clock the test moves: a token bucket per caller, refilled continuously, forgotten when idle.
 */
import {
  CallBudget,
  CallBudgetExceeded,
  CallerCallRate,
  CallRateExceeded,
  withCallBudget,
} from '../../src/eks/callBudget';
import type { PodIdentityBackend } from '../../src/eks/operations';
import { GatewayMetrics } from '../../src/metrics';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a caller spends its minute at once, then gets one call every 60/limit seconds', () => {
  const time = clock();
  const rate = new CallerCallRate(3, time.now);
  for (let i = 0; i < 3; i += 1) rate.take('alice', 'ListClusters');
  let refused: unknown;
  try {
    rate.take('alice', 'DescribeCluster');
  } catch (error) {
    refused = error;
  }
  expect(refused).toBeInstanceOf(CallRateExceeded);
  expect(refused).toMatchObject({ limit: 3, operation: 'DescribeCluster', retryAfterMs: 20_000 });
  time.advance(19_999);
  expect(() => rate.take('alice', 'ListClusters')).toThrow(CallRateExceeded);
  time.advance(1);
  rate.take('alice', 'ListClusters');
  expect(() => rate.take('alice', 'ListClusters')).toThrow(CallRateExceeded);
});

test('callers do not share an allowance', () => {
  const rate = new CallerCallRate(1, clock().now);
  rate.take('alice', 'ListClusters');
  expect(() => rate.take('alice', 'ListClusters')).toThrow(CallRateExceeded);
  rate.take('bob', 'ListClusters');
});

test('an idle bucket refills to the limit and no further', () => {
  const time = clock();
  const rate = new CallerCallRate(2, time.now);
  rate.take('alice', 'ListClusters');
  rate.take('alice', 'ListClusters');
  time.advance(10 * 60_000);
  rate.take('alice', 'ListClusters');
  rate.take('alice', 'ListClusters');
  expect(() => rate.take('alice', 'ListClusters')).toThrow(CallRateExceeded);
});

test('callers idle for a minute are forgotten, so the state is bounded by the last minute', () => {
  const time = clock();
  const rate = new CallerCallRate(100, time.now);
  for (let i = 0; i < 1_000; i += 1) rate.take(`caller-${i}`, 'ListClusters');
  expect(rate.trackedCallers).toBe(1_000);
  time.advance(30_000);
  rate.take('caller-7', 'ListClusters');
  time.advance(30_000);
  // Everyone but caller-7 has been idle a full minute; the next call sweeps them.
  rate.take('newcomer', 'ListClusters');
  expect(rate.trackedCallers).toBe(2);
  time.advance(60_000);
  rate.take('newcomer', 'ListClusters');
  expect(rate.trackedCallers).toBe(1);
});

test('refuses a limit below 1 (0 turns the allowance off in the configuration, not here)', () => {
  expect(() => new CallerCallRate(0)).toThrow('received 0');
});

describe('withCallBudget with a caller allowance', () => {
  const backend: PodIdentityBackend = {
    listClusters: async () => ({ items: [], nextToken: null }),
    describeCluster: async () => null,
    listAssociations: async () => ({ items: [], nextToken: null }),
    describeAssociation: async () => null,
    createAssociation: async () => null as never,
    updateAssociation: async () => null as never,
    deleteAssociation: async () => null as never,
    tagAssociation: async () => undefined,
    untagAssociation: async () => undefined,
    listAssociationTags: async () => ({}),
    describeAddon: async () => null,
    getRole: async () => null,
  };

  test('neither limit counts a call the other refuses, and each refusal is counted by its code', async () => {
    const rate = new CallerCallRate(2, clock().now);
    const metrics = new GatewayMetrics();
    const budget = new CallBudget(1);
    const first = withCallBudget(backend, budget, { callerRate: { rate, caller: 'alice' }, metrics });
    await first.listClusters({ accountId: '000000000000', region: 'us-east-1' }, 1, null);
    // The request's budget is spent: refused before the caller's allowance is touched.
    await expect(first.listClusters({ accountId: '000000000000', region: 'us-east-1' }, 1, null)).rejects.toThrow(
      CallBudgetExceeded,
    );
    const second = withCallBudget(backend, new CallBudget(5), { callerRate: { rate, caller: 'alice' }, metrics });
    await second.listClusters({ accountId: '000000000000', region: 'us-east-1' }, 1, null);
    await expect(second.describeCluster({ accountId: '000000000000', region: 'us-east-1', name: 'c' })).rejects.toThrow(
      CallRateExceeded,
    );
    const counted = await metrics.refusals.get();
    expect(Object.fromEntries(counted.values.map((v) => [v.labels.code, v.value]))).toEqual({
      QUERY_TOO_COSTLY: 1,
      RATE_LIMITED: 1,
    });
  });
});
