/**
 * One gateway over several accounts, against the emulator's demo accounts through the real EKS
 * and STS clients: the clusters of every account and region in one walk, one AssumeRole per
 * member account and session, the untrusting account missing with ACCOUNT_UNAVAILABLE while the
 * others answer, and changes in a member account.
 */
import { join } from 'node:path';
import { callerAccountId, createStsClient } from '../../../src/eks/assumedRoles';
import { DEMO_ACCOUNTS, DEMO_MEMBER_CLUSTERS } from '../../../src/emulator';
import { clusterId } from '../../../src/graphql/ids';
import { startStack, type Stack } from '../../helpers/stack';

const ACCOUNTS_FILE = join(__dirname, '..', '..', '..', 'examples', 'accounts', 'demo.json');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: 'demo' }, { GATEWAY_ACCOUNTS_FILE: ACCOUNTS_FILE });
});
afterAll(() => stack.close());

interface ClusterNode {
  accountId: string;
  name: string;
  region: string;
  account: { name: string };
}
interface ClustersPage {
  clusters: {
    nodes: ClusterNode[];
    unavailableAccounts: Array<{ accountId: string; name: string; code: string; stsError: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const PAGE = `query($after: String, $first: Int) { clusters(first: $first, after: $after) {
  nodes { accountId name region account { name } }
  unavailableAccounts { accountId name code stsError }
  pageInfo { hasNextPage endCursor } } }`;

test('accounts lists the served accounts, the default first', async () => {
  const res = await stack.gql<{ accounts: Array<{ accountId: string; name: string; regions: string[] }> }>(
    '{ accounts { accountId name regions } }',
  );
  expect(res.data?.accounts.map((a) => a.name)).toEqual(['platform', 'payments', 'data']);
});

test('clusters walks every account and region once, page by page; the untrusting account is named, not fatal', async () => {
  await stack.resetCalls();
  const seen: ClusterNode[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const res: Awaited<ReturnType<typeof stack.gql<ClustersPage>>> = await stack.gql<ClustersPage>(PAGE, {
      first: 2,
      after,
    });
    expect(res.errors).toBeUndefined();
    const page = res.data!.clusters;
    seen.push(...page.nodes);
    pages += 1;
    if (pages === 1) {
      expect(page.unavailableAccounts).toEqual([]);
    }
    if (!page.pageInfo.hasNextPage) {
      expect(page.unavailableAccounts).toEqual([
        {
          accountId: DEMO_ACCOUNTS.data.accountId,
          name: 'data',
          code: 'ACCOUNT_UNAVAILABLE',
          stsError: 'AccessDenied',
        },
      ]);
      break;
    }
    after = page.pageInfo.endCursor;
    expect(pages).toBeLessThan(20);
  }
  const keys = seen.map((c) => `${c.accountId}/${c.region}/${c.name}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toEqual(
    expect.arrayContaining([
      `${DEMO_MEMBER_CLUSTERS.paymentsProd.accountId}/us-east-1/payments-prod`,
      `${DEMO_MEMBER_CLUSTERS.paymentsEu.accountId}/eu-west-1/payments-eu`,
    ]),
  );
  expect(seen.some((c) => c.accountId === DEMO_ACCOUNTS.data.accountId)).toBe(false);
  expect(
    seen.filter((c) => c.accountId === DEMO_ACCOUNTS.payments.accountId).every((c) => c.account.name === 'payments'),
  ).toBe(true);
  // One session for the payments account across every page; the refused data account is asked
  // again only after its refusal is forgotten, not on every page.
  const calls = await stack.calls();
  expect(calls.AssumeRole).toBe(2);
});

test('under accounts, the unavailable account fails at its own clusters field; the others answer', async () => {
  const res = await stack.gql<{
    accounts: Array<{ name: string; clusters: { nodes: Array<{ name: string }> } | null }>;
  }>('{ accounts { name clusters(first: 10) { nodes { name } } } }');
  const byName = Object.fromEntries(res.data!.accounts.map((a) => [a.name, a.clusters]));
  expect(byName.payments?.nodes.map((c) => c.name).sort()).toEqual(['payments-auto', 'payments-eu', 'payments-prod']);
  expect(byName.platform?.nodes.length).toBeGreaterThan(0);
  expect(byName.data).toBeNull();
  expect(res.errors).toEqual([
    expect.objectContaining({
      path: ['accounts', 2, 'clusters'],
      extensions: expect.objectContaining({
        code: 'ACCOUNT_UNAVAILABLE',
        accountId: DEMO_ACCOUNTS.data.accountId,
        stsError: 'AccessDenied',
      }),
    }),
  ]);
});

test('create, tag and delete in a member account, by accountId and by the node id', async () => {
  const { accountId, region, name } = DEMO_MEMBER_CLUSTERS.paymentsProd;
  const created = await stack.gql<{
    createPodIdentityAssociation: {
      podIdentityAssociation: { id: string; accountId: string; associationArn: string } | null;
      errors: unknown[];
    };
  }>(
    `mutation($input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $input) { podIdentityAssociation { id accountId associationArn } errors { code message } } }`,
    {
      input: {
        accountId,
        region,
        clusterName: name,
        namespace: 'gateway-test',
        serviceAccount: 'sa',
        roleArn: `arn:aws:iam::${accountId}:role/gateway-test`,
      },
    },
  );
  expect(created.data?.createPodIdentityAssociation.errors).toEqual([]);
  const association = created.data!.createPodIdentityAssociation.podIdentityAssociation!;
  expect(association.accountId).toBe(accountId);
  expect(association.associationArn).toContain(`:${accountId}:podidentityassociation/${name}/`);

  const tagged = await stack.gql<{
    tagPodIdentityAssociation: { podIdentityAssociation: { tags: unknown[] }; errors: unknown[] };
  }>(
    'mutation($id: ID!) { tagPodIdentityAssociation(input: { id: $id, tags: [{ key: "team", value: "payments" }] }) { podIdentityAssociation { tags { key value } } errors { code } } }',
    { id: association.id },
  );
  expect(tagged.data?.tagPodIdentityAssociation).toEqual({
    podIdentityAssociation: { tags: [{ key: 'team', value: 'payments' }] },
    errors: [],
  });

  // The same cluster name in the platform account is another cluster: not found there.
  const wrongAccount = await stack.gql<{ cluster: null }>(`{ cluster(name: "${name}", region: "${region}") { name } }`);
  expect(wrongAccount.data?.cluster).toBeNull();
  const rightAccount = await stack.gql<{ cluster: { id: string } }>(
    `{ cluster(name: "${name}", region: "${region}", accountId: "${accountId}") { id } }`,
  );
  expect(rightAccount.data?.cluster.id).toBe(clusterId({ accountId, region, name }));

  const deleted = await stack.gql<{ deletePodIdentityAssociation: { errors: unknown[] } }>(
    'mutation($id: ID!) { deletePodIdentityAssociation(input: { id: $id }) { errors { code } } }',
    { id: association.id },
  );
  expect(deleted.data?.deletePodIdentityAssociation.errors).toEqual([]);
});

test('an accountId the gateway does not serve is BAD_USER_INPUT', async () => {
  const res = await stack.gql('{ cluster(name: "x", accountId: "999999999999") { name } }');
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('the gateway learns its own account from STS GetCallerIdentity (as it does with GATEWAY_BACKEND=aws)', async () => {
  const sts = createStsClient({
    endpoint: stack.emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: '444455556666', secretAccessKey: 'x' },
  });
  try {
    await expect(callerAccountId(sts)).resolves.toBe('444455556666');
  } finally {
    sts.destroy();
  }
});
