/**
 * What a user writes instead of the gateway: a script on @aws-sdk/client-eks that lists, then
 * describes one association at a time. Default client settings except no retries, against the
 * same emulator, so the speed-up compares the same round trips.
 */
import {
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';

// The SDK's notice about Node 20 support after 2027 is not a benchmark result.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface ClusterRef {
  region: string;
  name: string;
}

export class SequentialScript {
  private readonly clients = new Map<string, EKSClient>();

  constructor(private readonly endpoint: string) {}

  /** One page of `first` associations; with `detailed`, each described in turn. */
  async page(cluster: ClusterRef, first: number, detailed: boolean): Promise<number> {
    const client = this.client(cluster.region);
    const out = await client.send(
      new ListPodIdentityAssociationsCommand({ clusterName: cluster.name, maxResults: first }),
    );
    const ids = (out.associations ?? []).map((a) => a.associationId as string);
    if (detailed) for (const id of ids) await this.describe(cluster, id);
    return ids.length;
  }

  /** Every association of the cluster, `pageSize` at a time. */
  async pageToEnd(cluster: ClusterRef, pageSize: number): Promise<number> {
    const client = this.client(cluster.region);
    let count = 0;
    let nextToken: string | undefined;
    do {
      const out = await client.send(
        new ListPodIdentityAssociationsCommand({ clusterName: cluster.name, maxResults: pageSize, nextToken }),
      );
      count += out.associations?.length ?? 0;
      nextToken = out.nextToken;
    } while (nextToken);
    return count;
  }

  /** Every cluster of each region (with its details when asked), then `first` detailed associations each. */
  async dashboard(regions: readonly string[], first: number, clusterDetail: boolean): Promise<number> {
    let described = 0;
    for (const region of regions) {
      const out = await this.client(region).send(new ListClustersCommand({ maxResults: 100 }));
      for (const name of out.clusters ?? []) {
        if (clusterDetail) await this.client(region).send(new DescribeClusterCommand({ name }));
        described += await this.page({ region, name }, first, true);
      }
    }
    return described;
  }

  async describe(cluster: ClusterRef, associationId: string): Promise<void> {
    await this.client(cluster.region).send(
      new DescribePodIdentityAssociationCommand({ clusterName: cluster.name, associationId }),
    );
  }

  /** The first `n` association ids of a cluster (set-up, not measured). */
  async associationIds(cluster: ClusterRef, n: number): Promise<string[]> {
    const out = await this.client(cluster.region).send(
      new ListPodIdentityAssociationsCommand({ clusterName: cluster.name, maxResults: n }),
    );
    return (out.associations ?? []).map((a) => a.associationId as string);
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private client(region: string): EKSClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new EKSClient({
        region,
        endpoint: this.endpoint,
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
        maxAttempts: 1,
      });
      this.clients.set(region, client);
    }
    return client;
  }
}
