/**
 * Entry point: reads the configuration, starts the embedded EKS emulator when no endpoint is
 * given, then the gateway; prints where GraphiQL (or the endpoint) is; drains cleanly on SIGTERM and SIGINT;
 * reloads the token, policy, JWKS, accounts and trusted-documents files on SIGHUP.
 */
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type GatewayConfig } from './config';
import { startEmulator, type RunningEmulator } from './emulator';
import { reloadSecurityFiles } from './security/reload';
import { startGateway, type GatewayOptions, type RunningGateway } from './server/gateway';
import { createLogger } from './server/logger';
import { startTracing } from './tracing/setup';

/** The emulator does not check signatures, but the SDK must sign with something. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Before anything makes a span: the SDK must be registered first (off without OTEL_EXPORTER_OTLP_ENDPOINT).
  const tracing = startTracing(process.env);
  if (tracing)
    logger.info(
      { endpoint: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT },
      'Tracing on (OTLP over HTTP)',
    );

  let emulator: RunningEmulator | null = null;
  let backend: Pick<GatewayOptions, 'endpoint' | 'credentials'>;
  switch (config.backend.kind) {
    case 'embedded-emulator':
      emulator = await startEmulator({
        seed: config.backend.seed,
        stateFile: config.backend.stateFile ?? undefined,
      });
      logger.info({ emulatorUrl: emulator.url }, 'Embedded EKS emulator started');
      backend = { endpoint: emulator.url, credentials: LOCAL_CREDENTIALS };
      break;
    case 'emulator-endpoint':
      backend = { endpoint: config.backend.endpoint, credentials: LOCAL_CREDENTIALS };
      break;
    case 'aws':
      backend = { endpoint: config.backend.endpoint, credentials: null };
      break;
  }

  const gateway = await startGateway({ config, logger, ...backend, surviveUnhandledRejections: true });
  logger.info({ url: gateway.graphqlUrl, regions: config.regions, backend: config.backend.kind }, 'Gateway ready');
  const where = config.security.graphiql
    ? `GraphiQL: ${gateway.graphqlUrl}`
    : `GraphQL endpoint: ${gateway.graphqlUrl}`;
  process.stdout.write(`\nEKS Pod Identity gateway ready. ${where}\n\n`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'Shutting down: finishing requests in flight');
    void (async () => {
      await gateway.close();
      await emulator?.close();
      // The last spans (those of the requests that just finished) go out before the exit.
      await tracing?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'Could not send the last spans'));
      logger.info('Stopped');
      process.exit(0);
    })();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // Rotated tokens, a changed policy or new JWKS keys, without a restart. Any failure (a file
  // that does not pass the start-up checks, or anything else) changes nothing and is logged.
  process.on('SIGHUP', () => {
    reloadSecurityFiles((next) => gateway.reloadSecurity(next), process.env, config.host, logger);
    reloadAccountsFile(gateway, logger);
    reloadTrustedDocuments(gateway, logger);
  });
}

/** SIGHUP for GATEWAY_ACCOUNTS_FILE: as for the security files, a failure changes nothing. */
function reloadAccountsFile(gateway: RunningGateway, logger: Logger): void {
  try {
    const change = gateway.reloadAccounts();
    if (change) logger.info(change, 'Accounts file reloaded');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.error({ reason }, 'Accounts file not reloaded; the previous accounts stay served');
  }
}

/** SIGHUP for TRUSTED_DOCUMENTS_FILE (a new frontend build's manifest): a failure changes nothing. */
function reloadTrustedDocuments(gateway: RunningGateway, logger: Logger): void {
  try {
    const documents = gateway.reloadTrustedDocuments();
    if (documents !== null) logger.info({ documents }, 'Trusted documents reloaded');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.error({ reason }, 'Trusted documents not reloaded; the previous manifest stays in force');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
