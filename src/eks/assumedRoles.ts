/**
 * The credentials of member accounts: STS AssumeRole from the gateway's own identity into the
 * role each account names, one provider per account shared by its regions' clients. A session
 * is reused until it nears its expiry (the SDK's clients also refresh 5 minutes ahead), never
 * assumed once per request. A refusal (role missing, trust policy, external id) is remembered
 * for a short while, so an unavailable account answers its errors without asking STS on every
 * request, and fails only the fields of that account (`AccountUnavailable`).
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { traceAwsCall } from '../tracing/spans';

/** The credentials of an account could not be obtained; its calls are not sent. */
export class AccountUnavailable extends Error {
  override readonly name = 'AccountUnavailable';

  constructor(
    readonly accountId: string,
    /** The STS error name (`AccessDenied`, `ExpiredToken`, ...), or the error's name when STS was not reached. */
    readonly stsError: string,
    readonly reason: string,
  ) {
    super(`Account ${accountId} is unavailable: the gateway could not assume its role (${stsError}: ${reason}).`);
  }
}

export interface AssumedRole {
  accountId: string;
  roleArn: string;
  externalId: string | null;
}

/** Where the gateway's own identity asks STS. */
export interface StsClientOptions {
  /** The STS endpoint (the local emulator); null for AWS's regional endpoint of `region`. */
  endpoint: string | null;
  region: string;
  /** The gateway's own credentials; undefined for the SDK's default chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Renewed this long before the session expires. */
const REFRESH_BEFORE_MS = 5 * 60_000;
/** How long a refusal is answered from memory before STS is asked again. */
const REFUSAL_MEMORY_MS = 30_000;

export class AssumedRoleCredentials {
  private session: AwsCredentialIdentity | null = null;
  private pending: Promise<AwsCredentialIdentity> | null = null;
  private refusal: { error: AccountUnavailable; until: number } | null = null;
  private readonly now: () => number;

  constructor(
    private readonly sts: STSClient,
    private readonly role: AssumedRole,
    private readonly durationSeconds: number,
    now?: () => number,
  ) {
    this.now = now ?? Date.now;
  }

  /** The provider the account's EKS clients are given. */
  readonly provide = (): Promise<AwsCredentialIdentity> => {
    const now = this.now();
    if (this.session?.expiration && this.session.expiration.getTime() - now > REFRESH_BEFORE_MS)
      return Promise.resolve(this.session);
    if (this.refusal && this.refusal.until > now) return Promise.reject(this.refusal.error);
    this.pending ??= this.assume().finally(() => {
      this.pending = null;
    });
    return this.pending;
  };

  private async assume(): Promise<AwsCredentialIdentity> {
    try {
      const region = await this.sts.config.region();
      const out = await traceAwsCall(
        { service: 'STS', operation: 'AssumeRole', region, account: this.role.accountId },
        () =>
          this.sts.send(
            new AssumeRoleCommand({
              RoleArn: this.role.roleArn,
              RoleSessionName: 'eks-pod-identity-gateway',
              DurationSeconds: this.durationSeconds,
              ...(this.role.externalId ? { ExternalId: this.role.externalId } : {}),
            }),
          ),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
        throw Object.assign(new Error('AssumeRole answered without credentials.'), { name: 'MalformedAnswer' });
      }
      this.session = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
      this.refusal = null;
      return this.session;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      const unavailable = new AccountUnavailable(this.role.accountId, name, message);
      this.refusal = { error: unavailable, until: this.now() + REFUSAL_MEMORY_MS };
      throw unavailable;
    }
  }
}

/** One STS client for all member accounts: it signs with the gateway's own identity. */
export function createStsClient(options: StsClientOptions): STSClient {
  return new STSClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 3,
  });
}

/** The account the STS client's credentials belong to (GetCallerIdentity, which needs no permission). */
export async function callerAccountId(sts: STSClient): Promise<string> {
  const out = await sts.send(new GetCallerIdentityCommand({}));
  if (!out.Account || !/^\d{12}$/.test(out.Account)) {
    throw Object.assign(new Error(`GetCallerIdentity answered no account id (${String(out.Account)}).`), {
      name: 'MalformedAnswer',
    });
  }
  return out.Account;
}
