/**
 * What a diagnosis reads of clusters and add-ons, from the seed, through the real
 * @aws-sdk/client-eks: an add-on's status, version and health issues (DescribeAddon), and EKS
 * Auto Mode (DescribeCluster's computeConfig, storageConfig and elasticLoadBalancing). Both are
 * kept by the state export and by a state file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeAddonCommand, DescribeClusterCommand, ListAddonsCommand, type EKSClient } from '@aws-sdk/client-eks';
import type { RunningEmulator, SeedFile } from '../../../src/emulator';
import { ACCOUNT, control, eks, start } from './helpers';

const seed: SeedFile = {
  clusters: [
    {
      name: 'classic',
      addons: [
        {
          name: 'eks-pod-identity-agent',
          version: 'v1.3.4-eksbuild.1',
          status: 'DEGRADED',
          healthIssues: [
            {
              code: 'InsufficientNumberOfReplicas',
              message: 'The add-on is unhealthy because it does not have the desired number of replicas.',
              resourceIds: ['kube-system/eks-pod-identity-agent'],
            },
          ],
        },
        { name: 'vpc-cni', version: 'v1.19.0-eksbuild.1', status: 'CREATING' },
        { name: 'coredns' },
      ],
    },
    { name: 'auto', autoMode: true },
    {
      name: 'auto-custom',
      region: 'cn-north-1',
      autoMode: { nodePools: ['system'], nodeRoleArn: 'arn:aws-cn:iam::000000000000:role/custom-node-role' },
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

describe('add-ons', () => {
  test('DescribeAddon answers the status, version and health issues of the seed', async () => {
    const { addon } = await client.send(
      new DescribeAddonCommand({ clusterName: 'classic', addonName: 'eks-pod-identity-agent' }),
    );
    expect(addon).toMatchObject({
      addonName: 'eks-pod-identity-agent',
      status: 'DEGRADED',
      addonVersion: 'v1.3.4-eksbuild.1',
      health: {
        issues: [
          {
            code: 'InsufficientNumberOfReplicas',
            message: 'The add-on is unhealthy because it does not have the desired number of replicas.',
            resourceIds: ['kube-system/eks-pod-identity-agent'],
          },
        ],
      },
    });
  });

  test.each([
    ['vpc-cni', 'CREATING', 'v1.19.0-eksbuild.1'],
    ['coredns', 'ACTIVE', 'v1.0.0-eksbuild.1'],
  ])('%s is %s at %s, with no health issues', async (addonName, status, addonVersion) => {
    const { addon } = await client.send(new DescribeAddonCommand({ clusterName: 'classic', addonName }));
    expect(addon).toMatchObject({ status, addonVersion, health: { issues: [] } });
  });

  test('ListAddons names them (EKS lists names only)', async () => {
    expect((await client.send(new ListAddonsCommand({ clusterName: 'classic' }))).addons).toEqual([
      'coredns',
      'eks-pod-identity-agent',
      'vpc-cni',
    ]);
  });
});

describe('Auto Mode', () => {
  test('a cluster in Auto Mode answers its compute, storage and load balancing capabilities as enabled', async () => {
    const { cluster } = await client.send(new DescribeClusterCommand({ name: 'auto' }));
    expect(cluster?.computeConfig).toEqual({
      enabled: true,
      nodePools: ['general-purpose', 'system'],
      nodeRoleArn: `arn:aws:iam::${ACCOUNT}:role/AmazonEKSAutoNodeRole`,
    });
    expect(cluster?.storageConfig).toEqual({ blockStorage: { enabled: true } });
    expect(cluster?.kubernetesNetworkConfig).toEqual({
      serviceIpv4Cidr: '10.100.0.0/16',
      ipFamily: 'ipv4',
      elasticLoadBalancing: { enabled: true },
    });
    expect((await client.send(new ListAddonsCommand({ clusterName: 'auto' }))).addons).toEqual([]);
  });

  test('its node pools and node role come from the seed', async () => {
    const china = eks(emulator.url, 'cn-north-1');
    try {
      const { cluster } = await china.send(new DescribeClusterCommand({ name: 'auto-custom' }));
      expect(cluster?.computeConfig).toEqual({
        enabled: true,
        nodePools: ['system'],
        nodeRoleArn: 'arn:aws-cn:iam::000000000000:role/custom-node-role',
      });
    } finally {
      china.destroy();
    }
  });

  test('a cluster not in Auto Mode answers none of it', async () => {
    const { cluster } = await client.send(new DescribeClusterCommand({ name: 'classic' }));
    expect(cluster?.computeConfig).toBeUndefined();
    expect(cluster?.storageConfig).toBeUndefined();
    expect(cluster?.kubernetesNetworkConfig?.elasticLoadBalancing).toBeUndefined();
  });
});

describe('the seed format', () => {
  test('the state export keeps Auto Mode and health issues, and loads back', async () => {
    const state = await control<SeedFile>(emulator.url, 'state');
    const byName = Object.fromEntries(state.clusters.map((c) => [c.name, c]));
    expect(byName.auto?.autoMode).toEqual({ nodePools: ['general-purpose', 'system'] });
    expect(byName.classic?.autoMode).toBeUndefined();
    expect(byName.classic?.addons?.find((a) => a.name === 'eks-pod-identity-agent')?.healthIssues).toHaveLength(1);
    expect(byName.classic?.addons?.find((a) => a.name === 'coredns')?.healthIssues).toBeUndefined();
    const copy = await start({ seed: state });
    try {
      expect(await control(copy.url, 'state')).toEqual(state);
    } finally {
      await copy.close();
    }
  });

  test('POST /_emulator/clusters takes them too', async () => {
    await control(emulator.url, 'clusters', 'POST', {
      clusters: [{ name: 'added-auto', autoMode: { nodePools: [] } }],
    });
    const { cluster } = await client.send(new DescribeClusterCommand({ name: 'added-auto' }));
    expect(cluster?.computeConfig).toMatchObject({ enabled: true, nodePools: [] });
  });

  test('a state file keeps them across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eks-emulator-facts-'));
    try {
      const file = path.join(dir, 'state.json');
      await (await start({ seed, stateFile: file })).close();
      const again = await start({ seed: 'none', stateFile: file });
      const other = eks(again.url);
      try {
        expect((await other.send(new DescribeClusterCommand({ name: 'auto' }))).cluster?.computeConfig?.enabled).toBe(
          true,
        );
        const { addon } = await other.send(
          new DescribeAddonCommand({ clusterName: 'classic', addonName: 'eks-pod-identity-agent' }),
        );
        expect(addon?.health?.issues?.[0]?.code).toBe('InsufficientNumberOfReplicas');
      } finally {
        other.destroy();
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each<[string, unknown, string]>([
    [
      'an issue code EKS does not have',
      { name: 'c', addons: [{ name: 'coredns', healthIssues: [{ code: 'Sad', message: 'x' }] }] },
      'seed object (clusters[0].addons[0].healthIssues[0].code): must be one of AccessDenied, AddonPermissionFailure,',
    ],
    [
      'an issue without a message',
      { name: 'c', addons: [{ name: 'coredns', healthIssues: [{ code: 'AccessDenied' }] }] },
      'seed object (clusters[0].addons[0].healthIssues[0].message): must be a non-empty string',
    ],
    [
      'autoMode that is neither a boolean nor an object',
      { name: 'c', autoMode: 'yes' },
      'seed object (clusters[0].autoMode): must be true, false or {"nodePools", "nodeRoleArn"}',
    ],
    [
      'a node role that is not a role ARN',
      { name: 'c', autoMode: { nodeRoleArn: 'node-role' } },
      'seed object (clusters[0].autoMode.nodeRoleArn): The parameter roleArn must be an IAM role ARN',
    ],
    [
      'an unknown autoMode member',
      { name: 'c', autoMode: { enabled: true } },
      'seed object (clusters[0].autoMode.enabled): unknown key "enabled"; the keys allowed here are nodePools, nodeRoleArn.',
    ],
  ])('a seed with %s does not start', async (_label, cluster, message) => {
    await expect(start({ seed: { clusters: [cluster as SeedFile['clusters'][number]] } })).rejects.toThrow(message);
  });
});
