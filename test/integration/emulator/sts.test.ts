/**
 * STS on the emulator's endpoint, through the real @aws-sdk/client-sts: AssumeRole against
 * seeded trust policies, GetCallerIdentity, the validation and error shapes of the query
 * protocol, expiry on the emulator's clock, stats and faults.
 */
import { ListClustersCommand } from '@aws-sdk/client-eks';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  type AssumeRoleCommandInput,
  type STSClient,
} from '@aws-sdk/client-sts';
import type { MultiAccountSeedFile, RunningEmulator } from '../../../src/emulator';
import { assume, authorization, control, eks, expectError, start, staticKey, sts, type Credentials } from './helpers';

const HOME = '111111111111';
const MEMBER = '222222222222';
const STRANGER = '444444444444';

const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
});

const seed: MultiAccountSeedFile = {
  accounts: [
    {
      accountId: HOME,
      name: 'home',
      accessKeys: ['home-key', { accessKeyId: 'alice-key', userName: 'alice' }],
      roles: [
        {
          roleName: 'chain-target',
          maxSessionDuration: 7200,
          trustPolicy: allow({ AWS: `arn:aws:iam::${MEMBER}:role/reader` }),
        },
      ],
      clusters: [{ name: 'home-cluster' }],
    },
    {
      accountId: MEMBER,
      name: 'member',
      roles: [
        { roleName: 'reader', trustPolicy: allow({ AWS: HOME }) },
        {
          roleName: 'with-external-id',
          trustPolicy: allow(
            { AWS: `arn:aws:iam::${HOME}:root` },
            { Condition: { StringEquals: { 'sts:ExternalId': 'expected-id' } } },
          ),
        },
        { roleName: 'long', path: '/ops/', maxSessionDuration: 7200, trustPolicy: JSON.stringify(allow('*')) },
        {
          arn: `arn:aws:iam::${MEMBER}:role/alice-only`,
          trustPolicy: allow({ AWS: [`arn:aws:iam::${HOME}:user/alice`] }),
        },
        {
          roleName: 'guarded',
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: HOME }, Action: 'sts:*' },
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 'sts:AssumeRole',
                Condition: { StringLike: { 'sts:RoleSessionName': 'blocked-*' } },
              },
            ],
          },
        },
        { roleName: 'pods-only', trustPolicy: allow({ Service: 'pods.eks.amazonaws.com' }) },
        `arn:aws:iam::${MEMBER}:role/teams/path-only`,
      ],
      clusters: [{ name: 'member-cluster' }],
    },
  ],
};

const role = (name: string, account = MEMBER) => `arn:aws:iam::${account}:role/${name}`;

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await start({ seed });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(async () => {
  await control(emulator.url, 'faults', 'DELETE');
  await control(emulator.url, 'clock', 'DELETE');
});

