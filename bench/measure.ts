/**
 * Runs one scenario and records what it cost: wall time per run, the EKS calls the emulator
 * counted for each run, and the gateway's memory before and after.
 */
import { graphqlClient, type GraphqlClient } from './client';
import { callsSinceReset, resetCalls } from './emulatorControl';
import type { GatewayProcess } from './gatewayProcess';
import type { LatencyScenario, ThroughputScenario } from './scenarios';
import { TRIVIAL } from './scenarios';
import { percentile, round, timed, timing, type Timing } from './stats';

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
  /**
   * R for this scenario: one Describe by the SDK alone, sampled right before each measured
   * gateway run, so R and the gateway's times come from the same minutes of the machine.
   */
  roundTrip: Timing;
  memory: Memory;
}

export interface LatencySettings {
  emulatorUrl: string;
  /** Measured gateway runs at least (more while MEASURE.ms has not passed). */
  runs: number;
  /** Measured script runs, for scenarios whose script is not paired with the gateway's runs. */
  scriptRuns: number;
  /** One Describe by the SDK alone: a sample of R. */
  roundTrip: () => Promise<void>;
}

/**
 * Measured runs: at least `--runs`, then more until 2 s of measuring have passed (at most 200),
 * so a scenario of one round trip gets enough samples for a steady p50 and a real p99. Scripts:
 * at least `--script-runs`, then more until 1 s has passed (a detailed page's script takes 2 s).
 */
const MEASURE = { ms: 2000, scriptMs: 1000, maxRuns: 200 };

export async function measureLatency(
  scenario: LatencyScenario,
  gateway: GatewayProcess,
  client: GraphqlClient,
  settings: LatencySettings,
): Promise<LatencyMeasurement> {
  const { emulatorUrl, runs, scriptRuns, roundTrip } = settings;
  // A scenario that measures the gateway's overhead over the SDK alone runs the two in turns:
  // machine state drifts over seconds (other tenants, CPU frequency), and a few percent is the
  // whole result, so each gateway run is compared with an SDK run of the same moment.
  const paired = scenario.comparison === 'overhead';
  const beforeMiB = gateway.rssMiB();
  await warmUp(() => scenario.run(client));
  // The script warms up too (one run when unpaired: each is long), so neither side pays
  // connection set-up.
  if (paired) await warmUp(() => scenario.script());
  else await scenario.script();
  await roundTrip();

  const samples: number[] = [];
  const roundTrips: number[] = [];
  const scriptSamples: number[] = [];
  const callsPerRun: Array<Record<string, number>> = [];
  await repeat(runs, MEASURE.ms, async () => {
    roundTrips.push(await timed(roundTrip));
    await resetCalls(emulatorUrl);
    samples.push(await timed(() => scenario.run(client)));
    callsPerRun.push(await callsSinceReset(emulatorUrl));
    if (paired) scriptSamples.push(await timed(() => scenario.script()));
  });
  const afterMiB = gateway.rssMiB();
  if (!paired)
    await repeat(
      scriptRuns,
      MEASURE.scriptMs,
      async () => void scriptSamples.push(await timed(() => scenario.script())),
    );
  return {
    gateway: timing(samples),
    callsPerRun,
    script: timing(scriptSamples),
    roundTrip: timing(roundTrips),
    memory: { beforeMiB, afterMiB },
  };
}

/** Runs `run` at least `min` times and until `ms` have passed, but no more than max(min, MEASURE.maxRuns) times. */
async function repeat(min: number, ms: number, run: () => Promise<void>): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < Math.max(min, MEASURE.maxRuns) && (i < min || performance.now() - started < ms); i += 1)
    await run();
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
