/**
 * Turns measurements into results (calls against the minimum, time against the floor, the
 * script comparison, the issue's targets) and writes them as Markdown and JSON.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parse, print } from 'graphql';
import { sameCalls, throughputCeiling, totalCalls, type CallCounts } from './floor';
import type { HopCost } from './hop';
import type {
  ColdMeasurement,
  CpuCost,
  LatencyMeasurement,
  LoadResult,
  Memory,
  ThroughputMeasurement,
} from './measure';
import { COLD_RUNS } from './measure';
import type { LatencyScenario, Target, ThroughputScenario, ThroughputTarget } from './scenarios';
import { round, type Timing } from './stats';

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  latencyMs: number;
  concurrency: number;
  /**
   * R over the whole run: p50 of every sample of one Describe by the SDK alone against the
   * emulator, taken before each measured run (null when no latency scenario ran).
   */
  roundTripMs: number | null;
  /** One bare HTTP exchange between two processes (see bench/hop.ts); null until measured. */
  hop: HopCost | null;
  /** 1-minute load average before the benchmark started: other work on the machine skews it. */
  loadAverage: number;
  /** Cores other processes kept busy on average during the run (null where /proc is missing). */
  otherCores: number | null;
  date: string;
}

export interface TargetResult {
  target: string;
  met: boolean;
}

export interface LatencyResult {
  id: string;
  title: string;
  gateway: 'uncached' | 'cached';
  minimumCalls: CallCounts;
  /** The calls of the measured run that made the most (all runs, when they agree). */
  calls: Record<string, number>;
  /** True when measured runs made different calls (a cache expiring, a retry, ...). */
  callsVaried: boolean;
  floorRounds: number;
  floorMs: number;
  /** R during this scenario: p50 of the SDK Describes sampled between its runs. */
  roundTripMs: number;
  /** Rounds x R: the floor this machine can reach. */
  reachableMs: number;
  time: Timing;
  /** p50 over the floor, as a fraction (0.08 = 8% above); null when the floor is 0. */
  overFloor: number | null;
  /** p50 over rounds x R, the floor this machine can reach; null when there are no rounds. */
  overRoundTrips: number | null;
  script: Timing;
  /** Script p50 / gateway p50. */
  speedUp: number;
  /** (gateway p50 - script p50) / script p50: what the gateway adds to the SDK alone. */
  overhead: number;
  comparison: 'speedUp' | 'overhead';
  memory: Memory;
  /** The gateway's CPU over the warm runs. */
  cpu: CpuCost;
  /** The first requests after the gateway started. */
  cold: ColdMeasurement;
  /** Cold p50 over rounds x R; null when there are no rounds. */
  coldOverRoundTrips: number | null;
  targets: TargetResult[];
}

export interface ThroughputResult extends ThroughputMeasurement {
  id: string;
  title: string;
  ceiling: { requestsPerSecond: number; latencyMs: number };
  /** The gateway's EKS_MAX_CONCURRENCY in this scenario. */
  concurrency: number;
  minimumCallsPerRequest: number;
  callsPerRequest: number;
  targets: TargetResult[];
}

export interface Report {
  machine: Machine;
  latency: LatencyResult[];
  throughput: ThroughputResult[];
}

export function machine(latencyMs: number, concurrency: number, loadAverage: number): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: os.cpus() named it.
  }
  return {
    cpu,
    cores: cpus().length,
    node: process.version,
    latencyMs,
    concurrency,
    roundTripMs: null,
    hop: null,
    loadAverage: round(loadAverage, 2),
    otherCores: null,
    date: new Date().toISOString(),
  };
}

