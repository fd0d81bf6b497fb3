/**
 * Accounts: every cluster, association and add-on belongs to one, an EKS request sees only the
 * account of its credentials, and the seed, the control endpoints and the state file speak of
 * accounts. Driven by the real @aws-sdk/client-eks and client-sts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreatePodIdentityAssociationCommand,
  DescribeClusterCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  TagResourceCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  DEMO_ACCOUNTS,
  DEMO_CLUSTERS,
  DEMO_MEMBER_CLUSTERS,
  DEMO_REGIONS,
  type MultiAccountSeedFile,
  type RunningEmulator,
  type SeedFile,
} from '../../../src/emulator';
import { assume, control, eks, expectError, role, start, staticKey, sts, type Credentials } from './helpers';

const HOME = '111111111111';
const MEMBER = '222222222222';
const EMPTY = '999999999999';

const seed: MultiAccountSeedFile = {
  accounts: [
    { accountId: HOME, name: 'home', clusters: [{ name: 'shared-name' }, { name: 'home-only', region: 'eu-west-1' }] },
    {
      accountId: MEMBER,
      name: 'member',
      accessKeys: ['member-key'],
      roles: [
        {
          roleName: 'gateway',
          trustPolicy: { Statement: { Effect: 'Allow', Principal: { AWS: HOME }, Action: 'sts:AssumeRole' } },
        },
      ],
      clusters: [
        {
          name: 'shared-name',
          addons: [{ name: 'eks-pod-identity-agent' }],
          associations: Array.from({ length: 3 }, (_, i) => ({
            namespace: 'member',
            serviceAccount: `sa-${i}`,
            roleArn: role(`member-${i}`, MEMBER),
          })),
        },
        { name: 'member-west', region: 'eu-west-1' },
      ],
    },
  ],
};

const clientsToClose: EKSClient[] = [];
function eksAs(url: string, credentials: Credentials, region = 'us-east-1'): EKSClient {
  const client = eks(url, region, { credentials });
  clientsToClose.push(client);
  return client;
}
afterEach(() => {
  for (const client of clientsToClose.splice(0)) client.destroy();
});

async function clusterNames(client: EKSClient): Promise<string[]> {
  return (await client.send(new ListClustersCommand({}))).clusters ?? [];
}

describe('one emulator, several accounts', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await start({ seed });
  });
  afterAll(async () => {
    await emulator.close();
  });

  test('temporary credentials of an assumed role see only that account, in every region', async () => {
    const credentials = await assume(emulator.url, {
      RoleArn: `arn:aws:iam::${MEMBER}:role/gateway`,
      RoleSessionName: 'gw',
    });
    const east = eksAs(emulator.url, credentials);
    const west = eksAs(emulator.url, credentials, 'eu-west-1');
    expect(await clusterNames(east)).toEqual(['shared-name']);
    expect(await clusterNames(west)).toEqual(['member-west']);
    const { cluster } = await east.send(new DescribeClusterCommand({ name: 'shared-name' }));
    expect(cluster?.arn).toBe(`arn:aws:eks:us-east-1:${MEMBER}:cluster/shared-name`);
    const { associations } = await east.send(new ListPodIdentityAssociationsCommand({ clusterName: 'shared-name' }));
    expect(associations?.map((a) => a.associationArn)).toEqual(
      associations?.map((a) => `arn:aws:eks:us-east-1:${MEMBER}:podidentityassociation/shared-name/${a.associationId}`),
    );
    expect(associations).toHaveLength(3);
    await expectError(
      west.send(new DescribeClusterCommand({ name: 'home-only' })),
      'ResourceNotFoundException',
      404,
      'No cluster found for name: home-only.',
    );

    // The default account's cluster of the same name is another cluster.
    const home = eksAs(emulator.url, staticKey());
    expect((await home.send(new DescribeClusterCommand({ name: 'shared-name' }))).cluster?.arn).toBe(
      `arn:aws:eks:us-east-1:${HOME}:cluster/shared-name`,
    );
    expect(
      (await home.send(new ListPodIdentityAssociationsCommand({ clusterName: 'shared-name' }))).associations,
    ).toEqual([]);
  });

  test('an access key of 12 digits is that account; a key the seed lists is its account; others are the default account', async () => {
    expect(await clusterNames(eksAs(emulator.url, staticKey(MEMBER)))).toEqual(['shared-name']);
    expect(await clusterNames(eksAs(emulator.url, staticKey('member-key'), 'eu-west-1'))).toEqual(['member-west']);
    expect(await clusterNames(eksAs(emulator.url, staticKey('local'), 'eu-west-1'))).toEqual(['home-only']);
    expect(await clusterNames(eksAs(emulator.url, staticKey(HOME), 'eu-west-1'))).toEqual(['home-only']);
  });

  test('an account with no state has no clusters: empty lists, not errors', async () => {
    const empty = eksAs(emulator.url, staticKey(EMPTY));
    expect(await clusterNames(empty)).toEqual([]);
    await expectError(
      empty.send(new DescribeClusterCommand({ name: 'shared-name' })),
      'ResourceNotFoundException',
      404,
    );
    const state = await control<SeedFile>(emulator.url, `state?account=${EMPTY}`);
    expect(state).toEqual({ accountId: EMPTY, clusters: [] });
    // Reading it keeps nothing: it is not listed among the accounts.
    const all = await control<{ accounts: Array<{ accountId: string }> }>(emulator.url, 'state?account=all');
    expect(all.accounts.map((a) => a.accountId)).toEqual([HOME, MEMBER]);
  });

  test('a change in one account is that account’s only; page tokens and ARNs do not cross accounts', async () => {
    const member = eksAs(emulator.url, staticKey(MEMBER));
    const home = eksAs(emulator.url, staticKey());
    const created = await member.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'shared-name',
        namespace: 'new',
        serviceAccount: 'made-here',
        roleArn: role('made-here', MEMBER),
      }),
    );
    expect(created.association?.associationArn).toMatch(
      new RegExp(`^arn:aws:eks:us-east-1:${MEMBER}:podidentityassociation/shared-name/a-`),
    );
    expect(
      (await home.send(new ListPodIdentityAssociationsCommand({ clusterName: 'shared-name' }))).associations,
    ).toEqual([]);
    const memberState = await control<SeedFile>(emulator.url, `state?account=${MEMBER}&cluster=shared-name`);
    expect(memberState.clusters[0]?.associations?.map((a) => a.serviceAccount)).toContain('made-here');

    const page = await member.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'shared-name', maxResults: 1 }),
    );
    expect(page.nextToken).toBeDefined();
    await expectError(
      home.send(
        new ListPodIdentityAssociationsCommand({
          clusterName: 'shared-name',
          maxResults: 1,
          nextToken: page.nextToken,
        }),
      ),
      'InvalidParameterException',
      400,
      /The nextToken provided is invalid: it was issued for a different request; keep the operation, account, region/,
    );
    // Another account's resource ARN names nothing this caller holds.
    await expectError(
      home.send(new TagResourceCommand({ resourceArn: created.association?.associationArn, tags: { a: 'b' } })),
      'NotFoundException',
      404,
    );
    await expect(
      member.send(new TagResourceCommand({ resourceArn: created.association?.associationArn, tags: { a: 'b' } })),
    ).resolves.toBeDefined();
  });

  test('POST /_emulator/clusters adds to the default account, or to the account it names', async () => {
    const added = await control<SeedFile>(emulator.url, 'clusters', 'POST', {
      accountId: EMPTY,
      clusters: [{ name: 'late', region: 'us-west-2' }],
    });
    expect(added).toMatchObject({ accountId: EMPTY, clusters: [{ name: 'late', region: 'us-west-2' }] });
    expect(await clusterNames(eksAs(emulator.url, staticKey(EMPTY), 'us-west-2'))).toEqual(['late']);
    expect(await clusterNames(eksAs(emulator.url, staticKey(), 'us-west-2'))).toEqual([]);
    const res = await fetch(`${emulator.url}/_emulator/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: '12', clusters: [] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/accountId must be a string of 12 digits/);
  });

  test('GET /_emulator/state?account=all answers the multi-account seed format, which loads back', async () => {
    const all = await control<MultiAccountSeedFile>(emulator.url, 'state?account=all');
    expect(
      all.accounts.map((a) => ({ accountId: a.accountId, name: a.name, clusters: a.clusters?.map((c) => c.name) })),
    ).toEqual([
      { accountId: HOME, name: 'home', clusters: ['home-only', 'shared-name'] },
      { accountId: MEMBER, name: 'member', clusters: ['member-west', 'shared-name'] },
      { accountId: EMPTY, name: undefined, clusters: ['late'] },
    ]);
    const copy = await start({ seed: all });
    try {
      expect(await control(copy.url, 'state?account=all')).toEqual(all);
    } finally {
      await copy.close();
    }
  });

  test('GET /_emulator/accounts lists the accounts, their keys and the roles STS can assume', async () => {
    const report = await control<{ defaultAccountId: string; accounts: Array<Record<string, unknown>> }>(
      emulator.url,
      'accounts',
    );
    expect(report.defaultAccountId).toBe(HOME);
    expect(report.accounts.find((a) => a.accountId === MEMBER)).toEqual({
      accountId: MEMBER,
      name: 'member',
      default: false,
      clusters: 2,
      accessKeys: [{ accessKeyId: 'member-key', userName: null }],
      iam: { strict: false },
      roles: [
        {
          arn: `arn:aws:iam::${MEMBER}:role/gateway`,
          roleId: expect.stringMatching(/^AROA/),
          assumable: true,
          maxSessionDuration: 3600,
          trustPolicy: { Statement: { Effect: 'Allow', Principal: { AWS: HOME }, Action: 'sts:AssumeRole' } },
        },
      ],
    });
  });

  test('reset?state=true restores every account from the seed', async () => {
    await control(emulator.url, 'reset?state=true', 'POST');
    const all = await control<MultiAccountSeedFile>(emulator.url, 'state?account=all');
    expect(all.accounts.map((a) => a.accountId)).toEqual([HOME, MEMBER]);
    expect(all.accounts[1]?.clusters?.find((c) => c.name === 'shared-name')?.associations).toHaveLength(3);
  });
});

describe('the seed', () => {
  test.each<[string, unknown, string | RegExp]>([
    [
      'a role of another account under an account',
      { accounts: [{ accountId: HOME, roles: [`arn:aws:iam::${MEMBER}:role/x`] }] },
      `seed object (accounts[0].roles[0]): the role arn:aws:iam::${MEMBER}:role/x is of account ${MEMBER}; list it under that account.`,
    ],
    [
      'a trust policy that is not a policy',
      { accounts: [{ accountId: HOME }, { accountId: MEMBER, roles: [{ roleName: 'r', trustPolicy: '{oops' }] }] },
      /^seed object \(accounts\[1\]\.roles\[0\]\.trustPolicy\): must be a JSON policy document; the text does not parse/,
    ],
    [
      'a statement without Effect',
      {
        accounts: [
          {
            accountId: HOME,
            roles: [{ roleName: 'r', trustPolicy: { Statement: [{ Principal: '*', Action: 'sts:AssumeRole' }] } }],
          },
        ],
      },
      'seed object (accounts[0].roles[0].trustPolicy.Statement[0].Effect): must be Allow or Deny; received none.',
    ],
    [
      'a condition the emulator does not evaluate',
      {
        accounts: [
          {
            accountId: HOME,
            roles: [
              {
                roleName: 'r',
                trustPolicy: {
                  Statement: {
                    Effect: 'Allow',
                    Principal: '*',
                    Action: 'sts:AssumeRole',
                    Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
                  },
                },
              },
            ],
          },
        ],
      },
      'seed object (accounts[0].roles[0].trustPolicy.Statement.Condition.IpAddress): the condition operator is not supported by the emulator; supported: StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Null (all but Null also with IfExists).',
    ],
    [
      'a role object without its trust policy',
      { accounts: [{ accountId: HOME, roles: [{ roleName: 'r' }] }] },
      /^seed object \(accounts\[0\]\.roles\[0\]\.trustPolicy\): a role object needs its trust policy/,
    ],
    [
      'roleName and arn both',
      {
        accounts: [
          { accountId: HOME, roles: [{ roleName: 'r', arn: `arn:aws:iam::${HOME}:role/r`, trustPolicy: {} }] },
        ],
      },
      "seed object (accounts[0].roles[0]): give the role's roleName or its arn (one of them).",
    ],
    [
      'a session longer than IAM allows',
      {
        accounts: [
          {
            accountId: HOME,
            roles: [
              {
                roleName: 'r',
                maxSessionDuration: 50000,
                trustPolicy: { Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' } },
              },
            ],
          },
        ],
      },
      'seed object (accounts[0].roles[0].maxSessionDuration): must be a whole number of seconds from 3600 to 43200, received number 50000.',
    ],
    [
      'a role listed twice',
      {
        accounts: [
          {
            accountId: HOME,
            roles: [
              {
                roleName: 'r',
                trustPolicy: { Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' } },
              },
              `arn:aws:iam::${HOME}:role/R`,
            ],
          },
        ],
      },
      `seed object (accounts[0].roles[1]): names the role R of account ${HOME}, which accounts[0].roles[0] lists already; a role is listed once.`,
    ],
    [
      'an account listed twice',
      { accounts: [{ accountId: HOME }, { accountId: HOME }] },
      `seed object (accounts[1].accountId): account ${HOME} is already accounts[0]; an account is listed once.`,
    ],
    [
      'an account id that is not one',
      { accounts: [{ accountId: 'acct' }] },
      'seed object (accounts[0].accountId): must be a string of 12 digits, received "acct".',
    ],
    [
      'no account at all',
      { accounts: [] },
      'seed object (accounts): must list at least one account; the first is the default account.',
    ],
    [
      'a key in two accounts',
      {
        accounts: [
          { accountId: HOME, accessKeys: ['k'] },
          { accountId: MEMBER, accessKeys: ['k'] },
        ],
      },
      `seed object (accounts[1].accessKeys[0]): the access key k already belongs to account ${HOME}; a key belongs to one account.`,
    ],
    [
      'a temporary key',
      { accounts: [{ accountId: HOME, accessKeys: ['ASIAEXAMPLE'] }] },
      'seed object (accounts[0].accessKeys[0]): access key ids starting ASIA are temporary credentials, issued by STS, received "ASIAEXAMPLE".',
    ],
    [
      'accounts beside clusters',
      { accounts: [{ accountId: HOME }], clusters: [] },
      'seed object (clusters): unknown key "clusters"; the keys allowed here are iam, accounts.',
    ],
    [
      'a bad cluster in an account',
      { accounts: [{ accountId: HOME }, { accountId: MEMBER, clusters: [{ name: 'ok' }, { name: '-bad' }] }] },
      /^seed object \(accounts\[1\]\.clusters\[1\]\.name\): The parameter name must start with a letter or digit/,
    ],
  ])('%s: the error names the place', async (_label, value, message) => {
    await expect(start({ seed: value as MultiAccountSeedFile })).rejects.toThrow(message);
  });

  test('in a seed file, a problem names its line too', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'emulator-seed-')), 'accounts.json');
    const bad = {
      accounts: [
        { accountId: HOME },
        {
          accountId: MEMBER,
          roles: [
            {
              roleName: 'r',
              trustPolicy: {
                Statement: [{ Effect: 'Allow', Principal: { AWS: HOME }, Action: 'sts:AssumeRole', NotPrincipal: '*' }],
              },
            },
          ],
        },
      ],
    };
    writeFileSync(file, JSON.stringify(bad, null, 2));
    await expect(start({ seed: file })).rejects.toThrow(
      `seed file ${file} line 19 (accounts[1].roles[0].trustPolicy.Statement[0].NotPrincipal): unsupported member 'NotPrincipal': the emulator evaluates Sid, Effect, Principal, Action and Condition only.`,
    );
  });

  test('the single-account shape takes role objects too; a role by name is the seed account’s', async () => {
    const emulator = await start({
      seed: {
        accountId: HOME,
        roles: [
          {
            roleName: 'by-name',
            trustPolicy: { Statement: { Effect: 'Allow', Principal: { AWS: MEMBER }, Action: 'sts:AssumeRole' } },
          },
        ],
        clusters: [{ name: 'solo' }],
      },
    });
    try {
      const credentials = await assume(
        emulator.url,
        { RoleArn: `arn:aws:iam::${HOME}:role/by-name`, RoleSessionName: 'in' },
        staticKey(MEMBER),
      );
      expect(await clusterNames(eksAs(emulator.url, credentials))).toEqual(['solo']);
    } finally {
      await emulator.close();
    }
  });

  test('the accountId option renames the first account', async () => {
    const emulator = await start({ seed, accountId: EMPTY });
    try {
      expect(await clusterNames(eksAs(emulator.url, staticKey(), 'eu-west-1'))).toEqual(['home-only']);
      expect((await control<SeedFile>(emulator.url, 'state')).accountId).toBe(EMPTY);
    } finally {
      await emulator.close();
    }
    await expect(start({ seed, accountId: MEMBER })).rejects.toThrow(
      `seed object (accounts[1].accountId): account ${MEMBER} is already accounts[0] (the default account, renamed by the accountId option); an account is listed once.`,
    );
  });
});

describe('the state file', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'emulator-accounts-'));
  let n = 0;
  const stateFile = () => path.join(directory, `state-${++n}.json`);

  test('keeps every account, and temporary credentials outlive a restart', async () => {
    const file = stateFile();
    const first = await start({ seed, stateFile: file });
    let credentials: Credentials;
    try {
      credentials = await assume(first.url, {
        RoleArn: `arn:aws:iam::${MEMBER}:role/gateway`,
        RoleSessionName: 'durable',
      });
      await eksAs(first.url, credentials).send(
        new CreatePodIdentityAssociationCommand({
          clusterName: 'shared-name',
          namespace: 'kept',
          serviceAccount: 'kept',
          roleArn: role('kept', MEMBER),
        }),
      );
    } finally {
      await first.close();
    }
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
      version: number;
      defaultAccountId: string;
      accounts: Array<{ accountId: string }>;
    };
    expect({
      version: snapshot.version,
      defaultAccountId: snapshot.defaultAccountId,
      accounts: snapshot.accounts.map((a) => a.accountId),
    }).toEqual({
      version: 2,
      defaultAccountId: HOME,
      accounts: [HOME, MEMBER],
    });
    const second = await start({ seed: 'none', stateFile: file });
    try {
      const { associations } = await eksAs(second.url, credentials).send(
        new ListPodIdentityAssociationsCommand({ clusterName: 'shared-name', namespace: 'kept' }),
      );
      expect(associations?.map((a) => a.serviceAccount)).toEqual(['kept']);
      expect(await clusterNames(eksAs(second.url, staticKey(), 'eu-west-1'))).toEqual(['home-only']);
    } finally {
      await second.close();
    }
  });

  test('a state file from before accounts (version 1) loads into the default account, and its journal too', async () => {
    const file = stateFile();
    const cluster = {
      region: 'us-east-1',
      name: 'legacy',
      version: '1.31',
      status: 'ACTIVE',
      platformVersion: 'eks.1',
      tags: {},
      createdAt: 0,
      nextSeq: 1,
      addons: [],
      associations: [],
    };
    writeFileSync(
      file,
      JSON.stringify({
        format: 'eks-emulator-state',
        version: 1,
        lsn: 1,
        savedAt: '2026-01-01T00:00:00Z',
        accountId: '123456789012',
        paginationKey: Buffer.alloc(32, 1).toString('base64'),
        clusters: [cluster],
        idempotency: [],
      }),
    );
    const association = {
      seq: 1,
      associationId: 'a-00000000000000001',
      namespace: 'old',
      serviceAccount: 'journaled',
      roleArn: role('old'),
      targetRoleArn: null,
      externalId: null,
      disableSessionTags: false,
      policy: null,
      tags: {},
      ownerAddon: null,
      createdAt: 0,
      modifiedAt: 0,
    };
    writeFileSync(
      `${file}.journal`,
      `${JSON.stringify({ lsn: 2, change: { type: 'putAssociation', region: 'us-east-1', cluster: 'legacy', association, idempotency: null } })}\n`,
    );
    const emulator = await start({ seed: 'demo', stateFile: file });
    try {
      const client = eksAs(emulator.url, staticKey());
      expect(await clusterNames(client)).toEqual(['legacy']);
      const { cluster: described } = await client.send(new DescribeClusterCommand({ name: 'legacy' }));
      expect(described?.arn).toBe('arn:aws:eks:us-east-1:123456789012:cluster/legacy');
      expect(
        (await client.send(new ListPodIdentityAssociationsCommand({ clusterName: 'legacy' }))).associations?.map(
          (a) => a.serviceAccount,
        ),
      ).toEqual(['journaled']);
    } finally {
      await emulator.close();
    }
    const rewritten = JSON.parse(readFileSync(file, 'utf8')) as {
      version: number;
      accounts: Array<{ accountId: string; clusters: Array<{ associations: unknown[] }> }>;
    };
    expect(rewritten.version).toBe(2);
    expect(rewritten.accounts.map((a) => [a.accountId, a.clusters[0]?.associations.length])).toEqual([
      ['123456789012', 1],
    ]);
  });
});

describe('the demo accounts', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await start({ seed: 'demo' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  test('the platform account is the default one, with its clusters as they always were', async () => {
    const state = await control<SeedFile>(emulator.url, 'state');
    expect(state.accountId).toBe(DEMO_ACCOUNTS.platform.accountId);
    expect(state.clusters.map((c) => [c.region, c.name, c.associations?.length])).toEqual([
      [DEMO_CLUSTERS.euAnalytics.region, DEMO_CLUSTERS.euAnalytics.name, 40],
      // 180, and the four cases of a diagnosis (DEMO_*_ASSOCIATION).
      [DEMO_CLUSTERS.prodPlatform.region, DEMO_CLUSTERS.prodPlatform.name, 184],
      [DEMO_CLUSTERS.stagingApps.region, DEMO_CLUSTERS.stagingApps.name, 90],
    ]);
  });

  test('payments trusts the platform account with its external id; data does not trust it', async () => {
    const payments = await assume(emulator.url, {
      RoleArn: DEMO_ACCOUNTS.payments.roleArn,
      RoleSessionName: 'gateway',
      ExternalId: DEMO_ACCOUNTS.payments.externalId,
    });
    for (const region of DEMO_REGIONS) {
      const expected = Object.values(DEMO_MEMBER_CLUSTERS)
        .filter((c) => c.accountId === DEMO_ACCOUNTS.payments.accountId && c.region === region)
        .map((c) => c.name)
        .sort();
      expect(await clusterNames(eksAs(emulator.url, payments, region))).toEqual(expected);
    }
    const client = sts(emulator.url);
    try {
      await expectError(
        client.send(new AssumeRoleCommand({ RoleArn: DEMO_ACCOUNTS.payments.roleArn, RoleSessionName: 'gateway' })),
        'AccessDenied',
        403,
        `User: arn:aws:iam::${DEMO_ACCOUNTS.platform.accountId}:root is not authorized to perform: sts:AssumeRole on resource: ${DEMO_ACCOUNTS.payments.roleArn}`,
      );
      await expectError(
        client.send(new AssumeRoleCommand({ RoleArn: DEMO_ACCOUNTS.data.roleArn, RoleSessionName: 'gateway' })),
        'AccessDenied',
        403,
        `User: arn:aws:iam::${DEMO_ACCOUNTS.platform.accountId}:root is not authorized to perform: sts:AssumeRole on resource: ${DEMO_ACCOUNTS.data.roleArn}`,
      );
    } finally {
      client.destroy();
    }
    // The data account's clusters are there, for whoever its role trusts.
    for (const region of DEMO_REGIONS) {
      const expected = Object.values(DEMO_MEMBER_CLUSTERS)
        .filter((c) => c.accountId === DEMO_ACCOUNTS.data.accountId && c.region === region)
        .map((c) => c.name);
      const names = await clusterNames(eksAs(emulator.url, staticKey(DEMO_ACCOUNTS.data.accountId), region));
      expect(names).toEqual(expected);
      expect(names.length).toBeGreaterThan(0);
    }
  });

  test('examples/accounts/demo.json describes the demo accounts', () => {
    const file = JSON.parse(readFileSync(path.join(__dirname, '../../../examples/accounts/demo.json'), 'utf8')) as {
      accounts: Array<Record<string, unknown>>;
    };
    const regions = [...DEMO_REGIONS];
    expect(file.accounts).toEqual([
      { accountId: DEMO_ACCOUNTS.platform.accountId, name: 'platform', regions },
      {
        accountId: DEMO_ACCOUNTS.payments.accountId,
        name: 'payments',
        roleArn: DEMO_ACCOUNTS.payments.roleArn,
        externalId: DEMO_ACCOUNTS.payments.externalId,
        regions,
      },
      { accountId: DEMO_ACCOUNTS.data.accountId, name: 'data', roleArn: DEMO_ACCOUNTS.data.roleArn, regions },
    ]);
  });
});
