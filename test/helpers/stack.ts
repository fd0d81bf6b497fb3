/**
 * A whole stack for integration tests, in-process and over real HTTP: the EKS emulator, the
 * gateway in front of it (through the real AWS SDK), and small clients for both.
 */
import pino from 'pino';
import { loadConfig, type GatewayConfig } from '../../src/config';
import { startEmulator, type EmulatorOptions, type RunningEmulator, type SeedCluster } from '../../src/emulator';
import { startGateway, type RunningGateway } from '../../src/server/gateway';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface Stack {
  emulator: RunningEmulator;
  gateway: RunningGateway;
  /** POSTs one operation to the gateway and returns the parsed JSON body. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** EKS calls counted by the emulator since the last `resetCalls`. */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  /** Sets the emulator's fault injection (see docs/emulator.md). */
  faults(config: Record<string, unknown>): Promise<void>;
  /** The emulator's whole state, in the seed-file format. */
  state(query?: string): Promise<SeedState>;
  close(): Promise<void>;
}

export interface SeedState {
  clusters: Array<{
    name: string;
    region: string;
    associations?: Array<{ associationId?: string | null; namespace: string; serviceAccount: string; roleArn: string }>;
  }>;
}

export async function startStack(
  emulatorOptions: EmulatorOptions = {},
  env: Record<string, string> = {},
): Promise<Stack> {
  const emulator = await startEmulator({ seed: 'none', ...emulatorOptions });
  // The shared cache is off unless a test turns it on: most tests count every EKS call.
  const gateway = await (async () => {
    const config: GatewayConfig = loadConfig({ PORT: '0', EKS_ENDPOINT: emulator.url, LOG_LEVEL: 'silent', CACHE_TTL_MS: '0', ...env });
    return startGateway({
      config,
      endpoint: emulator.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      logger: pino({ level: 'silent' }),
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
  return {
    emulator,
    gateway,
    async gql(query, variables, headers = {}) {
      const res = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<never>;
    },
    async calls() {
      const stats = (await control('stats')) as { calls: Record<string, number> };
      return stats.calls;
    },
    async resetCalls() {
      await control('reset', { method: 'POST' });
    },
    async faults(config) {
      await control('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
    },
    async state(query = '') {
      return (await control(`state${query}`)) as SeedState;
    },
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
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
      return { namespace, serviceAccount: `sa-${i}`, roleArn: role(`${namespace}-sa-${i}`), tags: { index: String(i) } };
    }),
  };
}
