/**
 * The gateway's HTTP surface on Node's own HTTP stack: `/graphql` (Apollo Server for POST and
 * GET, GraphiQL for browsers), `/graphiql/*` assets, `/healthz`, `/readyz`, `/metrics`. Builds
 * the per-request context, assigns request ids, logs and counts each request, and drains on
 * shutdown.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayContext } from '../graphql/context';
import type { OperationRequest } from '../graphql/operationLimits';
import type { GatewayMetrics, RouteLabel } from '../metrics';
import { authenticationFailure, type Authenticate, type Authentication } from '../security/authenticate';
import type { Caller } from '../security/caller';
import { traceHttpRequest, traceLogFields } from '../tracing/spans';
import { hostAllowed, type AllowedHost } from './allowedHosts';
import { HttpError, parseJsonBody, readBody } from './body';
import { corsHeaders, preflightHeaders, type CorsSettings } from './cors';
import { GRAPHIQL_ASSET_PREFIX, GRAPHIQL_CSP, graphiqlAsset, graphiqlPage } from './graphiql';
import { withPersistedDocument, type PersistedQueryStore } from './persistedQueries';
import { runInRequestScope, type RequestScope } from './processGuards';
import { withTrustedDocument, type TrustedDocuments } from './trustedDocuments';

export const GRAPHQL_PATH = '/graphql';
export const METRICS_PATH = '/metrics';

export interface HttpServerOptions {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  /** Builds the context of one GraphQL request: fresh loaders, the request's logger. */
  createContext: (request: GraphqlRequest) => GatewayContext;
  /** The first limit the operations of a request break, or null (see src/graphql/operationLimits.ts). */
  checkOperations: (operations: OperationRequest[]) => GraphQLError | null;
  /** Automatic persisted queries, resolved to their documents before the check; null when off. */
  persistedQueries: PersistedQueryStore | null;
  maxBodyBytes: number;
  maxBatchOperations: number;
  /** Largest serialized answer sent (MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
  /** Establishes the caller from the `Authorization` header, before anything of the request runs. */
  authenticate: Authenticate;
  /** Whether browsers get the GraphiQL page and its assets (ENABLE_GRAPHIQL). */
  graphiql: boolean;
  /** Where every request is counted. */
  metrics: GatewayMetrics;
  /** Whether `/metrics` serves them (ENABLE_METRICS). */
  serveMetrics: boolean;
  /** Whether an authenticated caller may read them (the policy's `metrics` action). */
  mayReadMetrics: (caller: Caller) => boolean;
  /** The Host names served (against DNS rebinding; see allowedHosts.ts); null serves any. */
  allowedHosts: readonly AllowedHost[] | null;
  /** The origins whose pages may call `/graphql` (CORS_ORIGINS); null: no CORS. */
  cors: CorsSettings | null;
  /** The only documents run for callers who may not `explore` (TRUSTED_DOCUMENTS_FILE, as last read); null: any. */
  trustedDocuments: () => TrustedDocuments | null;
  mayExplore: (caller: Caller) => boolean;
  /** What `/readyz?full` waits for besides start-up (the inventory's first full sweep). */
  fullyReady: () => boolean;
  /** What plain `/readyz` still waits for (the gateway's own credentials, Redis); empty when ready. */
  waitingFor: () => readonly string[];
}

/** What the HTTP layer knows of a GraphQL request when its context is built. */
export interface GraphqlRequest {
  id: string;
  /** The client's `x-request-id`, kept beside `id` (see `clientRequestIdOf`). */
  clientRequestId: string | null;
  logger: Logger;
  headers: IncomingMessage['headers'];
  /** The client asked for data fresh from EKS (`Cache-Control: no-cache`). */
  fresh: boolean;
  /** Who is calling; the request got this far only because authentication accepted it. */
  caller: Caller;
  /** Operations in the request: more than one for a batch. */
  operations: number;
}

