/**
 * The per-operation latency fault (`operationLatencyMs`): the operations named stall while the
 * others answer at once.
 */
import {
  CreatePodIdentityAssociationCommand,
  DescribePodIdentityAssociationCommand,
  ListClustersCommand,
} from '@aws-sdk/client-eks';
import type { RunningEmulator } from '../../../src/emulator';
import { pollUntil } from '../../helpers/metrics';
import { control, eks, role, start } from './helpers';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await start({ seed: { clusters: [{ name: 'alpha', region: 'us-east-1' }] } });
});
afterAll(() => emulator.close());
afterEach(() => control(emulator.url, 'faults', 'DELETE'));

test('GET shows it when set; POST validates it; DELETE clears it', async () => {
  const config = { operationLatencyMs: { DescribePodIdentityAssociation: 60_000, ListClusters: 5 } };
  expect(await control(emulator.url, 'faults', 'POST', config)).toEqual({
    latencyMs: 0,
    jitterMs: 0,
    seed: 1,
    rates: {},
    ...config,
  });
  // Left out, it keeps its value.
  expect(await control(emulator.url, 'faults', 'POST', { latencyMs: 3 })).toMatchObject({ latencyMs: 3, ...config });
  const refusals: Array<[unknown, RegExp]> = [
    [{ operationLatencyMs: { CreateCluster: 10 } }, /Unknown operation 'CreateCluster' in operationLatencyMs/],
    [{ operationLatencyMs: { '*': 10 } }, /Unknown operation '\*' in operationLatencyMs/],
    [
      { operationLatencyMs: { ListClusters: 60_001 } },
      /operationLatencyMs\.ListClusters must be a number of milliseconds between 0 and 60000/,
    ],
    [{ operationLatencyMs: [] }, /operationLatencyMs must be an object keyed by operation name; received array/],
  ];
  for (const [body, message] of refusals) {
    const res = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
  }
  expect(await control(emulator.url, 'faults', 'DELETE')).toEqual({ latencyMs: 0, jitterMs: 0, seed: 1, rates: {} });
});

test('the operations named stall, the others answer at once', async () => {
  await control(emulator.url, 'faults', 'POST', {
    operationLatencyMs: { DescribePodIdentityAssociation: 60_000, CreatePodIdentityAssociation: 60_000 },
  });
  const client = eks(emulator.url);
  try {
    const stalled = new AbortController();
    const describe = client.send(
      new DescribePodIdentityAssociationCommand({ clusterName: 'alpha', associationId: 'a-00000000000000000' }),
      {
        abortSignal: stalled.signal,
      },
    );
    const create = new AbortController();
    const creating = client.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'alpha',
        namespace: 'late',
        serviceAccount: 'api',
        roleArn: role('late'),
      }),
      { abortSignal: create.signal },
    );
    const arrived = () => control<{ calls: Record<string, number> }>(emulator.url, 'stats');
    await pollUntil(
      arrived,
      (s) => s.calls.DescribePodIdentityAssociation === 1 && s.calls.CreatePodIdentityAssociation === 1,
    );
    // The stall is a minute, twice the test timeout: ListClusters answers while it lasts.
    expect((await client.send(new ListClustersCommand({}))).clusters).toEqual(['alpha']);
    stalled.abort();
    create.abort();
    await expect(describe).rejects.toMatchObject({ name: 'AbortError' });
    await expect(creating).rejects.toMatchObject({ name: 'AbortError' });
    expect((await arrived()).calls).toMatchObject({
      DescribePodIdentityAssociation: 1,
      CreatePodIdentityAssociation: 1,
      ListClusters: 1,
    });
  } finally {
    client.destroy();
  }
});
