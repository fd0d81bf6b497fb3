import { join } from 'node:path';
import {
  batches,
  cached,
  dashboard,
  detailedPage,
  pagedToEnd,
  sameCalls,
  singleAssociation,
  summaryPage,
  throughputCeiling,
  totalCalls,
} from '../../bench/floor';
import { cpuCost, type LatencyMeasurement } from '../../bench/measure';
import { parseOptions } from '../../bench/options';
import { latencyResult, machine } from '../../bench/report';
import type { LatencyScenario } from '../../bench/scenarios';
import { benchSeed, seedShape } from '../../bench/seed';
import { percentile, timing } from '../../bench/stats';

describe('bench floor: minimum calls and sequential rounds', () => {
  test('a page of summaries is one List in one round', () => {
    expect(summaryPage()).toEqual({ calls: { ListPodIdentityAssociations: 1 }, rounds: 1 });
  });

  test('a detailed page adds one Describe per association, ceil(N / C) rounds of them', () => {
    expect(detailedPage(100, 16)).toEqual({
      calls: { ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: 100 },
      rounds: 1 + 7,
    });
    expect(detailedPage(16, 16).rounds).toBe(2);
    expect(detailedPage(17, 16).rounds).toBe(3);
    expect(detailedPage(0, 16).rounds).toBe(1);
  });

  test('paging to the end costs one sequential List per page, and an empty list one page', () => {
    expect(pagedToEnd(5000, 100)).toEqual({ calls: { ListPodIdentityAssociations: 50 }, rounds: 50 });
    expect(pagedToEnd(5001, 100).rounds).toBe(51);
    expect(pagedToEnd(0, 100).rounds).toBe(1);
  });

  test('the dashboard lists regions in parallel and waits for its slowest region', () => {
    const cost = dashboard(
      [
        { region: 'us-east-1', detailedPerCluster: [20, 20] },
        { region: 'eu-west-1', detailedPerCluster: [20] },
      ],
      16,
      true,
    );
    expect(cost.calls).toEqual({
      ListClusters: 2,
      DescribeCluster: 3,
      ListPodIdentityAssociations: 3,
      DescribePodIdentityAssociation: 60,
    });
    // ListClusters, then Lists beside DescribeClusters, then ceil(40 / 16) = 3 Describe rounds in us-east-1.
    expect(cost.rounds).toBe(1 + 1 + 3);
  });

  test('the dashboard asks DescribeCluster only for cluster detail fields', () => {
    const cost = dashboard([{ region: 'us-east-1', detailedPerCluster: [5] }], 16, false);
    expect(cost.calls).toEqual({ ListClusters: 1, ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: 5 });
    expect(cost.rounds).toBe(3);
  });

  test('a region with more cluster calls than C needs more rounds for them', () => {
    expect(dashboard([{ region: 'us-east-1', detailedPerCluster: Array(10).fill(0) }], 16, true).rounds).toBe(1 + 2);
  });

  test('a single association is one Describe; a cached query is free', () => {
    expect(singleAssociation()).toEqual({ calls: { DescribePodIdentityAssociation: 1 }, rounds: 1 });
    expect(cached()).toEqual({ calls: {}, rounds: 0 });
  });

  test('throughput is capped at min(clients, C) calls per L', () => {
    expect(throughputCeiling(32, 16, 20)).toEqual({ requestsPerSecond: 800, latencyMs: 40 });
    expect(throughputCeiling(8, 16, 20)).toEqual({ requestsPerSecond: 400, latencyMs: 20 });
  });

  test('comparing calls ignores operations that are zero on both sides', () => {
    expect(sameCalls({ ListPodIdentityAssociations: 1 }, { ListPodIdentityAssociations: 1 })).toBe(true);
    expect(sameCalls({ ListPodIdentityAssociations: 1, DescribeCluster: 1 }, { ListPodIdentityAssociations: 1 })).toBe(
      false,
    );
    expect(sameCalls({}, {})).toBe(true);
    expect(totalCalls({ ListClusters: 2, DescribePodIdentityAssociation: 60 })).toBe(62);
  });

  test('refuses impossible inputs', () => {
    expect(() => batches(3, 0)).toThrow(/concurrency must be a positive integer/);
    expect(() => detailedPage(-1, 16)).toThrow(/non-negative integer/);
  });
});

describe('bench helpers', () => {
  test('nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    // With fewer than 100 samples, p99 is the slowest.
    expect(percentile([3, 1, 2], 99)).toBe(3);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });

  test('the seed keeps the demo shape and fills one cluster to the quota', () => {
    const shape = seedShape(benchSeed(5000));
    expect([...shape.keys()]).toEqual(['us-east-1', 'eu-west-1']);
    expect(shape.get('us-east-1')?.map((c) => c.name)).toEqual(['prod-platform', 'staging-apps']);
    expect(shape.get('us-east-1')?.[0]?.associations).toBe(5000);
  });

  test('flags win over the environment, and bad values name the flag', () => {
    const options = parseOptions(['--latency-ms', '50', '--only=2,4b'], {
      BENCH_LATENCY_MS: '5',
      EKS_MAX_CONCURRENCY: '8',
    });
    expect(options).toMatchObject({ latencyMs: 50, concurrency: 8, only: ['2', '4b'] });
    expect(() => parseOptions(['--runs', '0'], {})).toThrow(/--runs \(or BENCH_RUNS\) must be an integer from 1/);
    expect(() => parseOptions(['--nope', '1'], {})).toThrow(/Unknown flag --nope/);
  });

  test('--cpu-prof takes the folder the gateways write their CPU profiles to', () => {
    expect(parseOptions([], {}).cpuProfileDir).toBeNull();
    expect(parseOptions(['--cpu-prof', 'profiles'], {}).cpuProfileDir).toBe(join(process.cwd(), 'profiles'));
    expect(() => parseOptions(['--cpu-prof', ' '], {})).toThrow(/--cpu-prof needs a folder/);
  });
});

