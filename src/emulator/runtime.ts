/**
 * The running emulator's state and services, shared by the EKS, STS and IAM routes and the
 * control endpoints: the store, the seed's IAM (roles, access keys), credentials, page tokens, the clock,
 * fault injection, stats and (optionally) persistence.
 */
import { applyChange, type StateChange } from './changes';
import { EmulatorClock } from './clock';
import { CredentialDirectory } from './credentials';
import { WireError, invalidParameter, jsonType, quote } from './errors';
import { FaultInjector } from './faults';
import type { IamContext } from './iam';
import type { ClusterSnapshot } from './model';
import type { OperationContext } from './operations';
import { PageTokens } from './pagination';
import type { Persistence, SnapshotContent } from './persistence';
import { PodIdentityAgent, type AgentContext } from './podIdentityAgent';
import type { RoleDirectory } from './roles';
import { exportState, materializeClusters, SeedError, seedBody, type SeedFile, type SeedModel } from './seed';
import { SessionTokens } from './sessions';
import { CallStats } from './stats';
import type { Store } from './store';
import type { StsContext } from './sts';

export interface RuntimeConfig {
  associationLimit: number;
  /** How long the Pod Identity agent's credentials last, in seconds. */
  podIdentityCredentialSeconds: number;
  latencyMs: number;
  jitterMs: number;
  /** The checked seed the state starts from (and `reset?state=true` restores). */
  seed: SeedModel;
  /** Default timestamp for seed entries without one, fixed at start so a reset restores the same state. */
  startTime: number;
  log: (line: string) => void;
}

/** A seed account's clusters as snapshots. */
export interface SeededAccount {
  accountId: string;
  clusters: ClusterSnapshot[];
}

/** Idempotency records older than this are dropped at compaction. */
const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
const ACCOUNT_ID = /^\d{12}$/;

export class EmulatorRuntime {
  readonly stats = new CallStats();
  readonly faults: FaultInjector;
  readonly tokens: PageTokens;
  readonly clock = new EmulatorClock();
  readonly sessions: SessionTokens;
  readonly credentials: CredentialDirectory;
  /** The EKS Pod Identity agent's credentials endpoint, and the tokens it accepts. */
  readonly podIdentityAgent: PodIdentityAgent;
  /** The emulated IAM's roles, read from the seed on every start (IAM is not part of the EKS state). */
  readonly roles: RoleDirectory;
  /** The seed's account names, by account id. */
  readonly accountNames: ReadonlyMap<string, string | null>;
  closed = false;
  /** Ends the injected delays still running, so closing never waits for a stalled call. */
  private readonly delays = new Set<() => void>();

