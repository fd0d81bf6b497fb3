/**
 * How busy the rest of the machine was during the run: CPU time of every process (/proc/stat)
 * minus this process's own and its reaped children's (the gateways), per second of wall time.
 * Other work on a small machine skews every time in the table, so the report states it.
 */
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

/** Starts counting; the returned function gives the cores other processes kept busy on average. */
export function startCpuAccounting(): () => number | null {
  const start = sample();
  const started = performance.now();
  return () => {
    const end = sample();
    if (!start || !end) return null;
    const seconds = (performance.now() - started) / 1000;
    const others = end.machineTicks - start.machineTicks - (end.ownTicks - start.ownTicks);
    return Math.max(0, Math.round((others / TICKS_PER_SECOND / seconds) * 100) / 100);
  };
}

function sample(): { machineTicks: number; ownTicks: number } | null {
  try {
    // cpu  user nice system idle ...: interrupt time is left out on both sides, since whether a
    // process is charged for the interrupts it causes (loopback TCP) depends on the kernel.
    const cpu = (/^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '').split(/\s+/).map(Number);
    const [user = 0, nice = 0, system = 0] = cpu;
    // utime stime cutime cstime: this process and its waited-for descendants (the gateways).
    const own = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ').slice(11, 15).map(Number) ?? [];
    return { machineTicks: user + nice + system, ownTicks: own.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}