export interface RunningHttpServer {
  server: Server;
  url: string;
  /** Stops accepting, lets requests in flight finish for up to `graceMs`, then cuts the rest. */
  close(graceMs: number): Promise<void>;
}

export async function startHttpServer(
  options: HttpServerOptions,
  host: string,
  port: number,
): Promise<RunningHttpServer> {
  let draining = false;
  const server = createServer((req, res) => {
    void runInRequestScope((scope) =>
      traceHttpRequest(req, res, () => handle(req, res, options, scope, () => draining)),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    async close(graceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive connection becomes idle when its request in flight is answered; close it then.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearInterval(sweep);
      clearTimeout(timer);
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpServerOptions,
  scope: RequestScope,
  isDraining: () => boolean,
): Promise<void> {
  const started = process.hrtime.bigint();
  const requestId = requestIdOf();
  scope.requestId = requestId;
  const clientRequestId = clientRequestIdOf(req);
  const logger = options.logger.child({
    reqId: requestId,
    ...(clientRequestId === null ? {} : { clientRequestId }),
    ...traceLogFields(),
  });
  res.setHeader('x-request-id', requestId);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  // Nothing here is meant to be framed or to load anything; the GraphiQL page sets its own policy.
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  if (isDraining()) res.setHeader('connection', 'close');
  res.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const path = req.url?.split('?')[0] ?? '';
    logger.info({ method: req.method, path, status: res.statusCode, durationMs }, 'request');
    const route = routeLabel(path);
    options.metrics.httpRequests.inc({ route, method: methodLabel(req.method), status: String(res.statusCode) });
    options.metrics.httpSeconds.observe({ route }, durationMs / 1000);
  });
  try {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    refuseForeignHost(req, url, options.allowedHosts);
    if (options.cors && url.pathname === GRAPHQL_PATH && applyCors(req, res, options.cors)) return;
    await route(req, res, url, options, logger, requestId, isDraining);
  } catch (error) {
    if (error instanceof HttpError) {
      sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
      return;
    }
    logger.error({ err: error }, 'Unexpected error handling a request');
    if (!res.headersSent) {
      sendJson(res, 500, {
        errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
    } else {
      res.destroy();
    }
  }
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: HttpServerOptions,
  logger: Logger,
  requestId: string,
  isDraining: () => boolean,
): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (path === '/healthz') return onlyGet(method, () => sendJson(res, 200, { status: 'ok' }));
  if (path === '/readyz') {
    return onlyGet(method, () => {
      // Not ready while draining, nor while what may come after start-up is missing;
      // `?full` also waits for the inventory's first full sweep.
      if (isDraining()) return sendJson(res, 503, { status: 'draining' });
      const waitingFor = options.waitingFor();
      if (waitingFor.length > 0) return sendJson(res, 503, { status: 'starting', waitingFor });
      if (url.searchParams.has('full') && !options.fullyReady()) return sendJson(res, 503, { status: 'syncing' });
      sendJson(res, 200, { status: 'ready' });
    });
  }
  if (path === '/') {
    res.writeHead(302, { location: GRAPHQL_PATH }).end();
    return;
  }
  if (options.graphiql && path.startsWith(GRAPHIQL_ASSET_PREFIX)) {
    return onlyGet(method, () => {
      const asset = graphiqlAsset(path.slice(GRAPHIQL_ASSET_PREFIX.length), GRAPHQL_PATH);
      if (!asset) throw new HttpError(404, 'NOT_FOUND', `No GraphiQL asset at ${path}.`);
      res
        .writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600' })
        .end(asset.body);
    });
  }
  if (path === METRICS_PATH && options.serveMetrics) {
    if (method !== 'GET' && method !== 'HEAD')
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use GET here, not ${method}.`);
    // The same credentials as GraphQL, and a right of its own: its counters (cache hits among
    // them) could tell a caller what others read, so only the scraper should get `metrics`.
    const authentication = await options.authenticate(req.headers.authorization);
    if (authentication.kind !== 'authenticated') return refuse(res, logger, authentication);
    if (!options.mayReadMetrics(authentication.caller)) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        `The caller "${authentication.caller.subject}" may not read the metrics: no rule of the policy gives it "metrics" or "read" on everything.`,
      );
    }
    const { contentType, body } = await options.metrics.exposition();
    res
      .writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' })
      .end(method === 'HEAD' ? undefined : body);
    return;
  }
  if (path !== GRAPHQL_PATH)
    throw new HttpError(404, 'NOT_FOUND', `Nothing at ${path}; the GraphQL endpoint is ${GRAPHQL_PATH}.`);
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
    res.setHeader('allow', 'GET, POST, HEAD');
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${GRAPHQL_PATH} takes GET (queries) and POST, not ${method}.`);
  }
  if (method === 'GET' && wantsGraphiql(req, url)) {
    if (!options.graphiql)
      throw new HttpError(
        404,
        'NOT_FOUND',
        `GraphiQL is turned off here (ENABLE_GRAPHIQL); send GraphQL requests to ${GRAPHQL_PATH} with POST.`,
      );
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': GRAPHIQL_CSP,
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
      })
      .end(graphiqlPage());
    return;
  }
  // Before the body is read or anything parsed: an unauthenticated request gets no further.
  const authentication = await options.authenticate(req.headers.authorization);
  if (authentication.kind !== 'authenticated') return refuse(res, logger, authentication);
  await executeGraphql(req, res, url, options, logger, requestId, authentication.caller);
}

