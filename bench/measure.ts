/**
 * Runs one scenario and records what it cost: wall time per run, the EKS calls the emulator
 * counted for each run, and the gateway's memory before and after.
 */
import { graphqlClient, type GraphqlClient } from './client';
import { callsSinceReset, resetCalls } from './emulatorControl';
import type { GatewayProcess } from './gatewayProcess';
import type { LatencyScenario, ThroughputScenario } from './scenarios';
import { TRIVIAL } from './scenarios';
import { percentile, round, timing, type Timing } from './stats';

/**
 * Unmeasured runs first, for JIT (a fresh gateway needs on the order of a hundred requests to
 * settle), the keep-alive sockets to EKS and, in 4b, the cache fill: at least 2 runs, then more
 * until 2 s have passed or 100 runs were made. Cold start is not what the scenarios measure.
 */
const WARM_UP = { minRuns: 2, maxRuns: 100, ms: 2000 };

async function warmUp(run: () => Promise<unknown>): Promise<void> {
  const until = performance.now() + WARM_UP.ms;
  for (let i = 0; i < WARM_UP.maxRuns && (i < WARM_UP.minRuns || performance.now() < until); i += 1) await run();
}

export interface Memory {
  beforeMiB: number;
  afterMiB: number;
}

export interface LatencyMeasurement {
  gateway: Timing;
  /** EKS calls of each measured run, by operation. */
  callsPerRun: Array<Record<string, number>>;
  script: Timing;
  memory: Memory;
}

export async function measureLatency(
  scenario: LatencyScenario,
  gateway: GatewayProcess,
  client: GraphqlClient,
  emulatorUrl: string,
  runs: number,
  scriptRuns: number,
): Promise<LatencyMeasurement> {
  const beforeMiB = gateway.rssMiB();
  await warmUp(() => scenario.run(client));
  const samples: number[] = [];
  const callsPerRun: Array<Record<string, number>> = [];
  for (let i = 0; i < runs; i += 1) {
    await resetCalls(emulatorUrl);
    samples.push(await timed(() => scenario.run(client)));
    callsPerRun.push(await callsSinceReset(emulatorUrl));
  }
  const afterMiB = gateway.rssMiB();

  // The script warms up too (one run: each is long), so neither side pays connection set-up.
  await scenario.script();
  const scriptSamples: number[] = [];
  for (let i = 0; i < scriptRuns; i += 1) scriptSamples.push(await timed(() => scenario.script()));
  return { gateway: timing(samples), callsPerRun, script: timing(scriptSamples), memory: { beforeMiB, afterMiB } };
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** The first error's message, to say what went wrong. */
  firstError: string | null;
  /** EKS calls counted while the load ran, by operation. */
  calls: Record<string, number>;
  /** Cores kept busy: by the gateway, and by this process (the emulator and the clients). */
  gatewayCores: number;
  benchCores: number;
}

export interface ThroughputMeasurement {
  clients: number;
  seconds: number;
  query: LoadResult;
  /** The same server answering `{ __typename }`: what HTTP, Apollo and graphql-js alone cost here. */
  trivial: LoadResult;
  memory: Memory;
}

export async function measureThroughput(
  scenario: ThroughputScenario,
  gateway: GatewayProcess,
  emulatorUrl: string,
  clients: number,
  seconds: number,
): Promise<ThroughputMeasurement> {
  // One socket per client, as separate clients would have.
  const client = graphqlClient(gateway.url, clients);
  try {
    const beforeMiB = gateway.rssMiB();
    const query = await load(client, gateway, scenario.query, scenario.variables, clients, seconds, emulatorUrl);
    const trivial = await load(client, gateway, TRIVIAL, {}, clients, seconds, emulatorUrl);
    return { clients, seconds, query, trivial, memory: { beforeMiB, afterMiB: gateway.rssMiB() } };
  } finally {
    client.close();
  }
}

/** `clients` loops, each sending its next request when the previous one is answered. */
async function load(
  client: GraphqlClient,
  gateway: GatewayProcess,
  query: string,
  variables: Record<string, unknown>,
  clients: number,
  seconds: number,
  emulatorUrl: string,
): Promise<LoadResult> {
  const loop = async (until: number, latencies: number[] | null, errors: string[]) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        await client.query(query, variables);
        latencies?.push(performance.now() - t0);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  // A short unmeasured burst first, so JIT and socket set-up stay out of the numbers.
  const warmUpErrors: string[] = [];
  const warmUpEnd = performance.now() + Math.min(2000, seconds * 200);
  await Promise.all(Array.from({ length: clients }, () => loop(warmUpEnd, null, warmUpErrors)));

  await resetCalls(emulatorUrl);
  const latencies: number[] = [];
  const errors: string[] = [];
  const gatewayCpu = gateway.cpuSeconds();
  const benchCpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, () => loop(started + seconds * 1000, latencies, errors)));
  const elapsed = (performance.now() - started) / 1000;
  const benchUsage = process.cpuUsage(benchCpu);
  const gatewayCores = round((gateway.cpuSeconds() - gatewayCpu) / elapsed, 2);
  const calls = await callsSinceReset(emulatorUrl);
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: latencies.length ? round(percentile(latencies, 50)) : NaN,
    p99Ms: latencies.length ? round(percentile(latencies, 99)) : NaN,
    errors: errors.length,
    firstError: errors[0] ?? null,
    calls,
    gatewayCores,
    benchCores: round((benchUsage.user + benchUsage.system) / 1e6 / elapsed, 2),
  };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/**
 * R: one EKS round trip as the SDK alone sees it on this machine (L plus the emulator's and the
 * SDK's own work), the p50 of sequential Describe calls. Rounds x R is a floor that this machine
 * can actually reach; rounds x L is the issue's.
 */
export async function sdkRoundTrip(describe: () => Promise<void>, runs: number): Promise<Timing> {
  await warmUp(describe);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await timed(describe));
  return timing(samples);
}
