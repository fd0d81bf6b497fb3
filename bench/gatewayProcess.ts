/**
 * The gateway under test as a child process (as in bench/soak.ts), so its memory is its own and
 * its CPU is not shared with the load generator's event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GatewayProcess {
  /** The GraphQL endpoint. */
  url: string;
  /** The process that runs the gateway's code (tsx's launcher runs it as its own child). */
  pid: number;
  /** Resident set size of that process, in MiB. */
  rssMiB(): number;
  /** CPU time that process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..');
const START_TIMEOUT_MS = 60_000;

export async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await readyUrl(child);
    const pid = gatewayPid(child.pid ?? 0);
    return {
      url,
      pid,
      rssMiB: () => rssMiB(pid),
      cpuSeconds: () => cpuSeconds(pid),
      stop: () => stop(child),
    };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/** Resolves with the URL of the `GraphiQL: http://...` line the gateway prints when ready. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`the gateway did not print its URL within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /GraphiQL: (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with code ${code} before it was ready (its stderr is above)`));
    });
  });
}

/**
 * The `tsx` launcher spawns node with its loader as a child and only relays signals; the gateway
 * is the deepest descendant. Falls back to the launcher itself if /proc shows no child.
 */
function gatewayPid(launcher: number): number {
  let pid = launcher;
  for (;;) {
    const children = childrenOf(pid);
    if (children.length !== 1) return pid;
    pid = children[0] as number;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssMiB(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return NaN;
  }
}

/** Fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s (USER_HZ on Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** SIGTERM (the gateway drains and exits), then SIGKILL if it is still there after 15 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
