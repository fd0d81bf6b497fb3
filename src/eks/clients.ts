import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { EKSClient, type EKSClientConfig } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { parseUrl } from '@smithy/core/transport';
import { carryCallSignals } from './callSignal';
import { SignalledHttpHandler } from './httpHandler';
import { reuseSigners } from './signers';
import type { AccountRegion } from './types';
import { rememberUserAgent } from './userAgent';

/** The credentials of an account's clients: static, a provider, or undefined for the SDK's default chain. */
export type AccountCredentials = EKSClientConfig['credentials'];

export interface EksClientOptions {
  /** A custom endpoint (the local emulator); null for the AWS default of each region. */
  endpoint: string | null;
  /** The credentials that sign an account's calls (one provider per account, shared by its regions). */
  credentialsFor(accountId: string): AccountCredentials;
  /** Called once with each client made, before its first call (the audit's middleware). */
  onCreate?(client: EKSClient): void;
  /** Sockets per region; sized to the concurrency cap so no call waits for a connection. */
  maxSockets: number;
  /** SDK attempts per call, retries included. */
  maxAttempts: number;
  /** Time allowed for one attempt, in milliseconds: the attempt ends with a TimeoutError then. */
  requestTimeoutMs: number;
  /** `adaptive` adds client-side rate limiting after throttling to the standard retries. */
  retryMode: 'adaptive' | 'standard';
}

/** One EKS client per account and region, created on first use and reused by every request. */
export class EksClientPool {
  private readonly clients = new Map<string, EKSClient>();
  private readonly iamClients = new Map<string, IAMClient>();

  constructor(private readonly options: EksClientOptions) {}

  forLocation(at: AccountRegion): EKSClient {
    const key = `${at.accountId}/${at.region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(at);
      this.options.onCreate?.(client);
      this.clients.set(key, client);
    }
    return client;
  }

  /** The IAM client of an account (IAM is global: its endpoint is in us-east-1). */
  iamFor(accountId: string): IAMClient {
    let client = this.iamClients.get(accountId);
    if (!client) {
      client = new IAMClient(this.configFor({ accountId, region: 'us-east-1' }));
      carryCallSignals(client);
      rememberUserAgent(client);
      reuseSigners(client);
      this.iamClients.set(accountId, client);
    }
    return client;
  }

  /**
   * Drops the clients of an account (removed from the accounts file, or its role changed): the
   * next call makes new ones with the account's current credentials. The old ones are destroyed
   * after `graceMs`, once the calls they carry have ended.
   */
  forget(accountId: string, graceMs: number): void {
    const prefix = `${accountId}/`;
    const dropped: EKSClient[] = [];
    for (const [key, client] of this.clients) {
      if (!key.startsWith(prefix)) continue;
      this.clients.delete(key);
      dropped.push(client);
    }
    const iam = this.iamClients.get(accountId);
    this.iamClients.delete(accountId);
    if (dropped.length > 0 || iam)
      setTimeout(() => [...dropped, ...(iam ? [iam] : [])].forEach((client) => client.destroy()), graceMs).unref();
  }

  /**
   * Resolves the credentials the calls of an account and region are signed with, through the
   * client's own provider (which the SDK memoizes and refreshes): a failure here is what every
   * call would meet.
   */
  async resolveCredentials(at: AccountRegion): Promise<void> {
    await this.forLocation(at).config.credentials();
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    for (const client of this.iamClients.values()) client.destroy();
    this.iamClients.clear();
  }

  private create(at: AccountRegion): EKSClient {
    const client = new EKSClient(this.configFor(at));
    carryCallSignals(client);
    rememberUserAgent(client);
    reuseSigners(client);
    return client;
  }

  /** What every client of the pool is made with: the account's credentials, the retries, the timeouts, a keep-alive pool. */
  private configFor({ accountId, region }: AccountRegion) {
    const credentials = this.options.credentialsFor(accountId);
    const { endpoint, maxSockets, maxAttempts, requestTimeoutMs, retryMode } = this.options;
    const agentOptions = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets };
    return {
      region,
      // Parsed once here: given as a string, the SDK parses it again on every call.
      ...(endpoint ? { endpoint: parseUrl(endpoint) } : {}),
      ...(credentials ? { credentials } : {}),
      maxAttempts,
      retryMode,
      // Resolve each command's middleware chain once instead of on every call (all middleware
      // is added when the client is made). It holds because no call passes per-call options to
      // `send`: the abort signal travels with the command (src/eks/callSignal.ts).
      cacheMiddleware: true,
      requestHandler: new SignalledHttpHandler({
        httpAgent: new HttpAgent(agentOptions),
        httpsAgent: new HttpsAgent(agentOptions),
        // Without throwOnRequestTimeout the handler only logs a warning when requestTimeout
        // passes and the attempt goes on for as long as the backend stalls. With it, the
        // attempt ends with a TimeoutError, which the SDK retries within maxAttempts.
        requestTimeout: requestTimeoutMs,
        throwOnRequestTimeout: true,
        // requestTimeout ends when the headers arrive; a body that stalls after them is idle.
        socketTimeout: requestTimeoutMs,
        connectionTimeout: Math.min(requestTimeoutMs, 5_000),
      }),
    };
  }
}
