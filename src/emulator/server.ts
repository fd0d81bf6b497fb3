/**
 * The HTTP server: routes a request to a control endpoint or an EKS operation and runs the EKS
 * pipeline (count, authenticate, inject faults, parse, execute, persist, answer).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { regionFromAuthorization } from './auth';
import { assertNever } from '../assertNever';
import { handleControl } from './control';
import { WireError } from './errors';
import type { FaultDecision } from './faults';
import { bodyTooLarge, parseJsonObject, parseTarget, readBody, sendError, sendJson } from './http';
import { executeOperation, type OperationResult } from './operations';
import { MUTATING_OPERATIONS } from './model';
import { matchRoute, OPERATIONS_WITH_BODY } from './routes';
import type { EmulatorRuntime } from './runtime';

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
  let drop = false;
  try {
    const body = await readBody(req);
    const { segments, query } = parseTarget(req.url ?? '/');
    if (segments[0] === '_emulator') {
      if (body.kind === 'tooLarge') throw bodyTooLarge();
      const response = await handleControl(runtime, {
        method: req.method ?? 'GET',
        segments: segments.slice(1),
        query,
        contentType: req.headers['content-type'],
        body: body.bytes,
      });
      sendJson(res, response.status, response.body);
      return;
    }

    const route = matchRoute(req.method ?? 'GET', segments);
    switch (route.kind) {
      case 'unknown':
        throw new WireError('UnknownOperationException', `Unknown operation: no EKS operation is served at ${req.method ?? ''} /${segments.join('/')}.`);
      case 'wrongMethod':
        sendError(
          res,
          new WireError('MethodNotAllowedException', `Method ${req.method ?? ''} is not allowed on /${segments.join('/')}; allowed: ${route.allowed.join(', ')}.`),
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
    const region = regionFromAuthorization(req.headers.authorization);
    const { decision, delayMs } = runtime.faults.decide(operation);
    // A read whose client gave up during the delay is dropped. A mutation goes on, as in EKS,
    // which does not undo what it received because the client went away: that is what a
    // client's retry with the same clientRequestToken, and a write-ahead audit, are for.
    const mutating = MUTATING_OPERATIONS.has(operation);
    if (delayMs > 0) await runtime.delay(delayMs, mutating ? null : res);
    if (res.destroyed && !mutating) return;
    if (runtime.closed) {
      req.socket.destroy();
      return;
    }
    throwInjectedFault(decision);
    if (decision.kind === 'drop') {
      if (!decision.afterApply) {
        req.socket.destroy();
        return;
      }
      drop = true;
    }

    const input = OPERATIONS_WITH_BODY.has(operation) ? parseJsonObject(req.headers['content-type'], body.bytes) : {};
    const result: OperationResult = executeOperation(runtime.operationContext(), { operation, region, labels, query, body: input });
    // The change was applied in this same tick; journal it now, and answer only once it is durable.
    if (result.change) await commit(runtime, result.change);
    // The original of a replayed request may still be on its way to disk.
    else if (result.replayed) await runtime.durable();
    if (drop) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return; // applied; its client is gone
    sendJson(res, 200, decision.kind === 'malformed' ? malformed(result.body) : result.body);
  } catch (error) {
    if (res.destroyed) return; // the client went away; nobody to answer
    if (drop) {
      req.socket.destroy();
      return;
    }
    if (error instanceof WireError) {
      sendError(res, error);
      return;
    }
    runtime.config.log(`emulator: unexpected error for ${req.method ?? ''} ${req.url ?? ''} (request ${requestId}): ${(error as Error).stack ?? String(error)}`);
    sendError(res, new WireError('ServerException', `An internal error occurred in the EKS emulator (request id ${requestId}).`));
  }
}

function throwInjectedFault(decision: FaultDecision): void {
  switch (decision.kind) {
    case 'none':
    case 'drop':
    case 'malformed':
      return;
    case 'throttle':
      throw new WireError('ThrottlingException', 'Rate exceeded');
    case 'server':
      throw new WireError('ServerException', 'An internal error occurred (injected by the emulator fault configuration).');
    case 'unavailable':
      throw new WireError('ServiceUnavailableException', 'The service is unavailable (injected by the emulator fault configuration).');
    default:
      assertNever(decision);
  }
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
    throw new WireError('ServerException', `The change could not be written to the state file: ${(error as Error).message}`);
  }
}
