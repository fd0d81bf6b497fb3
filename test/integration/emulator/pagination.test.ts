/** Pagination of ListPodIdentityAssociations: order, filters, token binding, and traversal under concurrent writes. */
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  type EKSClient,
  type ListPodIdentityAssociationsCommandInput,
  type PodIdentityAssociationSummary,
} from '@aws-sdk/client-eks';
import type { RunningEmulator, SeedAssociation, SeedFile } from '../../../src/emulator';
import { control, eks, expectError, role, start } from './helpers';

const NAMESPACES = ['red', 'green', 'blue'];

function numbered(count: number, make: (i: number) => SeedAssociation): SeedAssociation[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

const seed: SeedFile = {
  clusters: [
    {
      name: 'paged',
      region: 'us-east-1',
      associations: numbered(250, (i) => ({
        namespace: NAMESPACES[i % 3] as string,
        serviceAccount: `sa-${i % 50}-${Math.floor(i / 150)}`,
        roleArn: role(`r${i}`),
      })),
    },
    {
      name: 'other',
      region: 'us-east-1',
      associations: numbered(10, (i) => ({ namespace: 'red', serviceAccount: `sa-${i}`, roleArn: role(`o${i}`) })),
    },
    {
      name: 'busy',
      region: 'us-east-1',
      // Survivors and victims interleaved: deleting victims ahead of the cursor would shift an offset-based page.
      associations: numbered(400, (i) => ({
        namespace: i % 2 === 0 ? 'stable' : 'doomed',
        serviceAccount: `sa-${i}`,
        roleArn: role(`b${i}`),
      })),
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

async function traverse(input: ListPodIdentityAssociationsCommandInput, onPage?: () => Promise<void>) {
  const items: PodIdentityAssociationSummary[] = [];
  const sizes: number[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListPodIdentityAssociationsCommand({ ...input, nextToken }));
    items.push(...(page.associations ?? []));
    sizes.push(page.associations?.length ?? 0);
    nextToken = page.nextToken;
    if (onPage) await onPage();
  } while (nextToken);
  return { items, sizes };
}

async function stateOf(cluster: string) {
  const state = await control<SeedFile>(emulator.url, `state?cluster=${cluster}`);
  return state.clusters[0]?.associations ?? [];
}

test('pages hold maxResults summaries in creation order, default 100, and the last page has no nextToken', async () => {
  const expected = (await stateOf('paged')).map((a) => a.associationId);
  const { items, sizes } = await traverse({ clusterName: 'paged', maxResults: 7 });
  expect(items.map((a) => a.associationId)).toEqual(expected);
  expect(sizes).toEqual([...Array(35).fill(7), 5]);
  expect(Object.keys(items[0] ?? {}).sort()).toEqual([
    'associationArn',
    'associationId',
    'clusterName',
    'namespace',
    'serviceAccount',
  ]);
  const byDefault = await client.send(new ListPodIdentityAssociationsCommand({ clusterName: 'paged' }));
  expect(byDefault.associations).toHaveLength(100);
  const exact = await traverse({ clusterName: 'other', maxResults: 10 });
  expect(exact.sizes).toEqual([10]);
});

test('namespace and serviceAccount filters are exact and combine', async () => {
  const all = await stateOf('paged');
  const red = await traverse({ clusterName: 'paged', namespace: 'red', maxResults: 9 });
  expect(red.items.map((a) => a.associationId)).toEqual(
    all.filter((a) => a.namespace === 'red').map((a) => a.associationId),
  );
  const sa = await traverse({ clusterName: 'paged', serviceAccount: 'sa-3-0', maxResults: 1 });
  expect(sa.items.map((a) => a.associationId)).toEqual(
    all.filter((a) => a.serviceAccount === 'sa-3-0').map((a) => a.associationId),
  );
  expect(sa.items.map((a) => a.namespace)).toEqual(['red', 'blue', 'green']);
  const both = await traverse({ clusterName: 'paged', namespace: 'red', serviceAccount: 'sa-3-1' });
  expect(both.items.map((a) => [a.namespace, a.serviceAccount])).toEqual([['red', 'sa-3-1']]);
  expect((await traverse({ clusterName: 'paged', namespace: 'green', serviceAccount: 'sa-3-1' })).items).toEqual([]);
  expect((await traverse({ clusterName: 'paged', namespace: 're' })).items).toEqual([]);
  await expectError(
    client.send(new ListPodIdentityAssociationsCommand({ clusterName: 'paged', namespace: 'Red' })),
    'InvalidParameterException',
    400,
    /namespace must be a DNS-1123 label/,
  );
});

test('maxResults outside 1-100 is an InvalidParameterException', async () => {
  for (const maxResults of [0, 101, -5]) {
    await expectError(
      client.send(new ListPodIdentityAssociationsCommand({ clusterName: 'paged', maxResults })),
      'InvalidParameterException',
      400,
      `The parameter maxResults must be an integer between 1 and 100; received '${maxResults}'.`,
    );
  }
});

describe('tokens that are not ours for this request are refused, never a crash or a wrong page', () => {
  let token: string;
  let redToken: string;
  beforeAll(async () => {
    token =
      (await client.send(new ListPodIdentityAssociationsCommand({ clusterName: 'paged', maxResults: 5 }))).nextToken ??
      '';
    redToken =
      (
        await client.send(
          new ListPodIdentityAssociationsCommand({ clusterName: 'paged', namespace: 'red', maxResults: 5 }),
        )
      ).nextToken ?? '';
    expect(token).not.toBe('');
  });

  const invalid = (
    input: Omit<ListPodIdentityAssociationsCommandInput, 'clusterName'> & { clusterName?: string },
    other = client,
  ) =>
    expectError(
      other.send(new ListPodIdentityAssociationsCommand({ clusterName: 'paged', ...input })),
      'InvalidParameterException',
      400,
      /^The nextToken provided is invalid: /,
    );

  test('forged', async () => {
    await invalid({ nextToken: 'eyJrIjoxMDB9' });
    await invalid({ nextToken: 'not a token at all' });
    await invalid({
      nextToken: `${Buffer.from(JSON.stringify({ v: 1, o: 'ListPodIdentityAssociations', r: 'us-east-1', c: 'paged', n: null, s: null, k: 100 })).toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`,
    });
  });

  test('truncated or altered', async () => {
    await invalid({ nextToken: token.slice(0, -3) });
    await invalid({ nextToken: token.slice(0, token.indexOf('.')) });
    const [body, mac] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { k: number };
    payload.k = 0;
    await invalid({ nextToken: `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}` });
  });

  test('foreign: another cluster, other filters, another region, another operation, another emulator', async () => {
    await invalid({ clusterName: 'other', nextToken: token });
    await invalid({ namespace: 'red', nextToken: token });
    await invalid({ nextToken: redToken });
    await invalid({ namespace: 'blue', nextToken: redToken });
    await invalid({ namespace: 'red', serviceAccount: 'sa-1-0', nextToken: redToken });
    const west = eks(emulator.url, 'us-west-2');
    await invalid({ nextToken: token }, west);
    west.destroy();
    const clustersToken = (await client.send(new ListClustersCommand({ maxResults: 1 }))).nextToken;
    await invalid({ nextToken: clustersToken });
    const another = await start({ seed });
    const anotherClient = eks(another.url);
    try {
      await expectError(
        anotherClient.send(new ListPodIdentityAssociationsCommand({ clusterName: 'paged', nextToken: token })),
        'InvalidParameterException',
        400,
        /nextToken provided is invalid/,
      );
    } finally {
      anotherClient.destroy();
      await another.close();
    }
  });

  test('a valid token with its own filters still works', async () => {
    const page = await client.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: 'paged',
        namespace: 'red',
        maxResults: 5,
        nextToken: redToken,
      }),
    );
    expect(page.associations).toHaveLength(5);
    expect(page.associations?.every((a) => a.namespace === 'red')).toBe(true);
  });
});

