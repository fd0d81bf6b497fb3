/**
 * Runs one scenario and records what it cost: wall time per run, the EKS calls the emulator
 * counted for each run, and the gateway's memory before and after.
 */
import { graphqlClient, type GraphqlClient } from './client';
import { callsSinceReset, resetCalls } from './emulatorControl';
import type { GatewayProcess } from './gatewayProcess';
import type { ProcessCpu } from './processes';
import type { LatencyScenario, ThroughputScenario } from './scenarios';
import { TRIVIAL } from './scenarios';
import { percentile, round, timed, timing, type Timing } from './stats';

/**
 * After the cold runs, unmeasured runs for JIT (a fresh gateway needs on the order of a hundred
 * requests to settle), the keep-alive sockets to EKS and, in 4b, the cache fill: at least 2
 * runs, then more until 2 s have passed or 100 runs were made.
 */
const WARM_UP = { minRuns: 2, maxRuns: 200, ms: 6000 };

async function warmUp(run: () => Promise<unknown>): Promise<void> {
  const until = performance.now() + WARM_UP.ms;
  for (let i = 0; i < WARM_UP.maxRuns && (i < WARM_UP.minRuns || performance.now() < until); i += 1) await run();
}

export interface Memory {
  beforeMiB: number;
  afterMiB: number;
}

/** What the gateway's process spent: CPU per request, and per EKS call when the requests made some. */
export interface CpuCost {
  cpuMsPerRequest: number;
  /** Null when the requests made no EKS call. */
  cpuMsPerCall: number | null;
  /** EKS calls per request, on average. */
  callsPerRequest: number;
}

/** The first requests a freshly started gateway answers. */
export interface ColdMeasurement extends CpuCost {
  time: Timing;
  /** From the spawn of `node dist/src/main.js` to its "ready" line. */
  startMs: number;
}

/** Requests a cold measurement takes: the first five after start. */
export const COLD_RUNS = 5;

export interface LatencyMeasurement {
  gateway: Timing;
  /** The gateway's CPU over the measured (warm) runs. */
  cpu: CpuCost;
  cold: ColdMeasurement;
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
  const cold = await measureCold(scenario, gateway, client, emulatorUrl);
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
  const cpuBefore = gateway.cpuSeconds();
  await repeat(runs, MEASURE.ms, async () => {
    roundTrips.push(await timed(roundTrip));
    await resetCalls(emulatorUrl);
    samples.push(await timed(() => scenario.run(client)));
    callsPerRun.push(await callsSinceReset(emulatorUrl));
    if (paired) scriptSamples.push(await timed(() => scenario.script()));
  });
  // Nothing but the measured runs reached the gateway meanwhile (R, the counters and the script
  // go to the emulator), so its CPU is theirs.
  const cpu = cpuCost(gateway.cpuSeconds() - cpuBefore, callsPerRun);
  const afterMiB = gateway.rssMiB();
  if (!paired)
    await repeat(
      scriptRuns,
      MEASURE.scriptMs,
      async () => void scriptSamples.push(await timed(() => scenario.script())),
    );
  return {
    gateway: timing(samples),
    cpu,
    cold,
    callsPerRun,
    script: timing(scriptSamples),
    roundTrip: timing(roundTrips),
    memory: { beforeMiB, afterMiB },
  };
}

/** The first COLD_RUNS requests of a gateway that has answered none: their time and CPU. */
async function measureCold(
  scenario: LatencyScenario,
  gateway: GatewayProcess,
  client: GraphqlClient,
  emulatorUrl: string,
): Promise<ColdMeasurement> {
  const samples: number[] = [];
  const callsPerRun: Array<Record<string, number>> = [];
  let cpuSeconds = 0;
  for (let i = 0; i < COLD_RUNS; i += 1) {
    await resetCalls(emulatorUrl);
    const before = gateway.cpuSeconds();
    samples.push(await timed(() => scenario.run(client)));
    cpuSeconds += gateway.cpuSeconds() - before;
    callsPerRun.push(await callsSinceReset(emulatorUrl));
  }
  return { time: timing(samples), startMs: gateway.startMs, ...cpuCost(cpuSeconds, callsPerRun) };
}

export function cpuCost(cpuSeconds: number, callsPerRun: ReadonlyArray<Record<string, number>>): CpuCost {
  const runs = Math.max(1, callsPerRun.length);
  const calls = callsPerRun.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
  return {
    cpuMsPerRequest: round((cpuSeconds * 1000) / runs, 2),
    cpuMsPerCall: calls > 0 ? round((cpuSeconds * 1000) / calls, 3) : null,
    callsPerRequest: round(calls / runs, 2),
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
  /** Cores kept busy: by the gateway, by the emulator's process, and by this one (the clients). */
  gatewayCores: number;
  emulatorCores: number;
  benchCores: number;
  /** The gateway's CPU per answered request and per EKS call. */
  cpu: CpuCost;
}

export interface ThroughputMeasurement {
  clients: number;
  seconds: number;
  query: LoadResult;
  /** The same server answering `{ __typename }`: what HTTP, Apollo and graphql-js alone cost here. */
  trivial: LoadResult | null;
  memory: Memory;
}

export async function measureThroughput(
  scenario: ThroughputScenario,
  gateway: GatewayProcess,
  emulator: ProcessCpu & { url: string },
  clients: number,
  seconds: number,
): Promise<ThroughputMeasurement> {
  // One socket per client, as separate clients would have.
  const client = graphqlClient(gateway.url, clients);
  try {
    const beforeMiB = gateway.rssMiB();
    const query = await load(client, gateway, scenario.query, scenario.variables, clients, seconds, emulator);
    const trivial = scenario.framework ? await load(client, gateway, TRIVIAL, {}, clients, seconds, emulator) : null;
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
  emulator: ProcessCpu & { url: string },
): Promise<LoadResult> {
  const emulatorUrl = emulator.url;
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
  const emulatorCpu = emulator.cpuSeconds();
  const benchCpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, () => loop(started + seconds * 1000, latencies, errors)));
  const elapsed = (performance.now() - started) / 1000;
  const benchUsage = process.cpuUsage(benchCpu);
  const gatewaySeconds = gateway.cpuSeconds() - gatewayCpu;
  const emulatorCores = round((emulator.cpuSeconds() - emulatorCpu) / elapsed, 2);
  const gatewayCores = round(gatewaySeconds / elapsed, 2);
  const calls = await callsSinceReset(emulatorUrl);
  const totalCalls = Object.values(calls).reduce((a, b) => a + b, 0);
  const answered = Math.max(1, latencies.length);
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: latencies.length ? round(percentile(latencies, 50)) : NaN,
    p99Ms: latencies.length ? round(percentile(latencies, 99)) : NaN,
    errors: errors.length,
    firstError: errors[0] ?? null,
    calls,
    gatewayCores,
    emulatorCores,
    cpu: {
      cpuMsPerRequest: round((gatewaySeconds * 1000) / answered, 2),
      cpuMsPerCall: totalCalls > 0 ? round((gatewaySeconds * 1000) / totalCalls, 3) : null,
      callsPerRequest: round(totalCalls / answered, 2),
    },
    benchCores: round((benchUsage.user + benchUsage.system) / 1e6 / elapsed, 2),
  };
}
