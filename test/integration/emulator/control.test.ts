/** The control endpoints: health, stats, reset, faults, clusters, state. */
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import type { RunningEmulator, SeedFile } from '../../../src/emulator';
import { control, eks, expectError, role, start } from './helpers';

const OPERATIONS = [
  'CreatePodIdentityAssociation',
  'DescribePodIdentityAssociation',
  'ListPodIdentityAssociations',
  'UpdatePodIdentityAssociation',
  'DeletePodIdentityAssociation',
  'ListClusters',
  'DescribeCluster',
  'ListAddons',
  'DescribeAddon',
  'TagResource',
  'UntagResource',
  'ListTagsForResource',
  'AssumeRole',
  'GetCallerIdentity',
  'GetRole',
];

const seed: SeedFile = {
  clusters: [
    {
      name: 'alpha',
      region: 'us-east-1',
      addons: [{ name: 'eks-pod-identity-agent' }],
      associations: [
        { namespace: 'seeded', serviceAccount: 'one', roleArn: role('one') },
        { namespace: 'seeded', serviceAccount: 'two', roleArn: role('two') },
      ],
    },
  ],
};

let emulator: RunningEmulator;
let client: EKSClient;

beforeAll(async () => {
  emulator = await start({ seed });
  client = eks(emulator.url);
});
afterAll(async () => {
  client.destroy();
  await emulator.close();
});
afterEach(async () => {
  await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
});

interface Stats {
  calls: Record<string, number>;
  total: number;
  byService: Record<string, number>;
}

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return e.$metadata?.httpStatusCode ? e.name : 'dropped';
  }
}

test('GET /_emulator/health', async () => {
  expect(await control(emulator.url, 'health')).toEqual({ status: 'ok' });
});

test('stats count every EKS operation, errors and faults included; reset zeroes them', async () => {
  await control(emulator.url, 'reset', 'POST');
  const zero = await control<Stats>(emulator.url, 'stats');
  expect(zero).toEqual({
    calls: Object.fromEntries(OPERATIONS.map((name) => [name, 0])),
    total: 0,
    byService: { eks: 0, sts: 0, iam: 0 },
  });

  await client.send(new ListClustersCommand({}));
  await client.send(new ListClustersCommand({}));
  await client.send(new DescribeClusterCommand({ name: 'alpha' }));
  await outcome(client.send(new DescribeClusterCommand({ name: 'missing' })));
  await outcome(client.send(new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: 'bad' })));
  await control(emulator.url, 'faults', 'POST', { rates: { ListPodIdentityAssociations: { throttle: 1 } } });
  expect(await outcome(client.send(new ListPodIdentityAssociationsCommand({ clusterName: 'alpha' })))).toBe(
    'ThrottlingException',
  );
  await fetch(`${emulator.url}/nothing`);

  const stats = await control<Stats>(emulator.url, 'stats');
  expect(stats.calls).toEqual({
    ...zero.calls,
    ListClusters: 2,
    DescribeCluster: 2,
    DescribePodIdentityAssociation: 1,
    ListPodIdentityAssociations: 1,
  });
  expect(stats.total).toBe(6);
  expect(stats.byService).toEqual({ eks: 6, sts: 0, iam: 0 });
  expect(await control(emulator.url, 'reset', 'POST')).toEqual({ status: 'ok', stateRestored: false });
  expect((await control<Stats>(emulator.url, 'stats')).total).toBe(0);
});

