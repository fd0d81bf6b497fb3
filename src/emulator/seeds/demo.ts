/**
 * The `demo` seed: three accounts with clusters. The platform account (the default one, where the gateway
 * runs) has three clusters in two regions with a few hundred associations; the member accounts
 * `payments` and `data` have clusters of their own in both regions and a role the gateway
 * assumes, which only payments' trusts the platform account with. A fourth account holds only
 * IAM roles: those of the platform's associations. Every role an association names is listed
 * with its trust policy (or as deleted), and the cases that keep an association from working
 * are there on purpose (the DEMO_*_ASSOCIATION and cluster constants below). Every account's
 * IAM is lenient: a role name the seed does not list exists, so scripts may bind new roles. Built deterministically (fixed
 * names, fixed timestamps; ids come from the seed loader's fixed-seed PRNG), so every start
 * shows the same data.
 */
import { oidcProvider } from '../ids';
import type { MultiAccountSeedFile, SeedAssociation, SeedCluster, SeedRole, SeedRoleDefinition } from '../seed';

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
  /** In EKS Auto Mode, without the eks-pod-identity-agent add-on (Auto Mode has the agent built in). */
  paymentsAuto: { accountId: DEMO_ACCOUNTS.payments.accountId, region: 'us-east-1', name: 'payments-auto' },
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

// --- The cases of "will this association work?" -------------------------------------------------

/** The cluster with neither the eks-pod-identity-agent add-on nor Auto Mode: no association of it can deliver credentials. */
export const DEMO_NO_AGENT_CLUSTER = {
  accountId: DEMO_ACCOUNTS.platform.accountId,
  ...DEMO_CLUSTERS.euAnalytics,
} as const;

/** The cluster in Auto Mode, without the add-on: its associations work (the agent is built in). */
export const DEMO_AUTO_MODE_CLUSTER = DEMO_MEMBER_CLUSTERS.paymentsAuto;

/** The cluster whose eks-pod-identity-agent add-on is DEGRADED. */
export const DEMO_DEGRADED_AGENT = {
  ...DEMO_MEMBER_CLUSTERS.paymentsEu,
  addonName: 'eks-pod-identity-agent',
  status: 'DEGRADED',
  addonVersion: 'v1.3.4-eksbuild.1',
  issueCode: 'InsufficientNumberOfReplicas',
} as const;

const platformRole = (name: string) => `arn:aws:iam::${DEMO_ACCOUNTS.platform.accountId}:role/${name}`;

// Associations of prod-platform (whose agent is ACTIVE) in the namespace `orders`, each with a
// role of the platform account, listed with its trust policy unless said otherwise. EKS's create
// would refuse some of them; they are in the seed as if the role had changed after the create.

/** Its role trusts the cluster's OIDC provider only (an IRSA role, never given the Pod Identity statement). */
export const DEMO_IRSA_ASSOCIATION = {
  accountId: DEMO_ACCOUNTS.platform.accountId,
  ...DEMO_CLUSTERS.prodPlatform,
  namespace: 'orders',
  serviceAccount: 'api',
  associationId: 'a-ordersapi00000000',
  roleArn: platformRole('orders-api-irsa'),
} as const;

/** Its role trusts pods.eks.amazonaws.com with sts:AssumeRole but not sts:TagSession, with session tags on; and without aws:SourceAccount or aws:SourceArn conditions. */
export const DEMO_NO_TAG_SESSION_ASSOCIATION = {
  accountId: DEMO_ACCOUNTS.platform.accountId,
  ...DEMO_CLUSTERS.prodPlatform,
  namespace: 'orders',
  serviceAccount: 'worker',
  associationId: 'a-ordersworker00000',
  roleArn: platformRole('orders-worker'),
} as const;

/**
 * Its role is right (both actions, scoped to the account and the cluster); its target role, in
 * the payments account, trusts that role but has no sts:ExternalId condition.
 */
export const DEMO_UNGUARDED_TARGET_ASSOCIATION = {
  accountId: DEMO_ACCOUNTS.platform.accountId,
  ...DEMO_CLUSTERS.prodPlatform,
  namespace: 'orders',
  serviceAccount: 'ledger-exporter',
  associationId: 'a-ordersledgerexp00',
  roleArn: platformRole('orders-ledger-exporter'),
  targetRoleArn: `arn:aws:iam::${DEMO_ACCOUNTS.payments.accountId}:role/orders-ledger-reader`,
  externalId: '9b2f4c71-5e0a-4d38-8c6b-1f7e2a9d3c54',
} as const;

