/** 100,000 associations (20 clusters x 5,000): seeding, filtered pages and deep pages stay correct (and quick). */
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import type { RunningEmulator, SeedCluster } from '../../../src/emulator';
import { eks, expectError, role, start } from './helpers';

const CLUSTERS = 20;
const PER_CLUSTER = 5000;
const NAMESPACES = 50;

function bigCluster(index: number): SeedCluster {
  const name = `big-${String(index).padStart(2, '0')}`;
  return {
    name,
    region: 'us-east-1',
    associations: Array.from({ length: PER_CLUSTER }, (_, i) => ({
      namespace: `ns-${i % NAMESPACES}`,
      serviceAccount: `sa-${i}`,
      roleArn: role(`${name}-sa-${i}`),
    })),
  };
}

let emulator: RunningEmulator;
let client: EKSClient;

beforeAll(async () => {
  emulator = await start({ seed: { clusters: Array.from({ length: CLUSTERS }, (_, i) => bigCluster(i)) } });
  client = eks(emulator.url);
}, 60_000);
afterAll(async () => {
  client.destroy();
  await emulator.close();
});

test('a namespace-filtered page of one cluster holds exactly that namespace, in creation order', async () => {
  const first = await client.send(
    new ListPodIdentityAssociationsCommand({ clusterName: 'big-13', namespace: 'ns-7', maxResults: 60 }),
  );
  const second = await client.send(
    new ListPodIdentityAssociationsCommand({
      clusterName: 'big-13',
      namespace: 'ns-7',
      maxResults: 60,
      nextToken: first.nextToken,
    }),
  );
  expect(second.nextToken).toBeUndefined();
  const accounts = [...(first.associations ?? []), ...(second.associations ?? [])].map((a) => a.serviceAccount);
  expect(accounts).toEqual(Array.from({ length: PER_CLUSTER / NAMESPACES }, (_, k) => `sa-${7 + k * NAMESPACES}`));
  const single = await client.send(
    new ListPodIdentityAssociationsCommand({ clusterName: 'big-05', serviceAccount: 'sa-4321' }),
  );
  expect(single.associations?.map((a) => [a.namespace, a.serviceAccount])).toEqual([['ns-21', 'sa-4321']]);
});

test('a traversal to the deepest page of a 5,000-association cluster returns each once, in order', async () => {
  const seen: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'big-19', maxResults: 100, nextToken }),
    );
    seen.push(...(page.associations ?? []).map((a) => a.serviceAccount as string));
    nextToken = page.nextToken;
    pages++;
  } while (nextToken);
  expect(pages).toBe(50);
  expect(seen).toEqual(Array.from({ length: PER_CLUSTER }, (_, i) => `sa-${i}`));
});

test('a full cluster refuses one more; deleting one in the middle makes room and the new one lists last', async () => {
  const input = { clusterName: 'big-00', namespace: 'extra', serviceAccount: 'one-more', roleArn: role('x') };
  await expectError(
    client.send(new CreatePodIdentityAssociationCommand(input)),
    'ResourceLimitExceededException',
    400,
    /limit per cluster is 5000/,
  );
  const middle = await client.send(
    new ListPodIdentityAssociationsCommand({ clusterName: 'big-00', serviceAccount: 'sa-2500' }),
  );
  await client.send(
    new DeletePodIdentityAssociationCommand({
      clusterName: 'big-00',
      associationId: middle.associations?.[0]?.associationId,
    }),
  );
  const created = await client.send(new CreatePodIdentityAssociationCommand(input));
  const extra = await client.send(
    new ListPodIdentityAssociationsCommand({ clusterName: 'big-00', namespace: 'extra' }),
  );
  expect(extra.associations?.map((a) => a.associationId)).toEqual([created.association?.associationId]);
  // Walk to the last page: the newest association is at the very end.
  let nextToken: string | undefined;
  let last: string | undefined;
  do {
    const page = await client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'big-00', maxResults: 100, nextToken }),
    );
    last = page.associations?.[page.associations.length - 1]?.serviceAccount;
    nextToken = page.nextToken;
  } while (nextToken);
  expect(last).toBe('one-more');
});
