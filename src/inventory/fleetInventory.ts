/**
 * The fleet inventory of a running gateway: the store, the sweeps that fill it, and what the
 * schema reads of its state. At start a full sweep, then every refresh interval a List-only
 * refresh with the rolling re-describe. Among replicas sharing one PostgreSQL, only the holder
 * of the sweep lease sweeps; another takes the lease over within a lease time when the holder
 * stops renewing it. Every replica reads.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { PodIdentityBackend } from '../eks/operations';
import type { AccountRegion } from '../eks/types';
import type { GatewayMetrics } from '../metrics';
import { SweepPacer } from './pacer';
import type { InventoryStore, Visibility } from './store/types';
import { sweep, SweepCancelled } from './sweep';

export type InventoryState = 'SWEEPING' | 'READY' | 'DEGRADED';

export interface InventorySettings {
  refreshMs: number;
  maxAgeMs: number;
  callsPerSecond: number;
  /** How long a sweep lease lasts without renewal: the longest a dead sweeper delays the others. */
  leaseMs: number;
}

export const SWEEP_LEASE = 'inventory-sweep';
/** The state the replicas share about sweeps (when each last started and ended). */
const LAST_SWEEP = 'inventory-last-sweep';
const LAST_FULL_SWEEP = 'inventory-last-full-sweep';

export class FleetInventory {
  readonly replicaId = randomUUID();
  private readonly pacer: SweepPacer;
  private timers: NodeJS.Timeout[] = [];
  private sweeping: Promise<void> | null = null;
  private closed = false;
  private holdsLease = false;
  private lastStartedAt: Date | null = null;
  private lastEndedAt: Date | null = null;
  private fullSweepDone = false;
  private readonly firstSweep: Promise<void>;
  private resolveFirstSweep!: () => void;
  /** Read when /metrics is scraped: kept up to date after each sweep (the store is async). */
  private rows = 0;
  private oldestSyncedAt: Date | null = null;

  constructor(
    readonly store: InventoryStore,
    private readonly locations: () => readonly AccountRegion[],
    /** The EKS calls of sweeps: their own scope, in the limiter's bulk lane. */
    private readonly eks: PodIdentityBackend,
    private readonly settings: InventorySettings,
    private readonly logger: Logger,
    private readonly metrics: GatewayMetrics | null,
    private readonly now: () => Date = () => new Date(),
    /** Resolves when no interactive EKS call waits or runs (bounded): sweeps leave those the CPU. */
    private readonly yieldToInteractive: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.pacer = new SweepPacer(settings.callsPerSecond, Date.now, undefined, yieldToInteractive);
    this.firstSweep = new Promise((resolve) => (this.resolveFirstSweep = resolve));
    metrics?.gaugeOnScrape('inventory_rows', 'Associations in the fleet inventory.', [], () => [[{}, this.rows]]);
    metrics?.gaugeOnScrape(
      'inventory_oldest_row_age_seconds',
      'Age of the row of the fleet inventory confirmed longest ago.',
      [],
      () => [[{}, this.oldestSyncedAt ? (this.now().getTime() - this.oldestSyncedAt.getTime()) / 1000 : 0]],
    );
    metrics?.gaugeOnScrape(
      'inventory_sweep_lease_held',
      'Whether this replica holds the sweep lease (1) or not (0).',
      [],
      () => [[{}, this.holdsLease ? 1 : 0]],
    );
  }

  /** Takes the lease if it can and starts sweeping; returns at once (the first sweep runs on). */
  start(): void {
    void this.refreshGauges().catch(() => {});
    void this.tick();
    const leaseTimer = setInterval(() => void this.tick(), Math.max(1_000, Math.floor(this.settings.leaseMs / 3)));
    leaseTimer.unref();
    this.timers.push(leaseTimer);
  }

  /** Resolves when a full sweep has ended (here or on another replica): for `/readyz?full`. */
  whenSynced(): Promise<void> {
    return this.firstSweep;
  }

  /** Associations in the inventory, as of the last sweep (or start): what a search could have to read. */
  get rowCount(): number {
    return this.rows;
  }

  get synced(): boolean {
    return this.fullSweepDone;
  }

