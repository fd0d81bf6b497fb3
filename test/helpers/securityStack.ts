/**
 * A stack for the security tests, in-process and over real HTTP like `stack.ts`: the EKS
 * emulator and the gateway in front of it, started with security settings (AUTH_MODE, token and
 * policy files, audit log) and a logger whose lines the tests can read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { createLogger } from '../../src/server/logger';

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  };
}

export interface SecureStack {
  emulator: RunningEmulator;
  gateway: RunningGateway;
  /** POSTs one operation, with `Authorization: Bearer <token>` when a token is given. */
  gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<HttpAnswer<T>>;
  /** EKS calls counted by the emulator since the last `resetCalls`. */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  /** Restores the emulator's seed state (and zeroes its counters). */
  resetState(): Promise<void>;
  faults(config: Record<string, unknown>): Promise<void>;
  /** Every log line the gateway wrote, as text. */
  logText(): string;
  /** The audit log's records, when AUDIT_LOG_FILE is set. */
  auditRecords(): Array<Record<string, unknown>>;
  close(): Promise<void>;
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

export async function startSecureStack(emulatorOptions: EmulatorOptions, env: Record<string, string>): Promise<SecureStack> {
  const emulator = await startEmulator({ seed: 'none', ...emulatorOptions });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  let gateway: RunningGateway;
  try {
    const config = loadConfig({ PORT: '0', EKS_ENDPOINT: emulator.url, CACHE_TTL_MS: '0', ...env });
    gateway = await startGateway({
      config,
      endpoint: emulator.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // The most verbose level, so that a test can prove what never reaches the logs.
      logger: createLogger('trace', sink),
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const control = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${emulator.url}/_emulator/${path}`, init);
    if (!res.ok) throw new Error(`Emulator control ${path} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  return {
    emulator,
    gateway,
    async gql(token, query, variables, headers = {}) {
      const res = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as HttpAnswer<never>['body'] };
    },
    async calls() {
      return ((await control('stats')) as { calls: Record<string, number> }).calls;
    },
    async resetCalls() {
      await control('reset', { method: 'POST' });
    },
    async resetState() {
      await control('reset?state=true', { method: 'POST' });
    },
    async faults(faultConfig) {
      await control('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faultConfig) });
    },
    logText: () => lines.join(''),
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

/** The EKS calls that change something: a denied mutation must make none. */
export function mutatingCalls(calls: Record<string, number>): number {
  return (calls.CreatePodIdentityAssociation ?? 0) + (calls.UpdatePodIdentityAssociation ?? 0) + (calls.DeletePodIdentityAssociation ?? 0);
}
