/**
 * `npm run bench`: the scenarios of issue 6 through the gateway as `npm start` runs it (the build,
 * `node dist/src/main.js`, a process of its own: a fresh one per scenario, so that its first
 * requests are measured cold) against the emulator (a process of its own too, with latency L on
 * every EKS call), beside the sequential SDK script; the gateway's CPU per request and per EKS
 * call for each. Writes bench/results/latest.md and latest.json; `--update-readme` also updates
 * the README; `--cpu-prof DIR` leaves a CPU profile of each gateway in DIR.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './build';
import { graphqlClient, type GraphqlClient } from './client';
import { startCpuAccounting } from './contention';
import { startEmulatorProcess, type EmulatorProcess } from './emulatorProcess';
import { startGateway, type GatewayProcess } from './gatewayProcess';
import { measureHop } from './hop';
import { inventoryOptions, runInventoryBench } from './inventory';
import { measureLatency, measureThroughput } from './measure';
import { parseOptions, UsageError, type BenchOptions } from './options';
import { updateReadme } from './readme';
import {
  jsonReport,
  latencyResult,
  machine,
  markdownReport,
  markdownTables,
  missedTargets,
  throughputResult,
  type Report,
} from './report';
import { FIRST_ASSOCIATION, QUERIES, scenarios, type LatencyScenario } from './scenarios';
import { SequentialScript } from './sdkBaseline';
import { benchSeed, QUOTA_CLUSTER, seedShape } from './seed';
import { percentile, round } from './stats';

const ROOT = join(__dirname, '..');
/** `--only inventory`: the fleet inventory's scenarios (bench/inventory.ts), which run last. */
const INVENTORY_ID = 'inventory';
const QUOTA = 5000;
/** Long enough that scenario 4b's runs all fall inside it. */
const CACHED_TTL_MS = 60_000;

async function main(options: BenchOptions): Promise<Report> {
  // Read before anything of ours starts: it shows what else was running.
  const [loadAverage = 0] = loadavg();
  if (loadAverage > cpus().length / 2)
    progress(`note: load average ${loadAverage.toFixed(2)} on ${cpus().length} cores; other work will skew the times`);
  // What `npm start` runs: compiled first when src/ changed since the last build.
  ensureBuilt();
  const seed = benchSeed(QUOTA);
  const regions = seedShape(seed);
  const emulator = await startEmulatorProcess({ seed, latencyMs: options.latencyMs, associationLimit: QUOTA });
  const script = new SequentialScript(emulator.url);
  const gateways = new GatewayStarter(emulator, options.concurrency, options.cpuProfileDir);
  try {
    const association = await gateways.with('uncached', options.concurrency, ({ client }) => firstAssociation(client));
    const quotaAssociations =
      regions.get(QUOTA_CLUSTER.region)?.find((c) => c.name === QUOTA_CLUSTER.name)?.associations ?? 0;
    const all = scenarios({
      concurrency: options.concurrency,
      quotaCluster: { ...QUOTA_CLUSTER, associations: quotaAssociations },
      regions,
      associationId: association.associationId,
      associationNodeId: association.id,
      script,
    });
    const unknown = options.only.filter((id) => id !== INVENTORY_ID && !all.some((s) => s.id === id));
    if (unknown.length)
      throw new UsageError(
        `Unknown scenario ids: ${unknown.join(', ')}; known: ${[...all.map((s) => s.id), INVENTORY_ID].join(', ')}.`,
      );
    const selected = all.filter((s) => options.only.length === 0 || options.only.includes(s.id));

    const roundTrip = () => script.describe(QUOTA_CLUSTER, association.associationId);
    const roundTrips: number[] = [];
    const report: Report = {
      machine: machine(options.latencyMs, options.concurrency, loadAverage),
      latency: [],
      throughput: [],
    };
    report.machine.hop = await measureHop(options.latencyMs);
    progress(
      `one HTTP exchange between two processes: ${report.machine.hop.backToBackMs} ms back to back, ${report.machine.hop.afterIdleMs} ms after ${options.latencyMs} ms idle`,
    );
    for (const scenario of selected) {
      progress(`scenario ${scenario.id}: ${scenario.title} ...`);
      if (scenario.kind === 'latency') {
        const settings = { emulatorUrl: emulator.url, runs: options.runs, scriptRuns: options.scriptRuns, roundTrip };
        const m = await gateways.with(scenario.gateway, options.concurrency, ({ process: gateway, client }) =>
          measureLatency(scenario, gateway, client, settings),
        );
        roundTrips.push(...m.roundTrip.samplesMs);
        const result = latencyResult(scenario, m, report.machine);
        report.latency.push(result);
        progress(
          `  p50 ${result.time.p50Ms} ms, p99 ${result.time.p99Ms} ms (${result.time.runs} runs), floor ${result.floorMs} ms ` +
            `(rounds × R ${result.reachableMs} ms, R ${result.roundTripMs} ms), script ${result.script.p50Ms} ms, calls ${JSON.stringify(result.calls)}; ` +
            `cold p50 ${result.cold.time.p50Ms} ms; CPU ${result.cpu.cpuMsPerRequest} ms per request, ${result.cpu.cpuMsPerCall ?? '—'} ms per call (cold ${result.cold.cpuMsPerRequest}, ${result.cold.cpuMsPerCall ?? '—'})${missed(result.targets)}`,
        );
      } else {
        const m = await gateways.with('uncached', scenario.concurrency, ({ process: gateway }) =>
          measureThroughput(scenario, gateway, emulator, options.clients, options.seconds),
        );
        const result = throughputResult(scenario, m, options.latencyMs);
        report.throughput.push(result);
        progress(
          `  ${m.query.requestsPerSecond} req/s (p99 ${m.query.p99Ms} ms), CPU ${m.query.cpu.cpuMsPerRequest} ms per request` +
            `${m.trivial ? ` vs { __typename } ${m.trivial.requestsPerSecond} req/s` : ''}${missed(result.targets)}`,
        );
      }
    }
    report.machine.roundTripMs = roundTrips.length ? round(percentile(roundTrips, 50)) : null;
    return report;
  } finally {
    script.close();
    await emulator.close();
  }
}

