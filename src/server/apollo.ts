import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../graphql/context';
import { clientFacingError } from '../graphql/errors';
import type { GatewayMetrics } from '../metrics';
import { operationSpans } from '../tracing/spans';
import type { PersistedQueryStore } from './persistedQueries';

/** Codes Apollo and graphql-js give to the client's own mistakes; they pass unmasked. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'NOT_FOUND',
]);

export interface ApolloOptions {
  /** Whether introspection queries are answered (ENABLE_INTROSPECTION; off in production by default). */
  introspection: boolean;
  /**
   * Whether error messages keep schema suggestions ("Did you mean ...?"), which name fields and
   * types to a caller that guesses; off with NODE_ENV=production.
   */
  schemaSuggestions: boolean;
  metrics: GatewayMetrics;
  /** Where automatic persisted queries are registered (read back by the HTTP layer); null turns them off. */
  persistedQueries: PersistedQueryStore | null;
}

export function createApolloServer(schema: GraphQLSchema, options: ApolloOptions): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    schema,
    introspection: options.introspection,
    // The gateway serves its own offline GraphiQL page instead of Apollo's CDN-hosted one.
    // No cache hints are set, and the cache-control plugin would wrap every field's resolver.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      errorLogging(),
      operationMetrics(options.metrics),
      operationSpans(),
    ],
    includeStacktraceInErrorResponses: false,
    // main.ts drains on SIGTERM itself. Apollo's own handler (on unless NODE_ENV=test) would stop
    // the server and re-raise the signal, ending the process before the requests in flight finish.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    // Batches are allowed; their size is limited in the HTTP layer (MAX_BATCH_OPERATIONS).
    allowBatchedHttpRequests: true,
    // Hash-only requests are resolved by the HTTP layer before the operation limits check;
    // Apollo only registers documents (see persistedQueries.ts).
    persistedQueries: options.persistedQueries ? { cache: options.persistedQueries.forApollo() } : false,
    // Apollo's option strips suggestions from validation errors; `withoutSuggestions` also from
    // the rest (variables coerced against input types, enum values).
    hideSchemaDetailsFromClientErrors: !options.schemaSuggestions,
    formatError: options.schemaSuggestions
      ? formatError
      : (formatted, error) => withoutSuggestions(formatError(formatted, error)),
  });
}

/** The message without graphql-js's trailing suggestion, as Apollo's own plugin cuts it. */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/ ?Did you mean(.+?)\?$/s, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

/**
 * Known errors go out as they are; EKS faults get their stable code; anything else is masked,
 * since its message may hold internals. The error itself is logged by `errorLogging`.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const facing = clientFacingError(unwrapResolverError(error));
  if (facing) return { ...formatted, message: facing.message, extensions: { ...facing.extensions } };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Logs every error whole, with the request id, before formatError masks it for the client. */
function errorLogging(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const expected = clientFacingError(original) !== null;
            const log = { operationName, path: error.path, err: original };
            if (expected) contextValue.logger.info(log, 'GraphQL error');
            else contextValue.logger.error(log, 'Unexpected error in GraphQL execution');
          }
        },
      };
    },
  };
}

/** Counts each operation by its type and whether its answer holds errors. */
function operationMetrics(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          const errors = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          metrics.graphqlOperations.inc({ type: operation?.operation ?? 'unknown', result: errors ? 'errors' : 'ok' });
        },
      };
    },
  };
}
