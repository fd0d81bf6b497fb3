/**
 * The caller's policy applies to the inventory exactly as to live reads: a restricted caller's
 * searches, totalCount, countsBy, role look-ups and inventory counts hold only what it may read,
 * so no count is an oracle of hidden data; its failures only of places it may read.
 */
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from '../../../src/emulator';
import { sha256 } from '../../../src/security/tokens';
import { inventorySynced, startStack, tempFiles, type Stack } from '../../helpers/stack';

const ACCOUNTS_FILE = join(__dirname, '..', '..', '..', 'examples', 'accounts', 'demo.json');
const TOKENS = { admin: 'inventory-admin-token-0123', ledger: 'inventory-ledger-token-0123' };
const files = tempFiles();
let stack: Stack;

beforeAll(async () => {
  const token = (value: string, subject: string, groups: string[]) => ({
    token: `sha256:${sha256(value).toString('hex')}`,
    subject,
    groups,
  });
  stack = await startStack(
    { seed: 'demo' },
    {
      GATEWAY_ACCOUNTS_FILE: ACCOUNTS_FILE,
      INVENTORY: 'on',
      AUTH_MODE: 'tokens',
      AUDIT_LOG: 'off',
      AUTH_TOKENS_FILE: files.write('tokens.json', {
        tokens: [token(TOKENS.admin, 'admin', ['admins']), token(TOKENS.ledger, 'lee', ['ledger'])],
      }),
      AUTH_POLICY_FILE: files.write('policy.json', {
        rules: [
          { groups: ['admins'], actions: ['read'] },
          // The payments account's ledger namespaces, by account name; and one platform cluster's payments namespace.
          { groups: ['ledger'], actions: ['read'], accounts: ['payments'], namespaces: ['ledger'] },
          {
            groups: ['ledger'],
            actions: ['read'],
            accounts: ['000000000000'],
            clusters: ['prod-platform'],
            namespaces: ['payments'],
          },
        ],
      }),
    },
  );
  await inventorySynced(stack);
}, 60_000);
afterAll(async () => {
  await stack.close();
  files.remove();
});

interface Node {
  accountId: string;
  clusterName: string;
  namespace: string;
  roleArn: string;
  targetRoleArn: string | null;
}
async function as<T>(who: keyof typeof TOKENS, query: string): Promise<T> {
  const answer = await stack.gqlAs<T>(TOKENS[who], query);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!;
}
const ALL = `{ podIdentityAssociations(first: 100) { totalCount nodes { accountId clusterName namespace roleArn targetRoleArn } pageInfo { hasNextPage } } }`;

test("a restricted caller's search, totals and groups hold only what its policy lets it read", async () => {
  type Answer = { podIdentityAssociations: { totalCount: number; nodes: Node[]; pageInfo: { hasNextPage: boolean } } };
  // The whole fleet, for the admin: more than a page, so the admin's total is counted, not listed.
  const everything = (await as<Answer>('admin', ALL)).podIdentityAssociations;
  const readable = (n: Node) =>
    (n.accountId === DEMO_ACCOUNTS.payments.accountId && n.namespace === 'ledger') ||
    (n.accountId === DEMO_ACCOUNTS.platform.accountId &&
      n.clusterName === 'prod-platform' &&
      n.namespace === 'payments');
  const mine = (await as<Answer>('ledger', ALL)).podIdentityAssociations;
  expect(mine.pageInfo.hasNextPage).toBe(false);
  expect(mine.nodes.length).toBeGreaterThan(0);
  expect(mine.nodes.every(readable)).toBe(true);
  expect(mine.totalCount).toBe(mine.nodes.length);
  expect(mine.totalCount).toBeLessThan(everything.totalCount);

  const groups = await as<{ podIdentityAssociations: { countsBy: Array<{ value: string; count: number }> } }>(
    'ledger',
    '{ podIdentityAssociations { countsBy(field: NAMESPACE) { value count } } }',
  );
  const byNamespace = new Map<string, number>();
  for (const n of mine.nodes) byNamespace.set(n.namespace, (byNamespace.get(n.namespace) ?? 0) + 1);
  expect(Object.fromEntries(groups.podIdentityAssociations.countsBy.map((g) => [g.value, g.count]))).toEqual(
    Object.fromEntries(byNamespace),
  );
});

test('a role look-up shows only the readable uses of the role, and the counts only what may be read', async () => {
  const hidden = (
    await as<{ podIdentityAssociations: { nodes: Node[] } }>('admin', ALL)
  ).podIdentityAssociations.nodes.find(
    (n) => n.accountId === DEMO_ACCOUNTS.platform.accountId && n.namespace !== 'payments',
  )!;
  const role = (who: keyof typeof TOKENS) =>
    as<{ role: { clusterCount: number; associations: { totalCount: number } } }>(
      who,
      `{ role(arn: "${hidden.roleArn}") { clusterCount associations { totalCount } } }`,
    );
  expect((await role('admin')).role.associations.totalCount).toBeGreaterThan(0);
  expect((await role('ledger')).role).toEqual({ clusterCount: 0, associations: { totalCount: 0 } });

  const counts = (who: keyof typeof TOKENS) =>
    as<{
      inventory: {
        state: string;
        accountCount: number;
        associationCount: number;
        failures: Array<{ accountId: string }>;
      };
    }>(who, '{ inventory { state accountCount associationCount failures { accountId } } }');
  const admin = (await counts('admin')).inventory;
  const ledger = (await counts('ledger')).inventory;
  expect(ledger.accountCount).toBe(2);
  expect(ledger.associationCount).toBeLessThan(admin.associationCount);
  // The data account's failure is the admin's to see, not a caller's who may read nothing there.
  expect(admin.failures.map((f) => f.accountId)).toContain(DEMO_ACCOUNTS.data.accountId);
  expect(ledger.failures).toEqual([]);
  // Nor does the state tell it: DEGRADED for the admin, READY for what it may read.
  expect(admin.state).toBe('DEGRADED');
  expect(ledger.state).toBe('READY');
});
