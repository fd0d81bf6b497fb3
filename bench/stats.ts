/** Percentiles of timing samples. */

export interface Timing {
  runs: number;
  p50Ms: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
  /** Every sample, in the order measured (drift or a slow start shows here). */
  samplesMs: number[];
}

/**
 * Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it.
 * With fewer than 100 samples, p99 is therefore the slowest one.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`p must be in (0, 100], received ${p}.`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
}

export function timing(samples: readonly number[]): Timing {
  return {
    runs: samples.length,
    p50Ms: round(percentile(samples, 50)),
    p99Ms: round(percentile(samples, 99)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
    samplesMs: samples.map((s) => round(s)),
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Wall time of one run, in milliseconds. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}
