/** The control endpoints under `/_emulator/` (not part of EKS): health, stats, reset, faults, clusters, state. */
import { WireError, invalidParameter, quote } from './errors';
import { parseJsonObject } from './http';
import type { EmulatorRuntime } from './runtime';
import { exportState } from './seed';

export interface ControlRequest {
  method: string;
  /** Path segments after `_emulator`. */
  segments: string[];
  query: URLSearchParams;
  contentType: string | undefined;
  body: Buffer;
}

export interface ControlResponse {
  status: number;
  body: unknown;
}

type Handler = (runtime: EmulatorRuntime, request: ControlRequest) => ControlResponse | Promise<ControlResponse>;

const ENDPOINTS: Record<string, Partial<Record<string, Handler>>> = {
  health: { GET: () => ok({ status: 'ok' }) },
  stats: { GET: (runtime) => ok(runtime.stats.report()) },
  reset: {
    POST: async (runtime, request) => {
      const restoreState = booleanQuery(request.query, 'state');
      runtime.stats.reset();
      if (restoreState) await runtime.resetState();
      return ok({ status: 'ok', stateRestored: restoreState });
    },
  },
  faults: {
    GET: (runtime) => ok(runtime.faults.config()),
    POST: (runtime, request) => ok(runtime.faults.configure(parseJsonObject(request.contentType, request.body))),
    DELETE: (runtime) => ok(runtime.faults.clear()),
  },
  clusters: {
    POST: async (runtime, request) => ok(await runtime.addClusters(parseJsonObject(request.contentType, request.body))),
  },
  state: {
    GET: (runtime, request) =>
      ok(exportState(runtime.store, { region: request.query.get('region'), cluster: request.query.get('cluster') })),
  },
};

export async function handleControl(runtime: EmulatorRuntime, request: ControlRequest): Promise<ControlResponse> {
  const [name, ...rest] = request.segments;
  const endpoint = name !== undefined && rest.length === 0 && Object.hasOwn(ENDPOINTS, name) ? ENDPOINTS[name] : undefined;
  if (!endpoint) {
    throw new WireError(
      'UnknownOperationException',
      `Unknown emulator control endpoint /_emulator/${request.segments.join('/')}; known: ${Object.keys(ENDPOINTS).map((e) => `/_emulator/${e}`).join(', ')}.`,
    );
  }
  const handler = endpoint[request.method];
  if (!handler) {
    throw new WireError(
      'MethodNotAllowedException',
      `/_emulator/${name} does not accept ${request.method}; allowed: ${Object.keys(endpoint).join(', ')}.`,
    );
  }
  return handler(runtime, request);
}

function ok(body: unknown): ControlResponse {
  return { status: 200, body };
}

function booleanQuery(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1' || value === '') return true;
  throw invalidParameter(`The query parameter ${name} must be true or false; received ${quote(value)}.`);
}
