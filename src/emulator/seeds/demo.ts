/**
 * The `demo` seed: three clusters in two regions with a few hundred associations, built
 * deterministically (fixed names, fixed timestamps; ids come from the seed loader's fixed-seed
 * PRNG), so every start shows the same data.
 */
import type { SeedAssociation, SeedCluster, SeedFile } from '../seed';

export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'] as const;

export const DEMO_CLUSTERS = {
  prodPlatform: { region: 'us-east-1', name: 'prod-platform' },
  stagingApps: { region: 'us-east-1', name: 'staging-apps' },
  euAnalytics: { region: 'eu-west-1', name: 'eu-analytics' },
} as const;

/** The account the demo's IAM roles live in. */
export const DEMO_ROLE_ACCOUNT = '111122223333';

/** The association that chains into another account. */
export const DEMO_CROSS_ACCOUNT_ASSOCIATION = {
  ...DEMO_CLUSTERS.prodPlatform,
  namespace: 'payments',
  serviceAccount: 'settlement-exporter',
  targetRoleArn: 'arn:aws:iam::444455556666:role/payments-settlement-reader',
} as const;

/** The association owned (and managed) by an add-on. */
export const DEMO_ADDON_OWNED_ASSOCIATION = {
  ...DEMO_CLUSTERS.prodPlatform,
  namespace: 'kube-system',
  serviceAccount: 'ebs-csi-controller-sa',
  addonName: 'aws-ebs-csi-driver',
} as const;

/** The association with a session policy (and so with session tags disabled). */
export const DEMO_POLICY_ASSOCIATION = {
  ...DEMO_CLUSTERS.prodPlatform,
  namespace: 'search',
  serviceAccount: 'indexer',
} as const;

export const DEMO_BASE_TIME = '2026-01-15T09:00:00Z';

const BASE = Date.parse(DEMO_BASE_TIME);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const WORKLOADS = [
  'api', 'worker', 'scheduler', 'gateway', 'ingest', 'exporter', 'reconciler', 'notifier', 'reporter',
  'sync', 'migrator', 'auditor', 'indexer', 'router', 'batch', 'stream-processor', 'backfill', 'cache-warmer',
  'webhook', 'archiver', 'metrics-agent', 'log-shipper',
];

const DEMO_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::search-index-snapshots/*' }],
});

export function demoSeed(): SeedFile {
  return {
    clusters: [
      {
        ...DEMO_CLUSTERS.prodPlatform,
        version: '1.31',
        platformVersion: 'eks.12',
        tags: { team: 'platform', environment: 'production' },
        createdAt: iso(BASE - 400 * DAY),
        addons: [
          { name: 'eks-pod-identity-agent', version: 'v1.3.4-eksbuild.1' },
          { name: 'vpc-cni', version: 'v1.19.0-eksbuild.1' },
          { name: 'coredns', version: 'v1.11.3-eksbuild.2' },
          { name: 'kube-proxy', version: 'v1.31.2-eksbuild.3' },
          { name: DEMO_ADDON_OWNED_ASSOCIATION.addonName, version: 'v1.37.0-eksbuild.1' },
        ].map((addon) => ({ ...addon, createdAt: iso(BASE - 300 * DAY) })),
        associations: associations(
          ['payments', 'checkout', 'search', 'observability', 'kube-system', 'data-pipeline', 'identity', 'notifications', 'inventory', 'ml-serving'],
          18,
          'production',
          0,
          (association) => {
            if (association.namespace === DEMO_CROSS_ACCOUNT_ASSOCIATION.namespace && association.serviceAccount === 'exporter') {
              return {
                ...association,
                serviceAccount: DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount,
                roleArn: role(`payments-${DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount}`),
                targetRoleArn: DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn,
                externalId: '3f6c1e2a-8d4b-4c7e-9a15-2b7d90e4c6f1',
              };
            }
            if (association.namespace === DEMO_ADDON_OWNED_ASSOCIATION.namespace && association.serviceAccount === 'api') {
              return {
                ...association,
                serviceAccount: DEMO_ADDON_OWNED_ASSOCIATION.serviceAccount,
                roleArn: role('AmazonEKS_EBS_CSI_DriverRole'),
                ownerAddon: DEMO_ADDON_OWNED_ASSOCIATION.addonName,
              };
            }
            if (association.namespace === DEMO_POLICY_ASSOCIATION.namespace && association.serviceAccount === DEMO_POLICY_ASSOCIATION.serviceAccount) {
              return { ...association, disableSessionTags: true, policy: DEMO_POLICY };
            }
            return association;
          },
        ),
      },
      {
        ...DEMO_CLUSTERS.stagingApps,
        version: '1.32',
        platformVersion: 'eks.6',
        tags: { team: 'apps', environment: 'staging' },
        createdAt: iso(BASE - 120 * DAY),
        addons: [
          { name: 'eks-pod-identity-agent', version: 'v1.3.4-eksbuild.1' },
          { name: 'vpc-cni', version: 'v1.19.2-eksbuild.1' },
          { name: 'coredns', version: 'v1.11.4-eksbuild.2' },
          { name: 'kube-proxy', version: 'v1.32.0-eksbuild.2' },
        ].map((addon) => ({ ...addon, createdAt: iso(BASE - 100 * DAY) })),
        associations: associations(['payments', 'checkout', 'search', 'identity', 'notifications', 'preview'], 15, 'staging', 3),
      },
      {
        ...DEMO_CLUSTERS.euAnalytics,
        version: '1.30',
        platformVersion: 'eks.20',
        tags: { team: 'analytics', environment: 'production', 'data-residency': 'eu' },
        createdAt: iso(BASE - 600 * DAY),
        // Deliberately without eks-pod-identity-agent: associations exist but pods cannot use them yet.
        addons: [
          { name: 'vpc-cni', version: 'v1.18.3-eksbuild.1' },
          { name: 'coredns', version: 'v1.11.1-eksbuild.9' },
          { name: 'kube-proxy', version: 'v1.30.3-eksbuild.2' },
        ].map((addon) => ({ ...addon, createdAt: iso(BASE - 500 * DAY) })),
        associations: associations(['analytics', 'data-pipeline', 'reporting', 'ml-training'], 10, 'production', 7),
      },
    ] satisfies SeedCluster[],
  };
}

function associations(
  namespaces: readonly string[],
  perNamespace: number,
  environment: string,
  rotation: number,
  adjust: (association: SeedAssociation) => SeedAssociation = (association) => association,
): SeedAssociation[] {
  const out: SeedAssociation[] = [];
  namespaces.forEach((namespace, namespaceIndex) => {
    for (let i = 0; i < perNamespace; i++) {
      const serviceAccount = WORKLOADS[(i + namespaceIndex * rotation) % WORKLOADS.length] as string;
      const n = out.length;
      const createdAt = BASE - 90 * DAY + n * 97 * MINUTE;
      out.push(
        adjust({
          namespace,
          serviceAccount,
          roleArn: role(`${namespace}-${serviceAccount}`),
          tags: n % 7 === 0 ? { team: namespace, environment } : {},
          createdAt: iso(createdAt),
          // Every fifth association was edited a few days after it was made.
          modifiedAt: iso(n % 5 === 0 ? createdAt + 3 * DAY : createdAt),
        }),
      );
    }
  });
  return out;
}

function role(name: string): string {
  return `arn:aws:iam::${DEMO_ROLE_ACCOUNT}:role/${name}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