test('reset?state=true restores the seed state and forgets idempotency tokens', async () => {
  const token = 'reset-token';
  const created = await client.send(
    new CreatePodIdentityAssociationCommand({
      clusterName: 'alpha',
      namespace: 'temp',
      serviceAccount: 'x',
      roleArn: role('x'),
      clientRequestToken: token,
    }),
  );
  const before = await control<SeedFile>(emulator.url, 'state?cluster=alpha');
  const seeded = before.clusters[0]?.associations?.find((a) => a.serviceAccount === 'one');
  await client.send(
    new DeletePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: seeded?.associationId ?? '' }),
  );
  await control(emulator.url, 'clusters', 'POST', { clusters: [{ name: 'added', region: 'us-east-1' }] });

  expect(await control(emulator.url, 'reset?state=true', 'POST')).toEqual({ status: 'ok', stateRestored: true });
  const after = await control<SeedFile>(emulator.url, 'state');
  expect(after.clusters.map((c) => c.name)).toEqual(['alpha']);
  expect(after.clusters[0]?.associations?.map((a) => [a.serviceAccount, a.associationId])).toEqual([
    ['one', seeded?.associationId],
    ['two', before.clusters[0]?.associations?.find((a) => a.serviceAccount === 'two')?.associationId],
  ]);
  expect(after.clusters[0]?.associations?.[0]).toEqual(seeded);
  await expectError(
    client.send(
      new DescribePodIdentityAssociationCommand({
        clusterName: 'alpha',
        associationId: created.association?.associationId,
      }),
    ),
    'ResourceNotFoundException',
    404,
  );
  // The token is forgotten: reusing it with other parameters is a fresh request.
  const again = await client.send(
    new CreatePodIdentityAssociationCommand({
      clusterName: 'alpha',
      namespace: 'temp',
      serviceAccount: 'y',
      roleArn: role('y'),
      clientRequestToken: token,
    }),
  );
  expect(again.association?.serviceAccount).toBe('y');
  await control(emulator.url, 'reset?state=true', 'POST');
});

