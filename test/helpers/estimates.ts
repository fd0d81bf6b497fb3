/**
 * Holds the cost estimate to what the emulator counts: an operation run through `withinEstimate`
 * must have made no more EKS calls than the estimate (the one MAX_EKS_CALLS compares) allowed.
 */
import { estimateEksCalls } from '../../src/graphql/operationLimits';
import { buildSchema } from '../../src/graphql/schema';

const schema = buildSchema();

export interface CallCounter {
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
}

export interface EstimatedRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string | null;
}

/** The EKS calls counted, whatever else the emulator counts beside them. */
export function eksCallsIn(calls: Record<string, number>): number {
  return Object.values(calls).reduce((sum, n) => sum + n, 0);
}

/** Runs `run` (which sends `request`) from zeroed counters, and checks the calls against the estimate. */
export async function withinEstimate<R>(
  counter: CallCounter,
  request: EstimatedRequest,
  regionCount: number,
  run: () => Promise<R>,
): Promise<R> {
  await counter.resetCalls();
  const result = await run();
  const made = eksCallsIn(await counter.calls());
  const estimate = estimateEksCalls(
    schema,
    { query: request.query, variables: request.variables ?? null, operationName: request.operationName ?? null },
    regionCount,
  );
  // The query is part of the value compared, so a failure says which one.
  expect({
    query: request.query,
    made,
    estimate: estimate !== null && estimate >= made ? 'at least made' : estimate,
  }).toEqual({
    query: request.query,
    made,
    estimate: 'at least made',
  });
  return result;
}
