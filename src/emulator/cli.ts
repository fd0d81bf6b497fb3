/**
 * `npm run emulator -- [flags]`: runs the emulator until SIGINT/SIGTERM. Prints exactly one line on
 * stdout when ready, containing the base URL; everything else goes to stderr.
 */
import { existsSync } from 'node:fs';
import { startEmulator, type EmulatorOptions } from './start';

const USAGE = `Usage: npm run emulator -- [flags]

A local EKS-compatible endpoint (Pod Identity associations, clusters, add-ons) with STS
(AssumeRole, GetCallerIdentity) over several accounts. See docs/emulator.md.

Flags:
  --host HOST               interface to listen on (default 127.0.0.1)
  --port N                  port, 0 picks a free one (default 0)
  --seed demo|none|FILE     initial state: the demo data, nothing, or a seed JSON file (default demo)
  --state-file PATH         persist state in PATH (and PATH.journal); it wins over --seed when it exists
  --account ID              12-digit id of the default account, the one static credentials
                            belong to (default: the seed's first account, or 000000000000)
  --latency-ms N            delay added to every EKS and STS call (default 0)
  --jitter-ms N             +/- random jitter on that delay (default 0)
  --association-limit N     associations per cluster (default 5000)
  --pod-identity-credential-seconds N
                            how long the Pod Identity agent's credentials last (default 21600)
  --help                    show this help
`;

class UsageError extends Error {}

type Flag =
  | 'host'
  | 'port'
  | 'seed'
  | 'state-file'
  | 'account'
  | 'latency-ms'
  | 'jitter-ms'
  | 'association-limit'
  | 'pod-identity-credential-seconds';
const FLAGS: readonly Flag[] = [
  'host',
  'port',
  'seed',
  'state-file',
  'account',
  'latency-ms',
  'jitter-ms',
  'association-limit',
  'pod-identity-credential-seconds',
];

export function parseArgs(argv: readonly string[]): EmulatorOptions | 'help' {
  const options: EmulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return 'help';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || !name || !(FLAGS as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown argument '${arg}'. Run with --help to see the flags.`);
    }
    const flag = name as Flag;
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${flag} needs a value.`);
      i++;
    }
    applyFlag(options, flag, value);
  }
  return options;
}

function applyFlag(options: EmulatorOptions, flag: Flag, value: string): void {
  switch (flag) {
    case 'host':
      if (value === '') throw new UsageError('--host must not be empty.');
      options.host = value;
      return;
    case 'port':
      options.port = integer(flag, value, 0, 65535);
      return;
    case 'seed':
      if (value !== 'demo' && value !== 'none' && !existsSync(value)) {
        throw new UsageError(
          `--seed must be demo, none or the path of a seed JSON file; '${value}' is neither and no such file exists.`,
        );
      }
      options.seed = value;
      return;
    case 'state-file':
      if (value === '') throw new UsageError('--state-file must not be empty.');
      options.stateFile = value;
      return;
    case 'account':
      if (!/^\d{12}$/.test(value))
        throw new UsageError(`--account must be a 12-digit AWS account id; received '${value}'.`);
      options.accountId = value;
      return;
    case 'latency-ms':
      options.latencyMs = integer(flag, value, 0, 60_000);
      return;
    case 'jitter-ms':
      options.jitterMs = integer(flag, value, 0, 60_000);
      return;
    case 'association-limit':
      options.associationLimit = integer(flag, value, 1, 10_000_000);
      return;
    case 'pod-identity-credential-seconds':
      options.podIdentityCredentialSeconds = integer(flag, value, 1, 43_200);
      return;
    default: {
      const unexpected: never = flag;
      throw new UsageError(`Unknown flag --${String(unexpected)}.`);
    }
  }
}

function integer(flag: Flag, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}; received '${value}'.`);
  return n;
}

async function main(): Promise<void> {
  let parsed: EmulatorOptions | 'help';
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`eks-emulator: ${error.message}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let emulator;
  try {
    emulator = await startEmulator({ ...parsed, logger: log });
  } catch (error) {
    process.stderr.write(`eks-emulator: failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`EKS emulator listening on ${emulator.url}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`eks-emulator: ${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`eks-emulator: error while shutting down: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) void main();
