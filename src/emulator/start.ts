/** `startEmulator`: options -> store (from a state file or a seed) -> HTTP server. */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { applyChange } from './changes';
import { Persistence, StateFileError, type LoadedState } from './persistence';
import { DEFAULT_CREDENTIAL_SECONDS } from './podIdentityAgent';
import { EmulatorRuntime } from './runtime';
import { loadSeed, readSeed, type Seed } from './seed';
import { demoSeed } from './seeds/demo';
import { createEmulatorServer } from './server';
import { Store } from './store';

export interface EmulatorOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 = pick a free port. */
  port?: number;
  /** `demo` (default), `none`, a path to a seed JSON file, or a seed object (one account's, or `{accounts: [...]}`). */
  seed?: Seed | string;
  /** Persist state here (snapshot) and in `<stateFile>.journal`; unset = memory only. */
  stateFile?: string;
  /**
   * The default account's id: the account of static credentials that name none. Default: the
   * seed's accountId, or its first account, or 000000000000. Given, it renames the seed's
   * (first) account.
   */
  accountId?: string;
  /** Delay added to each EKS call; default 0. */
  latencyMs?: number;
  /** Uniform random +/- jitter on that delay; default 0. */
  jitterMs?: number;
  /** Associations per cluster; default 5000. */
  associationLimit?: number;
  /** How long the Pod Identity agent's credentials last, in seconds (1-43200); default 21600. */
  podIdentityCredentialSeconds?: number;
  /** Receives operator-facing lines (unexpected errors, persistence events); default silent. */
  logger?: (line: string) => void;
}

export interface RunningEmulator {
  /** `http://<host>:<port>`, no trailing slash. */
  url: string;
  port: number;
  /** Stops listening, drops open connections and writes a final snapshot. */
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const port = integerOption(options.port, 'port', 0, 0, 65535);
  const latencyMs = integerOption(options.latencyMs, 'latencyMs', 0, 0, 60_000);
  const jitterMs = integerOption(options.jitterMs, 'jitterMs', 0, 0, 60_000);
  const associationLimit = integerOption(options.associationLimit, 'associationLimit', 5000, 1, 10_000_000);
  const podIdentityCredentialSeconds = integerOption(
    options.podIdentityCredentialSeconds,
    'podIdentityCredentialSeconds',
    DEFAULT_CREDENTIAL_SECONDS,
    1,
    43_200,
  );
  const log = options.logger ?? (() => undefined);
  const seedOption = options.seed ?? 'demo';
  if (options.accountId !== undefined && !/^\d{12}$/.test(options.accountId)) {
    throw new RangeError(`Emulator option accountId must be 12 digits; received '${options.accountId}'.`);
  }
  // The demo's trust policies name its platform account, so the demo is built for the id given.
  const seedModel = readSeed(
    loadSeed(seedOption, () => demoSeed(options.accountId)),
    options.accountId,
  );

  let persistence: Persistence | null = null;
  let loaded: LoadedState | null = null;
  if (options.stateFile) ({ persistence, loaded } = await Persistence.open(options.stateFile, log));
  try {
    const snapshot = loaded?.snapshot ?? null;
    const store = new Store(snapshot?.defaultAccountId ?? seedModel.defaultAccountId);
    if (snapshot && snapshot.defaultAccountId !== seedModel.defaultAccountId) {
      log(
        `emulator: the state file ${options.stateFile ?? ''} was made for the default account ${snapshot.defaultAccountId}, the seed's is ${seedModel.defaultAccountId}; keeping the state file's (ARNs already handed out name it)`,
      );
    }
    const runtime = new EmulatorRuntime(
      store,
      snapshot ? Buffer.from(snapshot.paginationKey, 'base64') : randomBytes(32),
      persistence,
      {
        associationLimit,
        podIdentityCredentialSeconds,
        latencyMs,
        jitterMs,
        seed: seedModel,
        startTime: Date.now(),
        log,
      },
    );
    // Materialized even when a state file exists, so a bad seed fails now rather than at a later reset.
    const seedAccounts = runtime.seedAccounts();
    if (snapshot) {
      // The state file wins over the seed: the seed only makes a fresh state.
      try {
        for (const account of snapshot.accounts) {
          const state = store.ensureAccount(account.accountId);
          for (const cluster of account.clusters) state.addCluster(cluster);
          for (const record of account.idempotency) state.idempotency.set(record.key, record);
        }
      } catch (error) {
        throw new StateFileError(
          `The emulator state file ${persistence?.statePath ?? ''} is corrupt: ${(error as Error).message}. Refusing to start so no data is lost.`,
        );
      }
    } else {
      for (const account of seedAccounts) {
        if (account.clusters.length === 0) continue;
        const state = store.ensureAccount(account.accountId);
        for (const cluster of account.clusters) state.addCluster(cluster);
      }
    }
    for (const entry of loaded?.entries ?? []) {
      try {
        applyChange(store, entry.change);
      } catch (error) {
        throw new StateFileError(
          `The emulator journal ${persistence?.journalPath ?? ''} is corrupt at line ${entry.line}: ${(error as Error).message}. Refusing to start so no data is lost.`,
        );
      }
    }
    if (persistence && loaded) {
      persistence.attach(() => runtime.snapshotContent());
      // A fresh state gets its first snapshot now; a replayed journal is folded in (dropping any torn tail).
      if (!loaded.snapshot || loaded.journalInUse) await persistence.compact();
      log(
        `emulator: state file ${persistence.statePath} (${loaded.snapshot ? `loaded, ${loaded.entries.length} journal entries replayed` : 'created from the seed'})`,
      );
    }
    return await listen(runtime, host, port);
  } catch (error) {
    await persistence?.abandon();
    throw error;
  }
}

async function listen(runtime: EmulatorRuntime, host: string, port: number): Promise<RunningEmulator> {
  const server = createEmulatorServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    close() {
      closing ??= (async () => {
        runtime.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await runtime.persistence?.close();
      })();
      return closing;
    },
  };
}

function integerOption(value: number | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `Emulator option ${name} must be an integer from ${min} to ${max}; received ${String(value)}.`,
    );
  }
  return value;
}
