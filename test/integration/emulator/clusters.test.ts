/** Clusters and add-ons (ListClusters, DescribeCluster, ListAddons, DescribeAddon), regions, and the demo seed. */
import {
  CreatePodIdentityAssociationCommand,
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  ListAddonsCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  paginateListPodIdentityAssociations,
  type EKSClient,
} from '@aws-sdk/client-eks';
import {
  DEMO_ADDON_OWNED_ASSOCIATION,
  DEMO_CLUSTERS,
  DEMO_CROSS_ACCOUNT_ASSOCIATION,
  startEmulator,
  type RunningEmulator,
  type SeedFile,
} from '../../../src/emulator';
import { ACCOUNT, control, eks, expectError, role } from './helpers';

let emulator: RunningEmulator;
let east: EKSClient;
let west: EKSClient;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'demo' });
  east = eks(emulator.url, 'us-east-1');
  west = eks(emulator.url, 'eu-west-1');
});
afterAll(async () => {
  east.destroy();
  west.destroy();
  await emulator.close();
});

async function allAssociations(client: EKSClient, clusterName: string) {
  const out = [];
  for await (const page of paginateListPodIdentityAssociations({ client, pageSize: 100 }, { clusterName }))
    out.push(...(page.associations ?? []));
  return out;
}

describe('ListClusters and DescribeCluster', () => {
  test('each region lists its own clusters, by name', async () => {
    expect((await east.send(new ListClustersCommand({}))).clusters).toEqual(['prod-platform', 'staging-apps']);
    expect((await west.send(new ListClustersCommand({ include: ['all'] }))).clusters).toEqual(['eu-analytics']);
    const other = eks(emulator.url, 'ap-southeast-2');
    expect((await other.send(new ListClustersCommand({}))).clusters).toEqual([]);
    other.destroy();
  });

  test('pages with maxResults and an opaque nextToken, which is absent on the last page', async () => {
    const first = await east.send(new ListClustersCommand({ maxResults: 1 }));
    expect(first.clusters).toEqual(['prod-platform']);
    expect(typeof first.nextToken).toBe('string');
    const second = await east.send(new ListClustersCommand({ maxResults: 1, nextToken: first.nextToken }));
    expect(second.clusters).toEqual(['staging-apps']);
    expect(second.nextToken).toBeUndefined();
    await expectError(
      east.send(new ListClustersCommand({ maxResults: 0 })),
      'InvalidParameterException',
      400,
      /maxResults must be an integer between 1 and 100; received '0'/,
    );
    // A token of one region is foreign in another.
    await expectError(
      west.send(new ListClustersCommand({ nextToken: first.nextToken })),
      'InvalidParameterException',
      400,
      /The nextToken provided is invalid/,
    );
  });

  test('DescribeCluster answers a plausible cluster with Dates and region-specific ARNs', async () => {
    const { cluster } = await east.send(new DescribeClusterCommand({ name: 'prod-platform' }));
    expect(cluster).toMatchObject({
      name: 'prod-platform',
      arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod-platform`,
      version: '1.31',
      status: 'ACTIVE',
      platformVersion: 'eks.12',
      tags: { team: 'platform', environment: 'production' },
      accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
      endpoint: expect.stringMatching(/^https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$/),
      roleArn: expect.stringMatching(/^arn:aws:iam::000000000000:role\//),
      identity: {
        oidc: { issuer: expect.stringMatching(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/) },
      },
    });
    expect(cluster?.createdAt).toBeInstanceOf(Date);
    expect(cluster?.createdAt?.getTime()).toBeLessThan(Date.parse('2026-01-15T09:00:00Z'));
    const { cluster: eu } = await west.send(new DescribeClusterCommand({ name: 'eu-analytics' }));
    expect(eu).toMatchObject({ arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/eu-analytics`, version: '1.30' });
  });

  test('a cluster of another region is not found', async () => {
    const error = await expectError(
      west.send(new DescribeClusterCommand({ name: 'prod-platform' })),
      'ResourceNotFoundException',
      404,
      'No cluster found for name: prod-platform.',
    );
    expect(error.clusterName).toBe('prod-platform');
    await expectError(
      east.send(new ListPodIdentityAssociationsCommand({ clusterName: 'eu-analytics' })),
      'ResourceNotFoundException',
      404,
      'No cluster found for name: eu-analytics.',
    );
  });

  test('regions are isolated: the same cluster name in two regions holds different associations', async () => {
    await control(emulator.url, 'clusters', 'POST', {
      clusters: [
        { name: 'twin', region: 'us-east-1' },
        { name: 'twin', region: 'eu-west-1' },
      ],
    });
    const created = await east.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'twin',
        namespace: 'ns',
        serviceAccount: 'sa',
        roleArn: role('r'),
      }),
    );
    expect((await west.send(new ListPodIdentityAssociationsCommand({ clusterName: 'twin' }))).associations).toEqual([]);
    await expectError(
      west.send(
        new DescribePodIdentityAssociationCommand({
          clusterName: 'twin',
          associationId: created.association?.associationId,
        }),
      ),
      'ResourceNotFoundException',
      404,
    );
    // Creating the same pair in the other region is not a conflict.
    const other = await west.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: 'twin',
        namespace: 'ns',
        serviceAccount: 'sa',
        roleArn: role('r'),
      }),
    );
    expect(other.association?.associationArn).toMatch(/^arn:aws:eks:eu-west-1:/);
  });
});

