import { resolve } from 'node:path';
/** Benchmark settings from flags (which win) and environment variables. */

export interface BenchOptions {
  /** L: the latency the emulator adds to every EKS call. */
  latencyMs: number;
  /** C: EKS calls in flight at once per region, passed to the gateway as EKS_MAX_CONCURRENCY. */
  concurrency: number;
  /** Measured gateway runs per latency scenario (after warm-up runs). */
  runs: number;
  /** Measured runs of the sequential SDK script per scenario (each one is slow by design). */
  scriptRuns: number;
  /** Throughput: concurrent clients, and how long each throughput query runs. */
  clients: number;
  seconds: number;
  /** Only these scenario ids (all when empty). */
  only: string[];
  /** Also rewrite the table in README.md's Benchmark section. */
  updateReadme: boolean;
  /** Exit with code 1 when a target of the issue is missed. */
  check: boolean;
  /** Where each gateway writes a CPU profile (node --cpu-prof) when it exits; null for none. */
  cpuProfileDir: string | null;
}

const USAGE = `npm run bench -- [flags]

  --latency-ms N    latency L of every EKS call (env BENCH_LATENCY_MS; default 20)
  --concurrency N   the gateway's EKS_MAX_CONCURRENCY, C (env EKS_MAX_CONCURRENCY; default 16)
  --runs N          measured gateway runs per scenario at least (env BENCH_RUNS; default 20)
  --script-runs N   measured runs of the sequential SDK script at least (env BENCH_SCRIPT_RUNS; default 3)
  --clients N       concurrent clients of the throughput scenario (env BENCH_CLIENTS; default 32)
  --seconds N       seconds per throughput query (env BENCH_SECONDS; default 10)
  --only IDS        comma-separated scenario ids, e.g. 2,4,4b (default: all); prints, writes no file
  --update-readme   also put the table into README.md's Benchmark section
  --check           exit 1 when a target is missed
  --cpu-prof DIR    each gateway writes a CPU profile (node --cpu-prof) into DIR when it stops;
                    open it in Chrome DevTools (Performance) or VS Code
`;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (arg === '--update-readme' || arg === '--check') {
      switches.add(arg);
      continue;
    }
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (!name.startsWith('--') || value === undefined) throw new UsageError(`Unexpected argument ${arg}.`);
    flags.set(name, value);
  }
  const known = [
    '--latency-ms',
    '--concurrency',
    '--runs',
    '--script-runs',
    '--clients',
    '--seconds',
    '--only',
    '--cpu-prof',
  ];
  for (const name of flags.keys()) if (!known.includes(name)) throw new UsageError(`Unknown flag ${name}.`);

  const int = (flag: string, envName: string, fallback: number, min: number, max: number): number => {
    const raw = flags.get(flag) ?? env[envName];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`${flag} (or ${envName}) must be an integer from ${min} to ${max}; received '${raw}'.`);
    }
    return n;
  };
  const only = (flags.get('--only') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (only.length > 0 && switches.has('--update-readme'))
    throw new UsageError('--update-readme needs a whole run; leave out --only.');
  return {
    latencyMs: int('--latency-ms', 'BENCH_LATENCY_MS', 20, 0, 10_000),
    concurrency: int('--concurrency', 'EKS_MAX_CONCURRENCY', 16, 1, 1000),
    runs: int('--runs', 'BENCH_RUNS', 20, 1, 10_000),
    scriptRuns: int('--script-runs', 'BENCH_SCRIPT_RUNS', 3, 1, 1000),
    clients: int('--clients', 'BENCH_CLIENTS', 32, 1, 10_000),
    seconds: int('--seconds', 'BENCH_SECONDS', 10, 1, 3600),
    only,
    updateReadme: switches.has('--update-readme'),
    check: switches.has('--check'),
    cpuProfileDir: cpuProfileDir(flags.get('--cpu-prof')),
  };
}

function cpuProfileDir(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.trim() === '') throw new UsageError('--cpu-prof needs a folder.');
  return resolve(value);
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly usage = USAGE;
}
