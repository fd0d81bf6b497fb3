/**
 * Wires the gateway together: EKS clients and service, the schema, Apollo Server and the HTTP
 * server. Used by `main.ts` and by the tests, which run it in-process against the emulator.
 */
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { EksClientPool } from '../eks/clients';
import { createLoaders } from '../eks/loaders';
import { PodIdentityService, type CallObserver } from '../eks/podIdentityService';
import type { GatewayContext } from '../graphql/context';
import { checkOperationLimits } from '../graphql/operationLimits';
import { buildSchema } from '../graphql/schema';
import { createApolloServer } from './apollo';
import { GRAPHQL_PATH, startHttpServer } from './httpServer';

export interface GatewayOptions {
  config: GatewayConfig;
  /** The EKS endpoint to call; null for AWS's regional endpoints. */
  endpoint: string | null;
  /** Static credentials (a local endpoint); null for the SDK's default chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  logger: Logger;
  observeCalls?: CallObserver;
}

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /** The GraphQL endpoint (and GraphiQL page). */
  graphqlUrl: string;
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
  const service = new PodIdentityService(clients, config.maxConcurrency, options.observeCalls);
  const schema = buildSchema();
  const apollo = createApolloServer(schema);
  await apollo.start();
  const regions = [...config.regions];
  const createContext = (requestId: string, requestLogger: Logger): GatewayContext => ({
    service,
    loaders: createLoaders(service),
    regions,
    logger: requestLogger,
    requestId,
    requestCache: new Map(),
  });
  const checkOperation = (query: string, operationName: string | null, variables: Record<string, unknown> | null) =>
    checkOperationLimits(schema, query, operationName, variables, config.operationLimits, regions.length);
  const http = await startHttpServer(
    {
      apollo,
      logger,
      createContext,
      isReady: () => true,
      checkOperation,
      maxBodyBytes: config.maxBodyBytes,
      maxBatchOperations: config.maxBatchOperations,
    },
    config.host,
    config.port,
  );
  let closing: Promise<void> | null = null;
  return {
    url: http.url,
    graphqlUrl: `${http.url}${GRAPHQL_PATH}`,
    close() {
      closing ??= (async () => {
        await http.close(config.shutdownGraceMs);
        await apollo.stop();
        clients.destroy();
      })();
      return closing;
    },
  };
}
