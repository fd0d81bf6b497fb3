/**
 * The gateway under test as `npm start` runs it: the build (`node dist/src/main.js`, with the
 * Node.js flags of the start script) in a process of its own, so its CPU and memory are its own and not shared with the load generator's event
 * loop. With `cpuProfileDir`, Node writes a CPU profile of the whole run there when it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT } from './build';
import { cpuSeconds, rssMiB, stopChild } from './processes';

export interface GatewayProcess {
  /** The GraphQL endpoint. */
  url: string;
  pid: number;
  /** Resident set size, in MiB. */
  rssMiB(): number;
  /** CPU time the process has used so far (every thread), in seconds. */
  cpuSeconds(): number;
  /** Milliseconds from the spawn to the "ready" line. */
  startMs: number;
  stop(): Promise<void>;
}

export interface GatewayStartOptions {
  /** Write a `.cpuprofile` (node --cpu-prof) into this folder when the gateway exits. */
  cpuProfileDir?: string | null;
}

const START_TIMEOUT_MS = 60_000;

/** Starts `dist/src/main.js` (see bench/build.ts for the build) with `env` over the bench's own. */
export async function startGateway(
  env: Record<string, string>,
  options: GatewayStartOptions = {},
): Promise<GatewayProcess> {
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const started = performance.now();
  const child = spawn(process.execPath, [...startFlags(), ...profile, join(DIST, 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      // LOG_LEVEL as npm start has it (info): a log line per request is part of what it costs.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await readyUrl(child);
    const startMs = Math.round(performance.now() - started);
    const pid = child.pid ?? 0;
    return {
      url,
      pid,
      startMs,
      rssMiB: () => rssMiB(pid),
      cpuSeconds: () => cpuSeconds(pid),
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** The Node.js flags `npm start` gives (package.json: `node <flags> scripts/start.js`). */
export function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /^node ((?:--\S+ )*)scripts\/start\.js$/.exec(scripts.start);
  if (!match) throw new Error(`package.json's start script is not 'node [flags] scripts/start.js': ${scripts.start}`);
  return (match[1] ?? '').split(' ').filter(Boolean);
}

/** Resolves with the URL of the `GraphiQL: http://...` line the gateway prints when ready. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`the gateway did not print its URL within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = /(?:GraphiQL|GraphQL endpoint): (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        // The log lines that follow are read and dropped, so that the gateway never waits on a full pipe.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with code ${code} before it was ready (its stderr is above)`));
    });
  });
}