  /** Waits `ms`, or less when `until` fires first or the emulator closes. */
  delay(
    ms: number,
    until: {
      once(event: 'close', listener: () => void): unknown;
      off(event: 'close', listener: () => void): unknown;
    } | null,
  ): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        until?.off('close', done);
        this.delays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      until?.once('close', done);
      this.delays.add(done);
    });
  }

  /** Marks the emulator closed and ends every delay in progress. */
  close(): void {
    this.closed = true;
    for (const done of [...this.delays]) done();
  }

  constructor(
    readonly store: Store,
    private readonly paginationKey: Buffer,
    readonly persistence: Persistence | null,
    readonly config: RuntimeConfig,
  ) {
    this.faults = new FaultInjector({ latencyMs: config.latencyMs, jitterMs: config.jitterMs });
    this.tokens = new PageTokens(paginationKey, store.defaultAccountId);
    this.sessions = new SessionTokens(paginationKey);
    this.roles = config.seed.roles;
    this.credentials = new CredentialDirectory(store.defaultAccountId, config.seed.accessKeys, this.sessions);
    this.podIdentityAgent = new PodIdentityAgent(paginationKey, config.podIdentityCredentialSeconds);
    this.accountNames = new Map(config.seed.accounts.map((account) => [account.accountId, account.name]));
  }

  /** What an EKS operation of a caller of `accountId` sees. */
  operationContext(accountId: string): OperationContext {
    return {
      store: this.store,
      accountId,
      account: this.store.account(accountId),
      roles: this.roles,
      tokens: this.tokens,
      associationLimit: this.config.associationLimit,
      now: () => this.clock.now(),
    };
  }

  agentContext(): AgentContext {
    return { store: this.store, roles: this.roles, sessions: this.sessions, now: () => this.clock.now() };
  }

  stsContext(): StsContext {
    return { roles: this.roles, sessions: this.sessions, now: () => this.clock.now() };
  }

  iamContext(): IamContext {
    return { roles: this.roles, startTime: this.config.startTime };
  }

  /** Makes an applied change durable (a no-op without a state file). */
  commit(change: StateChange): Promise<void> {
    return this.persistence ? this.persistence.append(change) : Promise.resolve();
  }

  /** Resolves once every change made so far is durable: an idempotent replay must not acknowledge a write that is not. */
  durable(): Promise<void> {
    return this.persistence ? this.persistence.barrier() : Promise.resolve();
  }

  /** Restores the seed state of every account and forgets idempotency tokens; with a state file, snapshots it at once. */
  async resetState(): Promise<void> {
    const accounts = this.seedAccounts();
    this.store.clear();
    for (const account of accounts) {
      if (account.clusters.length === 0) continue;
      const state = this.store.ensureAccount(account.accountId);
      for (const cluster of account.clusters) state.addCluster(cluster);
    }
    if (this.persistence) await this.persistence.compact();
  }

  /**
   * `POST /_emulator/clusters`: adds clusters given in the seed format to the default account, or
   * to the account `accountId` names; all or nothing.
   */
  async addClusters(body: Record<string, unknown>): Promise<SeedFile> {
    if (!Array.isArray(body.clusters)) {
      throw invalidParameter(
        `The body must be {"clusters": [...]} in the seed-file format; clusters is ${jsonType(body.clusters)}.`,
      );
    }
    const accountId = body.accountId ?? this.store.defaultAccountId;
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
      throw invalidParameter(
        `The body's accountId must be a string of 12 digits (absent: the default account); received ${quote(accountId)}.`,
      );
    }
    let clusters;
    try {
      clusters = materializeClusters(seedBody(body, 'request body'), {
        accountId,
        associationLimit: this.config.associationLimit,
        defaultTime: this.clock.now(),
        ids: 'random',
      });
    } catch (error) {
      if (error instanceof SeedError) throw invalidParameter(error.message);
      throw error;
    }
    const account = this.store.account(accountId);
    for (const cluster of clusters) {
      if (account.cluster(cluster.region, cluster.name)) {
        throw new WireError(
          'ResourceInUseException',
          `Cluster already exists: ${cluster.name} in region ${cluster.region}.`,
          { clusterName: cluster.name },
        );
      }
    }
    const change: StateChange = { type: 'addClusters', accountId, clusters };
    applyChange(this.store, change);
    await this.commit(change);
    const added = new Set(clusters.map((cluster) => `${cluster.region}/${cluster.name}`));
    const state = exportState(this.store.account(accountId), { region: null, cluster: null });
    return { accountId, clusters: state.clusters.filter((c) => added.has(`${c.region ?? ''}/${c.name}`)) };
  }

  /** The whole state for a snapshot. */
  snapshotContent(): SnapshotContent {
    const cutoff = this.clock.now() - IDEMPOTENCY_RETENTION_MS;
    return {
      defaultAccountId: this.store.defaultAccountId,
      paginationKey: this.paginationKey.toString('base64'),
      accounts: this.store.accounts().map((account) => {
        for (const [key, record] of account.idempotency) if (record.at < cutoff) account.idempotency.delete(key);
        return {
          accountId: account.accountId,
          clusters: account.clusters().map((cluster) => cluster.snapshot()),
          idempotency: [...account.idempotency.values()],
        };
      }),
    };
  }

  /**
   * The seed's accounts as cluster snapshots; the same ids and timestamps every time. The
   * default account is the store's, which a state file may have fixed to another id than the
   * seed's.
   */
  seedAccounts(): SeededAccount[] {
    return this.config.seed.accounts.map((account, index) => {
      const accountId = index === 0 ? this.store.defaultAccountId : account.accountId;
      return {
        accountId,
        clusters: materializeClusters(
          this.config.seed.doc,
          {
            accountId,
            associationLimit: this.config.associationLimit,
            defaultTime: this.config.startTime,
            ids: 'seeded',
          },
          account.clusters,
        ),
      };
    });
  }
}