/** Set-up, not measured: an association of the quota cluster, by its gateway id and EKS id. */
async function firstAssociation(client: GraphqlClient): Promise<{ id: string; associationId: string }> {
  type Answer = {
    cluster: { podIdentityAssociations: { nodes: Array<{ id: string; associationId: string }> } } | null;
  };
  const answer = await client.query<Answer>(FIRST_ASSOCIATION, { ...QUOTA_CLUSTER });
  const association = answer.cluster?.podIdentityAssociations.nodes[0];
  if (!association) throw new Error(`${QUOTA_CLUSTER.name} in ${QUOTA_CLUSTER.region} has no association.`);
  return association;
}

/**
 * Starts a gateway for each scenario and stops it after: without the cache, or with it (4b).
 * Every scenario so meets a gateway that has answered nothing yet, whose first requests are its
 * cold ones.
 */
class GatewayStarter {
  constructor(
    private readonly emulator: EmulatorProcess,
    private readonly defaultConcurrency: number,
    private readonly cpuProfileDir: string | null,
  ) {}

  async with<T>(
    kind: LatencyScenario['gateway'],
    concurrency: number,
    use: (gateway: { process: GatewayProcess; client: GraphqlClient }) => Promise<T>,
  ): Promise<T> {
    const process = await startGateway(
      {
        EKS_ENDPOINT: this.emulator.url,
        EKS_MAX_CONCURRENCY: String(concurrency || this.defaultConcurrency),
        // 0 turns the cache off, so repeated runs pay their calls; 4b measures it on.
        CACHE_TTL_MS: kind === 'cached' ? String(CACHED_TTL_MS) : '0',
        // Every client of the bench is the one caller `anonymous`, at full speed on purpose.
        MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: '0',
      },
      { cpuProfileDir: this.cpuProfileDir },
    );
    const client = graphqlClient(process.url);
    try {
      return await use({ process, client });
    } finally {
      client.close();
      await process.stop();
    }
  }
}

function missed(targets: Array<{ target: string; met: boolean }>): string {
  const misses = targets.filter((t) => !t.met).map((t) => t.target);
  return misses.length ? ` — missed: ${misses.join('; ')}` : '';
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function cli(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const inventory = options.only.length === 0 || options.only.includes(INVENTORY_ID);
  const inventoryOnly = options.only.length > 0 && options.only.every((id) => id === INVENTORY_ID);
  const misses: string[] = [];
  if (!inventoryOnly) {
    const otherCores = startCpuAccounting();
    const report = await main(options);
    // After main: the gateways and the emulator have exited and been reaped, so their CPU time
    // counts as ours.
    report.machine.otherCores = otherCores();
    const tables = markdownTables(report);
    process.stdout.write(`${tables}\n\n`);
    // bench/results/latest.* and the README always hold a whole run; `--only` just prints.
    if (options.only.length === 0) {
      const dir = join(ROOT, 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'latest.md'), markdownReport(report, QUERIES));
      writeFileSync(join(dir, 'latest.json'), jsonReport(report));
      if (options.updateReadme) updateReadme(join(ROOT, 'README.md'), tables);
      process.stdout.write(
        `Wrote bench/results/latest.md and latest.json${options.updateReadme ? ' and README.md' : ''}.\n`,
      );
    }
    misses.push(...missedTargets(report));
  }
  if (inventory) {
    progress('the fleet inventory (bench/inventory.ts) ...');
    await runInventoryBench(inventoryOptions([]));
    process.stdout.write('Wrote bench/results/inventory.md.\n');
  }
  if (misses.length) process.stdout.write(`Targets missed: ${misses.join('; ')}.\n`);
  if (options.check && misses.length) process.exitCode = 1;
}

cli().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${error.usage}`);
    process.exit(2);
  }
  process.stderr.write(
    `The benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
