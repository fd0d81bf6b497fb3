/** GATEWAY_ACCOUNTS_FILE: what it accepts, and messages naming the file, line and field of each problem. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsFileError, readAccountsFile } from '../../src/accountsFile';
import { ConfigError, loadConfig } from '../../src/config';

const dir = mkdtempSync(join(tmpdir(), 'accounts-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: unknown): string {
  const path = join(dir, `accounts-${(n += 1)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}
const REGIONS = ['us-east-1', 'eu-west-1'];
const member = (accountId: string, extra: Record<string, unknown> = {}) => ({
  accountId,
  roleArn: `arn:aws:iam::${accountId}:role/gateway`,
  ...extra,
});

test('reads the accounts, the first being the default; regions default to GATEWAY_REGIONS', () => {
  const path = file({
    accounts: [
      { accountId: '111111111111', name: 'platform' },
      member('222222222222', { name: 'payments', externalId: 'ext-1', regions: ['eu-west-1'] }),
    ],
  });
  expect(readAccountsFile(path, REGIONS)).toEqual([
    { accountId: '111111111111', name: 'platform', roleArn: null, externalId: null, regions: REGIONS },
    {
      accountId: '222222222222',
      name: 'payments',
      roleArn: 'arn:aws:iam::222222222222:role/gateway',
      externalId: 'ext-1',
      regions: ['eu-west-1'],
    },
  ]);
  // The list alone is accepted too.
  expect(readAccountsFile(file([member('333333333333')]), REGIONS)).toHaveLength(1);
});

test.each([
  [
    'an account id that is not 12 digits',
    { accounts: [{ accountId: '1234' }] },
    /accounts\[0\]\.accountId\): must be a 12-digit AWS account id/,
  ],
  [
    'an account id given as a number',
    { accounts: [{ accountId: 111111111111 }] },
    /accounts\[0\]\.accountId\): must be a 12-digit AWS account id as a string/,
  ],
  [
    'an unknown key',
    { accounts: [{ accountId: '111111111111', role: 'x' }] },
    /accounts\[0\]\.role\): unknown key "role"/,
  ],
  [
    'a role of another account',
    { accounts: [{ accountId: '222222222222', roleArn: 'arn:aws:iam::333333333333:role/g' }] },
    /names a role of account 333333333333, not of 222222222222/,
  ],
  [
    'a role ARN that is not one',
    { accounts: [{ accountId: '222222222222', roleArn: 'arn:aws:iam::222222222222:user/g' }] },
    /accounts\[0\]\.roleArn\): must be an IAM role ARN/,
  ],
  [
    'the same account twice',
    { accounts: [member('222222222222'), member('222222222222')] },
    /accounts\[1\]\.accountId\): lists account 222222222222 again \(also at accounts\[0\] \(line \d+\)\)/,
  ],
  [
    'two names alike',
    { accounts: [member('222222222222', { name: 'Data' }), member('333333333333', { name: 'data' })] },
    /accounts\[1\]\.name\): "data" is also the name of accounts\[0\]/,
  ],
  [
    'two accounts without a role',
    { accounts: [{ accountId: '111111111111' }, { accountId: '222222222222' }] },
    /accounts\[1\]\.roleArn\): is missing, as at accounts\[0\]/,
  ],
  [
    'an external id without a role',
    { accounts: [{ accountId: '111111111111', externalId: 'abc' }] },
    /externalId\): is only sent with the role to assume/,
  ],
  [
    'a bad region',
    { accounts: [member('222222222222', { regions: ['mars'] })] },
    /regions\[0\]\): "mars" is not a region name such as us-east-1/,
  ],
  ['no accounts', { accounts: [] }, /accounts/],
])('refuses %s, naming the field and line', (_, content, message) => {
  const path = file(content);
  expect(() => readAccountsFile(path, REGIONS)).toThrow(AccountsFileError);
  expect(() => readAccountsFile(path, REGIONS)).toThrow(message);
  expect(() => readAccountsFile(path, REGIONS)).toThrow(
    new RegExp(`^GATEWAY_ACCOUNTS_FILE ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  );
});

test('a file that is not JSON, or missing, stops the configuration with a ConfigError', () => {
  expect(() => loadConfig({ GATEWAY_ACCOUNTS_FILE: file('{ "accounts": [ ') })).toThrow(ConfigError);
  expect(() => loadConfig({ GATEWAY_ACCOUNTS_FILE: join(dir, 'absent.json') })).toThrow(
    /GATEWAY_ACCOUNTS_FILE names a file that cannot be read \(ENOENT\)/,
  );
  expect(loadConfig({ GATEWAY_ACCOUNTS_FILE: file([member('222222222222')]) }).accounts?.[0]?.accountId).toBe(
    '222222222222',
  );
});