export function latencyResult(scenario: LatencyScenario, m: LatencyMeasurement, mc: Machine): LatencyResult {
  const totals = m.callsPerRun.map((calls) => Object.values(calls).reduce((a, b) => a + b, 0));
  const worst = m.callsPerRun[totals.indexOf(Math.max(...totals))] ?? {};
  const floorMs = scenario.minimum.rounds * mc.latencyMs;
  const reachableMs = round(scenario.minimum.rounds * m.roundTrip.p50Ms);
  const result: Omit<LatencyResult, 'targets'> = {
    id: scenario.id,
    title: scenario.title,
    gateway: scenario.gateway,
    minimumCalls: scenario.minimum.calls,
    calls: worst,
    callsVaried: new Set(m.callsPerRun.map((c) => JSON.stringify(Object.entries(c).sort()))).size > 1,
    floorRounds: scenario.minimum.rounds,
    floorMs,
    roundTripMs: m.roundTrip.p50Ms,
    reachableMs,
    time: m.gateway,
    overFloor: floorMs > 0 ? round(m.gateway.p50Ms / floorMs - 1, 3) : null,
    overRoundTrips: reachableMs > 0 ? round(m.gateway.p50Ms / reachableMs - 1, 3) : null,
    script: m.script,
    speedUp: round(m.script.p50Ms / m.gateway.p50Ms, 2),
    overhead: round(m.gateway.p50Ms / m.script.p50Ms - 1, 3),
    comparison: scenario.comparison,
    memory: m.memory,
    cpu: m.cpu,
    cold: m.cold,
    coldOverRoundTrips: reachableMs > 0 ? round(m.cold.time.p50Ms / reachableMs - 1, 3) : null,
  };
  return {
    ...result,
    targets: scenario.targets.map((t) => ({ target: describeTarget(t), met: meets(t, result, m.callsPerRun) })),
  };
}

export function throughputResult(
  scenario: ThroughputScenario,
  m: ThroughputMeasurement,
  latencyMs: number,
): ThroughputResult {
  const minimumCallsPerRequest = totalCalls(scenario.minimum.calls);
  const sent = m.query.requests + m.query.errors;
  const callsPerRequest = sent > 0 ? round(Object.values(m.query.calls).reduce((a, b) => a + b, 0) / sent, 3) : NaN;
  // At most C calls are in flight, each taking L: the ceiling in requests is that in calls over
  // the calls each request needs.
  const callsEach = Math.max(1, minimumCallsPerRequest);
  const single = throughputCeiling(m.clients * callsEach, scenario.concurrency, latencyMs);
  const ceiling = { requestsPerSecond: round(single.requestsPerSecond / callsEach, 1), latencyMs: single.latencyMs };
  const meetsTarget = (t: ThroughputTarget): boolean => {
    switch (t.kind) {
      case 'minimumCalls':
        return callsPerRequest === minimumCallsPerRequest;
      case 'noErrors':
        return m.query.errors === 0 && (m.trivial?.errors ?? 0) === 0;
      case 'requestsPerSecond':
        return m.query.requestsPerSecond >= t.atLeast;
      default:
        return assertNever(t);
    }
  };
  const describe = (t: ThroughputTarget): string =>
    t.kind === 'minimumCalls'
      ? 'minimum calls per request'
      : t.kind === 'noErrors'
        ? 'no errors'
        : `at least ${t.atLeast} req/s (${t.why})`;
  return {
    id: scenario.id,
    title: scenario.title,
    ...m,
    ceiling,
    concurrency: scenario.concurrency,
    minimumCallsPerRequest,
    callsPerRequest,
    targets: scenario.targets.map((t) => ({ target: describe(t), met: meetsTarget(t) })),
  };
}

function meets(target: Target, r: Omit<LatencyResult, 'targets'>, callsPerRun: Array<Record<string, number>>): boolean {
  switch (target.kind) {
    case 'minimumCalls':
      return callsPerRun.every((calls) => sameCalls(calls, r.minimumCalls));
    case 'floor':
      // L is the latency of one EKS call as this machine serves it: R, the injected latency plus
      // the emulator's and the SDK's own time (which no client of EKS can avoid either).
      return r.overRoundTrips !== null && r.overRoundTrips <= target.within;
    case 'speedUp':
      return r.speedUp >= target.atLeast;
    case 'overhead':
      return r.overhead < target.under;
    case 'cpuPerCall':
      return r.cpu.cpuMsPerCall !== null && r.cpu.cpuMsPerCall <= target.atMostMs;
    case 'coldFloor':
      return r.coldOverRoundTrips !== null && r.coldOverRoundTrips <= target.within;
    default:
      return assertNever(target);
  }
}

