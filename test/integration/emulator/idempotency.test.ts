/** clientRequestToken idempotency of Create and Update. */
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  UpdatePodIdentityAssociationCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import type { RunningEmulator, SeedFile } from '../../../src/emulator';
import { control, eks, expectError, raw, role, start } from './helpers';

let emulator: RunningEmulator;
let client: EKSClient;

beforeAll(async () => {
  emulator = await start({
    seed: {
      clusters: [
        { name: 'alpha', region: 'us-east-1' },
        { name: 'beta', region: 'us-east-1' },
      ],
    },
  });
  client = eks(emulator.url);
});
afterAll(async () => {
  client.destroy();
  await emulator.close();
});

async function associationsIn(cluster: string) {
  const state = await control<SeedFile>(emulator.url, `state?cluster=${cluster}`);
  return state.clusters.flatMap((c) => c.associations ?? []);
}

describe('CreatePodIdentityAssociation', () => {
  test('the same token with the same parameters answers the original response and creates nothing more', async () => {
    const input = {
      clusterName: 'alpha',
      namespace: 'idem',
      serviceAccount: 'create',
      roleArn: role('r'),
      tags: { a: '1' },
      clientRequestToken: 'token-create-1',
    };
    const first = await client.send(new CreatePodIdentityAssociationCommand(input));
    const second = await client.send(new CreatePodIdentityAssociationCommand({ ...input, tags: { a: '1' } }));
    expect(second.$metadata.httpStatusCode).toBe(200);
    expect(second.association).toEqual(first.association);
    const matching = (await associationsIn('alpha')).filter(
      (a) => a.namespace === 'idem' && a.serviceAccount === 'create',
    );
    expect(matching).toHaveLength(1);
    expect(matching[0]?.associationId).toBe(first.association?.associationId);
  });

  test('the same token with different parameters is an InvalidRequestException', async () => {
    const input = {
      clusterName: 'alpha',
      namespace: 'idem',
      serviceAccount: 'conflict',
      roleArn: role('r'),
      clientRequestToken: 'token-create-2',
    };
    await client.send(new CreatePodIdentityAssociationCommand(input));
    await expectError(
      client.send(new CreatePodIdentityAssociationCommand({ ...input, roleArn: role('other') })),
      'InvalidRequestException',
      400,
      /clientRequestToken token-create-2 was already used for a CreatePodIdentityAssociation request with different parameters/,
    );
    await expectError(
      client.send(new CreatePodIdentityAssociationCommand({ ...input, serviceAccount: 'conflict-2' })),
      'InvalidRequestException',
      400,
    );
  });

  test('a token is scoped to its cluster', async () => {
    const input = {
      namespace: 'idem',
      serviceAccount: 'scoped',
      roleArn: role('r'),
      clientRequestToken: 'token-create-3',
    };
    const a = await client.send(new CreatePodIdentityAssociationCommand({ clusterName: 'alpha', ...input }));
    const b = await client.send(new CreatePodIdentityAssociationCommand({ clusterName: 'beta', ...input }));
    expect(b.association?.associationId).not.toBe(a.association?.associationId);
    expect(b.association?.clusterName).toBe('beta');
  });

  test('a repeat after the association was deleted still answers the original result', async () => {
    const input = {
      clusterName: 'alpha',
      namespace: 'idem',
      serviceAccount: 'deleted',
      roleArn: role('r'),
      clientRequestToken: 'token-create-4',
    };
    const first = await client.send(new CreatePodIdentityAssociationCommand(input));
    await client.send(
      new DeletePodIdentityAssociationCommand({
        clusterName: 'alpha',
        associationId: first.association?.associationId,
      }),
    );
    const again = await client.send(new CreatePodIdentityAssociationCommand(input));
    expect(again.association).toEqual(first.association);
    expect((await associationsIn('alpha')).filter((a) => a.serviceAccount === 'deleted')).toHaveLength(0);
  });

  test('without a token every request is a new one (a duplicate is then a 409)', async () => {
    const body = JSON.stringify({ namespace: 'idem', serviceAccount: 'tokenless', roleArn: role('r') });
    const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    expect((await raw(emulator.url, '/clusters/alpha/pod-identity-associations', request)).status).toBe(200);
    const second = await raw(emulator.url, '/clusters/alpha/pod-identity-associations', request);
    expect(second.status).toBe(409);
  });

  test('the SDK fills a fresh token per call when none is given', async () => {
    const input = { clusterName: 'alpha', namespace: 'idem', serviceAccount: 'sdk-token', roleArn: role('r') };
    await client.send(new CreatePodIdentityAssociationCommand(input));
    await expectError(client.send(new CreatePodIdentityAssociationCommand(input)), 'ResourceInUseException', 409);
  });
});

describe('UpdatePodIdentityAssociation', () => {
  test('a repeat answers the original response and changes nothing further; different parameters are refused', async () => {
    const created = await client.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'alpha',
        namespace: 'idem',
        serviceAccount: 'update',
        roleArn: role('r0'),
      }),
    );
    const associationId = created.association?.associationId;
    const input = { clusterName: 'alpha', associationId, roleArn: role('r1'), clientRequestToken: 'token-update-1' };
    const first = await client.send(new UpdatePodIdentityAssociationCommand(input));
    // Another change in between: the repeat must neither undo it nor bump modifiedAt.
    const between = await client.send(
      new UpdatePodIdentityAssociationCommand({ clusterName: 'alpha', associationId, roleArn: role('r2') }),
    );
    const repeat = await client.send(new UpdatePodIdentityAssociationCommand(input));
    expect(repeat.association).toEqual(first.association);
    const [stored] = (await associationsIn('alpha')).filter((a) => a.associationId === associationId);
    expect(stored?.roleArn).toBe(role('r2'));
    expect(Date.parse(String(stored?.modifiedAt))).toBe(between.association?.modifiedAt?.getTime());
    await expectError(
      client.send(new UpdatePodIdentityAssociationCommand({ ...input, roleArn: role('r3') })),
      'InvalidRequestException',
      400,
      /token-update-1 was already used for a UpdatePodIdentityAssociation request with different parameters/,
    );
  });

  test('a token is scoped to its association', async () => {
    const make = (serviceAccount: string) =>
      client.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: 'alpha',
          namespace: 'idem',
          serviceAccount,
          roleArn: role('r0'),
        }),
      );
    const [a, b] = await Promise.all([make('update-a'), make('update-b')]);
    const token = 'token-update-2';
    await client.send(
      new UpdatePodIdentityAssociationCommand({
        clusterName: 'alpha',
        associationId: a.association?.associationId,
        roleArn: role('x'),
        clientRequestToken: token,
      }),
    );
    const other = await client.send(
      new UpdatePodIdentityAssociationCommand({
        clusterName: 'alpha',
        associationId: b.association?.associationId,
        roleArn: role('x'),
        clientRequestToken: token,
      }),
    );
    expect(other.association?.associationId).toBe(b.association?.associationId);
    expect(other.association?.roleArn).toBe(role('x'));
  });
});
