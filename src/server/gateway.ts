/**
 * Wires the gateway together: EKS clients and service, the schema, Apollo Server and the HTTP
 * server. Used by `main.ts` and by the tests, which run it in-process against the emulator.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import type { Logger } from 'pino';
import { readAccountsFile, type ServedAccount } from '../accountsFile';
import { ConfigError, type GatewayConfig, type InventoryConfig } from '../config';
import { callerAccountId, createStsClient } from '../eks/assumedRoles';
import { CachingLayer } from '../eks/cachingLayer';
import { CallBudget, CallerCallRate, withCallBudget } from '../eks/callBudget';
import { EksCallRunner } from '../eks/callRunner';
import { EksClientPool } from '../eks/clients';
import { requestDeadline } from '../eks/deadline';
import { createLoaders } from '../eks/loaders';
import { PodIdentityService } from '../eks/podIdentityService';
import { RedisCache } from '../eks/redisCache';
import { MemoryCache, type SharedCache } from '../eks/sharedCache';
import type { GatewayContext } from '../graphql/context';
import { checkRequestOperations, type OperationRequest } from '../graphql/operationLimits';
import { buildSchema } from '../graphql/schema';
import { FleetInventory } from '../inventory/fleetInventory';
import { openInventoryStore } from '../inventory/store';
import { withInventoryWriteThrough } from '../inventory/writeThrough';
import { GatewayMetrics } from '../metrics';
import { auditEksMutations } from '../security/eksRequestIds';
import { createGatewaySecurity } from '../security/gatewaySecurity';
import type { SecuritySettings } from '../security/settings';
import { ServedAccounts, type AccountsChange } from '../servedAccounts';
import { servedHosts } from './allowedHosts';
import { createApolloServer } from './apollo';
import { GRAPHQL_PATH, startHttpServer, type GraphqlRequest } from './httpServer';
import { PersistedQueryStore } from './persistedQueries';
import { surviveUnhandledRejections } from './processGuards';
import { Readiness } from './readiness';
import { readTrustedDocuments } from './trustedDocuments';

export interface GatewayOptions {
  config: GatewayConfig;
  /** The EKS endpoint to call; null for AWS's regional endpoints. */
  endpoint: string | null;
  /** Static credentials (a local endpoint); null for the SDK's default chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  logger: Logger;
  /**
   * Whether a promise rejection nothing handled is logged and counted instead of ending the
   * process (src/server/processGuards.ts). `main.ts` sets it; in-process tests leave it off.
   */
  surviveUnhandledRejections?: boolean;
}

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /** The GraphQL endpoint (and GraphiQL page). */
  graphqlUrl: string;
  /** Puts re-read token, policy and JWKS files in force (see GatewaySecurity.reload). */
  reloadSecurity(next: SecuritySettings): void;
  /**
   * Re-reads GATEWAY_ACCOUNTS_FILE and puts it in force for the requests that arrive from now
   * on; throws (changing nothing) when the file fails its checks. Null when no file is served.
   */
  reloadAccounts(): AccountsChange | null;
  /**
   * Re-reads TRUSTED_DOCUMENTS_FILE (a new frontend build) and returns how many documents it
   * holds; throws (changing nothing) when it fails its checks. Null when none is configured.
   */
  reloadTrustedDocuments(): number | null;
  close(): Promise<void>;
}

/** The account the emulator serves to static credentials that name none (src/emulator, docs/emulator.md). */
const EMULATOR_DEFAULT_ACCOUNT = '000000000000';