/** Its role was deleted after the association was made: the seed lists it as deleted, so it does not exist. */
export const DEMO_MISSING_ROLE_ASSOCIATION = {
  accountId: DEMO_ACCOUNTS.platform.accountId,
  ...DEMO_CLUSTERS.prodPlatform,
  namespace: 'orders',
  serviceAccount: 'legacy-batch',
  associationId: 'a-orderslegacybatch',
  roleArn: platformRole('orders-legacy-batch'),
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
  const platform = platformClusters(platformAccountId);
  const payments = [
    memberCluster(DEMO_MEMBER_CLUSTERS.paymentsProd, '1.31', ['ledger', 'settlement', 'fraud'], 3, 'team-payments'),
    memberCluster(DEMO_MEMBER_CLUSTERS.paymentsEu, '1.30', ['ledger', 'settlement'], 2, 'team-payments', 'DEGRADED'),
    autoModeCluster(),
  ];
  const data = [
    memberCluster(DEMO_MEMBER_CLUSTERS.dataLake, '1.32', ['ingest', 'catalog'], 3, 'team-data'),
    memberCluster(DEMO_MEMBER_CLUSTERS.dataWarehouseEu, '1.31', ['etl', 'reporting'], 3, 'team-data'),
  ];
  return {
    accounts: [
      {
        accountId: platformAccountId,
        name: DEMO_ACCOUNTS.platform.name,
        roles: diagnosisRoles(platformAccountId),
        clusters: platform,
      },
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
          {
            // The target role of DEMO_UNGUARDED_TARGET_ASSOCIATION: it trusts the association's role, with no external id.
            arn: DEMO_UNGUARDED_TARGET_ASSOCIATION.targetRoleArn,
            description: 'Reads the ledger exports; trusts the orders exporter of the platform account.',
            createDate: iso(BASE - 60 * DAY),
            trustPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${platformAccountId}:role/orders-ledger-exporter` },
                  Action: ['sts:AssumeRole', 'sts:TagSession'],
                },
              ],
            },
          },
          ...associationRoles(DEMO_ACCOUNTS.payments.accountId, payments),
        ],
        clusters: payments,
      },
      {
        accountId: DEMO_ACCOUNTS.data.accountId,
        name: DEMO_ACCOUNTS.data.name,
        roles: [
          gatewayRole(`arn:aws:iam::${DEMO_DATA_TRUSTED_ACCOUNT}:root`, undefined),
          ...associationRoles(DEMO_ACCOUNTS.data.accountId, data),
        ],
        clusters: data,
      },
      {
        // IAM only: the roles of the platform's associations. Lenient, so that scripts may bind new ones.
        accountId: DEMO_ROLE_ACCOUNT,
        name: 'workloads',
        roles: associationRoles(DEMO_ROLE_ACCOUNT, platform, platformAccountId),
      },
    ],
  };
}

/** The trust policy the EKS documentation gives a Pod Identity role, scoped to the account of the clusters that may use it. */
function podIdentityTrust(sourceAccount: string, actions: string[] = ['sts:AssumeRole', 'sts:TagSession']): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowEksAuthToAssumeRoleForPodIdentity',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: actions,
        Condition: { StringEquals: { 'aws:SourceAccount': sourceAccount } },
      },
    ],
  };
}

/**
 * A role for each role ARN of `account` that the clusters' associations name, trusting EKS Pod
 * Identity for clusters of `sourceAccount` (by default the same account).
 */
function associationRoles(account: string, clusters: SeedCluster[], sourceAccount: string = account): SeedRole[] {
  const arns = new Set<string>();
  for (const cluster of clusters)
    for (const association of cluster.associations ?? [])
      if (association.roleArn.startsWith(`arn:aws:iam::${account}:role/`)) arns.add(association.roleArn);
  return [...arns].sort().map((arn) => ({
    arn,
    createDate: iso(BASE - 365 * DAY),
    trustPolicy: podIdentityTrust(sourceAccount),
  }));
}

/** The platform account's roles: those of the DEMO_*_ASSOCIATION cases (one of them deleted). */
function diagnosisRoles(platformAccountId: string): SeedRoleDefinition[] {
  const { region, name } = DEMO_CLUSTERS.prodPlatform;
  const provider = oidcProvider(platformAccountId, region, name);
  const created = iso(BASE - 120 * DAY);
  return [
    {
      roleName: 'orders-api-irsa',
      description: 'IRSA role of orders/api, from before the migration to EKS Pod Identity.',
      tags: { team: 'orders', 'managed-by': 'terraform' },
      createDate: created,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${platformAccountId}:oidc-provider/${provider}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                [`${provider}:sub`]: `system:serviceaccount:${DEMO_IRSA_ASSOCIATION.namespace}:${DEMO_IRSA_ASSOCIATION.serviceAccount}`,
                [`${provider}:aud`]: 'sts.amazonaws.com',
              },
            },
          },
        ],
      },
    },
    {
      roleName: 'orders-worker',
      tags: { team: 'orders' },
      createDate: created,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
    },
    {
      roleName: 'orders-ledger-exporter',
      tags: { team: 'orders' },
      createDate: created,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'pods.eks.amazonaws.com' },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Condition: {
              StringEquals: { 'aws:SourceAccount': platformAccountId },
              ArnEquals: { 'aws:SourceArn': `arn:aws:eks:${region}:${platformAccountId}:cluster/${name}` },
            },
          },
        ],
      },
    },
    // The account is lenient (scripts bind roles of their own), so the deleted role is said to be gone.
    { roleName: 'orders-legacy-batch', deleted: true },
  ];
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
  agentStatus: 'ACTIVE' | 'DEGRADED' = 'ACTIVE',
): SeedCluster {
  const agent =
    agentStatus === 'DEGRADED'
      ? {
          status: DEMO_DEGRADED_AGENT.status,
          healthIssues: [
            {
              code: DEMO_DEGRADED_AGENT.issueCode,
              message: 'The add-on is unhealthy because it does not have the desired number of replicas.',
              resourceIds: ['kube-system/eks-pod-identity-agent'],
            },
          ],
        }
      : {};
  return {
    name: cluster.name,
    region: cluster.region,
    version,
    platformVersion: 'eks.9',
    tags: { team, environment: 'production' },
    createdAt: iso(BASE - 200 * DAY),
    addons: [
      { name: 'eks-pod-identity-agent', version: 'v1.3.4-eksbuild.1', ...agent },
      { name: 'vpc-cni', version: 'v1.19.0-eksbuild.1' },
      { name: 'coredns', version: 'v1.11.3-eksbuild.2' },
    ].map((addon) => ({ ...addon, createdAt: iso(BASE - 150 * DAY) })),
    associations: associations(namespaces, perNamespace, 'production', 1, (association) => ({
      ...association,
      roleArn: `arn:aws:iam::${cluster.accountId}:role/${association.namespace}-${association.serviceAccount}`,
    })),
  };
}

/** The payments account's Auto Mode cluster: no add-ons at all, EKS runs the agent, the CNI and DNS itself. */
function autoModeCluster(): SeedCluster {
  const cluster = DEMO_MEMBER_CLUSTERS.paymentsAuto;
  return {
    name: cluster.name,
    region: cluster.region,
    version: '1.32',
    platformVersion: 'eks.7',
    tags: { team: 'team-payments', environment: 'production' },
    createdAt: iso(BASE - 45 * DAY),
    autoMode: true,
    addons: [],
    associations: associations(['checkout'], 3, 'production', 5, (association) => ({
      ...association,
      roleArn: `arn:aws:iam::${cluster.accountId}:role/${association.namespace}-${association.serviceAccount}`,
    })),
  };
}

/**
 * The platform account's clusters: the demo data from before there were accounts, unchanged, and
 * the DEMO_*_ASSOCIATION cases after prod-platform's own associations (so the ids of those stay).
 */
function platformClusters(platformAccountId: string): SeedCluster[] {
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
      ).concat(diagnosisAssociations(platformAccountId)),
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

/** The DEMO_*_ASSOCIATION cases, as the seed lists them (their role ARNs follow a renamed platform account). */
function diagnosisAssociations(platformAccountId: string): SeedAssociation[] {
  const ofAccount = (arn: string) => arn.replace(`::${DEMO_ACCOUNTS.platform.accountId}:`, `::${platformAccountId}:`);
  const made = BASE - 30 * DAY;
  return [
    DEMO_IRSA_ASSOCIATION,
    DEMO_NO_TAG_SESSION_ASSOCIATION,
    DEMO_UNGUARDED_TARGET_ASSOCIATION,
    DEMO_MISSING_ROLE_ASSOCIATION,
  ].map((entry, index) => ({
    associationId: entry.associationId,
    namespace: entry.namespace,
    serviceAccount: entry.serviceAccount,
    roleArn: ofAccount(entry.roleArn),
    ...('targetRoleArn' in entry ? { targetRoleArn: entry.targetRoleArn, externalId: entry.externalId } : {}),
    tags: { team: 'orders', environment: 'production' },
    createdAt: iso(made + index * 97 * MINUTE),
    // The worker's role was changed two days ago: pods started before then still have the old credentials.
    modifiedAt: iso(entry === DEMO_NO_TAG_SESSION_ASSOCIATION ? BASE - 2 * DAY : made + index * 97 * MINUTE),
  }));
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
