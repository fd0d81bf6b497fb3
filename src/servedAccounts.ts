/**
 * The accounts the running gateway serves, and the credentials of each: what GATEWAY_ACCOUNTS_FILE
 * said at start-up, replaced whole when SIGHUP re-reads it. Each request takes one snapshot, so
 * a reload never changes the accounts under a request already running.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import type { ServedAccount } from './accountsFile';
import { AssumedRoleCredentials } from './eks/assumedRoles';

/** What one request sees of the served accounts. */
export interface AccountsSnapshot {
  readonly accounts: readonly ServedAccount[];
  readonly accountIds: readonly string[];
  /** The first account listed: the default of every `accountId` argument. */
  readonly defaultAccountId: string;
  /** The default account's regions: the first is the default of every `region` argument. */
  readonly regions: readonly string[];
  /** The number of (account, region) pairs: what a walk over every cluster visits. */
  readonly locationCount: number;
}

/** What a reload changed, for the log. */
export interface AccountsChange {
  added: string[];
  removed: string[];
  /** Accounts whose role or external id changed: their sessions and clients start anew. */
  reassumed: string[];
}

export class AccountsReloadError extends Error {
  override readonly name = 'AccountsReloadError';
}

export class ServedAccounts {
  private current: AccountsSnapshot;
  private readonly credentials = new Map<string, AssumedRoleCredentials>();

  constructor(
    accounts: readonly ServedAccount[],
    /** The account the gateway's own credentials belong to. */
    readonly ownAccountId: string,
    private readonly sts: () => STSClient,
    private readonly assumeRoleSeconds: number,
  ) {
    this.current = snapshotOf(accounts, ownAccountId);
    for (const account of accounts) this.startSession(account);
  }

  get snapshot(): AccountsSnapshot {
    return this.current;
  }

  /** The name the accounts file gives a served account, for policy rules that name accounts. */
  nameOf(accountId: string): string | null {
    return this.current.accounts.find((account) => account.accountId === accountId)?.name ?? null;
  }

  /** The assumed-role credentials of a member account; undefined for the gateway's own account. */
  credentialsOf(accountId: string): AssumedRoleCredentials | undefined {
    return this.credentials.get(accountId);
  }

  /**
   * Puts a re-read file in force. The gateway's own account cannot change (it is where its
   * credentials are from): a file that lists another account without a role is refused whole.
   */
  replace(next: readonly ServedAccount[]): AccountsChange {
    const own = next.find((account) => account.roleArn === null);
    if (own && own.accountId !== this.ownAccountId) {
      throw new AccountsReloadError(
        `lists account ${own.accountId} without a roleArn, but the gateway's own credentials are of account ${this.ownAccountId}; only that account is served without a role to assume.`,
      );
    }
    const before = new Map(this.current.accounts.map((account) => [account.accountId, account]));
    const after = new Set(next.map((account) => account.accountId));
    const change: AccountsChange = {
      added: next.filter((account) => !before.has(account.accountId)).map((account) => account.accountId),
      removed: [...before.keys()].filter((id) => !after.has(id)),
      reassumed: [],
    };
    for (const id of change.removed) this.credentials.delete(id);
    for (const account of next) {
      const earlier = before.get(account.accountId);
      if (earlier && sameRole(earlier, account)) continue;
      if (earlier) change.reassumed.push(account.accountId);
      this.credentials.delete(account.accountId);
      this.startSession(account);
    }
    this.current = snapshotOf(next, this.ownAccountId);
    return change;
  }

  private startSession(account: ServedAccount): void {
    if (account.roleArn === null) return;
    const role = { accountId: account.accountId, roleArn: account.roleArn, externalId: account.externalId };
    this.credentials.set(account.accountId, new AssumedRoleCredentials(this.sts(), role, this.assumeRoleSeconds));
  }
}

function sameRole(a: ServedAccount, b: ServedAccount): boolean {
  return a.roleArn === b.roleArn && a.externalId === b.externalId;
}

function snapshotOf(accounts: readonly ServedAccount[], ownAccountId: string): AccountsSnapshot {
  const first = accounts[0];
  return {
    accounts,
    accountIds: accounts.map((account) => account.accountId),
    defaultAccountId: first?.accountId ?? ownAccountId,
    regions: first?.regions ?? [],
    locationCount: accounts.reduce((n, account) => n + account.regions.length, 0),
  };
}
