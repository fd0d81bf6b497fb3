/**
 * The policy across accounts, over real HTTP against the emulator's demo accounts (the real EKS
 * and STS clients): rules limited to accounts by id or by name, role limits per account with
 * `{accountId}`, reads that show only the accounts a caller may read, and every mutation in the
 * gateway's own and a member account allowed or refused as the policy says, with the account in
 * its audit records.
 */
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_MEMBER_CLUSTERS } from '../../../src/emulator';
import { associationId } from '../../../src/graphql/ids';
import { sha256 } from '../../../src/security/tokens';
import { mutatingCalls, startStack, tempFiles, type Stack } from '../../helpers/stack';

const ACCOUNTS_FILE = join(__dirname, '..', '..', '..', 'examples', 'accounts', 'demo.json');
const PLATFORM = DEMO_ACCOUNTS.platform.accountId;
const PAYMENTS = DEMO_ACCOUNTS.payments.accountId;

const CALLERS = {
  admin: { token: 'admin-token-0123456789abcdef', groups: ['platform-admins'] },
  // The payments team: everything in its account (named by name), with that account's ledger roles.
  payments: { token: 'payments-token-0123456789abcd', groups: ['team-payments'] },
  // Reads the gateway's own account only (named by id).
  platformReader: { token: 'reader-token-0123456789abcdef', groups: ['platform-readers'] },
} as const;
type CallerName = keyof typeof CALLERS;

const POLICY = {
  rules: [
    { groups: ['platform-admins'], actions: ['read', 'create', 'update', 'delete'], roleArns: ['*'] },
    {
      groups: ['team-payments'],
      actions: ['read', 'create', 'update', 'delete'],
      accounts: ['payments'],
      roleArns: ['arn:aws:iam::{accountId}:role/ledger-*'],
    },
    { groups: ['platform-readers'], actions: ['read'], accounts: [PLATFORM] },
  ],
};

const files = tempFiles();
const auditFile = `${files.dir}/audit.jsonl`;
let stack: Stack;
beforeAll(async () => {
  const tokens = Object.entries(CALLERS).map(([subject, c]) => ({
    token: `sha256:${sha256(c.token).toString('hex')}`,
    subject,
    groups: [...c.groups],
  }));
  stack = await startStack(
    { seed: 'demo' },
    {
      GATEWAY_ACCOUNTS_FILE: ACCOUNTS_FILE,
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', { tokens }),
      AUTH_POLICY_FILE: files.write('policy.json', POLICY),
      AUDIT_LOG_FILE: auditFile,
    },
  );
});
afterAll(async () => {
  await stack.close();
  files.remove();
});
beforeEach(() => stack.resetState());

async function as<T>(caller: CallerName, query: string, variables?: Record<string, unknown>) {
  const answer = await stack.gqlAs<T>(CALLERS[caller].token, query, variables);
  expect(answer.status).toBe(200);
  return answer.body;
}

interface Association {
  id: string;
  associationId: string;
  namespace: string;
  roleArn: string;
}
/** An association of a cluster, read by the admin. */
async function firstAssociation(cluster: ClusterAt): Promise<Association> {
  const body = await as<{ cluster: { podIdentityAssociations: { nodes: Association[] } } }>(
    'admin',
    `query($name: String!, $region: String!, $accountId: String!) { cluster(name: $name, region: $region, accountId: $accountId) {
      podIdentityAssociations(first: 1) { nodes { id associationId namespace roleArn } } } }`,
    { name: cluster.name, region: cluster.region, accountId: cluster.accountId },
  );
  return body.data!.cluster.podIdentityAssociations.nodes[0]!;
}

interface ClusterAt {
  accountId: string;
  region: string;
  name: string;
}
const PLATFORM_CLUSTER: ClusterAt = { accountId: PLATFORM, region: 'us-east-1', name: 'prod-platform' };
const PAYMENTS_CLUSTER = DEMO_MEMBER_CLUSTERS.paymentsProd;