describe('bench results: targets are judged on the measured samples', () => {
  const mc = machine(20, 16, 0.5);
  const scenario: LatencyScenario = {
    kind: 'latency',
    id: '2',
    title: 'a detailed page',
    gateway: 'uncached',
    minimum: detailedPage(100, 16),
    comparison: 'speedUp',
    targets: [{ kind: 'minimumCalls' }, { kind: 'floor', within: 0.15 }, { kind: 'speedUp', atLeast: 10 }],
    run: async () => {},
    script: async () => {},
  };
  const minimum = { ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: 100 };
  const measured = (
    gatewayMs: number,
    roundTripMs: number,
    calls: Record<string, number> = minimum,
  ): LatencyMeasurement => ({
    gateway: timing([gatewayMs, gatewayMs, gatewayMs]),
    callsPerRun: [minimum, calls, minimum],
    script: timing([2200]),
    roundTrip: timing([roundTripMs, roundTripMs]),
    memory: { beforeMiB: 100, afterMiB: 110 },
    cpu: cpuCost(0.06 * 3, [minimum, calls, minimum]),
    cold: {
      time: timing([gatewayMs * 1.2, gatewayMs * 1.3, gatewayMs * 1.2]),
      startMs: 700,
      ...cpuCost(0.1 * 3, [minimum, minimum, minimum]),
    },
  });
  const met = (r: ReturnType<typeof latencyResult>) => Object.fromEntries(r.targets.map((t) => [t.target, t.met]));

  test('the floor is rounds × L; the target is judged against rounds × R, R measured during the scenario', () => {
    const r = latencyResult(scenario, measured(180, 21), mc);
    expect(r.floorMs).toBe(160);
    expect(r.reachableMs).toBe(168);
    expect(r.overFloor).toBe(0.125);
    expect(r.overRoundTrips).toBe(0.071);
    expect(met(r)).toEqual({
      'minimum calls': true,
      'within 15% of the floor (rounds × R)': true,
      '10x the script': true,
    });
  });

  test('a run over 15% above rounds × R, a slow speed-up, or one extra call misses its target', () => {
    expect(met(latencyResult(scenario, measured(200, 21), mc))['within 15% of the floor (rounds × R)']).toBe(false);
    const extraCall = latencyResult(
      scenario,
      measured(180, 21, { ...minimum, DescribePodIdentityAssociation: 101 }),
      mc,
    );
    expect(met(extraCall)['minimum calls']).toBe(false);
    expect(extraCall.callsVaried).toBe(true);
    const slow = latencyResult(scenario, { ...measured(180, 21), script: timing([1700]) }, mc);
    expect(met(slow)['10x the script']).toBe(false);
  });

  test("CPU per call is the gateway's CPU over the EKS calls its measured runs made", () => {
    const withCpu: LatencyScenario = {
      ...scenario,
      targets: [
        { kind: 'cpuPerCall', atMostMs: 0.9 },
        { kind: 'coldFloor', within: 0.5 },
      ],
    };
    // 60 ms of CPU per run over 101 calls: 0.594 ms a call.
    const r = latencyResult(withCpu, measured(180, 21), mc);
    expect(r.cpu).toEqual({ cpuMsPerRequest: 60, cpuMsPerCall: 0.594, callsPerRequest: 101 });
    expect(r.cold.cpuMsPerCall).toBe(0.99);
    // Cold p50 216 ms against rounds × R = 168 ms.
    expect(r.coldOverRoundTrips).toBe(0.286);
    expect(met(r)).toEqual({
      'gateway CPU at most 0.9 ms per EKS call (warm)': true,
      'cold (first 5) within 50% of rounds × R': true,
    });
    const costly = latencyResult(
      withCpu,
      { ...measured(180, 21), cpu: cpuCost(0.1 * 3, [minimum, minimum, minimum]) },
      mc,
    );
    expect(met(costly)['gateway CPU at most 0.9 ms per EKS call (warm)']).toBe(false);
    const slowStart = latencyResult(
      withCpu,
      { ...measured(180, 21), cold: { ...measured(180, 21).cold, time: timing([260]) } },
      mc,
    );
    expect(met(slowStart)['cold (first 5) within 50% of rounds × R']).toBe(false);
  });

  test('a query that makes no EKS call has no CPU per call', () => {
    expect(cpuCost(0.5, [{}, {}])).toEqual({ cpuMsPerRequest: 250, cpuMsPerCall: null, callsPerRequest: 0 });
  });

  test('the overhead target compares the gateway with the SDK alone', () => {
    const byId: LatencyScenario = {
      ...scenario,
      id: '5',
      minimum: singleAssociation(),
      comparison: 'overhead',
      targets: [{ kind: 'overhead', under: 0.1 }],
    };
    const sample = (gatewayMs: number, scriptMs: number): LatencyMeasurement => ({
      ...measured(gatewayMs, scriptMs, { DescribePodIdentityAssociation: 1 }),
      script: timing([scriptMs]),
    });
    expect(latencyResult(byId, sample(22, 21), mc).targets[0]?.met).toBe(true);
    expect(latencyResult(byId, sample(23.2, 21), mc).targets[0]?.met).toBe(false);
  });
});