async function withSts<T>(credentials: Credentials, use: (client: STSClient) => Promise<T>): Promise<T> {
  const client = sts(emulator.url, credentials);
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

function whoAmI(credentials: Credentials) {
  return withSts(credentials, (client) => client.send(new GetCallerIdentityCommand({})));
}

function assumeRole(input: Partial<AssumeRoleCommandInput>, as: Credentials = staticKey()) {
  return withSts(as, (client) =>
    client.send(new AssumeRoleCommand({ RoleArn: role('reader'), RoleSessionName: 'test-session', ...input })),
  );
}

const denied = (caller: string, roleArn: string) =>
  `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;

describe('GetCallerIdentity', () => {
  test.each([
    [
      'a key the seed does not list: the default account root',
      'test',
      { Account: HOME, Arn: `arn:aws:iam::${HOME}:root`, UserId: HOME },
    ],
    [
      'a key listed under the default account',
      'home-key',
      { Account: HOME, Arn: `arn:aws:iam::${HOME}:root`, UserId: HOME },
    ],
    [
      'a 12-digit key: that account root',
      MEMBER,
      { Account: MEMBER, Arn: `arn:aws:iam::${MEMBER}:root`, UserId: MEMBER },
    ],
    [
      'a key of an IAM user',
      'alice-key',
      { Account: HOME, Arn: `arn:aws:iam::${HOME}:user/alice`, UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/) },
    ],
  ])('%s', async (_label, key, expected) => {
    const answer = await whoAmI(staticKey(key));
    expect({ Account: answer.Account, Arn: answer.Arn, UserId: answer.UserId }).toEqual(expected);
  });

  test('assumed-role credentials: the session of the role', async () => {
    const credentials = await assume(emulator.url, { RoleArn: role('reader'), RoleSessionName: 'who-am-i' });
    const answer = await whoAmI(credentials);
    expect(answer).toMatchObject({
      Account: MEMBER,
      Arn: `arn:aws:sts::${MEMBER}:assumed-role/reader/who-am-i`,
      UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:who-am-i$/),
    });
  });
});

describe('AssumeRole', () => {
  test('answers temporary credentials of the role, for an hour by default, on the emulator clock', async () => {
    const answer = await assumeRole({ RoleSessionName: 'gateway' });
    const clock = await control<{ now: string }>(emulator.url, 'clock');
    expect(answer.Credentials).toEqual({
      AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      SecretAccessKey: expect.stringMatching(/^\S{40}$/),
      SessionToken: expect.any(String),
      Expiration: expect.any(Date),
    });
    const expiresIn = (answer.Credentials!.Expiration!.getTime() - Date.parse(clock.now)) / 1000;
    expect(expiresIn).toBeGreaterThan(3590);
    expect(expiresIn).toBeLessThanOrEqual(3600);
    expect(answer.AssumedRoleUser).toEqual({
      Arn: `arn:aws:sts::${MEMBER}:assumed-role/reader/gateway`,
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:gateway$/),
    });
    expect(answer.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // The role keeps its id: a second session has the same one.
    const again = await assumeRole({ RoleSessionName: 'gateway' });
    expect(again.AssumedRoleUser?.AssumedRoleId).toBe(answer.AssumedRoleUser?.AssumedRoleId);
    expect(again.Credentials?.AccessKeyId).not.toBe(answer.Credentials?.AccessKeyId);
  });

  test('a role the caller is not trusted by, or that does not exist, is AccessDenied with the same message', async () => {
    const root = `arn:aws:iam::${HOME}:root`;
    for (const roleArn of [
      role('pods-only'), // trusts a service principal only
      role('alice-only'), // trusts a user of the default account, not its root
      role('no-such-role'),
      role('teams/path-only'), // listed for its path, with no trust policy
      role('ops/reader'), // reader lives at /, not /ops/
      role('reader', STRANGER), // no role of that name in that account
    ]) {
      await expectError(assumeRole({ RoleArn: roleArn }), 'AccessDenied', 403, denied(root, roleArn));
    }
  });

  test('the principals a trust policy names: account id, root ARN, user ARN, *; a Deny wins', async () => {
    await expect(assumeRole({ RoleArn: role('reader') })).resolves.toBeDefined();
    await expect(assumeRole({ RoleArn: role('ops/long') }, staticKey(MEMBER))).resolves.toBeDefined();
    await expect(assumeRole({ RoleArn: role('alice-only') }, staticKey('alice-key'))).resolves.toBeDefined();
    await expectError(
      assumeRole({ RoleArn: role('reader') }, staticKey(MEMBER)),
      'AccessDenied',
      403,
      denied(`arn:aws:iam::${MEMBER}:root`, role('reader')),
    );
    await expect(assumeRole({ RoleArn: role('guarded'), RoleSessionName: 'allowed-session' })).resolves.toBeDefined();
    await expectError(
      assumeRole({ RoleArn: role('guarded'), RoleSessionName: 'blocked-session' }),
      'AccessDenied',
      403,
      denied(`arn:aws:iam::${HOME}:root`, role('guarded')),
    );
  });

  test('a StringEquals sts:ExternalId condition needs that very ExternalId', async () => {
    const roleArn = role('with-external-id');
    const message = denied(`arn:aws:iam::${HOME}:root`, roleArn);
    await expectError(assumeRole({ RoleArn: roleArn }), 'AccessDenied', 403, message);
    await expectError(assumeRole({ RoleArn: roleArn, ExternalId: 'wrong-id' }), 'AccessDenied', 403, message);
    await expect(assumeRole({ RoleArn: roleArn, ExternalId: 'expected-id' })).resolves.toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${MEMBER}:assumed-role/with-external-id/test-session` },
    });
  });

  test('DurationSeconds: 900 up to the role MaxSessionDuration', async () => {
    const clock = Date.parse((await control<{ now: string }>(emulator.url, 'clock')).now);
    const shortest = await assumeRole({ DurationSeconds: 900 });
    expect(Math.round((shortest.Credentials!.Expiration!.getTime() - clock) / 1000 / 60)).toBe(15);
    await expect(assumeRole({ DurationSeconds: 3600 })).resolves.toBeDefined();
    await expect(assumeRole({ RoleArn: role('ops/long'), DurationSeconds: 7200 })).resolves.toBeDefined();

    await expectError(
      assumeRole({ DurationSeconds: 899 }),
      'ValidationError',
      400,
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    await expectError(
      assumeRole({ DurationSeconds: 43201 }),
      'ValidationError',
      400,
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    await expectError(
      assumeRole({ DurationSeconds: 3601 }),
      'ValidationError',
      400,
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    await expectError(
      assumeRole({ RoleArn: role('ops/long'), DurationSeconds: 7201 }),
      'ValidationError',
      400,
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  });

  test('RoleSessionName, RoleArn and ExternalId are validated, every violation in one message', async () => {
    await expectError(
      assumeRole({ RoleSessionName: 'x' }),
      'ValidationError',
      400,
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
    await expectError(
      assumeRole({ RoleSessionName: 'has space' }),
      'ValidationError',
      400,
      "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    await expectError(
      assumeRole({ RoleSessionName: 's'.repeat(65) }),
      'ValidationError',
      400,
      /at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64$/,
    );
    await expect(assumeRole({ RoleSessionName: `a+=,.@-_${'z'.repeat(56)}` })).resolves.toBeDefined();
    await expectError(
      assumeRole({ RoleArn: 'short', RoleSessionName: 'x', ExternalId: 'e' }),
      'ValidationError',
      400,
      "3 validation errors detected: Value 'short' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value 'e' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
    await expectError(
      assumeRole({ RoleArn: 'arn:aws:s3:::a-bucket-of-mine' }),
      'ValidationError',
      400,
      /^arn:aws:s3:::a-bucket-of-mine is invalid: RoleArn must be the ARN of an IAM role/,
    );
  });

  test('role chaining: a role that trusts another role lets its sessions in, for at most an hour', async () => {
    const reader = await assume(emulator.url, { RoleArn: role('reader'), RoleSessionName: 'first-hop' });
    const chained = await assumeRole({ RoleArn: role('chain-target', HOME), RoleSessionName: 'second-hop' }, reader);
    expect(chained.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${HOME}:assumed-role/chain-target/second-hop`);
    await expectError(
      assumeRole({ RoleArn: role('chain-target', HOME), DurationSeconds: 3601 }, reader),
      'ValidationError',
      400,
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    // The root of the role's own account is not a session of the trusted role.
    await expectError(
      assumeRole({ RoleArn: role('chain-target', HOME) }, staticKey(MEMBER)),
      'AccessDenied',
      403,
      denied(`arn:aws:iam::${MEMBER}:root`, role('chain-target', HOME)),
    );
  });
});

describe('temporary credentials', () => {
  test('expire on the emulator clock: EKS answers ExpiredTokenException, STS ExpiredToken', async () => {
    const credentials = await assume(emulator.url, {
      RoleArn: role('reader'),
      RoleSessionName: 'short-lived',
      DurationSeconds: 900,
    });
    const client = eks(emulator.url, 'us-east-1', { credentials });
    try {
      await expect(client.send(new ListClustersCommand({}))).resolves.toMatchObject({ clusters: ['member-cluster'] });
      // Still good well before the 900 seconds are over (the margin is longer than any test runs)...
      const moved = await control<{ offsetSeconds: number }>(emulator.url, 'clock', 'POST', { advanceSeconds: 800 });
      expect(moved.offsetSeconds).toBe(800);
      await expect(client.send(new ListClustersCommand({}))).resolves.toMatchObject({ clusters: ['member-cluster'] });
      // ...and expired once 900 seconds have passed on the emulator's clock since they were issued.
      await control(emulator.url, 'clock', 'POST', { advanceSeconds: 100 });
      await expectError(
        client.send(new ListClustersCommand({})),
        'ExpiredTokenException',
        403,
        'The security token included in the request is expired',
      );
      await expectError(
        whoAmI(credentials),
        'ExpiredToken',
        403,
        'The security token included in the request is expired',
      );
      // Static credentials do not expire.
      await expect(whoAmI(staticKey())).resolves.toMatchObject({ Account: HOME });
    } finally {
      client.destroy();
    }
    expect(await control(emulator.url, 'clock', 'DELETE')).toEqual({ now: expect.any(String), offsetSeconds: 0 });
  });

  test('credentials this emulator did not issue are refused: UnrecognizedClientException on EKS, InvalidClientTokenId on STS', async () => {
    const issued = await assume(emulator.url, { RoleArn: role('reader'), RoleSessionName: 'genuine' });
    const forged: Credentials[] = [
      { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'x', sessionToken: 'not-a-token-of-ours' },
      { ...issued, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' }, // another key with a genuine token
      { ...issued, sessionToken: `${issued.sessionToken!.slice(0, -4)}AAAA` }, // an altered token
      { accessKeyId: issued.accessKeyId, secretAccessKey: 'x' }, // no token at all
      { accessKeyId: 'test', secretAccessKey: 'x', sessionToken: issued.sessionToken! }, // a long-term key with a token
    ];
    for (const credentials of forged) {
      const client = eks(emulator.url, 'us-east-1', { credentials });
      try {
        await expectError(
          client.send(new ListClustersCommand({})),
          'UnrecognizedClientException',
          403,
          'The security token included in the request is invalid.',
        );
      } finally {
        client.destroy();
      }
      await expectError(
        whoAmI(credentials),
        'InvalidClientTokenId',
        403,
        'The security token included in the request is invalid.',
      );
    }
  });
});

describe('the wire', () => {
  async function post(body: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: {
        authorization: authorization('us-east-1', 'sts'),
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        ...headers,
      },
      body,
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      requestId: res.headers.get('x-amzn-requestid'),
      text: await res.text(),
    };
  }

  test('answers are STS XML; errors an ErrorResponse with Type, Code, Message and the RequestId', async () => {
    const ok = await post('Action=GetCallerIdentity&Version=2011-06-15');
    expect(ok).toMatchObject({ status: 200, contentType: 'text/xml' });
    expect(ok.text).toBe(
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${HOME}:root</Arn><UserId>${HOME}</UserId><Account>${HOME}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${ok.requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>\n`,
    );
    const refused = await post(
      `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(role('pods-only'))}&RoleSessionName=s1`,
    );
    expect(refused.status).toBe(403);
    expect(refused.text).toBe(
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${denied(`arn:aws:iam::${HOME}:root`, role('pods-only'))}</Message></Error><RequestId>${refused.requestId}</RequestId></ErrorResponse>\n`,
    );
  });

  test.each([
    ['no Action', 'Version=2011-06-15', {}, 400, 'MissingAction', 'Missing Action'],
    [
      'a JSON body',
      '{"Action":"GetCallerIdentity"}',
      { 'content-type': 'application/json' },
      400,
      'MissingAction',
      /content-type application\/x-www-form-urlencoded; received 'application\/json'/,
    ],
    [
      'an action STS has not here',
      'Action=AssumeRoleWithSAML&Version=2011-06-15',
      {},
      400,
      'InvalidAction',
      'Could not find operation AssumeRoleWithSAML for version 2011-06-15',
    ],
    [
      'another version',
      'Action=GetCallerIdentity&Version=2010-05-08',
      {},
      400,
      'InvalidAction',
      'Could not find operation GetCallerIdentity for version 2010-05-08',
    ],
    [
      'a scope of another shape',
      'Action=GetCallerIdentity&Version=2011-06-15',
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/2026/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0',
      },
      400,
      'IncompleteSignature',
      /scope date must be yyyymmdd/,
    ],
  ])('%s', async (_label, body, headers, status, code, message) => {
    const answer = await post(body, headers);
    expect(answer.status).toBe(status);
    expect(answer.text).toContain(`<Code>${code}</Code>`);
    const text = /<Message>(.*)<\/Message>/.exec(answer.text)?.[1] ?? '';
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text.replace(/&apos;/g, "'")).toMatch(message);
  });

  test('the parameters may come in the query string, as the query protocol allows', async () => {
    const res = await fetch(`${emulator.url}/?Action=GetCallerIdentity&Version=2011-06-15`, {
      headers: { authorization: authorization('eu-west-1', 'sts', MEMBER) },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`<Account>${MEMBER}</Account>`);
  });
});

describe('stats and faults', () => {
  test('stats count STS calls by operation, refused ones included, beside the EKS calls', async () => {
    await control(emulator.url, 'reset', 'POST');
    await assumeRole({});
    await expectError(assumeRole({ RoleArn: role('pods-only') }), 'AccessDenied', 403);
    await whoAmI(staticKey());
    const client = eks(emulator.url);
    await client.send(new ListClustersCommand({}));
    client.destroy();
    const stats = await control<{ calls: Record<string, number>; total: number; byService: Record<string, number> }>(
      emulator.url,
      'stats',
    );
    expect(stats.calls).toMatchObject({ AssumeRole: 2, GetCallerIdentity: 1, ListClusters: 1 });
    expect({ total: stats.total, byService: stats.byService }).toEqual({
      total: 4,
      byService: { eks: 1, sts: 3, iam: 0 },
    });
  });

  test.each([
    ['throttle', 'Throttling', 400, 'Rate exceeded'],
    ['server', 'InternalFailure', 500, /injected by the emulator fault configuration/],
    ['unavailable', 'ServiceUnavailable', 503, /injected by the emulator fault configuration/],
  ])('a %s fault reaches the SDK as %s (%d)', async (kind, name, status, message) => {
    await control(emulator.url, 'faults', 'POST', { rates: { AssumeRole: { [kind]: 1 } } });
    await expectError(assumeRole({}), name, status, message);
    // Other operations are untouched by an AssumeRole rate.
    await expect(whoAmI(staticKey())).resolves.toMatchObject({ Account: HOME });
  });

  test('the SDK retries a throttled AssumeRole; `*` rates cover STS too; drop and malformed', async () => {
    await control(emulator.url, 'reset', 'POST');
    await control(emulator.url, 'faults', 'POST', { rates: { '*': { throttle: 1 } } });
    const retrying = sts(emulator.url, staticKey(), { maxAttempts: 2 });
    try {
      await expectError(
        retrying.send(new AssumeRoleCommand({ RoleArn: role('reader'), RoleSessionName: 'retried' })),
        'Throttling',
        400,
      );
    } finally {
      retrying.destroy();
    }
    expect((await control<{ calls: Record<string, number> }>(emulator.url, 'stats')).calls.AssumeRole).toBe(2);

    await control(emulator.url, 'faults', 'POST', { rates: { '*': {}, AssumeRole: { drop: 1 } } });
    const dropped = await assumeRole({}).then(
      () => null,
      (error: { $metadata?: { httpStatusCode?: number } }) => error,
    );
    expect(dropped).not.toBeNull();
    expect(dropped?.$metadata?.httpStatusCode).toBeUndefined();

    await control(emulator.url, 'faults', 'POST', { rates: { AssumeRole: { malformed: 1 } } });
    // The members are text where structures belong: the SDK reads empty structures, no credentials.
    const malformed = await assumeRole({});
    expect({ Credentials: malformed.Credentials, AssumedRoleUser: malformed.AssumedRoleUser }).toEqual({
      Credentials: {},
      AssumedRoleUser: {},
    });
  });
});
