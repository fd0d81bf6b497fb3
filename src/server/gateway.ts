/**
 * Wires the gateway together: EKS clients and service, the schema, Apollo Server and the HTTP
 * server. Used by `main.ts` and by the tests, which run it in-process against the emulator.
 */
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { CallBudget, withCallBudget } from '../eks/callBudget';
import { EksClientPool } from '../eks/clients';
import { CachingLayer } from '../eks/cachingLayer';
import { createLoaders } from '../eks/loaders';
import { RedisCache } from '../eks/redisCache';
import { MemoryCache, type SharedCache } from '../eks/sharedCache';
import { PodIdentityService } from '../eks/podIdentityService';
import type { GatewayContext } from '../graphql/context';
import { checkRequestOperations, type OperationRequest } from '../graphql/operationLimits';
import { buildSchema } from '../graphql/schema';
import { reportEksRequestIds } from '../security/eksRequestIds';
import { createGatewaySecurity } from '../security/gatewaySecurity';
import { GatewayMetrics } from '../metrics';
import type { SecuritySettings } from '../security/settings';
import { createApolloServer } from './apollo';
import { PersistedQueryStore } from './persistedQueries';
import { GRAPHQL_PATH, startHttpServer, type GraphqlRequest } from './httpServer';

export interface GatewayOptions {
  config: GatewayConfig;
  /** The EKS endpoint to call; null for AWS's regional endpoints. */
  endpoint: string | null;
  /** Static credentials (a local endpoint); null for the SDK's default chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  logger: Logger;
}

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /** The GraphQL endpoint (and GraphiQL page). */
  graphqlUrl: string;
  /** Puts re-read token, policy and JWKS files in force (see GatewaySecurity.reload). */
  reloadSecurity(next: SecuritySettings): void;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config, logger } = options;
  const clients = new EksClientPool({
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxSockets: config.maxConcurrency,
    maxAttempts: config.maxAttempts,
    requestTimeoutMs: config.requestTimeoutMs,
    retryMode: config.retryMode,
  });
  const metrics = new GatewayMetrics();
  const service = new PodIdentityService(clients, config.maxConcurrency, metrics);
  const cache = await createSharedCache(config);
  const caching = cache
    ? new CachingLayer(
        cache,
        config.cacheTtlMs,
        (error, operation) => logger.warn({ err: error, operation }, 'Shared cache failed; answering from EKS'),
        metrics,
      )
    : null;
  const security = createGatewaySecurity(config.security, logger);
  const schema = buildSchema();
  const persistedQueries = config.persistedQueriesBytes > 0 ? new PersistedQueryStore(config.persistedQueriesBytes) : null;
  const apollo = createApolloServer(schema, { introspection: config.security.introspection, metrics, persistedQueries });
  await apollo.start();
  const regions = [...config.regions];
  // Every EKS call goes to a served region; the audit log reads its mutations' request ids.
  for (const region of regions) reportEksRequestIds(clients.forRegion(region));
  const createContext = (request: GraphqlRequest): GatewayContext => {
    // The budget counts the calls that reach EKS: below the cache, one per request, with the
    // per-operation limit for each operation of a batch.
    const budgeted = withCallBudget(service, new CallBudget(config.operationLimits.maxEksCalls * request.operations));
    const backend = caching ? caching.forRequest(budgeted, { fresh: request.fresh }) : budgeted;
    // The policy sits above the shared cache: cached answers are EKS's, filtered per caller.
    const authorized = security.serviceFor(backend, request.caller);
    return {
      service: authorized,
      loaders: createLoaders(authorized),
      regions,
      logger: request.logger,
      requestId: request.id,
      caller: request.caller,
      audit: security.audit,
      requestCache: new Map(),
    };
  };
  const checkOperations = (operations: OperationRequest[]) => checkRequestOperations(schema, operations, config.operationLimits, regions.length);
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
    },
    config.host,
    config.port,
  );
  let closing: Promise<void> | null = null;
  return {
    url: http.url,
    graphqlUrl: `${http.url}${GRAPHQL_PATH}`,
    reloadSecurity: (next) => security.reload(next),
    close() {
      closing ??= (async () => {
        await http.close(config.shutdownGraceMs);
        await apollo.stop();
        clients.destroy();
        await cache?.close();
        security.close();
      })();
      return closing;
    },
  };
}

/** The shared EKS cache the configuration asks for: none, in memory, or Redis. */
async function createSharedCache(config: GatewayConfig): Promise<SharedCache | null> {
  if (config.cacheTtlMs === 0) return null;
  if (config.redisUrl) return RedisCache.connect(config.redisUrl, config.cacheKeyPrefix);
  return new MemoryCache(config.cacheMaxEntries, config.cacheMaxBytes);
}
