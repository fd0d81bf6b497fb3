/**
 * GATEWAY_ACCOUNTS_FILE: the AWS accounts the gateway serves. Each entry names its 12-digit
 * account id, an optional name for people, the role the gateway assumes in it (none for the
 * account its own credentials belong to), an optional external id the role's trust policy
 * demands, and its regions (GATEWAY_REGIONS by default). The first entry is the default account
 * of every `accountId` argument. Checked whole at start-up (and on SIGHUP), each problem naming
 * the file, the line and the path of the value.
 */
import { readJsonFile, type JsonDocument } from './json/document';
import { readArray, readObject, readOptionalString, readStringList, type JsonObject } from './json/fields';

export interface ServedAccount {
  accountId: string;
  /** For people (and policy globs); null when the file gives none. */
  name: string | null;
  /** The role assumed for this account's calls; null for the gateway's own account. */
  roleArn: string | null;
  externalId: string | null;
  regions: string[];
}

export class AccountsFileError extends Error {
  override readonly name = 'AccountsFileError';
}

const ACCOUNT_ID = /^\d{12}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** An IAM role ARN: arn:<partition>:iam::<account>:role/<path><name> (the name is 1-64 characters). */
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;
/** What STS accepts as an ExternalId. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ENTRY_KEYS = ['accountId', 'name', 'roleArn', 'externalId', 'regions'];

/** Reads and checks the file; `defaultRegions` are GATEWAY_REGIONS, for entries that list none. */
export function readAccountsFile(path: string, defaultRegions: readonly string[]): ServedAccount[] {
  const doc = readJsonFile(path, {
    source: `GATEWAY_ACCOUNTS_FILE ${path}`,
    error: (message) => new AccountsFileError(message),
    unreadable: (reason) => `GATEWAY_ACCOUNTS_FILE names a file that cannot be read (${reason}): "${path}".`,
  });
  return checkAccounts(doc, defaultRegions);
}

/** The accounts of a parsed document: `{ "accounts": [...] }`, or the list itself. */
export function checkAccounts(doc: JsonDocument, defaultRegions: readonly string[]): ServedAccount[] {
  const top = doc.value;
  const listPath = Array.isArray(top) ? '' : 'accounts';
  const list = Array.isArray(top) ? top : readObject(doc, '', top, ['accounts']).accounts;
  const entries = readArray(doc, listPath, list, { nonEmpty: true });
  const accounts = entries.map((entry, i) => checkEntry(doc, `${listPath}[${i}]`, entry, defaultRegions));
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  let own: number | null = null;
  accounts.forEach((account, i) => {
    const at = `${listPath}[${i}]`;
    const earlier = seenIds.get(account.accountId);
    if (earlier !== undefined)
      throw doc.problem(
        `${at}.accountId`,
        `lists account ${account.accountId} again (also at ${doc.where(`${listPath}[${earlier}]`)}); each account appears once.`,
      );
    seenIds.set(account.accountId, i);
    if (account.name !== null) {
      const named = seenNames.get(account.name.toLowerCase());
      if (named !== undefined)
        throw doc.problem(
          `${at}.name`,
          `"${account.name}" is also the name of ${doc.where(`${listPath}[${named}]`)}; names must differ.`,
        );
      seenNames.set(account.name.toLowerCase(), i);
    }
    if (account.roleArn === null) {
      if (own !== null) {
        throw doc.problem(
          `${at}.roleArn`,
          `is missing, as at ${doc.where(`${listPath}[${own}]`)}: only the gateway's own account is served without a role to assume.`,
        );
      }
      own = i;
    }
  });
  return accounts;
}

function checkEntry(doc: JsonDocument, at: string, value: unknown, defaultRegions: readonly string[]): ServedAccount {
  const entry: JsonObject = readObject(doc, at, value, ENTRY_KEYS);
  const accountId = entry.accountId;
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
    throw doc.problem(
      `${at}.accountId`,
      `must be a 12-digit AWS account id as a string, received ${JSON.stringify(accountId) ?? 'nothing'}.`,
    );
  }
  const name = readOptionalString(doc, `${at}.name`, entry.name) ?? null;
  if (name !== null && !NAME.test(name)) {
    throw doc.problem(
      `${at}.name`,
      `must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, received "${name}".`,
    );
  }
  const roleArn = readOptionalString(doc, `${at}.roleArn`, entry.roleArn) ?? null;
  if (roleArn !== null) {
    const match = ROLE_ARN.exec(roleArn);
    if (!match)
      throw doc.problem(
        `${at}.roleArn`,
        `must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), received "${roleArn}".`,
      );
    if (match[2] !== accountId) {
      throw doc.problem(
        `${at}.roleArn`,
        `names a role of account ${match[2]}, not of ${accountId}: the role assumed must be in the account it serves.`,
      );
    }
  }
  const externalId = readOptionalString(doc, `${at}.externalId`, entry.externalId) ?? null;
  if (externalId !== null) {
    if (roleArn === null)
      throw doc.problem(`${at}.externalId`, 'is only sent with the role to assume; this entry has no roleArn.');
    if (!EXTERNAL_ID.test(externalId))
      throw doc.problem(`${at}.externalId`, 'must be 2-1224 letters, digits or any of _+=,.@:/-, as STS accepts.');
  }
  const regions =
    entry.regions === undefined
      ? [...defaultRegions]
      : readStringList(doc, `${at}.regions`, entry.regions, (region) =>
          REGION.test(region) ? null : `"${region}" is not a region name such as us-east-1`,
        );
  if (new Set(regions).size !== regions.length) throw doc.problem(`${at}.regions`, 'lists a region twice.');
  return { accountId, name, roleArn, externalId, regions };
}
