/**
 * The benchmark's data: the demo seed's shape (us-east-1 prod-platform and staging-apps,
 * eu-west-1 eu-analytics), with prod-platform filled up to the association quota so that one
 * cluster serves both the page scenarios and the paged-to-the-end one, and the dashboard still
 * sees exactly the demo's three clusters.
 */
import { DEMO_CLUSTERS, DEMO_ROLE_ACCOUNT, demoSeed, type SeedAssociation, type SeedFile } from '../src/emulator';

export const QUOTA_CLUSTER = DEMO_CLUSTERS.prodPlatform;

/** Enough distinct namespaces that no namespace filter (not used here) degenerates. */
const NAMESPACES = 40;

export function benchSeed(quota: number): SeedFile {
  // The platform (default) account of the demo: the benchmark runs in one account.
  const platform = demoSeed().accounts[0];
  if (!platform) throw new Error('The demo seed no longer has a platform account.');
  const seed: SeedFile = { accountId: platform.accountId, clusters: platform.clusters ?? [] };
  const quotaCluster = seed.clusters.find((c) => c.name === QUOTA_CLUSTER.name && c.region === QUOTA_CLUSTER.region);
  if (!quotaCluster) throw new Error(`The demo seed no longer has ${QUOTA_CLUSTER.name} in ${QUOTA_CLUSTER.region}.`);
  const existing = quotaCluster.associations ?? [];
  if (existing.length > quota)
    throw new RangeError(`${QUOTA_CLUSTER.name} already has ${existing.length} associations, over the quota ${quota}.`);
  const filler: SeedAssociation[] = Array.from({ length: quota - existing.length }, (_, i) => ({
    namespace: `bench-${i % NAMESPACES}`,
    serviceAccount: `workload-${i}`,
    roleArn: `arn:aws:iam::${DEMO_ROLE_ACCOUNT}:role/bench-workload-${i}`,
  }));
  quotaCluster.associations = [...existing, ...filler];
  return seed;
}

/** Clusters per region, and how many associations each has, as the seed defines them. */
export function seedShape(seed: SeedFile): Map<string, Array<{ name: string; associations: number }>> {
  const regions = new Map<string, Array<{ name: string; associations: number }>>();
  for (const cluster of seed.clusters) {
    const region = cluster.region ?? 'us-east-1';
    const list = regions.get(region) ?? [];
    list.push({ name: cluster.name, associations: cluster.associations?.length ?? 0 });
    regions.set(region, list);
  }
  return regions;
}