function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'minimumCalls':
      return 'minimum calls';
    case 'floor':
      return `within ${pct(target.within)} of the floor (rounds × R)`;
    case 'speedUp':
      return `${target.atLeast}x the script`;
    case 'overhead':
      return `adds under ${pct(target.under)} to the SDK`;
    case 'cpuPerCall':
      return `gateway CPU at most ${target.atMostMs} ms per EKS call (warm)`;
    case 'coldFloor':
      return `cold (first ${COLD_RUNS}) within ${pct(target.within)} of rounds × R`;
    default:
      return assertNever(target);
  }
}

export function missedTargets(report: Report): string[] {
  return [...report.latency, ...report.throughput].flatMap((r) =>
    r.targets.filter((t) => !t.met).map((t) => `${r.id}: ${t.target}`),
  );
}

/** The tables, for bench/results/latest.md and the README. */
export function markdownTables(report: Report): string {
  const { machine: mc } = report;
  const lines = [
    `Machine: ${mc.cpu}, ${mc.cores} cores, Node.js ${mc.node}; L = ${mc.latencyMs} ms per EKS call, C = ${mc.concurrency} calls per region at once; ` +
      `R = ${mc.roundTripMs ?? '—'} ms for one Describe by the SDK alone (p50 over the run; each scenario's own R is in its row); ` +
      (mc.hop
        ? `one bare HTTP exchange between two processes ${mc.hop.backToBackMs} ms back to back, ${mc.hop.afterIdleMs} ms after ${mc.hop.idleMs} ms idle; `
        : '') +
      `load average ${mc.loadAverage} before the run` +
      `${mc.otherCores === null ? '' : `, other processes busy on ${mc.otherCores} cores during it`}; ${mc.date.slice(0, 10)}.`,
    '',
    '| # | scenario | EKS calls (made / min) | floor | rounds × R | runs | p50 | p99 | p50 vs floor | p50 vs rounds × R | SDK script p50 | vs script | gateway RSS | targets |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...report.latency.map((r) =>
      row([
        r.id,
        r.title + (r.gateway === 'cached' ? ' (cache on)' : ''),
        callsCell(r.calls, r.minimumCalls, r.callsVaried),
        `${r.floorRounds} × L = ${r.floorMs} ms`,
        r.floorRounds > 0 ? `${r.floorRounds} × ${r.roundTripMs} = ${ms(r.reachableMs)}` : 'n/a',
        String(r.time.runs),
        ms(r.time.p50Ms),
        ms(r.time.p99Ms),
        r.overFloor === null ? 'n/a' : signedPct(r.overFloor),
        r.overRoundTrips === null ? 'n/a' : signedPct(r.overRoundTrips),
        ms(r.script.p50Ms),
        r.comparison === 'overhead' ? `adds ${signedPct(r.overhead)}` : `${r.speedUp.toFixed(1)}× faster`,
        memoryCell(r.memory),
        targetsCell(r.targets),
      ]),
    ),
  ];
  lines.push(
    '',
    `The gateway's CPU (every thread of its process, from /proc), warm (the measured runs above) and cold (the first ${COLD_RUNS} requests after \`node dist/src/main.js\` printed "ready"; each scenario starts a gateway of its own):`,
    '',
    '| # | gateway start | cold p50 | cold vs rounds × R | CPU / request: cold, warm | CPU / EKS call: cold, warm | EKS calls / request |',
    '|---|---|---|---|---|---|---|',
    ...report.latency.map((r) =>
      row([
        r.id,
        `${r.cold.startMs} ms`,
        ms(r.cold.time.p50Ms),
        r.coldOverRoundTrips === null ? 'n/a' : signedPct(r.coldOverRoundTrips),
        `${cpuMs(r.cold.cpuMsPerRequest)}, ${cpuMs(r.cpu.cpuMsPerRequest)}`,
        r.cpu.cpuMsPerCall === null ? 'n/a' : `${cpuMs(r.cold.cpuMsPerCall)}, ${cpuMs(r.cpu.cpuMsPerCall)}`,
        String(r.cpu.callsPerRequest),
      ]),
    ),
  );
  if (report.throughput.length > 0)
    lines.push(
      '',
      `Throughput: ${report.throughput[0]?.clients ?? 0} concurrent clients, each sending its next request when the last is answered, for ${report.throughput[0]?.seconds ?? 0} s per query. The ceiling is what C calls in flight at L each allow: min(clients × calls, C) / L / calls per request.`,
      '',
      '| # | query | C | req/s | ceiling req/s | p50 | p99 | EKS calls / request (min) | errors | CPU / request | CPU / EKS call | cores busy: gateway, emulator, bench | gateway RSS | targets |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...report.throughput.flatMap((t) => [
        row([
          t.id,
          t.title.replace(/^throughput: /, ''),
          String(t.concurrency),
          String(t.query.requestsPerSecond),
          String(t.ceiling.requestsPerSecond),
          ms(t.query.p50Ms),
          ms(t.query.p99Ms),
          `${t.callsPerRequest} (${t.minimumCallsPerRequest})`,
          errorsCell(t.query),
          cpuMs(t.query.cpu.cpuMsPerRequest),
          cpuMs(t.query.cpu.cpuMsPerCall),
          coresCell(t.query),
          memoryCell(t.memory),
          targetsCell(t.targets),
        ]),
        ...(t.trivial
          ? [
              row([
                t.id,
                '`{ __typename }` (framework only)',
                String(t.concurrency),
                String(t.trivial.requestsPerSecond),
                '—',
                ms(t.trivial.p50Ms),
                ms(t.trivial.p99Ms),
                `${totalCalls(t.trivial.calls)} total (0)`,
                errorsCell(t.trivial),
                cpuMs(t.trivial.cpu.cpuMsPerRequest),
                'n/a',
                coresCell(t.trivial),
                '',
                '',
              ]),
            ]
          : []),
      ]),
    );
  return lines.join('\n');
}