/**
 * The CORS headers of a `/graphql` answer; answers a preflight whole (true: nothing more to do).
 * A preflight from an origin not listed is refused, with no CORS headers: the browser then
 * sends nothing, and a page of that origin can read no answer.
 */
function applyCors(req: IncomingMessage, res: ServerResponse, cors: CorsSettings): boolean {
  // Answers differ by Origin: a cache must not give one origin's to another.
  res.setHeader('vary', 'Origin');
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (!preflight) {
    for (const [name, value] of Object.entries(corsHeaders(cors, origin) ?? {})) res.setHeader(name, value);
    return false;
  }
  if (origin === undefined || !cors.allows(origin)) {
    throw new HttpError(
      403,
      'CORS_ORIGIN_NOT_ALLOWED',
      `Pages of the origin ${JSON.stringify((origin ?? '(none)').slice(0, 100))} may not call this gateway; CORS_ORIGINS lists the origins that may.`,
    );
  }
  res.writeHead(204, { ...preflightHeaders(cors, origin), 'content-length': '0' }).end();
  return true;
}

/** Before anything else runs: a name this gateway does not serve may be a rebinding page's. Probes are exempt. */
function refuseForeignHost(req: IncomingMessage, url: URL, allowed: readonly AllowedHost[] | null): void {
  if (url.pathname === '/healthz' || url.pathname === '/readyz' || hostAllowed(req.headers.host, allowed)) return;
  const shown = JSON.stringify((req.headers.host ?? '').slice(0, 100));
  throw new HttpError(
    421,
    'HOST_NOT_ALLOWED',
    `This gateway does not serve the host ${req.headers.host === undefined ? '(no Host header)' : shown}, which protects it from DNS rebinding: ` +
      'use a name in ALLOWED_HOSTS (with AUTH_MODE=none, also localhost, 127.0.0.1 or [::1]).',
  );
}

