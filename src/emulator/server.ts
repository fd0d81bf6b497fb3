/**
 * The HTTP server: routes a request to a control endpoint, to STS or IAM (a request signed for
 * the service `sts` or `iam`) or to an EKS operation, and runs the pipeline of a call (count,
 * authenticate, inject faults, parse, execute, persist, answer) in the wire shape of its service.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { assertNever } from '../assertNever';
import { AuthError, parseAuthorization, signedService, type CredentialScope } from './auth';
import { handleControl } from './control';
import type { Caller } from './credentials';
import { WireError, eksAuthError } from './errors';
import type { FaultDecision } from './faults';
import { bodyTooLarge, parseJsonObject, parseTarget, readBody, sendError, sendJson, type BodyRead } from './http';
import { IAM_XML_NAMESPACE, IamError, executeIam, iamOperationOf, type IamErrorCode } from './iam';
import {
  MUTATING_OPERATIONS,
  type IamOperationName,
  type ServiceName,
  type ServiceOperationName,
  type StsOperationName,
} from './model';
import { executeOperation, type OperationResult } from './operations';
import { AGENT_PATH } from './podIdentityAgent';
import { QueryError, errorXml, malformedResult, queryParameters, successXml, type XmlElement } from './queryProtocol';
import { matchRoute, OPERATIONS_WITH_BODY } from './routes';
import type { EmulatorRuntime } from './runtime';
import { STS_XML_NAMESPACE, StsError, executeSts, stsOperationOf, type StsErrorCode } from './sts';

export function createEmulatorServer(runtime: EmulatorRuntime): Server {
  const server = createServer((req, res) => {
    void handleRequest(runtime, req, res);
  });
  // Slow links and big pages must not be cut off; jest and close() rely on closeAllConnections instead.
  server.requestTimeout = 0;
  return server;
}

async function handleRequest(runtime: EmulatorRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  res.setHeader('x-amzn-RequestId', requestId);
  let body: BodyRead;
  let target: ReturnType<typeof parseTarget>;
  try {
    body = await readBody(req);
    target = parseTarget(req.url ?? '/');
  } catch (error) {
    if (!res.destroyed && error instanceof WireError) sendError(res, error);
    else if (!res.destroyed) res.destroy();
    return;
  }
  if (target.segments[0] === '_emulator') return handleControlRequest(runtime, req, res, body, target, requestId);
  // The Pod Identity agent's endpoint: its Authorization header is a service account token, not SigV4.
  if (`/${target.segments.join('/')}` === AGENT_PATH) {
    const answer = runtime.podIdentityAgent.credentials(
      runtime.agentContext(),
      req.method ?? 'GET',
      req.headers.authorization,
    );
    return sendJson(res, answer.status, answer.body);
  }
  const service = signedService(req.headers.authorization);
  if (service === 'sts') return handleQuery(runtime, STS, req, res, body, target.query, requestId);
  if (service === 'iam') return handleQuery(runtime, IAM, req, res, body, target.query, requestId);
  return handleEks(runtime, req, res, body, target, requestId);
}

async function handleControlRequest(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  body: BodyRead,
  { segments, query }: ReturnType<typeof parseTarget>,
  requestId: string,
): Promise<void> {
  try {
    if (body.kind === 'tooLarge') throw bodyTooLarge();
    const response = await handleControl(runtime, {
      method: req.method ?? 'GET',
      segments: segments.slice(1),
      query,
      contentType: req.headers['content-type'],
      body: body.bytes,
    });
    sendJson(res, response.status, response.body);
  } catch (error) {
    answerUnexpected(runtime, req, res, error, (wire) => sendError(res, wire), requestId);
  }
}

async function handleEks(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  body: BodyRead,
  { segments, query }: ReturnType<typeof parseTarget>,
  requestId: string,
): Promise<void> {
  let drop = false;
  try {
    const route = matchRoute(req.method ?? 'GET', segments);
    switch (route.kind) {
      case 'unknown':
        throw new WireError(
          'UnknownOperationException',
          `Unknown operation: no EKS operation is served at ${req.method ?? ''} /${segments.join('/')}.`,
        );
      case 'wrongMethod':
        sendError(
          res,
          new WireError(
            'MethodNotAllowedException',
            `Method ${req.method ?? ''} is not allowed on /${segments.join('/')}; allowed: ${route.allowed.join(', ')}.`,
          ),
          { allow: route.allowed.join(', ') },
        );
        return;
      case 'operation':
        break;
      default:
        assertNever(route);
    }

    const { operation, labels } = route;
    runtime.stats.count(operation);
    if (body.kind === 'tooLarge') throw bodyTooLarge();
    const { scope, caller } = authenticate(runtime, req, 'eks');
    const call = await enterCall(runtime, operation, req, res);
    if (call === null) return;
    throwInjectedEksFault(call.decision);
    drop = call.dropAfterApply;

    const input = OPERATIONS_WITH_BODY.has(operation) ? parseJsonObject(req.headers['content-type'], body.bytes) : {};
    const result: OperationResult = executeOperation(runtime.operationContext(caller.accountId), {
      operation,
      region: scope.region,
      labels,
      query,
      body: input,
    });
    // The change was applied in this same tick; journal it now, and answer only once it is durable.
    if (result.change) await commit(runtime, result.change);
    // The original of a replayed request may still be on its way to disk.
    else if (result.replayed) await runtime.durable();
    if (drop) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return; // applied; its client is gone
    sendJson(res, 200, call.decision.kind === 'malformed' ? malformed(result.body) : result.body);
  } catch (error) {
    if (drop && !res.destroyed) {
      req.socket.destroy();
      return;
    }
    const wire = error instanceof AuthError ? eksAuthError(error) : error;
    answerUnexpected(runtime, req, res, wire, (known) => sendError(res, known), requestId);
  }
}

/** What the query pipeline needs of a query-protocol service (STS, IAM). */
interface QueryService<Operation extends ServiceOperationName> {
  service: 'sts' | 'iam';
  label: string;
  xmlNamespace: string;
  operationOf(parameters: URLSearchParams, contentType: string | undefined): Operation;
  execute(
    runtime: EmulatorRuntime,
    operation: Operation,
    request: { caller: Caller; scope: CredentialScope; parameters: URLSearchParams },
  ): XmlElement;
  /** The service's error for what went wrong before or around the operation. */
  error: (kind: QueryFailure, message: string) => QueryError;
}

