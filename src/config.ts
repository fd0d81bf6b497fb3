/**
 * Reads the environment into a typed, validated configuration. Any bad variable stops start-up
 * with a message that names it, the rule, and the value received.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AccountsFileError, readAccountsFile, type ServedAccount } from './accountsFile';
import { environmentReaders } from './environment';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './graphql/operationLimits';
import { parseInventoryUrl, SQLITE_MEMORY } from './inventory/store/url';
import { SecurityConfigError } from './security/errors';
import { readSecuritySettings, type SecuritySettings } from './security/settings';
import { parseHost, type AllowedHost } from './server/allowedHosts';
import { CorsConfigError, readCorsSettings, type CorsSettings } from './server/cors';
import { readTrustedDocuments, TrustedDocumentsError, type TrustedDocuments } from './server/trustedDocuments';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Where EKS calls go. */
export type BackendConfig =
  /** No endpoint given: the gateway starts the local EKS emulator in-process. */
  | { kind: 'embedded-emulator'; seed: string; stateFile: string | null }
  /** An EKS-compatible endpoint that is already running (for example `npm run emulator`). */
  | { kind: 'emulator-endpoint'; endpoint: string }
  /** Real AWS, with the SDK's default credential chain; `endpoint` overrides the regional one. */
  | { kind: 'aws'; endpoint: string | null };

export interface InventoryConfig {
  /** INVENTORY_DATABASE: sqlite::memory:, sqlite:<path> or postgres://... */
  database: string;
  refreshMs: number;
  maxAgeMs: number;
  callsPerSecond: number;
  leaseMs: number;
}

export interface GatewayConfig {
  port: number;
  host: string;
  backend: BackendConfig;
  /**
   * GATEWAY_ACCOUNT_ID: the AWS account the gateway's own credentials belong to, when given;
   * otherwise learnt at start (the emulator's default account for a local endpoint).
   */
  accountId: string | null;
  /** GATEWAY_ACCOUNTS_FILE: the accounts served (src/accountsFile.ts); null serves the gateway's own account only. */
  accounts: ServedAccount[] | null;
  /** Where `accounts` was read from, to read it again on SIGHUP; null when no file is served. */
  accountsFile: string | null;
  /** ASSUME_ROLE_SECONDS: the length of the sessions assumed in member accounts (renewed 5 minutes before they end). */
  assumeRoleSeconds: number;
  /** The regions `clusters` walks, in order; the first is the default region of arguments. */
  regions: string[];
  /** EKS calls in flight at once per region, shared by all requests. */
  maxConcurrency: number;
  /** SDK attempts per EKS call (1 = no retry). */
  maxAttempts: number;
  /** Time allowed for one EKS call attempt. */
  requestTimeoutMs: number;
  /** The SDK's retry mode: `adaptive` also slows the client down after throttling. */
  retryMode: 'adaptive' | 'standard';
  /** The overall deadline of one GraphQL request (REQUEST_TIMEOUT_MS): its EKS calls end then. */
  requestDeadlineMs: number;
  /** EKS calls one caller may make per minute, across its requests; 0 for no limit. */
  maxEksCallsPerCallerPerMinute: number;
  logLevel: LogLevel;
  /** How long SIGTERM waits for requests in flight before closing their connections. */
  shutdownGraceMs: number;
  /** How long EKS results are shared between requests; 0 turns the cache off. */
  cacheTtlMs: number;
  /** Entries the in-memory cache holds at most. */
  cacheMaxEntries: number;
  /** Memory the in-memory cache's entries may take, in bytes. */
  cacheMaxBytes: number;
  /** A Redis server to share the cache between replicas; null keeps it in memory. */
  redisUrl: string | null;
  /** Prefix of every cache key, so several deployments can share one Redis. */
  cacheKeyPrefix: string;
  /** Largest request body accepted. */
  maxBodyBytes: number;
  /** Most operations in one batched request. */
  maxBatchOperations: number;
  /** Limits on each operation (see src/graphql/operationLimits.ts). */
  operationLimits: OperationLimits;
  /** Largest serialized answer sent (a batch's answers together). */
  maxResponseBytes: number;
  /** Memory the automatic persisted queries may take; 0 turns them off. */
  persistedQueriesBytes: number;
  /** The fleet inventory (src/inventory); null with INVENTORY=off. */
  inventory: InventoryConfig | null;
  /** CORS_ORIGINS and its companions (src/server/cors.ts); null: no CORS headers at all. */
  cors: CorsSettings | null;
  /** TRUSTED_DOCUMENTS_FILE (src/server/trustedDocuments.ts); null runs any document. */
  trustedDocuments: { path: string; documents: TrustedDocuments } | null;
  /** Authentication, policy, audit log, introspection and GraphiQL (see docs/security.md). */
  security: SecuritySettings;
  /** Whether `/metrics` serves Prometheus metrics (to callers who pass authentication). */
  metrics: boolean;
  /** ALLOWED_HOSTS: the Host names served besides loopback ones (see src/server/allowedHosts.ts); null when unset. */
  allowedHosts: AllowedHost[] | null;
}