function refuse(
  res: ServerResponse,
  logger: Logger,
  authentication: Exclude<Authentication, { kind: 'authenticated' }>,
): void {
  const failure = authenticationFailure(authentication);
  logger.info({ reason: authentication.reason }, 'Request refused by authentication');
  res
    .writeHead(failure.status, {
      ...failure.headers,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    .end(JSON.stringify(failure.body));
}

/** The route of a path, from a fixed set (a label must not take a value per client path). */
function routeLabel(path: string): RouteLabel {
  if (path === GRAPHQL_PATH) return 'graphql';
  if (path.startsWith(GRAPHIQL_ASSET_PREFIX)) return 'graphiql';
  if (path === '/healthz' || path === '/readyz') return 'health';
  if (path === METRICS_PATH) return 'metrics';
  return 'other';
}

function methodLabel(method: string | undefined): string {
  return method === 'GET' || method === 'POST' || method === 'HEAD' ? method : 'other';
}

async function executeGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: HttpServerOptions,
  logger: Logger,
  requestId: string,
  caller: Caller,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let request: ResolvedRequest;
  try {
    let body: unknown;
    if (method === 'POST') {
      const text = await readBody(req, options.maxBodyBytes);
      // Apollo answers a body of another content type with a clear 400 (and CSRF prevention).
      body = /\bjson\b/i.test(headers.get('content-type') ?? '') ? parseJsonBody(text) : text;
    }
    const trusted = options.trustedDocuments();
    const explorer = trusted !== null && options.mayExplore(caller);
    const resolveDocument = (operation: unknown) => {
      const named = trusted ? withTrustedDocument(operation, trusted, explorer) : operation;
      return withPersistedDocument(named, options.persistedQueries);
    };
    request = resolveRequest(method, body, url, resolveDocument);
    const refusal = checkRequestLimits(request.operations, options);
    if (refusal) {
      countRefusal(options, String(refusal.extensions.code));
      sendJson(res, 400, { errors: [refusal.toJSON()] });
      return;
    }
  } catch (error) {
    if (error instanceof HttpError && PROTECTIVE_HTTP_CODES.has(error.code)) countRefusal(options, error.code);
    throw error;
  }
  const { operations } = request;
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: request.search, body: request.body },
    context: async () =>
      options.createContext({
        id: requestId,
        clientRequestId: clientRequestIdOf(req),
        logger,
        headers: req.headers,
        fresh: wantsFresh(req),
        caller,
        operations: Array.isArray(operations) ? Math.max(1, operations.length) : 1,
      }),
  });
  if (response.body.kind === 'complete') {
    const size = Buffer.byteLength(response.body.string);
    if (size > options.maxResponseBytes) {
      countRefusal(options, 'RESPONSE_TOO_LARGE');
      const message =
        `The answer is ${size} bytes, more than the limit of ${options.maxResponseBytes} (MAX_RESPONSE_BYTES), so it was not sent; ` +
        'any mutation in the request did run. Ask for fewer items (`first`) or fewer fields.';
      sendJson(res, 400, {
        errors: [
          { message, extensions: { code: 'RESPONSE_TOO_LARGE', limit: options.maxResponseBytes, actual: size } },
        ],
      });
      return;
    }
  }
  for (const [name, value] of response.headers) {
    const earlier = name === 'vary' ? res.getHeader('vary') : undefined;
    res.setHeader(name, earlier === undefined ? value : `${String(earlier)}, ${value}`);
  }
  // Answers depend on the caller's permissions: no cache may keep or share them.
  res.setHeader('cache-control', 'no-store');
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  // An incremental answer is streamed: past the limit, the connection is cut.
  let sent = 0;
  for await (const chunk of response.body.asyncIterator) {
    sent += Buffer.byteLength(chunk);
    if (sent > options.maxResponseBytes) {
      countRefusal(options, 'RESPONSE_TOO_LARGE');
      res.destroy();
      return;
    }
    res.write(chunk);
  }
  res.end();
}

/** Refusals of the HTTP layer that protect the gateway (counted); others are plain client mistakes. */
const PROTECTIVE_HTTP_CODES = new Set(['PAYLOAD_TOO_LARGE', 'BATCH_TOO_LARGE', 'UNTRUSTED_DOCUMENT']);

