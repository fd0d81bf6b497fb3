/**
 * Fault injection: latency (for every operation, or per operation), jitter and per-operation
 * rates of throttling, server errors, unavailability, dropped connections and malformed
 * answers. Decisions come from a seeded PRNG in request arrival
 * order, so a run with the same seed and the same calls sees the same faults.
 */
import { invalidParameter, jsonType, quote } from './errors';
import { createPrng } from './ids';
import { isServiceOperationName, MUTATING_OPERATIONS, type ServiceOperationName } from './model';

export const FAULT_KINDS = ['throttle', 'server', 'unavailable', 'drop', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Partial<Record<FaultKind, number>>;

export interface FaultConfig {
  latencyMs: number;
  jitterMs: number;
  /** Latency of the operations named, instead of `latencyMs`; shown only when it names some. */
  operationLatencyMs?: Partial<Record<ServiceOperationName, number>>;
  seed: number;
  /** Keyed by operation name or `*`; an operation's own entry overrides `*` kind by kind. */
  rates: Record<string, FaultRates>;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'throttle' }
  | { kind: 'server' }
  | { kind: 'unavailable' }
  /** `afterApply`: the mutation is applied (and made durable) before the connection is dropped. */
  | { kind: 'drop'; afterApply: boolean }
  /** A 200 whose body has the wrong JSON types (`{"cluster": "malformed"}`), after the operation ran. */
  | { kind: 'malformed' };

const DEFAULT_SEED = 1;
const MAX_LATENCY_MS = 60_000;

export class FaultInjector {
  private current: FaultConfig;
  private decisions: () => number;
  private jitter: () => number;

  constructor(private readonly initial: { latencyMs: number; jitterMs: number }) {
    this.current = { ...initial, seed: DEFAULT_SEED, rates: {} };
    this.decisions = createPrng(DEFAULT_SEED);
    this.jitter = createPrng(DEFAULT_SEED ^ 0x5bd1e995);
  }

  config(): FaultConfig {
    const config = structuredClone(this.current);
    if (config.operationLatencyMs && Object.keys(config.operationLatencyMs).length === 0)
      delete config.operationLatencyMs;
    return config;
  }

  /**
   * Applies a `POST /_emulator/faults` body: members given replace the current ones, members left
   * out keep their value. The PRNG restarts from the seed, so the same config gives the same run.
   */
  configure(body: unknown): FaultConfig {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidParameter(`The fault configuration must be a JSON object; received ${jsonType(body)}.`);
    }
    const input = body as Record<string, unknown>;
    const known = new Set(['latencyMs', 'jitterMs', 'operationLatencyMs', 'seed', 'rates']);
    for (const member of Object.keys(input)) {
      if (!known.has(member)) {
        throw invalidParameter(
          `Unknown fault configuration member ${quote(member)}; known members are latencyMs, jitterMs, operationLatencyMs, seed and rates.`,
        );
      }
    }
    const next: FaultConfig = {
      latencyMs: input.latencyMs === undefined ? this.current.latencyMs : milliseconds(input.latencyMs, 'latencyMs'),
      jitterMs: input.jitterMs === undefined ? this.current.jitterMs : milliseconds(input.jitterMs, 'jitterMs'),
      operationLatencyMs:
        input.operationLatencyMs === undefined
          ? (this.current.operationLatencyMs ?? {})
          : validateOperationLatency(input.operationLatencyMs),
      seed: input.seed === undefined ? this.current.seed : seedOf(input.seed),
      rates: input.rates === undefined ? this.current.rates : validateRates(input.rates),
    };
    this.install(next);
    return this.config();
  }

  /** Back to the start-up configuration: the latency and jitter given at start, no fault rates. */
  clear(): FaultConfig {
    this.install({ ...this.initial, operationLatencyMs: {}, seed: DEFAULT_SEED, rates: {} });
    return this.config();
  }

  /** Decides the fate of one EKS, STS or IAM call and how long to delay it. */
  decide(operation: ServiceOperationName): { decision: FaultDecision; delayMs: number } {
    const { jitterMs } = this.current;
    const latencyMs = this.current.operationLatencyMs?.[operation] ?? this.current.latencyMs;
    const delayMs = Math.max(0, latencyMs + (jitterMs > 0 ? (this.jitter() * 2 - 1) * jitterMs : 0));
    const rates = { ...this.current.rates['*'], ...this.current.rates[operation] };
    if (FAULT_KINDS.every((kind) => !rates[kind])) return { decision: { kind: 'none' }, delayMs };
    // One draw, split into consecutive bands: throttle, server, unavailable, drop, none.
    let roll = this.decisions();
    for (const kind of FAULT_KINDS) {
      const rate = rates[kind] ?? 0;
      if (roll < rate) return { decision: this.faultOf(kind, operation), delayMs };
      roll -= rate;
    }
    return { decision: { kind: 'none' }, delayMs };
  }

  private faultOf(kind: FaultKind, operation: ServiceOperationName): FaultDecision {
    switch (kind) {
      case 'throttle':
      case 'server':
      case 'unavailable':
      case 'malformed':
        return { kind };
      case 'drop':
        // Dropping after a mutation applied is what proves a client's retries are idempotent.
        return { kind: 'drop', afterApply: MUTATING_OPERATIONS.has(operation) && this.decisions() < 0.5 };
      default: {
        const unexpected: never = kind;
        throw new Error(`unknown fault kind ${String(unexpected)}`);
      }
    }
  }

  private install(config: FaultConfig): void {
    this.current = structuredClone(config);
    this.decisions = createPrng(config.seed);
    this.jitter = createPrng(config.seed ^ 0x5bd1e995);
  }
}

