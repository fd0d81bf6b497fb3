/**
 * The `demo` seed: three accounts. The platform account (the default one, where the gateway
 * runs) has three clusters in two regions with a few hundred associations; the member accounts
 * `payments` and `data` have clusters of their own in both regions and a role the gateway
 * assumes, which only payments' trusts the platform account with. Built deterministically (fixed
 * names, fixed timestamps; ids come from the seed loader's fixed-seed PRNG), so every start
 * shows the same data.
 */
import type { MultiAccountSeedFile, SeedAssociation, SeedCluster, SeedRoleDefinition } from '../seed';

export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'] as const;

export const DEMO_CLUSTERS = {
  prodPlatform: { region: 'us-east-1', name: 'prod-platform' },
  stagingApps: { region: 'us-east-1', name: 'staging-apps' },
  euAnalytics: { region: 'eu-west-1', name: 'eu-analytics' },
} as const;

/** The account the IAM roles of the platform account's associations live in. */
export const DEMO_ROLE_ACCOUNT = '111122223333';

/** The role a member account lets the gateway assume (by the same name in every member account). */
export const DEMO_GATEWAY_ROLE_NAME = 'eks-pod-identity-gateway';

/** The one account the data account's gateway role trusts: not the platform account. */
export const DEMO_DATA_TRUSTED_ACCOUNT = '999988887777';

/**
 * The demo's accounts. The platform account is the default account: static credentials (`test`,
 * `local`, ...) are its root. `payments` trusts it to assume its gateway role with the external
 * id; `data`'s gateway role does not trust it, so a gateway spanning the three accounts sees a
 * partial failure there.
 */
export const DEMO_ACCOUNTS = {
  platform: { accountId: '000000000000', name: 'platform' },
  payments: {
    accountId: '444455556666',
    name: 'payments',
    roleArn: `arn:aws:iam::444455556666:role/${DEMO_GATEWAY_ROLE_NAME}`,
    externalId: 'payments-gateway-2026',
  },
  data: {
    accountId: '555566667777',
    name: 'data',
    roleArn: `arn:aws:iam::555566667777:role/${DEMO_GATEWAY_ROLE_NAME}`,
  },
} as const;

/** The member accounts' clusters, by account. */
export const DEMO_MEMBER_CLUSTERS = {
  paymentsProd: { accountId: DEMO_ACCOUNTS.payments.accountId, region: 'us-east-1', name: 'payments-prod' },
  paymentsEu: { accountId: DEMO_ACCOUNTS.payments.accountId, region: 'eu-west-1', name: 'payments-eu' },
  dataLake: { accountId: DEMO_ACCOUNTS.data.accountId, region: 'us-east-1', name: 'data-lake' },
  dataWarehouseEu: { accountId: DEMO_ACCOUNTS.data.accountId, region: 'eu-west-1', name: 'data-warehouse-eu' },
} as const;

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

/** The external id EKS sends when that association chains into the target role, which the role requires. */
export const DEMO_CROSS_ACCOUNT_EXTERNAL_ID = '3f6c1e2a-8d4b-4c7e-9a15-2b7d90e4c6f1';

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
  'api',
  'worker',
  'scheduler',
  'gateway',
  'ingest',
  'exporter',
  'reconciler',
  'notifier',
  'reporter',
  'sync',
  'migrator',
  'auditor',
  'indexer',
  'router',
  'batch',
  'stream-processor',
  'backfill',
  'cache-warmer',
  'webhook',
  'archiver',
  'metrics-agent',
  'log-shipper',
];

const DEMO_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::search-index-snapshots/*' }],
});

/**
 * The demo seed. `platformAccountId` (the emulator's `accountId` option) renames the platform
 * account, and the member accounts' trust policies follow it.
 */