function countRefusal(options: HttpServerOptions, code: string): void {
  options.metrics.refusals.inc({ code });
}

/** The request as Apollo will run it: trusted documents and persisted queries resolved to their texts. */
interface ResolvedRequest {
  /** The operation, or the array of a batch, each with the document that will run. */
  operations: unknown;
  /** What Apollo receives: the POST body, or the query string of a GET. */
  body: unknown;
  search: string;
}

function resolveRequest(
  method: string,
  body: unknown,
  url: URL,
  resolveDocument: (operation: unknown) => unknown,
): ResolvedRequest {
  if (method === 'POST') {
    const resolved = Array.isArray(body) ? body.map(resolveDocument) : resolveDocument(body);
    return { operations: resolved, body: resolved, search: url.search };
  }
  const operation = requestFromSearch(url);
  const resolved = resolveDocument(operation) as Record<string, unknown>;
  if (resolved === operation) return { operations: operation, body, search: url.search };
  const search = new URLSearchParams(url.search);
  search.set('query', String(resolved.query));
  search.delete('documentId');
  if (resolved.extensions === undefined) search.delete('extensions');
  else search.set('extensions', JSON.stringify(resolved.extensions));
  return { operations: resolved, body, search: `?${search.toString()}` };
}

/** The batch size, then the limits of its operations, before Apollo spends any work on them. */
function checkRequestLimits(body: unknown, options: HttpServerOptions): GraphQLError | null {
  const operations = Array.isArray(body) ? body : [body];
  if (operations.length > options.maxBatchOperations) {
    throw new HttpError(
      400,
      'BATCH_TOO_LARGE',
      `A batch may hold at most ${options.maxBatchOperations} operations, received ${operations.length}.`,
    );
  }
  const requests: OperationRequest[] = [];
  for (const operation of operations) {
    if (typeof operation !== 'object' || operation === null) continue;
    const { query, operationName, variables } = operation as Record<string, unknown>;
    if (typeof query !== 'string') continue;
    requests.push({
      query,
      operationName: typeof operationName === 'string' ? operationName : null,
      variables:
        typeof variables === 'object' && variables !== null && !Array.isArray(variables)
          ? (variables as Record<string, unknown>)
          : null,
    });
  }
  return options.checkOperations(requests);
}

/** A GET request's operation, as Apollo will read it from the query string. */
function requestFromSearch(url: URL): Record<string, unknown> {
  const documentId = url.searchParams.get('documentId');
  return {
    query: url.searchParams.get('query'),
    ...(documentId === null ? {} : { documentId }),
    operationName: url.searchParams.get('operationName'),
    variables: jsonOrNull(url.searchParams.get('variables')),
    extensions: jsonOrNull(url.searchParams.get('extensions')),
  };
}

/** Apollo answers malformed JSON in the query string itself. */
function jsonOrNull(text: string | null): unknown {
  try {
    return JSON.parse(text ?? 'null');
  } catch {
    return null;
  }
}

/** `Cache-Control: no-cache` (or no-store, or max-age=0) bypasses the shared EKS cache. */
function wantsFresh(req: IncomingMessage): boolean {
  return (
    /\b(no-cache|no-store|max-age=0)\b/i.test(req.headers['cache-control'] ?? '') ||
    /\bno-cache\b/i.test(String(req.headers.pragma ?? ''))
  );
}

function wantsGraphiql(req: IncomingMessage, url: URL): boolean {
  return !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

function onlyGet(method: string, send: () => void): void {
  if (method !== 'GET' && method !== 'HEAD')
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use GET here, not ${method}.`);
  send();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** The gateway's own id of a request: always made here, so no two requests share one. */
function requestIdOf(): string {
  return randomUUID();
}

/** A caller's `x-request-id`, for correlation beside ours, when it is short and printable. */
function clientRequestIdOf(req: IncomingMessage): string | null {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\x21-\x7e]{1,128}$/.test(given) ? given : null;
}