export function markdownReport(report: Report, queries: Record<string, string>): string {
  return [
    '# Benchmark: latest results',
    '',
    'Written by `npm run bench` (bench/run.ts); see the README\'s "Benchmark" section for what each column means.',
    '',
    markdownTables(report),
    '',
    '## Queries',
    '',
    ...Object.entries(queries).flatMap(([name, query]) => [
      `${name}:`,
      '',
      '```graphql',
      print(parse(query)),
      '```',
      '',
    ]),
  ].join('\n');
}

export function jsonReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function callsCell(made: Record<string, number>, minimum: CallCounts, varied: boolean): string {
  const names = [...new Set([...Object.keys(minimum), ...Object.keys(made)])];
  const parts = names.map(
    (name) => `${abbreviate(name)} ${made[name] ?? 0}/${(minimum as Record<string, number | undefined>)[name] ?? 0}`,
  );
  return (parts.length ? parts.join(', ') : '0/0') + (varied ? ' (varied; worst run)' : '');
}

/** Short operation names keep the table readable. */
function abbreviate(operation: string): string {
  return (
    (
      {
        ListClusters: 'ListClusters',
        DescribeCluster: 'DescribeCluster',
        ListPodIdentityAssociations: 'List',
        DescribePodIdentityAssociation: 'Describe',
      } as Record<string, string>
    )[operation] ?? operation
  );
}

function targetsCell(targets: TargetResult[]): string {
  if (targets.length === 0) return '';
  const missed = targets.filter((t) => !t.met);
  return missed.length === 0 ? 'met' : `missed: ${missed.map((t) => t.target).join('; ')}`;
}

function errorsCell(r: LoadResult): string {
  return r.errors === 0 ? '0' : `${r.errors} (${(r.firstError ?? '').replace(/\|/g, '/').slice(0, 80)})`;
}

function coresCell(r: LoadResult): string {
  return `${r.gatewayCores.toFixed(2)}, ${r.emulatorCores.toFixed(2)}, ${r.benchCores.toFixed(2)}`;
}

function cpuMs(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

function memoryCell(m: Memory): string {
  return `${Math.round(m.beforeMiB)} → ${Math.round(m.afterMiB)} MiB`;
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—';
}

function pct(fraction: number): string {
  return `${round(fraction * 100, 1)}%`;
}

function signedPct(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${pct(fraction)}`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function assertNever(value: never): never {
  throw new Error(`Unexpected target: ${JSON.stringify(value)}`);
}