export function demoSeed(platformAccountId: string = DEMO_ACCOUNTS.platform.accountId): MultiAccountSeedFile {
  return {
    accounts: [
      { accountId: platformAccountId, name: DEMO_ACCOUNTS.platform.name, clusters: platformClusters() },
      {
        accountId: DEMO_ACCOUNTS.payments.accountId,
        name: DEMO_ACCOUNTS.payments.name,
        roles: [
          gatewayRole(`arn:aws:iam::${platformAccountId}:root`, DEMO_ACCOUNTS.payments.externalId),
          {
            // The target role of the platform's cross-account association: it trusts that association's role.
            arn: DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn,
            trustPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: role(`payments-${DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount}`) },
                  Action: ['sts:AssumeRole', 'sts:TagSession'],
                  Condition: { StringEquals: { 'sts:ExternalId': DEMO_CROSS_ACCOUNT_EXTERNAL_ID } },
                },
              ],
            },
          },
        ],
        clusters: [
          memberCluster(
            DEMO_MEMBER_CLUSTERS.paymentsProd,
            '1.31',
            ['ledger', 'settlement', 'fraud'],
            3,
            'team-payments',
          ),
          memberCluster(DEMO_MEMBER_CLUSTERS.paymentsEu, '1.30', ['ledger', 'settlement'], 2, 'team-payments'),
        ],
      },
      {
        accountId: DEMO_ACCOUNTS.data.accountId,
        name: DEMO_ACCOUNTS.data.name,
        roles: [gatewayRole(`arn:aws:iam::${DEMO_DATA_TRUSTED_ACCOUNT}:root`, undefined)],
        clusters: [
          memberCluster(DEMO_MEMBER_CLUSTERS.dataLake, '1.32', ['ingest', 'catalog'], 3, 'team-data'),
          memberCluster(DEMO_MEMBER_CLUSTERS.dataWarehouseEu, '1.31', ['etl', 'reporting'], 3, 'team-data'),
        ],
      },
    ],
  };
}

/** A member account's gateway role, trusting `principal` (and requiring the external id, when given). */
function gatewayRole(principal: string, externalId: string | undefined): SeedRoleDefinition {
  return {
    roleName: DEMO_GATEWAY_ROLE_NAME,
    maxSessionDuration: 3600,
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: 'sts:AssumeRole',
          ...(externalId === undefined ? {} : { Condition: { StringEquals: { 'sts:ExternalId': externalId } } }),
        },
      ],
    },
  };
}

function memberCluster(
  cluster: { accountId: string; region: string; name: string },
  version: string,
  namespaces: readonly string[],
  perNamespace: number,
  team: string,
): SeedCluster {
  return {
    name: cluster.name,
    region: cluster.region,
    version,
    platformVersion: 'eks.9',
    tags: { team, environment: 'production' },
    createdAt: iso(BASE - 200 * DAY),
    addons: [
      { name: 'eks-pod-identity-agent', version: 'v1.3.4-eksbuild.1' },
      { name: 'vpc-cni', version: 'v1.19.0-eksbuild.1' },
      { name: 'coredns', version: 'v1.11.3-eksbuild.2' },
    ].map((addon) => ({ ...addon, createdAt: iso(BASE - 150 * DAY) })),
    associations: associations(namespaces, perNamespace, 'production', 1, (association) => ({
      ...association,
      roleArn: `arn:aws:iam::${cluster.accountId}:role/${association.namespace}-${association.serviceAccount}`,
    })),
  };
}

/** The platform account's clusters: the demo data from before there were accounts, unchanged. */
function platformClusters(): SeedCluster[] {
  return [
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
        [
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
        ],
        18,
        'production',
        0,
        (association) => {
          if (
            association.namespace === DEMO_CROSS_ACCOUNT_ASSOCIATION.namespace &&
            association.serviceAccount === 'exporter'
          ) {
            return {
              ...association,
              serviceAccount: DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount,
              roleArn: role(`payments-${DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount}`),
              targetRoleArn: DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn,
              externalId: DEMO_CROSS_ACCOUNT_EXTERNAL_ID,
            };
          }
          if (
            association.namespace === DEMO_ADDON_OWNED_ASSOCIATION.namespace &&
            association.serviceAccount === 'api'
          ) {
            return {
              ...association,
              serviceAccount: DEMO_ADDON_OWNED_ASSOCIATION.serviceAccount,
              roleArn: role('AmazonEKS_EBS_CSI_DriverRole'),
              ownerAddon: DEMO_ADDON_OWNED_ASSOCIATION.addonName,
            };
          }
          if (
            association.namespace === DEMO_POLICY_ASSOCIATION.namespace &&
            association.serviceAccount === DEMO_POLICY_ASSOCIATION.serviceAccount
          ) {
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
      associations: associations(
        ['payments', 'checkout', 'search', 'identity', 'notifications', 'preview'],
        15,
        'staging',
        3,
      ),
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
  ];
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
