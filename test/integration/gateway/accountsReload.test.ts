/**
 * GATEWAY_ACCOUNTS_FILE re-read while the gateway runs (what SIGHUP does, see process.test.ts for
 * the signal itself): a member account's role or external id changed takes a new session at
 * once, even after a refusal; the gateway's own account cannot change; a bad file changes nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountsFileError } from '../../../src/accountsFile';
import { DEMO_ACCOUNTS } from '../../../src/emulator';
import { AccountsReloadError } from '../../../src/servedAccounts';
import { startStack, tempFiles, type Stack } from '../../helpers/stack';

const files = tempFiles('gateway-accounts-reload-');
const file = join(files.dir, 'accounts.json');
const platform = { accountId: DEMO_ACCOUNTS.platform.accountId, name: 'platform', regions: ['us-east-1'] };
const payments = (externalId: string) => ({
  accountId: DEMO_ACCOUNTS.payments.accountId,
  name: 'payments',
  roleArn: DEMO_ACCOUNTS.payments.roleArn,
  externalId,
  regions: ['us-east-1'],
});
const write = (accounts: unknown[]) => writeFileSync(file, JSON.stringify({ accounts }));

let stack: Stack;
beforeAll(async () => {
  write([platform, payments('not-the-external-id')]);
  stack = await startStack({ seed: 'demo' }, { GATEWAY_ACCOUNTS_FILE: file });
});
afterAll(async () => {
  await stack.close();
  files.remove();
});

const PAYMENTS_CLUSTERS = `{ accounts { name clusters(first: 5) { nodes { name } } } }`;
type Answer = { accounts: Array<{ name: string; clusters: { nodes: Array<{ name: string }> } | null }> };

test('a corrected external id is assumed at once after the reload, even while a refusal is remembered', async () => {
  const refused = await stack.gql<Answer>(PAYMENTS_CLUSTERS);
  expect(refused.data?.accounts[1]).toEqual({ name: 'payments', clusters: null });
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_UNAVAILABLE', stsError: 'AccessDenied' });

  write([platform, payments(DEMO_ACCOUNTS.payments.externalId)]);
  expect(stack.gateway.reloadAccounts()).toEqual({
    added: [],
    removed: [],
    reassumed: [DEMO_ACCOUNTS.payments.accountId],
  });
  await stack.resetCalls();
  const served = await stack.gql<Answer>(PAYMENTS_CLUSTERS);
  expect(served.errors).toBeUndefined();
  expect(served.data?.accounts[1]?.clusters?.nodes.map((c) => c.name)).toEqual(['payments-auto', 'payments-prod']);
  expect((await stack.calls()).AssumeRole).toBe(1);

  // The same file again changes nothing: the session stays.
  expect(stack.gateway.reloadAccounts()).toEqual({ added: [], removed: [], reassumed: [] });
  await stack.resetCalls();
  await stack.gql<Answer>(PAYMENTS_CLUSTERS);
  expect((await stack.calls()).AssumeRole ?? 0).toBe(0);
});

test("a file that changes the gateway's own account, or fails its checks, is refused whole", async () => {
  write([{ ...platform, accountId: '111111111111' }]);
  expect(() => stack.gateway.reloadAccounts()).toThrow(AccountsReloadError);
  write([platform, { ...payments('x'), roleArn: 'arn:aws:iam::999999999999:role/x' }]);
  expect(() => stack.gateway.reloadAccounts()).toThrow(AccountsFileError);
  const still = await stack.gql<{ accounts: Array<{ name: string }> }>('{ accounts { name } }');
  expect(still.data?.accounts.map((a) => a.name)).toEqual(['platform', 'payments']);
});

test('the default account is the first of the file in force', async () => {
  write([payments(DEMO_ACCOUNTS.payments.externalId), platform]);
  stack.gateway.reloadAccounts();
  const res = await stack.gql<{ cluster: { accountId: string } | null }>(
    '{ cluster(name: "payments-prod") { accountId } }',
  );
  expect(res.data?.cluster).toEqual({ accountId: DEMO_ACCOUNTS.payments.accountId });
});
