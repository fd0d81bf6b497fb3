/**
 * IAM on the emulator's endpoint, through the real @aws-sdk/client-iam: GetRole of the seed's
 * roles, per account, strict and lenient accounts, the URL-encoded trust policy, IAM's errors,
 * any signing region, stats and faults.
 */
import { GetRoleCommand, ListRolesCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { MultiAccountSeedFile, RunningEmulator } from '../../../src/emulator';
import { assume, authorization, control, expectError, iam, start, staticKey, type Credentials } from './helpers';

const LENIENT = '111111111111';
const STRICT = '222222222222';

/** A trust policy whose text needs every kind of escape: quotes, spaces, `*`, `'`, `(`, `~`, non-ASCII. */
const APP_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: "Pod Identity (EKS) ~ it's *the* one é",
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringLike: { 'aws:SourceArn': `arn:aws:eks:*:${LENIENT}:cluster/*` } },
    },
  ],
};
const TEXT_TRUST = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"}, "Action": "sts:*"}]
}`;
const POD_IDENTITY_DEFAULT = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
  ],
};

const seed: MultiAccountSeedFile = {
  accounts: [
    {
      accountId: LENIENT,
      name: 'lenient',
      roles: [
        {
          roleName: 'app',
          path: '/teams/apps/',
          description: 'The app of team apps.',
          tags: { team: 'apps', 'cost-centre': '4711' },
          createDate: '2025-03-01T12:30:00Z',
          maxSessionDuration: 7200,
          trustPolicy: APP_TRUST,
        },
        { roleName: 'text-policy', trustPolicy: TEXT_TRUST },
        `arn:aws:iam::${LENIENT}:role/ops/arn-only`,
        { roleName: 'gone', deleted: true },
      ],
    },
    {
      accountId: STRICT,
      name: 'strict',
      iam: { strict: true },
      roles: [
        {
          roleName: 'listed',
          trustPolicy: { Statement: { Effect: 'Allow', Principal: { AWS: LENIENT }, Action: 'sts:AssumeRole' } },
        },
      ],
    },
  ],
};

let emulator: RunningEmulator;
const clients: IAMClient[] = [];

beforeAll(async () => {
  emulator = await start({ seed });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await emulator.close();
});
afterEach(async () => {
  await control(emulator.url, 'faults', 'DELETE');
  await control(emulator.url, 'clock', 'DELETE');
});

function client(credentials: Credentials = staticKey(LENIENT), region = 'us-east-1'): IAMClient {
  const made = iam(emulator.url, credentials, { region });
  clients.push(made);
  return made;
}

function getRole(roleName: string, credentials?: Credentials, region?: string) {
  return client(credentials, region).send(new GetRoleCommand({ RoleName: roleName }));
}

const decoded = (document: string | undefined) => JSON.parse(decodeURIComponent(document ?? '')) as unknown;

describe('GetRole', () => {
  test('answers a listed role with everything IAM says of it, its trust policy URL-encoded', async () => {
    const { Role, $metadata } = await getRole('app');
    expect($metadata.httpStatusCode).toBe(200);
    expect(Role).toEqual({
      Path: '/teams/apps/',
      RoleName: 'app',
      RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${LENIENT}:role/teams/apps/app`,
      CreateDate: new Date('2025-03-01T12:30:00Z'),
      AssumeRolePolicyDocument: expect.any(String),
      Description: 'The app of team apps.',
      MaxSessionDuration: 7200,
      Tags: [
        { Key: 'team', Value: 'apps' },
        { Key: 'cost-centre', Value: '4711' },
      ],
    });
    // Encoded as IAM does: nothing but RFC 3986's unreserved characters is left as it is.
    expect(Role?.AssumeRolePolicyDocument).toMatch(/^[A-Za-z0-9%._~-]+$/);
    expect(Role?.AssumeRolePolicyDocument).toContain('%2A');
    expect(decoded(Role?.AssumeRolePolicyDocument)).toEqual(APP_TRUST);
  });

  test('finds a role by its name in any case, and answers its own spelling and the same id', async () => {
    const [lower, upper] = await Promise.all([getRole('app'), getRole('APP')]);
    expect(upper.Role?.RoleName).toBe('app');
    expect(upper.Role?.RoleId).toBe(lower.Role?.RoleId);
  });

  test('a trust policy the seed gives as text comes back as that very text', async () => {
    const { Role } = await getRole('text-policy');
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')).toBe(TEXT_TRUST);
    expect(Role).toMatchObject({ Path: '/', MaxSessionDuration: 3600 });
    expect(Role?.Tags).toBeUndefined();
    expect(Role?.Description).toBeUndefined();
  });

  test('a role listed by its ARN has its path and the Pod Identity trust policy of the EKS documentation', async () => {
    const { Role } = await getRole('arn-only');
    expect(Role).toMatchObject({ Path: '/ops/', Arn: `arn:aws:iam::${LENIENT}:role/ops/arn-only` });
    expect(decoded(Role?.AssumeRolePolicyDocument)).toEqual(POD_IDENTITY_DEFAULT);
  });

  test('lenient account: a role the seed does not list exists at "/", trusting EKS Pod Identity', async () => {
    const { Role } = await getRole('anything-at-all');
    expect(Role).toEqual({
      Path: '/',
      RoleName: 'anything-at-all',
      RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${LENIENT}:role/anything-at-all`,
      CreateDate: expect.any(Date),
      AssumeRolePolicyDocument: expect.any(String),
      MaxSessionDuration: 3600,
    });
    expect(decoded(Role?.AssumeRolePolicyDocument)).toEqual(POD_IDENTITY_DEFAULT);
    expect((await getRole('anything-at-all')).Role?.RoleId).toBe(Role?.RoleId);
  });

  test('lenient account: a role the seed lists as deleted does not exist', async () => {
    await expectError(getRole('gone'), 'NoSuchEntityException', 404, 'The role with name gone cannot be found.');
    await expectError(getRole('GONE'), 'NoSuchEntityException', 404, 'The role with name GONE cannot be found.');
  });

  test('strict account: a listed role is found, any other is NoSuchEntity (404) with IAM message', async () => {
    expect((await getRole('listed', staticKey(STRICT))).Role?.Arn).toBe(`arn:aws:iam::${STRICT}:role/listed`);
    const error = await expectError(
      getRole('anything-at-all', staticKey(STRICT)),
      'NoSuchEntityException',
      404,
      'The role with name anything-at-all cannot be found.',
    );
    expect(error.Code).toBe('NoSuchEntity');
    expect(error.$metadata?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('each account sees its own roles: the account of the credentials decides', async () => {
    await expectError(getRole('app', staticKey(STRICT)), 'NoSuchEntityException', 404);
    // `listed` is the strict account's; the lenient account has a role of that name only by leniency.
    const fromLenient = await getRole('listed', staticKey(LENIENT));
    expect(fromLenient.Role?.Arn).toBe(`arn:aws:iam::${LENIENT}:role/listed`);
    const fromStrict = await getRole('listed', staticKey(STRICT));
    expect(fromLenient.Role?.RoleId).not.toBe(fromStrict.Role?.RoleId);
    // The default account's static keys (`test`) are the lenient account's, the first of the seed.
    expect((await getRole('app', staticKey('test'))).Role?.Arn).toBe(`arn:aws:iam::${LENIENT}:role/teams/apps/app`);
  });

  test("assumed-role credentials read the IAM of the role's account", async () => {
    const session = await assume(emulator.url, {
      RoleArn: `arn:aws:iam::${STRICT}:role/listed`,
      RoleSessionName: 'reader',
    });
    expect((await getRole('listed', session)).Role?.Arn).toBe(`arn:aws:iam::${STRICT}:role/listed`);
    await expectError(getRole('app', session), 'NoSuchEntityException', 404);
  });

  test.each([['us-east-1'], ['eu-west-1'], ['ap-southeast-2']])(
    'a client signing for %s reaches the same global IAM',
    async (region) => {
      expect((await getRole('app', staticKey(LENIENT), region)).Role?.Arn).toBe(
        `arn:aws:iam::${LENIENT}:role/teams/apps/app`,
      );
    },
  );

  test("a role synthesized for a China region's client has the aws-cn partition", async () => {
    expect((await getRole('unlisted', staticKey(LENIENT), 'cn-north-1')).Role?.Arn).toBe(
      `arn:aws-cn:iam::${LENIENT}:role/unlisted`,
    );
  });

  test.each([
    [
      'a space',
      'bad name',
      "Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    ['65 characters', 'r'.repeat(65), 'Member must have length less than or equal to 64'],
  ])('a role name with %s is a ValidationError', async (_label, roleName, message) => {
    const error = await expectError(getRole(roleName), 'ValidationError', 400);
    expect(error.message).toContain('1 validation error detected: ');
    expect(error.message).toContain(message);
  });
});

describe("IAM's front door", () => {
  test('an action the emulator does not serve is InvalidAction, in IAM XML', async () => {
    await expectError(
      client().send(new ListRolesCommand({})),
      'InvalidAction',
      400,
      'Could not find operation ListRoles for version 2010-05-08',
    );
    const res = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: {
        authorization: authorization('us-east-1', 'iam', LENIENT),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'Action=GetRole&Version=2011-06-15&RoleName=app',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/xml');
    expect(await res.text()).toMatch(
      /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation GetRole for version 2011-06-15<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>\n$/,
    );
  });

  test('a request without Action is MissingAction', async () => {
    const res = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: {
        authorization: authorization('us-east-1', 'iam'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'Version=2010-05-08',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>MissingAction</Code>');
  });

  test('expired session credentials are ExpiredToken (403)', async () => {
    const session = await assume(emulator.url, {
      RoleArn: `arn:aws:iam::${STRICT}:role/listed`,
      RoleSessionName: 'short',
      DurationSeconds: 900,
    });
    await control(emulator.url, 'clock', 'POST', { advanceSeconds: 901 });
    await expectError(
      getRole('listed', session),
      'ExpiredToken',
      403,
      'The security token included in the request is expired',
    );
  });
});

describe('stats and faults', () => {
  interface Stats {
    calls: Record<string, number>;
    total: number;
    byService: Record<string, number>;
  }

  test('stats count GetRole calls, refused ones included, under the service iam', async () => {
    await control(emulator.url, 'reset', 'POST');
    await getRole('app');
    await expectError(getRole('nobody', staticKey(STRICT)), 'NoSuchEntityException', 404);
    await expectError(getRole('bad name'), 'ValidationError', 400);
    // An action IAM does not know is no operation to count.
    await expectError(client().send(new ListRolesCommand({})), 'InvalidAction', 400);
    const stats = await control<Stats>(emulator.url, 'stats');
    expect(stats.calls.GetRole).toBe(3);
    expect({ total: stats.total, byService: stats.byService }).toEqual({
      total: 3,
      byService: { eks: 0, sts: 0, iam: 3 },
    });
  });

  test.each([
    ['throttle', 'Throttling', 400, 'Rate exceeded'],
    ['server', 'ServiceFailureException', 500, /injected by the emulator fault configuration/],
    ['unavailable', 'ServiceUnavailable', 503, /injected by the emulator fault configuration/],
  ])('a %s fault on GetRole is IAM error %s (%i)', async (kind, name, status, message) => {
    await control(emulator.url, 'faults', 'POST', { rates: { GetRole: { [kind]: 1 } } });
    await expectError(getRole('app'), name, status, message);
  });

  test('faults for every operation apply to IAM too, and the SDK retries them', async () => {
    await control(emulator.url, 'faults', 'POST', { rates: { '*': { unavailable: 1 } } });
    await expectError(getRole('app'), 'ServiceUnavailable', 503);
    await control(emulator.url, 'reset', 'POST');
    await control(emulator.url, 'faults', 'POST', { seed: 7, rates: { GetRole: { server: 0.5 } } });
    const patient = iam(emulator.url, staticKey(LENIENT), { maxAttempts: 10 });
    clients.push(patient);
    for (let i = 0; i < 5; i++) {
      expect((await patient.send(new GetRoleCommand({ RoleName: 'app' }))).Role?.RoleName).toBe('app');
    }
    // Some of the calls failed and were retried: more were counted than answered.
    expect((await control<Stats>(emulator.url, 'stats')).calls.GetRole).toBeGreaterThan(5);
  });

  test('a malformed answer replaces the Role by text: the SDK reads a role with nothing in it', async () => {
    await control(emulator.url, 'faults', 'POST', { rates: { GetRole: { malformed: 1 } } });
    const { Role } = await getRole('app');
    expect(Role?.RoleName).toBeUndefined();
    expect(Role?.AssumeRolePolicyDocument).toBeUndefined();
  });

  test('a dropped connection fails the call', async () => {
    await control(emulator.url, 'faults', 'POST', { rates: { GetRole: { drop: 1 } } });
    await expect(getRole('app')).rejects.toThrow();
  });

  test('operationLatencyMs takes GetRole', async () => {
    const config = await control<{ operationLatencyMs?: Record<string, number> }>(emulator.url, 'faults', 'POST', {
      operationLatencyMs: { GetRole: 1 },
    });
    expect(config.operationLatencyMs).toEqual({ GetRole: 1 });
    expect((await getRole('app')).Role?.RoleName).toBe('app');
  });
});

describe('the seed format', () => {
  const getRoleOf = async (emulatorUrl: string, account: string, roleName: string) => {
    const made = iam(emulatorUrl, staticKey(account));
    try {
      return await made.send(new GetRoleCommand({ RoleName: roleName }));
    } finally {
      made.destroy();
    }
  };

  test('iam.strict at the top applies to every account, and an account may say otherwise', async () => {
    const other = await start({
      seed: {
        iam: { strict: true },
        accounts: [{ accountId: LENIENT, iam: { strict: false } }, { accountId: STRICT }],
      },
    });
    try {
      expect((await getRoleOf(other.url, LENIENT, 'free')).Role?.RoleName).toBe('free');
      await expectError(getRoleOf(other.url, STRICT, 'free'), 'NoSuchEntityException', 404);
      // An account that is not in the seed follows the top.
      await expectError(getRoleOf(other.url, '333333333333', 'free'), 'NoSuchEntityException', 404);
      const accounts = await control<{ accounts: Array<{ accountId: string; iam: { strict: boolean } }> }>(
        other.url,
        'accounts',
      );
      expect(accounts.accounts.map((a) => [a.accountId, a.iam.strict])).toEqual([
        [LENIENT, false],
        [STRICT, true],
      ]);
    } finally {
      await other.close();
    }
  });

  test('the single-account shape takes iam.strict too', async () => {
    const other = await start({
      seed: {
        accountId: STRICT,
        iam: { strict: true },
        roles: [{ roleName: 'only', trustPolicy: POD_IDENTITY_DEFAULT }],
        clusters: [],
      },
    });
    try {
      expect((await getRoleOf(other.url, STRICT, 'only')).Role?.RoleName).toBe('only');
      await expectError(getRoleOf(other.url, STRICT, 'other'), 'NoSuchEntityException', 404);
    } finally {
      await other.close();
    }
  });

  test('trust policies may use the keys of EKS Pod Identity and of web identity providers', async () => {
    const other = await start({
      seed: {
        roles: [
          {
            roleName: 'keys',
            trustPolicy: {
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'pods.eks.amazonaws.com' },
                  Action: ['sts:AssumeRole', 'sts:TagSession'],
                  Condition: {
                    StringEquals: { 'aws:SourceAccount': '000000000000', 'aws:RequestTag/kubernetes-namespace': 'a' },
                    ArnLike: { 'aws:SourceArn': 'arn:aws:eks:*:000000000000:cluster/*' },
                  },
                },
                {
                  Effect: 'Allow',
                  Principal: {
                    Federated: 'arn:aws:iam::000000000000:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X',
                  },
                  Action: 'sts:AssumeRoleWithWebIdentity',
                  Condition: {
                    StringLike: { 'oidc.eks.eu-west-1.amazonaws.com/id/X:sub': 'system:serviceaccount:a:*' },
                  },
                },
              ],
            },
          },
        ],
        clusters: [],
      },
    });
    try {
      const { Role } = await getRoleOf(other.url, '000000000000', 'keys');
      expect(JSON.stringify(decoded(Role?.AssumeRolePolicyDocument))).toContain(
        'oidc.eks.eu-west-1.amazonaws.com/id/X:sub',
      );
    } finally {
      await other.close();
    }
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['iam that is not an object', { iam: true, clusters: [] }, 'seed object (iam): must be a JSON object'],
    [
      'an unknown iam member',
      { iam: { strict: true, mode: 'x' }, clusters: [] },
      'seed object (iam.mode): unknown key "mode"; the keys allowed here are strict.',
    ],
    [
      'strict that is not a boolean',
      { iam: { strict: 'yes' }, clusters: [] },
      'seed object (iam.strict): must be true or false',
    ],
    [
      'an account iam strict that is not a boolean',
      { accounts: [{ accountId: LENIENT, iam: { strict: 1 } }] },
      'seed object (accounts[0].iam.strict): must be true or false',
    ],
    [
      'a description over 1000 characters',
      { roles: [{ roleName: 'r', trustPolicy: POD_IDENTITY_DEFAULT, description: 'd'.repeat(1001) }], clusters: [] },
      'seed object (roles[0].description): must be at most 1000 characters, received 1001.',
    ],
    [
      'a reserved tag key',
      { roles: [{ roleName: 'r', trustPolicy: POD_IDENTITY_DEFAULT, tags: { 'aws:x': 'y' } }], clusters: [] },
      "seed object (roles[0].tags): Tag keys starting with 'aws:' are reserved for AWS use",
    ],
    [
      'a deleted role with a trust policy',
      { roles: [{ roleName: 'r', deleted: true, trustPolicy: POD_IDENTITY_DEFAULT }], clusters: [] },
      'seed object (roles[0].trustPolicy): a deleted role has nothing but its roleName (or arn) and path.',
    ],
    [
      'a role both listed and deleted',
      { roles: ['arn:aws:iam::000000000000:role/r', { roleName: 'r', deleted: true }], clusters: [] },
      'seed object (roles[1]): names the role r of account 000000000000, which roles[0] lists already; a role is listed once.',
    ],
    [
      'a createDate that is no date',
      { roles: [{ roleName: 'r', trustPolicy: POD_IDENTITY_DEFAULT, createDate: 'soon' }], clusters: [] },
      'seed object (roles[0].createDate): must be an ISO-8601 date string or epoch seconds',
    ],
    [
      'a condition key the emulator does not supply',
      {
        roles: [
          {
            roleName: 'r',
            trustPolicy: {
              Statement: {
                Effect: 'Allow',
                Principal: '*',
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'aws:SourceIp': '10.0.0.1' } },
              },
            },
          },
        ],
        clusters: [],
      },
      "seed object (roles[0].trustPolicy.Statement.Condition.StringEquals): the condition key 'aws:SourceIp' is not supported by the emulator",
    ],
    [
      'a Null condition on something else than true or false',
      {
        roles: [
          {
            roleName: 'r',
            trustPolicy: {
              Statement: {
                Effect: 'Allow',
                Principal: '*',
                Action: 'sts:AssumeRole',
                Condition: { Null: { 'aws:SourceArn': 'maybe' } },
              },
            },
          },
        ],
        clusters: [],
      },
      'seed object (roles[0].trustPolicy.Statement.Condition.Null.aws:SourceArn): a Null condition takes "true" or "false".',
    ],
  ])('a seed with %s does not start', async (_label, bad, message) => {
    await expect(start({ seed: bad as unknown as MultiAccountSeedFile })).rejects.toThrow(message);
  });
});
