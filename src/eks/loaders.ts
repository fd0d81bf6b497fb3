import DataLoader from 'dataloader';
import type { PodIdentityBackend } from './operations';
import type { AddonDetail, AssociationDetail, AssociationKey, ClusterDetail, ClusterKey, RoleDetail } from './types';

/**
 * The per-request loaders. EKS has no batch Describe, so a "batch" here is the set of distinct
 * keys one tick of resolvers asked for; each costs one call, run in parallel under the region's
 * concurrency limiter. The cache makes a key cost one call per request however often it appears.
 */
export interface EksLoaders {
  association: DataLoader<AssociationKey, AssociationDetail | null, string>;
  cluster: DataLoader<ClusterKey, ClusterDetail | null, string>;
  /** IAM roles, by account and name: one GetRole per distinct role per request, for the diagnosis. */
  role: DataLoader<RoleKey, RoleDetail | null, string>;
  /** The Pod Identity agent add-on of a cluster: one DescribeAddon per cluster per request. */
  agent: DataLoader<ClusterKey, AddonDetail | null, string>;
}

export interface RoleKey {
  accountId: string;
  roleName: string;
}

/** The add-on that delivers Pod Identity credentials to pods (unless the cluster is in Auto Mode). */
export const POD_IDENTITY_AGENT_ADDON = 'eks-pod-identity-agent';

export function createLoaders(service: PodIdentityBackend): EksLoaders {
  return {
    association: new DataLoader((keys) => settleEach(keys, (k) => service.describeAssociation(k)), {
      cacheKeyFn: associationCacheKey,
    }),
    cluster: new DataLoader((keys) => settleEach(keys, (k) => service.describeCluster(k)), {
      cacheKeyFn: clusterCacheKey,
    }),
    role: new DataLoader((keys) => settleEach(keys, (k) => service.getRole(k.accountId, k.roleName)), {
      cacheKeyFn: (k) => `${k.accountId}/${k.roleName}`,
    }),
    agent: new DataLoader((keys) => settleEach(keys, (k) => service.describeAddon(k, POD_IDENTITY_AGENT_ADDON)), {
      cacheKeyFn: clusterCacheKey,
    }),
  };
}

/** Stores a fresh association (from a mutation) so later fields of the request need no call. */
export function primeAssociation(loaders: EksLoaders, association: AssociationDetail): void {
  const key = {
    accountId: association.accountId,
    region: association.region,
    clusterName: association.clusterName,
    associationId: association.associationId,
  };
  loaders.association.clear(key).prime(key, association);
}

export function associationCacheKey(key: AssociationKey): string {
  return `${key.accountId}/${key.region}/${key.clusterName}/${key.associationId}`;
}

export function clusterCacheKey(key: ClusterKey): string {
  return `${key.accountId}/${key.region}/${key.name}`;
}

/** One failed key must fail only its own load, so errors are returned in place, not thrown. */
async function settleEach<K, V>(keys: readonly K[], load: (key: K) => Promise<V>): Promise<Array<V | Error>> {
  const settled = await Promise.allSettled(keys.map(load));
  return settled.map((r) =>
    r.status === 'fulfilled' ? r.value : r.reason instanceof Error ? r.reason : new Error(String(r.reason)),
  );
}