function milliseconds(value: unknown, member: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_LATENCY_MS) {
    throw invalidParameter(
      `The fault configuration member ${member} must be a number of milliseconds between 0 and ${MAX_LATENCY_MS}; received ${quote(value)}.`,
    );
  }
  return value;
}

function validateOperationLatency(value: unknown): Partial<Record<ServiceOperationName, number>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter(
      `The fault configuration member operationLatencyMs must be an object keyed by operation name; received ${jsonType(value)}.`,
    );
  }
  const latency: Partial<Record<ServiceOperationName, number>> = {};
  for (const [operation, ms] of Object.entries(value as Record<string, unknown>)) {
    if (!isServiceOperationName(operation)) {
      throw invalidParameter(
        `Unknown operation ${quote(operation)} in operationLatencyMs; use an EKS, STS or IAM operation name such as DescribePodIdentityAssociation, AssumeRole or GetRole (latencyMs is the latency of the others).`,
      );
    }
    latency[operation] = milliseconds(ms, `operationLatencyMs.${operation}`);
  }
  return latency;
}

function seedOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidParameter(`The fault configuration member seed must be an integer; received ${quote(value)}.`);
  }
  return value;
}

function validateRates(value: unknown): Record<string, FaultRates> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter(
      `The fault configuration member rates must be an object keyed by operation name or '*'; received ${jsonType(value)}.`,
    );
  }
  const rates: Record<string, FaultRates> = {};
  for (const [operation, kinds] of Object.entries(value as Record<string, unknown>)) {
    if (operation !== '*' && !isServiceOperationName(operation)) {
      throw invalidParameter(
        `Unknown operation ${quote(operation)} in fault rates; use '*' or an EKS, STS or IAM operation name such as CreatePodIdentityAssociation, AssumeRole or GetRole.`,
      );
    }
    if (typeof kinds !== 'object' || kinds === null || Array.isArray(kinds)) {
      throw invalidParameter(
        `The fault rates of ${operation} must be an object keyed by fault kind; received ${jsonType(kinds)}.`,
      );
    }
    const entry: FaultRates = {};
    for (const [kind, rate] of Object.entries(kinds as Record<string, unknown>)) {
      if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
        throw invalidParameter(
          `Unknown fault kind ${quote(kind)} for ${operation}; known kinds are ${FAULT_KINDS.join(', ')}.`,
        );
      }
      if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
        throw invalidParameter(
          `The ${kind} rate of ${operation} must be a number between 0 and 1; received ${quote(rate)}.`,
        );
      }
      entry[kind as FaultKind] = rate;
    }
    rates[operation] = entry;
  }
  // The kinds share one draw, so an operation's rates together cannot exceed 1.
  for (const name of Object.keys(rates)) {
    const merged = { ...rates['*'], ...rates[name] };
    const total = FAULT_KINDS.reduce((sum, kind) => sum + (merged[kind] ?? 0), 0);
    if (total > 1 + 1e-9) throw invalidParameter(`The fault rates of ${name} add up to ${total}, more than 1.`);
  }
  return rates;
}
