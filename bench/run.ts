/**
 * `npm run bench`: the scenarios of issue 6 against the emulator (in this process, with latency
 * L on every EKS call) through the gateway (a child process), beside the sequential SDK script.
 * Writes bench/results/latest.md and latest.json; `--update-readme` also updates the README.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../src/emulator';
import { graphqlClient, type GraphqlClient } from './client';
import { startCpuAccounting } from './contention';
import { startGateway, type GatewayProcess } from './gatewayProcess';
import { measureHop } from './hop';
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
const QUOTA = 5000;
/** Long enough that scenario 4b's runs all fall inside it. */
const CACHED_TTL_MS = 60_000;

async function main(options: BenchOptions): Promise<Report> {
  // Read before anything of ours starts: it shows what else was running.
  const [loadAverage = 0] = loadavg();
  if (loadAverage > cpus().length / 2)
    progress(`note: load average ${loadAverage.toFixed(2)} on ${cpus().length} cores; other work will skew the times`);
  const seed = benchSeed(QUOTA);
  const regions = seedShape(seed);
  const emulator = await startEmulator({ seed, latencyMs: options.latencyMs, associationLimit: QUOTA });
  const script = new SequentialScript(emulator.url);
  const gateways = new GatewayPool(emulator, options.concurrency);
  try {
    const association = await firstAssociation((await gateways.get('uncached')).client);
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
    const unknown = options.only.filter((id) => !all.some((s) => s.id === id));
    if (unknown.length)
      throw new UsageError(`Unknown scenario ids: ${unknown.join(', ')}; known: ${all.map((s) => s.id).join(', ')}.`);
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
        const { process: gateway, client } = await gateways.get(scenario.gateway);
        const settings = { emulatorUrl: emulator.url, runs: options.runs, scriptRuns: options.scriptRuns, roundTrip };
        const m = await measureLatency(scenario, gateway, client, settings);
        roundTrips.push(...m.roundTrip.samplesMs);
        const result = latencyResult(scenario, m, report.machine);
        report.latency.push(result);
        progress(
          `  p50 ${result.time.p50Ms} ms, p99 ${result.time.p99Ms} ms (${result.time.runs} runs), floor ${result.floorMs} ms ` +
            `(rounds × R ${result.reachableMs} ms, R ${result.roundTripMs} ms), script ${result.script.p50Ms} ms, calls ${JSON.stringify(result.calls)}${missed(result.targets)}`,
        );
      } else {
        const { process: gateway } = await gateways.get('uncached');
        const m = await measureThroughput(scenario, gateway, emulator.url, options.clients, options.seconds);
        const result = throughputResult(scenario, m, options.concurrency, options.latencyMs);
        report.throughput.push(result);
        progress(
          `  ${m.query.requestsPerSecond} req/s (p99 ${m.query.p99Ms} ms) vs { __typename } ${m.trivial.requestsPerSecond} req/s${missed(result.targets)}`,
        );
      }
      if (scenario.kind === 'latency' && scenario.gateway === 'cached') await gateways.stop('cached');
    }
    report.machine.roundTripMs = roundTrips.length ? round(percentile(roundTrips, 50)) : null;
    return report;
  } finally {
    await gateways.stopAll();
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

/** The gateways under test, started on first use: without the cache, and with it (4b). */
class GatewayPool {
  private readonly running = new Map<
    LatencyScenario['gateway'],
    Promise<{ process: GatewayProcess; client: GraphqlClient }>
  >();

  constructor(
    private readonly emulator: RunningEmulator,
    private readonly concurrency: number,
  ) {}

  get(kind: LatencyScenario['gateway']): Promise<{ process: GatewayProcess; client: GraphqlClient }> {
    let gateway = this.running.get(kind);
    if (!gateway) {
      gateway = startGateway({
        EKS_ENDPOINT: this.emulator.url,
        EKS_MAX_CONCURRENCY: String(this.concurrency),
        // 0 turns the cache off, so repeated runs pay their calls; 4b measures it on.
        CACHE_TTL_MS: kind === 'cached' ? String(CACHED_TTL_MS) : '0',
        // Every client of the bench is the one caller `anonymous`, at full speed on purpose.
        MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: '0',
      }).then((process) => ({ process, client: graphqlClient(process.url) }));
      this.running.set(kind, gateway);
    }
    return gateway;
  }

  async stop(kind: LatencyScenario['gateway']): Promise<void> {
    const gateway = this.running.get(kind);
    this.running.delete(kind);
    if (!gateway) return;
    const { process, client } = await gateway.catch(() => ({ process: null, client: null }));
    client?.close();
    await process?.stop();
  }

  async stopAll(): Promise<void> {
    for (const kind of [...this.running.keys()]) await this.stop(kind);
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
  const otherCores = startCpuAccounting();
  const report = await main(options);
  // After main: the gateways have exited and been reaped, so their CPU time counts as ours.
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
  const misses = missedTargets(report);
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