describe('ListAddons and DescribeAddon', () => {
  test('lists add-ons by name, with paging', async () => {
    const { addons } = await east.send(new ListAddonsCommand({ clusterName: 'prod-platform' }));
    expect(addons).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
    const first = await east.send(new ListAddonsCommand({ clusterName: 'prod-platform', maxResults: 3 }));
    expect(first.addons).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent']);
    const rest = await east.send(
      new ListAddonsCommand({ clusterName: 'prod-platform', maxResults: 3, nextToken: first.nextToken }),
    );
    expect(rest).toMatchObject({ addons: ['kube-proxy', 'vpc-cni'] });
    expect(rest.nextToken).toBeUndefined();
    await expectError(
      east.send(new ListAddonsCommand({ clusterName: 'staging-apps', maxResults: 3, nextToken: first.nextToken })),
      'InvalidParameterException',
      400,
      /nextToken provided is invalid/,
    );
    await expectError(
      east.send(new ListAddonsCommand({ clusterName: 'nope' })),
      'ResourceNotFoundException',
      404,
      'No cluster found for name: nope.',
    );
  });

  test('DescribeAddon answers the add-on; the eu cluster has no Pod Identity agent', async () => {
    const { addon } = await east.send(
      new DescribeAddonCommand({ clusterName: 'prod-platform', addonName: 'eks-pod-identity-agent' }),
    );
    expect(addon).toMatchObject({
      addonName: 'eks-pod-identity-agent',
      clusterName: 'prod-platform',
      status: 'ACTIVE',
      addonVersion: 'v1.3.4-eksbuild.1',
      health: { issues: [] },
      addonArn: expect.stringMatching(
        /^arn:aws:eks:us-east-1:000000000000:addon\/prod-platform\/eks-pod-identity-agent\/[0-9a-f-]{36}$/,
      ),
      podIdentityAssociations: [],
    });
    expect(addon?.createdAt).toBeInstanceOf(Date);
    expect(addon?.modifiedAt).toBeInstanceOf(Date);
    expect((await west.send(new ListAddonsCommand({ clusterName: 'eu-analytics' }))).addons).not.toContain(
      'eks-pod-identity-agent',
    );
    const error = await expectError(
      west.send(new DescribeAddonCommand({ clusterName: 'eu-analytics', addonName: 'eks-pod-identity-agent' })),
      'ResourceNotFoundException',
      404,
      'No addon: eks-pod-identity-agent found in cluster: eu-analytics.',
    );
    expect(error.addonName).toBe('eks-pod-identity-agent');
  });
});

describe('the demo seed', () => {
  test('has the promised clusters, sizes, the add-on owned association and the cross-account one', async () => {
    const prod = await allAssociations(east, DEMO_CLUSTERS.prodPlatform.name);
    const staging = await allAssociations(east, DEMO_CLUSTERS.stagingApps.name);
    const eu = await allAssociations(west, DEMO_CLUSTERS.euAnalytics.name);
    expect([prod.length, staging.length, eu.length]).toEqual([184, 90, 40]);
    expect(new Set(prod.map((a) => a.namespace))).toEqual(
      new Set([
        'payments',
        'checkout',
        'search',
        'observability',
        'kube-system',
        'data-pipeline',
        'identity',
        'notifications',
        'inventory',
        'ml-serving',
        // The associations that do not work, for a diagnosis to find (DEMO_*_ASSOCIATION).
        'orders',
      ]),
    );

    const owned = prod.filter((a) => a.ownerArn);
    expect(owned).toEqual([
      expect.objectContaining({
        namespace: 'kube-system',
        serviceAccount: DEMO_ADDON_OWNED_ASSOCIATION.serviceAccount,
      }),
    ]);
    const { addon } = await east.send(
      new DescribeAddonCommand({ clusterName: 'prod-platform', addonName: DEMO_ADDON_OWNED_ASSOCIATION.addonName }),
    );
    expect(addon?.podIdentityAssociations).toEqual([owned[0]?.associationArn]);

    const cross = prod.find((a) => a.serviceAccount === DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount);
    const { association } = await east.send(
      new DescribePodIdentityAssociationCommand({ clusterName: 'prod-platform', associationId: cross?.associationId }),
    );
    expect(association).toMatchObject({
      namespace: 'payments',
      roleArn: 'arn:aws:iam::111122223333:role/payments-settlement-exporter',
      targetRoleArn: 'arn:aws:iam::444455556666:role/payments-settlement-reader',
      externalId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  test('is deterministic: another emulator started from it has the same ids and timestamps', async () => {
    const again = await startEmulator({ seed: 'demo' });
    try {
      const strip = (state: SeedFile) => state.clusters.filter((c) => c.name !== 'twin');
      const [mine, theirs] = await Promise.all([
        control<SeedFile>(emulator.url, 'state'),
        control<SeedFile>(again.url, 'state'),
      ]);
      const original = strip(mine).map((c) => ({
        ...c,
        associations: c.associations?.filter((a) => a.namespace !== 'ns'),
      }));
      expect(strip(theirs)).toEqual(original);
      expect(strip(theirs)[0]?.associations?.[0]).toMatchObject({
        associationId: expect.stringMatching(/^a-[a-z0-9]{17}$/),
        createdAt: expect.stringMatching(/^2025-/),
      });
    } finally {
      await again.close();
    }
  });
});