test('a traversal during concurrent creates and deletes returns every association that existed throughout exactly once', async () => {
  const before = await stateOf('busy');
  const survivors = before.filter((a) => a.namespace === 'stable').map((a) => a.associationId as string);
  const victims = before.filter((a) => a.namespace === 'doomed').map((a) => a.associationId as string);
  let traversing = true;
  let created = 0;
  let deleted = 0;
  const churn = (async () => {
    while (traversing && victims.length > 0) {
      const victim = victims.shift() as string;
      await client.send(new DeletePodIdentityAssociationCommand({ clusterName: 'busy', associationId: victim }));
      deleted++;
      await client.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: 'busy',
          namespace: 'fresh',
          serviceAccount: `new-${created}`,
          roleArn: role('n'),
        }),
      );
      created++;
    }
  })();
  const seen: string[] = [];
  let pages = 0;
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'busy', maxResults: 5, nextToken }),
    );
    seen.push(...(page.associations ?? []).map((a) => a.associationId as string));
    nextToken = page.nextToken;
    pages++;
    // Let the writer get ahead of the cursor between pages.
    await new Promise((resolve) => setTimeout(resolve, 2));
  } while (nextToken);
  traversing = false;
  await churn;

  expect(deleted).toBeGreaterThan(20);
  expect(created).toBeGreaterThan(20);
  expect(pages).toBeGreaterThan(20);
  expect(new Set(seen).size).toBe(seen.length);
  const seenSet = new Set(seen);
  expect(survivors.filter((id) => !seenSet.has(id))).toEqual([]);
  // Order is creation order: survivors appear in their original relative order.
  expect(seen.filter((id) => survivors.includes(id))).toEqual(survivors);
});