/** What the pipeline itself reports: refused credentials, an injected fault, a body too large, a bug. */
type QueryFailure = AuthError['failure'] | 'tooLarge' | 'throttle' | 'server' | 'unavailable' | 'internal';

const STS_CODES: Record<QueryFailure, StsErrorCode> = {
  missing: 'MissingAuthenticationToken',
  malformed: 'IncompleteSignature',
  expired: 'ExpiredToken',
  invalid: 'InvalidClientTokenId',
  tooLarge: 'RequestEntityTooLarge',
  throttle: 'Throttling',
  server: 'InternalFailure',
  unavailable: 'ServiceUnavailable',
  internal: 'InternalFailure',
};

const IAM_CODES: Record<QueryFailure, IamErrorCode> = {
  missing: 'MissingAuthenticationToken',
  malformed: 'IncompleteSignature',
  expired: 'ExpiredToken',
  invalid: 'InvalidClientTokenId',
  tooLarge: 'RequestEntityTooLarge',
  throttle: 'Throttling',
  server: 'ServiceFailure',
  unavailable: 'ServiceUnavailable',
  internal: 'ServiceFailure',
};

const STS: QueryService<StsOperationName> = {
  service: 'sts',
  label: 'STS',
  xmlNamespace: STS_XML_NAMESPACE,
  operationOf: stsOperationOf,
  execute: (runtime, operation, { caller, parameters }) =>
    executeSts(runtime.stsContext(), { operation, caller, parameters }),
  error: (kind, message) => new StsError(STS_CODES[kind], message),
};

const IAM: QueryService<IamOperationName> = {
  service: 'iam',
  label: 'IAM',
  xmlNamespace: IAM_XML_NAMESPACE,
  operationOf: iamOperationOf,
  execute: (runtime, operation, { caller, scope, parameters }) =>
    executeIam(runtime.iamContext(), {
      operation,
      caller,
      region: scope.region,
      parameters,
    }),
  error: (kind, message) => new IamError(IAM_CODES[kind], message),
};

async function handleQuery<Operation extends ServiceOperationName>(
  runtime: EmulatorRuntime,
  service: QueryService<Operation>,
  req: IncomingMessage,
  res: ServerResponse,
  body: BodyRead,
  query: URLSearchParams,
  requestId: string,
): Promise<void> {
  const sendXml = (status: number, xml: string) => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  };
  try {
    if (body.kind === 'tooLarge') throw service.error('tooLarge', 'The request body exceeds the limit of 1 MiB.');
    const contentType = req.headers['content-type'];
    const parameters = queryParameters(contentType, body.bytes, query);
    const operation = service.operationOf(parameters, contentType);
    runtime.stats.count(operation);
    const { caller, scope } = authenticate(runtime, req, service.service);
    const call = await enterCall(runtime, operation, req, res);
    if (call === null) return;
    throwInjectedQueryFault(service.error, call.decision);
    const result = service.execute(runtime, operation, { caller, scope, parameters });
    if (res.destroyed) return;
    sendXml(
      200,
      successXml(
        service.xmlNamespace,
        operation,
        call.decision.kind === 'malformed' ? malformedResult(result) : result,
        requestId,
      ),
    );
  } catch (error) {
    const known = error instanceof AuthError ? service.error(error.failure, authMessage(error)) : error;
    if (known instanceof QueryError) {
      if (!res.destroyed) sendXml(known.status, errorXml(service.xmlNamespace, known, requestId));
      return;
    }
    if (res.destroyed) return;
    runtime.config.log(
      `emulator: unexpected error for ${service.label} ${req.method ?? ''} ${req.url ?? ''} (request ${requestId}): ${(error as Error).stack ?? String(error)}`,
    );
    sendXml(
      500,
      errorXml(
        service.xmlNamespace,
        service.error(
          'internal',
          `An internal error occurred in the ${service.label} emulator (request id ${requestId}).`,
        ),
        requestId,
      ),
    );
  }
}