/** The account the gateway's own credentials belong to. */
async function ownAccountId(options: GatewayOptions): Promise<string> {
  const listed = options.config.accounts?.find((a) => a.roleArn === null);
  if (listed) return listed.accountId;
  if (options.config.accountId) return options.config.accountId;
  if (options.endpoint) return EMULATOR_DEFAULT_ACCOUNT;
  // Real AWS, unnamed: asked once at start-up, as the member accounts' roles will be.
  const sts = createStsClient({
    endpoint: null,
    region: options.config.regions[0] ?? 'us-east-1',
    credentials: options.credentials ?? undefined,
  });
  try {
    return await callerAccountId(sts);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ConfigError(
      `Could not learn the AWS account of the gateway's credentials (STS GetCallerIdentity: ${reason}); set GATEWAY_ACCOUNT_ID.`,
    );
  } finally {
    sts.destroy();
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config, logger } = options;
  const accountId = await ownAccountId(options);
  const accounts: ServedAccount[] = config.accounts ?? [
    { accountId, name: null, roleArn: null, externalId: null, regions: [...config.regions] },
  ];
  const served = new ServedAccounts(accounts, accountId, lazyStsClient(options), config.assumeRoleSeconds);
  const clients = new EksClientPool({
    endpoint: options.endpoint,
    credentialsFor: (id) => served.credentialsOf(id)?.provide ?? options.credentials ?? undefined,
    // Each mutating call is written ahead to the audit log.
    onCreate: auditEksMutations,
    maxSockets: config.maxConcurrency,
    maxAttempts: config.maxAttempts,
    requestTimeoutMs: config.requestTimeoutMs,
    retryMode: config.retryMode,
  });
  const metrics = new GatewayMetrics();
  const stopGuarding = options.surviveUnhandledRejections ? surviveUnhandledRejections(logger, metrics) : () => {};
  // One client and one fair limiter per region, shared by every request of the process.
  const eks = new EksCallRunner(clients, config.maxConcurrency, metrics);
  const callerRate =
    config.maxEksCallsPerCallerPerMinute > 0 ? new CallerCallRate(config.maxEksCallsPerCallerPerMinute) : null;
  // `/readyz` is 503 until the gateway's own credentials (from the SDK's default chain) and Redis are there.
  const readiness = new Readiness(logger);
  if (options.credentials === null) {
    await readiness.retry('credentials', () =>
      clients.resolveCredentials({ accountId, region: config.regions[0] ?? 'us-east-1' }),
    );
  }
  const cache = await createSharedCache(config, readiness);
  const caching = cache
    ? new CachingLayer(
        cache,
        config.cacheTtlMs,
        (error, operation) => logger.warn({ err: error, operation }, 'Shared cache failed; answering from EKS'),
        metrics,
      )
    : null;
  const security = createGatewaySecurity(config.security, logger, (id) => served.nameOf(id));
  const inventory = config.inventory ? await startInventory(config.inventory, served, eks, logger, metrics) : null;
  const schema = buildSchema();
  const persistedQueries =
    config.persistedQueriesBytes > 0 ? new PersistedQueryStore(config.persistedQueriesBytes) : null;
  const apollo = createApolloServer(schema, {
    introspection: config.security.introspection,
    schemaSuggestions: config.security.schemaSuggestions,
    metrics,
    persistedQueries,
  });
  await apollo.start();
  let trustedDocuments = config.trustedDocuments?.documents ?? null;
  const createContext = (request: GraphqlRequest): GatewayContext => {
    // The accounts as they are when the request starts; a reload does not change them under it.
    const { accounts, accountIds, defaultAccountId, regions } = served.snapshot;
    // The request's turn in the limiters (its caller's, among the callers waiting), and its
    // deadline: the calls still waiting then end, queued or in flight.
    const service = new PodIdentityService(eks, {
      caller: request.caller.subject,
      priority: 'interactive',
      signal: requestDeadline(config.requestDeadlineMs),
      timeoutMs: config.requestDeadlineMs,
    });
    // The budgets count the calls that reach EKS, below the cache: the request's (the
    // per-operation limit for each operation of a batch) and its caller's, across requests.
    // Every change that reaches EKS is written to the inventory at once.
    const recorded = inventory ? withInventoryWriteThrough(service, inventory.store, request.logger) : service;
    const budgeted = withCallBudget(recorded, new CallBudget(config.operationLimits.maxEksCalls * request.operations), {
      callerRate: callerRate ? { rate: callerRate, caller: request.caller.subject } : null,
      metrics,
    });
    const backend = caching ? caching.forRequest(budgeted, { fresh: request.fresh }) : budgeted;
    // The policy sits above the shared cache: cached answers are EKS's, filtered per caller.
    const authorized = security.serviceFor(backend, request.caller);
    return {
      service: authorized,
      loaders: createLoaders(authorized),
      defaultAccountId,
      accountIds,
      accounts,
      regions,
      logger: request.logger,
      requestId: request.id,
      clientRequestId: request.clientRequestId,
      caller: request.caller,
      audit: security.audit,
      requestCache: new Map(),
      inventory: inventory
        ? { inventory, visibility: security.readGrants(request.caller, accounts), queries: 0 }
        : null,
    };
  };
  const checkOperations = (operations: OperationRequest[]) =>
    checkRequestOperations(schema, operations, config.operationLimits, served.snapshot.locationCount);
  const http = await startHttpServer(
    {
      apollo,
      logger,
      createContext,
      checkOperations,
      persistedQueries,
      maxBodyBytes: config.maxBodyBytes,
      maxBatchOperations: config.maxBatchOperations,
      maxResponseBytes: config.maxResponseBytes,
      authenticate: security.authenticate,
      graphiql: config.security.graphiql,
      metrics,
      serveMetrics: config.metrics,
      mayReadMetrics: (caller) => security.mayReadMetrics(caller),
      allowedHosts: servedHosts(config.security.auth.mode !== 'none', config.allowedHosts),
      cors: config.cors,
      trustedDocuments: () => trustedDocuments,
      mayExplore: (caller) => security.mayExplore(caller),
      // `/readyz?full`: also the first full sweep of the inventory (plain /readyz does not wait for it).
      fullyReady: () => inventory?.synced ?? true,
      waitingFor: () => readiness.waitingFor(),
    },
    config.host,
    config.port,
  );
  let closing: Promise<void> | null = null;
  return {
    url: http.url,
    graphqlUrl: `${http.url}${GRAPHQL_PATH}`,
    reloadSecurity: (next) => security.reload(next),
    reloadTrustedDocuments() {
      if (!config.trustedDocuments) return null;
      trustedDocuments = readTrustedDocuments(config.trustedDocuments.path);
      return trustedDocuments.size;
    },
    reloadAccounts() {
      if (config.accountsFile === null) return null;
      const change = served.replace(readAccountsFile(config.accountsFile, config.regions));
      // Removed accounts, and those with a new role, get fresh clients (and so fresh sessions).
      for (const id of [...change.removed, ...change.reassumed]) clients.forget(id, config.requestDeadlineMs);
      return change;
    },
    close() {
      closing ??= (async () => {
        readiness.stop();
        await http.close(config.shutdownGraceMs);
        await apollo.stop();
        await inventory?.close();
        clients.destroy();
        await cache?.close();
        security.close();
        stopGuarding();
      })();
      return closing;
    },
  };
}

