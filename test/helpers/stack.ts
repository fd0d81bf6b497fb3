/**
 * A whole stack for integration tests, in-process and over real HTTP: the EKS emulator, the
 * gateway in front of it (through the real AWS SDK), and small clients for both. The gateway's
 * settings come from `env` as in production, the security ones too (AUTH_MODE, the token, policy
 * and JWKS files written with `tempFiles`, the audit log); `captureLogs` keeps its log lines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig, type GatewayConfig } from '../../src/config';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';
import { MUTATING_OPERATIONS } from '../../src/emulator/model';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { createLogger } from '../../src/server/logger';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** A whole HTTP answer of the gateway, for tests that look at the status and headers too. */
export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: GraphQLResponse<T>;
}

export interface StackOptions {
  /**
   * Logs at the most verbose level into memory, for `logText` (so that a test can prove what
   * never reaches the logs); without it the gateway logs nothing.
   */
  captureLogs?: boolean;
}

export interface Stack {
  emulator: RunningEmulator;
  gateway: RunningGateway;
  /** POSTs one operation to the gateway and returns the parsed JSON body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** POSTs one operation with `Authorization: Bearer <token>` (none when null) and returns the whole answer. */
  gqlAs<T = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<HttpAnswer<T>>;
  /** EKS calls counted by the emulator since the last `resetCalls`. */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  /** Restores the emulator's seed state (and zeroes its counters). */
  resetState(): Promise<void>;
  /** Sets the emulator's fault injection (see docs/emulator.md). */
  faults(config: Record<string, unknown>): Promise<void>;
  /** The emulator's whole state, in the seed-file format. */
  state(query?: string): Promise<SeedState>;
  /** Every log line the gateway wrote, as text; needs `captureLogs`. */
  logText(): string;
  /** The audit log's records, when AUDIT_LOG_FILE is set. */
  auditRecords(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface SeedState {
  clusters: Array<{
    name: string;
    region: string;
    associations?: Array<{ associationId?: string | null; namespace: string; serviceAccount: string; roleArn: string }>;
  }>;
}

/**
 * Resolves once the gateway's inventory has finished its first full sweep (`/readyz?full`), so
 * that a test counting EKS calls does not count the sweep's. Needs INVENTORY=on.
 */
export async function inventorySynced(stack: Stack, timeoutMs = 20_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs;) {
    if ((await fetch(`${stack.gateway.url}/readyz?full`)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The inventory's first sweep did not end within ${timeoutMs} ms`);
}

/** A temporary directory for token, policy and JWKS files; removed by `remove`. */
export function tempFiles(prefix = 'gateway-security-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    /** Writes `content` (JSON unless a string) to `name` and returns its path. */
    write(name: string, content: unknown): string {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function startStack(
  emulatorOptions: EmulatorOptions = {},
  env: Record<string, string> = {},
  { captureLogs = false }: StackOptions = {},
): Promise<Stack> {
  const emulator = await startEmulator({ seed: 'none', ...emulatorOptions });
  const lines: string[] = [];
  const logger = captureLogs
    ? createLogger(
        'trace',
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString('utf8'));
            done();
          },
        }),
      )
    : pino({ level: 'silent' });
  // The shared cache is off unless a test turns it on: most tests count every EKS call.
  const gateway = await (async () => {
    const config: GatewayConfig = loadConfig({
      PORT: '0',
      EKS_ENDPOINT: emulator.url,
      LOG_LEVEL: 'silent',
      CACHE_TTL_MS: '0',
      ...env,
    });
    return startGateway({
      config,
      endpoint: emulator.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      logger,
    });
  })().catch(async (error: unknown) => {
    // A bad configuration must not leave the emulator listening (jest would wait for it).
    await emulator.close();
    throw error;
  });
  const control = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${emulator.url}/_emulator/${path}`, init);
    if (!res.ok) throw new Error(`Emulator control ${path} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const post = (query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>) =>
    fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
  return {
    emulator,
    gateway,
    async gql(query, variables, headers = {}) {
      return (await (await post(query, variables, headers)).json()) as GraphQLResponse<never>;
    },
    async gqlAs(token, query, variables, headers = {}) {
      const res = await post(query, variables, {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...headers,
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse<never> };
    },
    async calls() {
      const stats = (await control('stats')) as { calls: Record<string, number> };
      return stats.calls;
    },
    async resetCalls() {
      await control('reset', { method: 'POST' });
    },
    async resetState() {
      await control('reset?state=true', { method: 'POST' });
    },
    async faults(config) {
      await control('faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(config),
      });
    },
    async state(query = '') {
      return (await control(`state${query}`)) as SeedState;
    },
    logText() {
      if (!captureLogs)
        throw new Error('This stack logs nothing: start it with { captureLogs: true } to read its logs.');
      return lines.join('');
    },
    auditRecords() {
      const path = env.AUDIT_LOG_FILE;
      if (!path || !existsSync(path)) return [];
      return readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

/** The EKS calls that change something (the emulator's mutating operations): a denied mutation must make none. */
export function mutatingCalls(calls: Record<string, number>): number {
  return [...MUTATING_OPERATIONS].reduce((sum, operation) => sum + (calls[operation] ?? 0), 0);
}

/** Only the operations that were called, for readable assertions. */
export function nonZero(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([, n]) => n > 0));
}

export function role(name: string): string {
  return `arn:aws:iam::111122223333:role/${name}`;
}

/** A seed cluster with `count` associations spread over a few namespaces. */
export function seedCluster(name: string, region: string, count: number, namespaces = ['team-a', 'team-b', 'team-c']) {
  return {
    status: 'ACTIVE' as const,
    name,
    region,
    version: '1.31',
    addons: [{ name: 'eks-pod-identity-agent', version: 'v1.3.4-eksbuild.1' }],
    associations: Array.from({ length: count }, (_, i) => {
      const namespace = namespaces[i % namespaces.length] as string;
      return {
        namespace,
        serviceAccount: `sa-${i}`,
        roleArn: role(`${namespace}-sa-${i}`),
        tags: { index: String(i) },
      };
    }),
  };
}