  /**
   * The state as a caller sees it: DEGRADED only for failures of places it may read, so the
   * state tells it nothing of the others.
   */
  async state(
    visibility: Visibility,
  ): Promise<{ state: InventoryState; lastSweepStartedAt: Date | null; lastSweepEndedAt: Date | null }> {
    await this.readShared();
    const failures = await this.store.listFailures(visibility);
    const state: InventoryState = !this.fullSweepDone ? 'SWEEPING' : failures.length > 0 ? 'DEGRADED' : 'READY';
    return { state, lastSweepStartedAt: this.lastStartedAt, lastSweepEndedAt: this.lastEndedAt };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    // A sweep running makes no further call (see `cancelled`); its calls in flight end first.
    await this.sweeping;
    if (this.holdsLease) await this.store.releaseLease(SWEEP_LEASE, this.replicaId).catch(() => false);
    await this.store.close();
  }

  /**
   * Renews (or takes) the lease; the holder sweeps when a sweep is due: a full one when none has
   * ended yet, else a refresh once the refresh interval has passed since the last one started.
   */
  private async tick(): Promise<void> {
    if (this.closed) return;
    try {
      this.holdsLease = await this.store.tryAcquireLease(
        SWEEP_LEASE,
        this.replicaId,
        this.settings.leaseMs,
        this.now(),
      );
      await this.readShared();
      if (!this.holdsLease || this.sweeping) return;
      const due =
        !this.fullSweepDone ||
        this.lastStartedAt === null ||
        this.now().getTime() - this.lastStartedAt.getTime() >= this.settings.refreshMs;
      if (!due) return;
      this.sweeping = this.runSweep(this.fullSweepDone ? 'refresh' : 'full').finally(() => (this.sweeping = null));
    } catch (error) {
      this.logger.error({ err: error }, 'Inventory: could not reach its database; the sweep waits for the next tick');
    }
  }

  /** Never rejects: a sweep that fails (its database, or an error nobody foresaw) is logged and retried at the next tick. */
  private async runSweep(kind: 'full' | 'refresh'): Promise<void> {
    try {
      const startedAt = this.now();
      this.lastStartedAt = startedAt;
      await this.writeShared(LAST_SWEEP, startedAt, null);
      const result = await sweep({
        kind,
        locations: this.locations(),
        eks: this.eks,
        store: this.store,
        pacer: this.pacer,
        maxAgeMs: this.settings.maxAgeMs,
        refreshMs: this.settings.refreshMs,
        now: this.now,
        cancelled: () => this.closed,
        yieldToInteractive: this.yieldToInteractive,
      });
      const endedAt = this.now();
      this.lastEndedAt = endedAt;
      await this.writeShared(LAST_SWEEP, startedAt, endedAt);
      if (kind === 'full') {
        await this.writeShared(LAST_FULL_SWEEP, startedAt, endedAt);
        this.markSynced();
      }
      const seconds = (endedAt.getTime() - startedAt.getTime()) / 1000;
      this.metrics?.inventorySweepSeconds.observe({ kind }, seconds);
      this.metrics?.inventorySweepCalls.inc({ kind }, result.calls);
      await this.refreshGauges();
      this.logger.info({ kind, seconds, ...result }, 'Inventory sweep done');
    } catch (error) {
      if (error instanceof SweepCancelled) this.logger.info({ kind }, 'Inventory sweep stopped: shutting down');
      else this.logger.error({ err: error, kind }, 'Inventory sweep failed; the rows stay as they were');
    }
  }

  private markSynced(): void {
    if (this.fullSweepDone) return;
    this.fullSweepDone = true;
    this.resolveFirstSweep();
  }

  private async refreshGauges(): Promise<void> {
    this.rows = (await this.store.counts()).associations;
    this.oldestSyncedAt = (await this.store.oldestSynced(1))[0]?.syncedAt ?? null;
  }

  /** What the replicas share of the sweeps, in the store: when the last one (and the last full one) ran. */
  private async writeShared(name: string, startedAt: Date, endedAt: Date | null): Promise<void> {
    await this.store.writeMarker(name, { startedAt, endedAt });
  }

  private async readShared(): Promise<void> {
    const last = await this.store.readMarker(LAST_SWEEP);
    if (last) {
      this.lastStartedAt = last.startedAt;
      this.lastEndedAt = last.endedAt ?? this.lastEndedAt;
    }
    if (!this.fullSweepDone && (await this.store.readMarker(LAST_FULL_SWEEP))?.endedAt) this.markSynced();
  }
}