/**
 * The longest a sweep's call waits for the interactive calls of the process to end: under
 * constant interactive load the sweep then still makes a call per location this often.
 */
const INTERACTIVE_YIELD_MS = 250;

/** Opens the inventory's store and starts its sweeps, which run on after start-up. */
async function startInventory(
  settings: InventoryConfig,
  served: ServedAccounts,
  eks: EksCallRunner,
  logger: Logger,
  metrics: GatewayMetrics,
): Promise<FleetInventory> {
  const store = await openInventoryStore(settings.database, {
    onIdleConnectionError: (error) => logger.warn({ err: error }, 'Inventory database connection lost; reconnecting'),
  });
  // Sweeps take their turns in the limiters' bulk lane, and wait for the process's interactive
  // calls before each of theirs: every request's calls go first, and get the CPU.
  const sweeps = new PodIdentityService(eks, { caller: 'inventory', priority: 'bulk', signal: null, timeoutMs: null });
  const locations = () =>
    served.snapshot.accounts.flatMap((account) =>
      account.regions.map((region) => ({ accountId: account.accountId, region })),
    );
  const inventory = new FleetInventory(store, locations, sweeps, settings, logger, metrics, undefined, () =>
    eks.whenInteractiveIdle(INTERACTIVE_YIELD_MS),
  );
  inventory.start();
  return inventory;
}

/** The STS client the member accounts' sessions share, made when the first one needs it. */
function lazyStsClient(options: GatewayOptions): () => STSClient {
  let sts: STSClient | null = null;
  return () =>
    (sts ??= createStsClient({
      endpoint: options.endpoint,
      region: options.config.regions[0] ?? 'us-east-1',
      credentials: options.credentials ?? undefined,
    }));
}

/** The shared EKS cache the configuration asks for: none, in memory, or Redis (not ready until it answers). */
async function createSharedCache(config: GatewayConfig, readiness: Readiness): Promise<SharedCache | null> {
  if (config.cacheTtlMs === 0) return null;
  if (config.redisUrl) {
    const { cache, connected } = await RedisCache.start(config.redisUrl, config.cacheKeyPrefix);
    readiness.track('redis', connected);
    return cache;
  }
  return new MemoryCache(config.cacheMaxEntries, config.cacheMaxBytes);
}