describe('reads', () => {
  const CLUSTERS = `{ clusters(first: 50) { nodes { accountId name } unavailableAccounts { accountId } } }`;
  type Clusters = {
    clusters: { nodes: Array<{ accountId: string; name: string }>; unavailableAccounts: Array<{ accountId: string }> };
  };

  test("each caller's clusters are those of the accounts its rules name, and no other account is asked", async () => {
    const all = (await as<Clusters>('admin', CLUSTERS)).data!.clusters.nodes;
    const accountsOf = (nodes: Array<{ accountId: string }>) => [...new Set(nodes.map((n) => n.accountId))].sort();
    expect(accountsOf(all)).toEqual([PLATFORM, PAYMENTS]);

    await stack.resetCalls();
    const payments = (await as<Clusters>('payments', CLUSTERS)).data!.clusters;
    expect(payments.nodes).toEqual(all.filter((c) => c.accountId === PAYMENTS));
    // The data account (which does not trust the gateway) is none of its business: not asked, not reported.
    expect(payments.unavailableAccounts).toEqual([]);
    const calls = await stack.calls();
    expect(calls.AssumeRole ?? 0).toBeLessThanOrEqual(1);

    const reader = (await as<Clusters>('platformReader', CLUSTERS)).data!.clusters;
    expect(reader.nodes).toEqual(all.filter((c) => c.accountId === PLATFORM));
    expect(reader.unavailableAccounts).toEqual([]);
  });

  test('a cluster or association of an account the caller may not read is not found', async () => {
    const own = await firstAssociation(PLATFORM_CLUSTER);
    const member = await firstAssociation(PAYMENTS_CLUSTER);
    const node = (id: string) => `{ node(id: "${id}") { id } }`;
    expect((await as('payments', node(own.id))).data).toEqual({ node: null });
    expect((await as('payments', node(member.id))).data).toEqual({ node: { id: member.id } });
    expect((await as('platformReader', node(member.id))).data).toEqual({ node: null });
    const cluster = await as('platformReader', `{ cluster(name: "payments-prod", accountId: "${PAYMENTS}") { name } }`);
    expect(cluster.data).toEqual({ cluster: null });
  });
});

type Operation = 'create' | 'update' | 'delete' | 'tag';
interface Payload {
  podIdentityAssociation: { accountId: string; roleArn: string } | null;
  errors: Array<{ code: string; message: string }>;
}
const MUTATIONS: Record<Operation, string> = {
  create: 'createPodIdentityAssociation(input: $input)',
  update: 'updatePodIdentityAssociation(input: $input)',
  delete: 'deletePodIdentityAssociation(input: $input)',
  tag: 'tagPodIdentityAssociation(input: $input)',
};
const INPUTS: Record<Operation, string> = {
  create: 'CreatePodIdentityAssociationInput',
  update: 'UpdatePodIdentityAssociationInput',
  delete: 'DeletePodIdentityAssociationInput',
  tag: 'TagPodIdentityAssociationInput',
};

type Where = 'platform' | 'payments';
const CLUSTER_OF: Record<Where, ClusterAt> = { platform: PLATFORM_CLUSTER, payments: PAYMENTS_CLUSTER };
const ledgerRole = (accountId: string) => `arn:aws:iam::${accountId}:role/ledger-gateway-test`;

/** The input of `operation` on the cluster `where`, with `roleArn` for create and update. */
async function inputFor(operation: Operation, where: Where, roleArn: string): Promise<Record<string, unknown>> {
  const cluster = CLUSTER_OF[where];
  if (operation === 'create') {
    return {
      accountId: cluster.accountId,
      region: cluster.region,
      clusterName: cluster.name,
      namespace: 'ledger',
      serviceAccount: 'gateway-test',
      roleArn,
    };
  }
  const existing = await firstAssociation(cluster);
  // By node id for update and tag; by account, cluster and association id for delete.
  if (operation === 'delete')
    return {
      accountId: cluster.accountId,
      region: cluster.region,
      clusterName: cluster.name,
      associationId: existing.associationId,
    };
  if (operation === 'tag') return { id: existing.id, tags: [{ key: 'reviewed', value: 'yes' }] };
  return { id: existing.id, roleArn };
}