const { readString, readInteger, readBoolean, readEnum } = environmentReaders((message) => new ConfigError(message));

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const EMULATOR_REGIONS = ['us-east-1', 'eu-west-1'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The accounts file of the emulator's demo data (from src/ or dist/src/): `npm start` serves its three accounts unconfigured. */
function demoAccountsFile(): string {
  const fromSource = join(__dirname, '..', 'examples', 'accounts', 'demo.json');
  return existsSync(fromSource) ? fromSource : join(__dirname, '..', '..', 'examples', 'accounts', 'demo.json');
}

/** GATEWAY_ACCOUNTS_FILE, or the demo data's file when the embedded emulator serves the demo seed. */
function accountsFilePath(env: NodeJS.ProcessEnv, backend: BackendConfig): string | null {
  const demo = backend.kind === 'embedded-emulator' && backend.seed === 'demo' && existsSync(demoAccountsFile());
  return readString(env, 'GATEWAY_ACCOUNTS_FILE') ?? (demo ? demoAccountsFile() : null);
}

function readAccounts(path: string | null, regions: string[]): ServedAccount[] | null {
  if (path === null) return null;
  try {
    return readAccountsFile(path, regions);
  } catch (error) {
    if (error instanceof AccountsFileError) throw new ConfigError(error.message);
    throw error;
  }
}

function readAccountId(env: NodeJS.ProcessEnv): string | null {
  const value = readString(env, 'GATEWAY_ACCOUNT_ID');
  if (value !== null && !/^\d{12}$/.test(value))
    throw new ConfigError(`GATEWAY_ACCOUNT_ID must be a 12-digit AWS account id, received "${value}".`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const backend = readBackend(env);
  const host = readString(env, 'HOST') ?? '127.0.0.1';
  return {
    port: readInteger(env, 'PORT', 4000, 0, 65535),
    host,
    backend,
    accountId: readAccountId(env),
    accounts: readAccounts(accountsFilePath(env, backend), readRegions(env, backend)),
    accountsFile: accountsFilePath(env, backend),
    assumeRoleSeconds: readInteger(env, 'ASSUME_ROLE_SECONDS', 3600, 900, 43_200),
    regions: readRegions(env, backend),
    maxConcurrency: readInteger(env, 'EKS_MAX_CONCURRENCY', 16, 1, 1000),
    maxAttempts: readInteger(env, 'EKS_MAX_ATTEMPTS', 3, 1, 10),
    requestTimeoutMs: readInteger(env, 'EKS_REQUEST_TIMEOUT_MS', 10_000, 100, 300_000),
    retryMode: readEnum(env, 'EKS_RETRY_MODE', ['standard', 'adaptive'] as const, 'standard'),
    requestDeadlineMs: readInteger(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    maxEksCallsPerCallerPerMinute: readInteger(env, 'MAX_EKS_CALLS_PER_CALLER_PER_MINUTE', 6_000, 0, 100_000_000),
    logLevel: readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    shutdownGraceMs: readInteger(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    cacheTtlMs: readInteger(env, 'CACHE_TTL_MS', 5_000, 0, 24 * 60 * 60 * 1000),
    cacheMaxEntries: readInteger(env, 'CACHE_MAX_ENTRIES', 50_000, 1, 10_000_000),
    cacheMaxBytes: readInteger(env, 'CACHE_MAX_MB', 64, 1, 64 * 1024) * 1024 * 1024,
    redisUrl: readRedisUrl(env),
    cacheKeyPrefix: readString(env, 'CACHE_KEY_PREFIX') ?? 'eks-pod-identity-gateway:v1:',
    maxBodyBytes: readInteger(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxBatchOperations: readInteger(env, 'MAX_BATCH_OPERATIONS', 10, 1, 1000),
    operationLimits: {
      maxDocumentLength: readInteger(
        env,
        'MAX_DOCUMENT_LENGTH',
        DEFAULT_OPERATION_LIMITS.maxDocumentLength,
        100,
        10_000_000,
      ),
      maxTokens: readInteger(env, 'MAX_DOCUMENT_TOKENS', DEFAULT_OPERATION_LIMITS.maxTokens, 10, 1_000_000),
      maxDepth: readInteger(env, 'MAX_QUERY_DEPTH', DEFAULT_OPERATION_LIMITS.maxDepth, 1, 1000),
      maxAliases: readInteger(env, 'MAX_ALIASES', DEFAULT_OPERATION_LIMITS.maxAliases, 0, 100_000),
      maxFields: readInteger(env, 'MAX_FIELDS', DEFAULT_OPERATION_LIMITS.maxFields, 1, 1_000_000),
      maxIntrospectionFields: readInteger(
        env,
        'MAX_INTROSPECTION_FIELDS',
        DEFAULT_OPERATION_LIMITS.maxIntrospectionFields,
        1,
        1_000_000,
      ),
      maxRepeatedFields: readInteger(
        env,
        'MAX_REPEATED_FIELDS',
        DEFAULT_OPERATION_LIMITS.maxRepeatedFields,
        1,
        1_000_000,
      ),
      maxDirectives: readInteger(env, 'MAX_DIRECTIVES', DEFAULT_OPERATION_LIMITS.maxDirectives, 0, 1_000_000),
      maxVariables: readInteger(env, 'MAX_VARIABLES', DEFAULT_OPERATION_LIMITS.maxVariables, 0, 1_000_000),
      maxFragmentVisits: readInteger(
        env,
        'MAX_FRAGMENT_VISITS',
        DEFAULT_OPERATION_LIMITS.maxFragmentVisits,
        1,
        100_000_000,
      ),
      maxDocumentSteps: readInteger(
        env,
        'MAX_DOCUMENT_STEPS',
        DEFAULT_OPERATION_LIMITS.maxDocumentSteps,
        1,
        1_000_000_000,
      ),
      maxEksCalls: readInteger(env, 'MAX_EKS_CALLS_PER_OPERATION', DEFAULT_OPERATION_LIMITS.maxEksCalls, 1, 10_000_000),
      maxResultFields: readInteger(
        env,
        'MAX_RESULT_FIELDS',
        DEFAULT_OPERATION_LIMITS.maxResultFields,
        1,
        1_000_000_000,
      ),
    },
    maxResponseBytes: readInteger(env, 'MAX_RESPONSE_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    persistedQueriesBytes: readInteger(env, 'PERSISTED_QUERIES_CACHE_MB', 16, 0, 1024) * 1024 * 1024,
    security: readSecurity(env, host),
    metrics: readBoolean(env, 'ENABLE_METRICS', true),
    allowedHosts: readAllowedHosts(env),
    inventory: readInventory(env, backend),
    cors: readCors(env),
    trustedDocuments: readTrusted(readString(env, 'TRUSTED_DOCUMENTS_FILE')),
  };
}

/**
 * INVENTORY: on by default with the embedded emulator and with real AWS (there with a
 * conservative pace); off by default against an emulator endpoint someone else runs (tests and
 * benchmarks that count its calls), where INVENTORY=on turns it on.
 */
function readInventory(env: NodeJS.ProcessEnv, backend: BackendConfig): InventoryConfig | null {
  const fallback = backend.kind === 'emulator-endpoint' ? 'off' : 'on';
  if (readEnum(env, 'INVENTORY', ['on', 'off'] as const, fallback) === 'off') return null;
  const database = readString(env, 'INVENTORY_DATABASE') ?? SQLITE_MEMORY;
  try {
    parseInventoryUrl(database);
  } catch (error) {
    throw new ConfigError(`INVENTORY_DATABASE: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const refreshSeconds = readInteger(env, 'INVENTORY_REFRESH_SECONDS', 300, 1, 86_400);
  const maxAgeSeconds = readInteger(env, 'INVENTORY_MAX_AGE_SECONDS', 3_600, 1, 7 * 86_400);
  if (maxAgeSeconds < refreshSeconds) {
    throw new ConfigError(
      `INVENTORY_MAX_AGE_SECONDS (${maxAgeSeconds}) must be at least INVENTORY_REFRESH_SECONDS (${refreshSeconds}): rows are re-described at refreshes.`,
    );
  }
  // Real EKS throttles around 10 calls a second per account and region: stay well below it.
  const defaultRate = backend.kind === 'aws' ? 5 : 200;
  return {
    database,
    refreshMs: refreshSeconds * 1000,
    maxAgeMs: maxAgeSeconds * 1000,
    callsPerSecond: readInteger(env, 'INVENTORY_CALLS_PER_SECOND', defaultRate, 1, 10_000),
    leaseMs: readInteger(env, 'INVENTORY_LEASE_SECONDS', 30, 1, 3_600) * 1000,
  };
}

function readCors(env: NodeJS.ProcessEnv): CorsSettings | null {
  try {
    return readCorsSettings(env);
  } catch (error) {
    if (error instanceof CorsConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/** The manifest, read and checked now, and its path for SIGHUP; null when TRUSTED_DOCUMENTS_FILE is unset. */
function readTrusted(path: string | null): { path: string; documents: TrustedDocuments } | null {
  if (path === null) return null;
  try {
    return { path, documents: readTrustedDocuments(path) };
  } catch (error) {
    if (error instanceof TrustedDocumentsError) throw new ConfigError(error.message);
    throw error;
  }
}

function readAllowedHosts(env: NodeJS.ProcessEnv): AllowedHost[] | null {
  const raw = readString(env, 'ALLOWED_HOSTS');
  if (raw === null) return null;
  return raw.split(',').map((item) => {
    const host = parseHost(item);
    if (host === null || item.trim() === '') {
      throw new ConfigError(
        `ALLOWED_HOSTS must be a comma-separated list of host names, each with an optional port, such as gateway.example.com,10.0.0.7:4000,[::1]:4000; "${item.trim()}" is not one.`,
      );
    }
    return host;
  });
}

/** The security variables and the files they name; their problems are configuration errors too. */
function readSecurity(env: NodeJS.ProcessEnv, host: string): SecuritySettings {
  try {
    return readSecuritySettings(env, host);
  } catch (error) {
    if (error instanceof SecurityConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

function readBackend(env: NodeJS.ProcessEnv): BackendConfig {
  const kind = readEnum(env, 'GATEWAY_BACKEND', ['emulator', 'aws'] as const, 'emulator');
  const endpoint = readUrl(env, 'EKS_ENDPOINT');
  if (kind === 'aws') return { kind: 'aws', endpoint };
  if (endpoint) return { kind: 'emulator-endpoint', endpoint };
  return {
    kind: 'embedded-emulator',
    seed: readString(env, 'EMULATOR_SEED') ?? 'demo',
    stateFile: readString(env, 'EMULATOR_STATE_FILE'),
  };
}

function readRegions(env: NodeJS.ProcessEnv, backend: BackendConfig): string[] {
  const listed = readString(env, 'GATEWAY_REGIONS');
  const fallback =
    backend.kind === 'aws' ? (readString(env, 'AWS_REGION') ?? readString(env, 'AWS_DEFAULT_REGION')) : null;
  const raw = listed ?? fallback;
  if (raw === null) {
    if (backend.kind !== 'aws') return [...EMULATOR_REGIONS];
    throw new ConfigError('GATEWAY_REGIONS (or AWS_REGION) must name at least one region when GATEWAY_BACKEND=aws.');
  }
  const name = listed !== null ? 'GATEWAY_REGIONS' : 'AWS_REGION';
  const regions = raw
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (regions.length === 0) throw new ConfigError(`${name} must name at least one region, received "${raw}".`);
  for (const region of regions) {
    if (!REGION_PATTERN.test(region)) {
      throw new ConfigError(
        `${name} must be a comma-separated list of AWS regions like us-east-1; "${region}" is not one.`,
      );
    }
  }
  return [...new Set(regions)];
}

function readRedisUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = readString(env, 'REDIS_URL');
  if (raw === null) return null;
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379/0.');
  }
  return raw;
}

function readUrl(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = readString(env, name);
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as http://127.0.0.1:4566, received "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL such as http://127.0.0.1:4566, received "${raw}".`);
  }
  return raw.replace(/\/+$/, '');
}
