/** Shared helpers of the emulator's integration tests: clients, raw requests, error assertions. */
import { EKSClient, type EKSClientConfig } from '@aws-sdk/client-eks';
import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandInput, type STSClientConfig } from '@aws-sdk/client-sts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator';

export const ACCOUNT = '000000000000';

export function role(name: string, account = '111122223333'): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ seed: 'none', ...options });
}

/** An SDK client against the emulator; retries are off unless a test asks for them. */
export function eks(url: string, region = 'us-east-1', config: Partial<EKSClientConfig> = {}): EKSClient {
  return new EKSClient({
    region,
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    ...config,
  });
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Static credentials: `test` is the default account's, a 12-digit key that account's. */
export function staticKey(accessKeyId = 'test'): Credentials {
  return { accessKeyId, secretAccessKey: 'test' };
}

/** An STS client against the emulator; retries are off unless a test asks for them. */
export function sts(
  url: string,
  credentials: Credentials = staticKey(),
  config: Partial<STSClientConfig> = {},
): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1, ...config });
}

/**
 * An IAM client against the emulator, as one is made against AWS (IAM is global: us-east-1),
 * with the emulator as its endpoint; retries are off unless a test asks for them.
 */
export function iam(
  url: string,
  credentials: Credentials = staticKey(),
  config: Partial<IAMClientConfig> = {},
): IAMClient {
  return new IAMClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1, ...config });
}

/** Assumes a role and gives its temporary credentials, ready for another client. */
export async function assume(
  url: string,
  input: AssumeRoleCommandInput,
  as: Credentials = staticKey(),
): Promise<Credentials & { expiration: Date }> {
  const client = sts(url, as);
  try {
    const { Credentials: issued } = await client.send(new AssumeRoleCommand(input));
    if (!issued?.AccessKeyId || !issued.SecretAccessKey || !issued.SessionToken || !issued.Expiration)
      throw new Error('AssumeRole answered no credentials');
    return {
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      sessionToken: issued.SessionToken,
      expiration: issued.Expiration,
    };
  } finally {
    client.destroy();
  }
}

/** A syntactically valid SigV4 Authorization header (the emulator reads only the scope). */
export function authorization(region = 'us-east-1', service = 'eks', accessKeyId = 'test'): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260115/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
}

export async function raw(
  url: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; region?: string | null } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.region !== null) headers.authorization ??= authorization(init.region);
  const res = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, body: init.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A control endpoint call (no Authorization needed). */
export async function control<T = Record<string, unknown>>(
  url: string,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (res.status !== 200) throw new Error(`control ${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

interface SdkError {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  [member: string]: unknown;
}

/** Awaits a call that must fail with the given error name, HTTP status and message. */
export async function expectError(
  call: Promise<unknown>,
  name: string,
  status: number,
  message?: string | RegExp,
): Promise<SdkError> {
  let error: SdkError | undefined;
  try {
    await call;
  } catch (caught) {
    error = caught as SdkError;
  }
  if (!error) throw new Error(`expected ${name} (${status}) but the call succeeded`);
  expect({ name: error.name, status: error.$metadata?.httpStatusCode }).toEqual({ name, status });
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}
