/** What the benchmark reads of its child processes (the gateway, the emulator) from /proc. */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time the process has used so far, in seconds, to the nanosecond: the sum of every thread's
 * run time in /proc/<pid>/task/<tid>/schedstat (the main thread, libuv's pool, V8's GC and
 * compiler threads). /proc/<pid>/stat counts in ticks of 10 ms, too coarse for a few requests.
 * Node's threads live as long as the process, so no thread's time is lost by ending.
 */
export function cpuSeconds(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return ns / 1e9;
  } catch {
    return NaN;
  }
}

/** Resident set size, in MiB. */
export function rssMiB(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return NaN;
  }
}

/** SIGTERM (the process drains and exits), then SIGKILL if it is still there after 15 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A process whose CPU the benchmark reads. */
export interface ProcessCpu {
  cpuSeconds(): number;
}