interface Case {
  caller: CallerName;
  operation: Operation;
  where: Where;
  /** The account whose role is bound (create, update). */
  roleAccount: string;
  expected: 'ok' | 'refused';
}

const CASES: Case[] = [];
for (const operation of ['create', 'update', 'delete', 'tag'] as const) {
  for (const where of ['platform', 'payments'] as const) {
    const account = CLUSTER_OF[where].accountId;
    CASES.push({ caller: 'admin', operation, where, roleAccount: account, expected: 'ok' });
    CASES.push({
      caller: 'payments',
      operation,
      where,
      roleAccount: account,
      expected: where === 'payments' ? 'ok' : 'refused',
    });
    CASES.push({ caller: 'platformReader', operation, where, roleAccount: account, expected: 'refused' });
  }
}
// `{accountId}` is the cluster's account: the payments team may not bind a ledger role of another account there.
CASES.push({ caller: 'payments', operation: 'create', where: 'payments', roleAccount: PLATFORM, expected: 'refused' });
CASES.push({ caller: 'payments', operation: 'update', where: 'payments', roleAccount: PLATFORM, expected: 'refused' });

test.each(CASES)(
  '$caller $operation in the $where account (role of $roleAccount): $expected',
  async ({ caller, operation, where, roleAccount, expected }) => {
    const input = await inputFor(operation, where, ledgerRole(roleAccount));
    await stack.resetCalls();
    const auditedBefore = stack.auditRecords().length;
    const body = await as<{ result: Payload }>(
      caller,
      `mutation($input: ${INPUTS[operation]}!) { result: ${MUTATIONS[operation]} {
        podIdentityAssociation { accountId roleArn } errors { code message } } }`,
      { input },
    );
    expect(body.errors).toBeUndefined();
    const payload = body.data!.result;
    const calls = await stack.calls();
    const account = CLUSTER_OF[where].accountId;
    if (expected === 'ok') {
      expect(payload.errors).toEqual([]);
      expect(mutatingCalls(calls)).toBeGreaterThan(0);
      if (operation !== 'delete') expect(payload.podIdentityAssociation?.accountId).toBe(account);
    } else {
      expect(payload.podIdentityAssociation).toBeNull();
      // Refused as forbidden, or (in an account the caller may not read at all) as not found.
      expect(['FORBIDDEN', 'ASSOCIATION_NOT_FOUND', 'CLUSTER_NOT_FOUND']).toContain(payload.errors[0]?.code);
      expect(mutatingCalls(calls)).toBe(0);
    }
    const records = stack.auditRecords().slice(auditedBefore);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.accountId === account)).toBe(true);
  },
);

test('a node id names its account, so a change by id reaches the member account it came from', async () => {
  const member = await firstAssociation(PAYMENTS_CLUSTER);
  expect(member.id).toBe(
    associationId({
      accountId: PAYMENTS,
      region: PAYMENTS_CLUSTER.region,
      clusterName: PAYMENTS_CLUSTER.name,
      associationId: member.associationId,
    }),
  );
  const body = await as<{ result: Payload }>(
    'payments',
    `mutation($input: UpdatePodIdentityAssociationInput!) { result: updatePodIdentityAssociation(input: $input) {
      podIdentityAssociation { accountId roleArn } errors { code message } } }`,
    { input: { id: member.id, roleArn: ledgerRole(PAYMENTS) } },
  );
  expect(body.data?.result).toEqual({
    podIdentityAssociation: { accountId: PAYMENTS, roleArn: ledgerRole(PAYMENTS) },
    errors: [],
  });
});