/** The credential scope and the caller (account, principal) of a request; throws an AuthError. */
function authenticate(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  service: ServiceName,
): { scope: CredentialScope; caller: Caller } {
  const scope = parseAuthorization(req.headers.authorization, service);
  const token = req.headers['x-amz-security-token'];
  const caller = runtime.credentials.resolve(
    scope.accessKeyId,
    Array.isArray(token) ? token[0] : token,
    runtime.clock.now(),
  );
  return { scope, caller };
}

interface EnteredCall {
  decision: FaultDecision;
  /** A `drop` that comes after the mutation is applied. */
  dropAfterApply: boolean;
}

/**
 * Waits the injected latency and drops the calls a `drop` fault takes before they run. Null when
 * the call ends here: dropped, its client left during the delay (a read), or the emulator closed.
 */
async function enterCall(
  runtime: EmulatorRuntime,
  operation: ServiceOperationName,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<EnteredCall | null> {
  const { decision, delayMs } = runtime.faults.decide(operation);
  // A read whose client gave up during the delay is dropped. A mutation goes on, as in EKS,
  // which does not undo what it received because the client went away: that is what a
  // client's retry with the same clientRequestToken, and a write-ahead audit, are for.
  const mutating = MUTATING_OPERATIONS.has(operation);
  if (delayMs > 0) await runtime.delay(delayMs, mutating ? null : res);
  if (res.destroyed && !mutating) return null;
  if (runtime.closed) {
    req.socket.destroy();
    return null;
  }
  if (decision.kind === 'drop' && !decision.afterApply) {
    req.socket.destroy();
    return null;
  }
  return { decision, dropAfterApply: decision.kind === 'drop' && decision.afterApply };
}

function throwInjectedEksFault(decision: FaultDecision): void {
  switch (decision.kind) {
    case 'none':
    case 'drop':
    case 'malformed':
      return;
    case 'throttle':
      throw new WireError('ThrottlingException', 'Rate exceeded');
    case 'server':
      throw new WireError(
        'ServerException',
        'An internal error occurred (injected by the emulator fault configuration).',
      );
    case 'unavailable':
      throw new WireError(
        'ServiceUnavailableException',
        'The service is unavailable (injected by the emulator fault configuration).',
      );
    default:
      assertNever(decision);
  }
}

function throwInjectedQueryFault(
  error: (kind: QueryFailure, message: string) => QueryError,
  decision: FaultDecision,
): void {
  switch (decision.kind) {
    case 'none':
    case 'drop':
    case 'malformed':
      return;
    case 'throttle':
      throw error('throttle', 'Rate exceeded');
    case 'server':
      throw error('server', 'An internal error occurred (injected by the emulator fault configuration).');
    case 'unavailable':
      throw error('unavailable', 'The service is unavailable (injected by the emulator fault configuration).');
    default:
      assertNever(decision);
  }
}

/** A refused credential's message, as STS and IAM word it. */
function authMessage(error: AuthError): string {
  return error.failure === 'missing' ? 'Request is missing Authentication Token' : error.message;
}

/** Answers a WireError as such; anything else is logged and answered as a 500 ServerException. */
function answerUnexpected(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
  send: (error: WireError) => void,
  requestId: string,
): void {
  if (res.destroyed) return; // the client went away; nobody to answer
  if (error instanceof WireError) {
    send(error);
    return;
  }
  runtime.config.log(
    `emulator: unexpected error for ${req.method ?? ''} ${req.url ?? ''} (request ${requestId}): ${(error as Error).stack ?? String(error)}`,
  );
  send(new WireError('ServerException', `An internal error occurred in the EKS emulator (request id ${requestId}).`));
}

/**
 * The answer with every member replaced by a string, the shape a broken proxy or a service bug
 * would send: `{"cluster": "malformed"}`, `{"associations": "malformed", "nextToken": "malformed"}`.
 */
function malformed(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return 'malformed';
  return Object.fromEntries(Object.keys(body).map((member) => [member, 'malformed']));
}

async function commit(runtime: EmulatorRuntime, change: Parameters<EmulatorRuntime['commit']>[0]): Promise<void> {
  try {
    await runtime.commit(change);
  } catch (error) {
    runtime.config.log(`emulator: could not persist a change: ${(error as Error).stack ?? String(error)}`);
    throw new WireError(
      'ServerException',
      `The change could not be written to the state file: ${(error as Error).message}`,
    );
  }
}