describe('faults', () => {
  test('GET shows the configuration; POST validates it', async () => {
    expect(await control(emulator.url, 'faults')).toEqual({ latencyMs: 0, jitterMs: 0, seed: 1, rates: {} });
    const config = {
      latencyMs: 2,
      jitterMs: 1,
      seed: 42,
      rates: { '*': { throttle: 0.1, drop: 0.05 }, CreatePodIdentityAssociation: { drop: 0.2 } },
    };
    expect(await control(emulator.url, 'faults', 'POST', config)).toEqual(config);
    expect(await control(emulator.url, 'faults')).toEqual(config);

    const refusals: Array<[unknown, RegExp]> = [
      [{ rates: { '*': { throttle: 1.5 } } }, /throttle rate of \* must be a number between 0 and 1; received '1.5'/],
      [{ rates: { '*': { explode: 0.1 } } }, /Unknown fault kind 'explode'/],
      [{ rates: { CreateCluster: { drop: 0.1 } } }, /Unknown operation 'CreateCluster'/],
      [{ rates: { '*': { throttle: 0.6, server: 0.6 } } }, /add up to 1.2, more than 1/],
      [{ rates: { '*': { throttle: 0.6 }, ListClusters: { server: 0.6 } } }, /rates of ListClusters add up to 1.2/],
      [{ latencyMs: -1 }, /latencyMs must be a number of milliseconds/],
      [{ seed: 1.5 }, /seed must be an integer/],
      [{ rate: {} }, /Unknown fault configuration member 'rate'/],
      [[1], /must be a JSON object; received a JSON array/],
    ];
    for (const [body, message] of refusals) {
      const res = await fetch(`${emulator.url}/_emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-ErrorType')).toMatch(/InvalidParameterException|SerializationException/);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    expect(await control(emulator.url, 'faults')).toEqual(config);
    expect(await control(emulator.url, 'faults', 'DELETE')).toEqual({ latencyMs: 0, jitterMs: 0, seed: 1, rates: {} });
  });

  test.each([
    ['throttle', 'ThrottlingException', 429, 'Rate exceeded'],
    ['server', 'ServerException', 500, /injected/],
    ['unavailable', 'ServiceUnavailableException', 503, /injected/],
  ] as const)('%s answers %s (%i)', async (kind, name, status, message) => {
    await control(emulator.url, 'faults', 'POST', { rates: { ListClusters: { [kind]: 1 } } });
    await expectError(client.send(new ListClustersCommand({})), name, status, message);
    // Other operations are unaffected.
    await client.send(new DescribeClusterCommand({ name: 'alpha' }));
  });

  test('drop destroys the connection without a response', async () => {
    await control(emulator.url, 'faults', 'POST', { rates: { '*': { drop: 1 } } });
    let caught: { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
    await client.send(new ListClustersCommand({})).catch((error: unknown) => {
      caught = error as typeof caught;
    });
    expect(caught).toBeDefined();
    expect(caught?.$metadata?.httpStatusCode).toBeUndefined();
    expect(caught?.code ?? caught?.name).toMatch(/ECONNRESET|socket hang up|Error/i);
  });

  test("an operation's own rates override '*' kind by kind", async () => {
    await control(emulator.url, 'faults', 'POST', {
      rates: { '*': { throttle: 1 }, DescribeCluster: { throttle: 0 } },
    });
    expect(await outcome(client.send(new DescribeClusterCommand({ name: 'alpha' })))).toBe('ok');
    expect(await outcome(client.send(new ListClustersCommand({})))).toBe('ThrottlingException');
  });

  test('the PRNG is seeded: the same seed gives the same sequence of decisions, another seed another', async () => {
    const run = async (faultSeed: number) => {
      await control(emulator.url, 'faults', 'POST', {
        seed: faultSeed,
        rates: { '*': { throttle: 0.3, server: 0.2, unavailable: 0.2 } },
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) outcomes.push(await outcome(client.send(new ListClustersCommand({}))));
      return outcomes;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(new Set(first)).toEqual(
      new Set(['ok', 'ThrottlingException', 'ServerException', 'ServiceUnavailableException']),
    );
    expect(await run(43)).not.toEqual(first);
  });

  test('a dropped mutation is applied half of the time before the connection goes', async () => {
    await control(emulator.url, 'faults', 'POST', { seed: 7, rates: { CreatePodIdentityAssociation: { drop: 1 } } });
    const names = Array.from({ length: 20 }, (_, i) => `dropped-${i}`);
    for (const serviceAccount of names) {
      expect(
        await outcome(
          client.send(
            new CreatePodIdentityAssociationCommand({
              clusterName: 'alpha',
              namespace: 'drops',
              serviceAccount,
              roleArn: role('d'),
            }),
          ),
        ),
      ).toBe('dropped');
    }
    await control(emulator.url, 'faults', 'DELETE');
    const state = await control<SeedFile>(emulator.url, 'state?cluster=alpha');
    const applied = (state.clusters[0]?.associations ?? []).filter((a) => a.namespace === 'drops');
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.length).toBeLessThan(20);
  });

  test('with drops after apply, SDK retries carrying the same clientRequestToken never create twice', async () => {
    await control(emulator.url, 'faults', 'POST', { seed: 11, rates: { CreatePodIdentityAssociation: { drop: 0.5 } } });
    await control(emulator.url, 'reset', 'POST');
    const retrying = eks(emulator.url, 'us-east-1', { maxAttempts: 10 });
    const results = [];
    for (let i = 0; i < 12; i++) {
      const { association } = await retrying.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: 'alpha',
          namespace: 'retries',
          serviceAccount: `sa-${i}`,
          roleArn: role('r'),
        }),
      );
      results.push(association);
    }
    retrying.destroy();
    const stats = await control<Stats>(emulator.url, 'stats');
    expect(stats.calls.CreatePodIdentityAssociation).toBeGreaterThan(12); // some attempts were dropped and retried
    const state = await control<SeedFile>(emulator.url, 'state?cluster=alpha');
    const stored = (state.clusters[0]?.associations ?? []).filter((a) => a.namespace === 'retries');
    expect(stored.map((a) => a.associationId)).toEqual(results.map((a) => a?.associationId));
  });
});

describe('clusters and state', () => {
  test('POST /_emulator/clusters adds clusters with add-ons and associations; a duplicate is a 409', async () => {
    const body = {
      clusters: [
        {
          name: 'runtime',
          region: 'ap-south-1',
          version: '1.33',
          addons: [{ name: 'eks-pod-identity-agent' }, { name: 'owner' }],
          associations: [
            { namespace: 'a', serviceAccount: 'b', roleArn: role('ab'), tags: { k: 'v' } },
            { namespace: 'a', serviceAccount: 'c', roleArn: role('ac'), ownerAddon: 'owner' },
          ],
        },
      ],
    };
    const added = await control<SeedFile>(emulator.url, 'clusters', 'POST', body);
    expect(added.clusters).toHaveLength(1);
    expect(added.clusters[0]).toMatchObject({ name: 'runtime', region: 'ap-south-1', version: '1.33' });
    expect(added.clusters[0]?.associations?.[0]).toMatchObject({
      namespace: 'a',
      serviceAccount: 'b',
      associationId: expect.stringMatching(/^a-[a-z0-9]{17}$/),
      tags: { k: 'v' },
    });

    const south = eks(emulator.url, 'ap-south-1');
    const { associations } = await south.send(new ListPodIdentityAssociationsCommand({ clusterName: 'runtime' }));
    expect(associations?.map((a) => [a.serviceAccount, Boolean(a.ownerArn)])).toEqual([
      ['b', false],
      ['c', true],
    ]);
    south.destroy();

    const again = await fetch(`${emulator.url}/_emulator/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('x-amzn-ErrorType')).toBe('ResourceInUseException');

    const invalid = await fetch(`${emulator.url}/_emulator/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clusters: [
          {
            name: 'ok',
            associations: [
              { namespace: 'a', serviceAccount: 'b', roleArn: role('x') },
              { namespace: 'BAD', serviceAccount: 'b', roleArn: role('y') },
            ],
          },
        ],
      }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toMatch(
      /^request body \(clusters\[0\]\.associations\[1\]\.namespace\): The parameter namespace must be a DNS-1123 label/,
    );
    // All or nothing: the valid cluster of a refused request was not added.
    const state = await control<SeedFile>(emulator.url, 'state?cluster=ok');
    expect(state.clusters).toEqual([]);
  });

  test('GET /_emulator/state answers the state in the seed format, filtered by region and cluster', async () => {
    const all = await control<SeedFile>(emulator.url, 'state');
    expect(all.accountId).toBe('000000000000');
    expect(all.clusters.length).toBeGreaterThanOrEqual(1);
    const alpha = await control<SeedFile>(emulator.url, 'state?region=us-east-1&cluster=alpha');
    expect(alpha.clusters.map((c) => c.name)).toEqual(['alpha']);
    expect(alpha.clusters[0]).toMatchObject({
      region: 'us-east-1',
      status: 'ACTIVE',
      addons: [expect.objectContaining({ name: 'eks-pod-identity-agent', status: 'ACTIVE' })],
    });
    expect(alpha.clusters[0]?.associations?.[0]).toEqual({
      associationId: expect.stringMatching(/^a-/),
      namespace: expect.any(String),
      serviceAccount: expect.any(String),
      roleArn: expect.any(String),
      targetRoleArn: null,
      externalId: null,
      disableSessionTags: false,
      policy: null,
      tags: {},
      ownerAddon: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      modifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await control<SeedFile>(emulator.url, 'state?region=eu-west-1')).clusters).toEqual([]);
    // The state loads back as a seed.
    const copy = await start({ seed: alpha });
    try {
      expect(await control<SeedFile>(copy.url, 'state')).toEqual(alpha);
    } finally {
      await copy.close();
    }
  });

  test('control paths answer 404 and 405 in the wire format', async () => {
    const unknown = await fetch(`${emulator.url}/_emulator/stats/extra`);
    expect([unknown.status, unknown.headers.get('x-amzn-ErrorType')]).toEqual([404, 'UnknownOperationException']);
    const wrong = await fetch(`${emulator.url}/_emulator/health`, { method: 'POST' });
    expect([wrong.status, wrong.headers.get('x-amzn-ErrorType')]).toEqual([405, 'MethodNotAllowedException']);
    const badReset = await fetch(`${emulator.url}/_emulator/reset?state=maybe`, { method: 'POST' });
    expect(badReset.status).toBe(400);
  });
});
