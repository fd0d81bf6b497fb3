/** Records to EKS response shapes. Timestamps become epoch seconds; absent members are omitted, as AWS does. */
import { addonArn, associationArn, clusterArn, clusterUniqueId, oidcProvider, partitionOf } from './ids';
import type { AddonRecord, AssociationRecord, ClusterInfo } from './model';

export interface WireContext {
  region: string;
  accountId: string;
  cluster: string;
  /** The ARN suffix of an add-on of this cluster, to build an owned association's `ownerArn`. */
  addonArnId(name: string): string | undefined;
}

export function epochSeconds(ms: number): number {
  return ms / 1000;
}

export function associationSummary(ctx: WireContext, record: AssociationRecord): Record<string, unknown> {
  return omitNulls({
    clusterName: ctx.cluster,
    namespace: record.namespace,
    serviceAccount: record.serviceAccount,
    associationArn: associationArn(ctx.region, ctx.accountId, ctx.cluster, record.associationId),
    associationId: record.associationId,
    ownerArn: ownerArn(ctx, record),
  });
}

export function association(ctx: WireContext, record: AssociationRecord): Record<string, unknown> {
  return omitNulls({
    clusterName: ctx.cluster,
    namespace: record.namespace,
    serviceAccount: record.serviceAccount,
    roleArn: record.roleArn,
    associationArn: associationArn(ctx.region, ctx.accountId, ctx.cluster, record.associationId),
    associationId: record.associationId,
    tags: { ...record.tags },
    createdAt: epochSeconds(record.createdAt),
    modifiedAt: epochSeconds(record.modifiedAt),
    ownerArn: ownerArn(ctx, record),
    disableSessionTags: record.disableSessionTags,
    targetRoleArn: record.targetRoleArn,
    externalId: record.externalId,
    policy: record.policy,
  });
}

function ownerArn(ctx: WireContext, record: AssociationRecord): string | null {
  if (record.ownerAddon === null) return null;
  // Seeds and snapshots guarantee the owner add-on exists; the fallback only keeps a bad state file from crashing a call.
  const arnId = ctx.addonArnId(record.ownerAddon) ?? 'unknown';
  return addonArn(ctx.region, ctx.accountId, ctx.cluster, record.ownerAddon, arnId);
}

export function cluster(accountId: string, info: ClusterInfo): Record<string, unknown> {
  // Stable per cluster, so endpoints and OIDC issuers do not change across restarts.
  const id = clusterUniqueId(accountId, info.region, info.name);
  const partition = partitionOf(info.region);
  const dnsSuffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const autoMode = info.autoMode;
  return {
    name: info.name,
    arn: clusterArn(info.region, accountId, info.name),
    createdAt: epochSeconds(info.createdAt),
    version: info.version,
    endpoint: `https://${id}.gr7.${info.region}.eks.${dnsSuffix}`,
    roleArn: `arn:${partition}:iam::${accountId}:role/eks-cluster-role-${info.name}`,
    resourcesVpcConfig: {
      subnetIds: [`subnet-${id.slice(0, 17).toLowerCase()}`, `subnet-${id.slice(15, 32).toLowerCase()}`],
      securityGroupIds: [],
      clusterSecurityGroupId: `sg-${id.slice(0, 17).toLowerCase()}`,
      vpcId: `vpc-${id.slice(8, 25).toLowerCase()}`,
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ['0.0.0.0/0'],
    },
    kubernetesNetworkConfig: {
      serviceIpv4Cidr: '10.100.0.0/16',
      ipFamily: 'ipv4',
      ...(autoMode ? { elasticLoadBalancing: { enabled: true } } : {}),
    },
    logging: {
      clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }],
    },
    identity: { oidc: { issuer: `https://${oidcProvider(accountId, info.region, info.name)}` } },
    status: info.status,
    certificateAuthority: { data: Buffer.from(`emulated certificate authority of ${info.name}`).toString('base64') },
    platformVersion: info.platformVersion,
    tags: { ...info.tags },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    upgradePolicy: { supportType: 'STANDARD' },
    // Auto Mode is the three capabilities together, as EKS requires them; other clusters answer none of them.
    ...(autoMode
      ? {
          computeConfig: {
            enabled: true,
            nodePools: [...autoMode.nodePools],
            nodeRoleArn: autoMode.nodeRoleArn ?? `arn:${partition}:iam::${accountId}:role/AmazonEKSAutoNodeRole`,
          },
          storageConfig: { blockStorage: { enabled: true } },
        }
      : {}),
  };
}

export function addon(ctx: WireContext, record: AddonRecord, ownedAssociationArns: string[]): Record<string, unknown> {
  return {
    addonName: record.name,
    clusterName: ctx.cluster,
    status: record.status,
    addonVersion: record.version,
    health: {
      issues: (record.healthIssues ?? []).map((issue) => ({
        code: issue.code,
        message: issue.message,
        resourceIds: [...issue.resourceIds],
      })),
    },
    addonArn: addonArn(ctx.region, ctx.accountId, ctx.cluster, record.name, record.arnId),
    createdAt: epochSeconds(record.createdAt),
    modifiedAt: epochSeconds(record.modifiedAt),
    tags: {},
    podIdentityAssociations: ownedAssociationArns,
  };
}

function omitNulls(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

export function addonArnOf(ctx: WireContext, record: AddonRecord): string {
  return addonArn(ctx.region, ctx.accountId, ctx.cluster, record.name, record.arnId);
}
