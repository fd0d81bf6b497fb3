/** The control endpoints under `/_emulator/` (not part of EKS, STS or IAM): health, stats, reset, faults, clusters, state, accounts, clock. */
import { WireError, invalidParameter, quote } from './errors';
import { parseJsonObject } from './http';
import { describeRole } from './roles';
import type { EmulatorRuntime } from './runtime';
import { exportAllAccounts, exportState } from './seed';

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
    GET: (runtime, request) => {
      const filter = { region: request.query.get('region'), cluster: request.query.get('cluster') };
      const account = request.query.get('account');
      if (account === 'all') return ok(exportAllAccounts(runtime.store, runtime.accountNames, filter));
      if (account !== null && !ACCOUNT_ID.test(account)) {
        throw invalidParameter(
          `The query parameter account must be a 12-digit account id or all; received ${quote(account)}.`,
        );
      }
      return ok(exportState(runtime.store.account(account ?? runtime.store.defaultAccountId), filter));
    },
  },
  accounts: { GET: (runtime) => ok(accountsReport(runtime)) },
  'pod-identity': { GET: (runtime) => ok(runtime.podIdentityAgent.report()) },
  'pod-identity-tokens': {
    POST: (runtime, request) =>
      ok(
        runtime.podIdentityAgent.issueToken(runtime.agentContext(), parseJsonObject(request.contentType, request.body)),
      ),
  },
  clock: {
    GET: (runtime) => ok(clockReport(runtime)),
    POST: (runtime, request) => {
      const body = parseJsonObject(request.contentType, request.body);
      const unknown = Object.keys(body).filter((member) => member !== 'advanceSeconds');
      if (unknown.length > 0)
        throw invalidParameter(`Unknown clock member ${quote(unknown[0])}; the body is {"advanceSeconds": n}.`);
      const seconds = body.advanceSeconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_ADVANCE_SECONDS) {
        throw invalidParameter(
          `advanceSeconds must be a number of seconds greater than 0 and at most ${MAX_ADVANCE_SECONDS}; received ${quote(seconds)}. The clock only moves forward; DELETE /_emulator/clock returns to the wall clock.`,
        );
      }
      runtime.clock.advance(seconds * 1000);
      return ok(clockReport(runtime));
    },
    DELETE: (runtime) => {
      runtime.clock.reset();
      return ok(clockReport(runtime));
    },
  },
};

const ACCOUNT_ID = /^\d{12}$/;
/** A year: far more than any credential lives. */
const MAX_ADVANCE_SECONDS = 366 * 24 * 3600;

function clockReport(runtime: EmulatorRuntime): { now: string; offsetSeconds: number } {
  return { now: new Date(runtime.clock.now()).toISOString(), offsetSeconds: runtime.clock.offset / 1000 };
}

/** The accounts of the seed and of the state: names, cluster counts, access keys, IAM strictness and roles. */
function accountsReport(runtime: EmulatorRuntime): unknown {
  const ids = [
    ...new Set([...runtime.accountNames.keys(), ...runtime.store.accounts().map((account) => account.accountId)]),
  ];
  const keys = [...runtime.credentials.keys()];
  return {
    defaultAccountId: runtime.store.defaultAccountId,
    accounts: ids.map((accountId) => ({
      accountId,
      name: runtime.accountNames.get(accountId) ?? null,
      default: accountId === runtime.store.defaultAccountId,
      clusters: runtime.store.account(accountId).clusters().length,
      accessKeys: keys
        .filter(([, owner]) => owner.accountId === accountId)
        .map(([accessKeyId, owner]) => ({ accessKeyId, userName: owner.userName })),
      iam: { strict: runtime.roles.isStrict(accountId) },
      roles: runtime.roles.inAccount(accountId).map((definition) => {
        const role = describeRole(definition);
        return {
          arn: role.arn,
          roleId: role.roleId,
          assumable: role.trustPolicy.namesAwsPrincipals(),
          maxSessionDuration: role.maxSessionDuration,
          trustPolicy: JSON.parse(role.trustPolicy.text) as unknown,
        };
      }),
    })),
  };
}

export async function handleControl(runtime: EmulatorRuntime, request: ControlRequest): Promise<ControlResponse> {
  const [name, ...rest] = request.segments;
  const endpoint =
    name !== undefined && rest.length === 0 && Object.hasOwn(ENDPOINTS, name) ? ENDPOINTS[name] : undefined;
  if (!endpoint) {
    throw new WireError(
      'UnknownOperationException',
      `Unknown emulator control endpoint /_emulator/${request.segments.join('/')}; known: ${Object.keys(ENDPOINTS)
        .map((e) => `/_emulator/${e}`)
        .join(', ')}.`,
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
