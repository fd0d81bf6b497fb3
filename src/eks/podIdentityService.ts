import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  UpdatePodIdentityAssociationCommand,
} from '@aws-sdk/client-eks';
import type { GatewayMetrics } from '../metrics';
import type { EksClientPool } from './clients';
import { EksError, toEksError } from './errors';
import { ConcurrencyLimiter } from './limiter';
import { toClusterDetail, toDetail, toName, toPage, toSummary } from './responseModels';
import type {
  AssociationDetail,
  AssociationKey,
  AssociationSummary,
  ClusterDetail,
  ClusterKey,
  CreateAssociationParams,
  EksPage,
  ListAssociationsParams,
  UpdateAssociationParams,
} from './types';

/**
 * The EKS operations the gateway uses. Implemented by the service that calls EKS and by the
 * layers that wrap it (the shared cache), so resolvers and loaders see one interface.
 */
export interface PodIdentityBackend {
  listClusters(region: string, maxResults: number, nextToken: string | null): Promise<EksPage<string>>;
  /** Null when the cluster does not exist. */
  describeCluster(key: ClusterKey): Promise<ClusterDetail | null>;
  listAssociations(region: string, clusterName: string, params: ListAssociationsParams): Promise<EksPage<AssociationSummary>>;
  /** Null when the association (or its cluster) does not exist. */
  describeAssociation(key: AssociationKey): Promise<AssociationDetail | null>;
  createAssociation(params: CreateAssociationParams): Promise<AssociationDetail>;
  updateAssociation(params: UpdateAssociationParams): Promise<AssociationDetail>;
  /** Returns the association as it was before deletion. */
  deleteAssociation(key: AssociationKey): Promise<AssociationDetail>;
}

/**
 * The EKS operations the gateway uses, one method each. Every call runs under its region's
 * concurrency limiter (shared by all requests) and fails only with an `EksError`.
 */
export class PodIdentityService implements PodIdentityBackend {
  private readonly limiters = new Map<string, ConcurrencyLimiter>();

  constructor(
    private readonly clients: EksClientPool,
    private readonly maxConcurrency: number,
    private readonly metrics: GatewayMetrics | null = null,
  ) {
    const limiterState = (read: (l: ConcurrencyLimiter) => number) => () =>
      [...this.limiters].map(([region, limiter]): [string, number] => [region, read(limiter)]);
    metrics?.gaugeOnScrape('eks_calls_in_flight', 'EKS calls running now, by region (at most EKS_MAX_CONCURRENCY).', 'region', limiterState((l) => l.running));
    metrics?.gaugeOnScrape('eks_calls_queued', 'EKS calls waiting for a slot of their region\'s limiter.', 'region', limiterState((l) => l.queued));
  }

  async listClusters(region: string, maxResults: number, nextToken: string | null): Promise<EksPage<string>> {
    const out = await this.send(region, 'ListClusters', (c) =>
      c.send(new ListClustersCommand({ maxResults, nextToken: nextToken ?? undefined })),
    );
    return toPage('ListClusters', out.clusters, 'clusters', out.nextToken, (name) => toName('ListClusters', name));
  }

  /** Null when the cluster does not exist. */
  async describeCluster(key: ClusterKey): Promise<ClusterDetail | null> {
    try {
      const out = await this.send(key.region, 'DescribeCluster', (c) =>
        c.send(new DescribeClusterCommand({ name: key.name })),
      );
      return toClusterDetail('DescribeCluster', key.region, out.cluster);
    } catch (error) {
      if (error instanceof EksError && error.kind === 'NotFound') return null;
      throw error;
    }
  }

  async listAssociations(
    region: string,
    clusterName: string,
    params: ListAssociationsParams,
  ): Promise<EksPage<AssociationSummary>> {
    const out = await this.send(region, 'ListPodIdentityAssociations', (c) =>
      c.send(
        new ListPodIdentityAssociationsCommand({
          clusterName,
          namespace: params.namespace,
          serviceAccount: params.serviceAccount,
          maxResults: params.maxResults,
          nextToken: params.nextToken ?? undefined,
        }),
      ),
    );
    return toPage('ListPodIdentityAssociations', out.associations, 'associations', out.nextToken, (s) =>
      toSummary('ListPodIdentityAssociations', region, clusterName, s),
    );
  }

  /** Null when the association (or its cluster) does not exist. */
  async describeAssociation(key: AssociationKey): Promise<AssociationDetail | null> {
    try {
      const out = await this.send(key.region, 'DescribePodIdentityAssociation', (c) =>
        c.send(
          new DescribePodIdentityAssociationCommand({
            clusterName: key.clusterName,
            associationId: key.associationId,
          }),
        ),
      );
      return toDetail('DescribePodIdentityAssociation', key.region, key.clusterName, out.association);
    } catch (error) {
      if (error instanceof EksError && error.kind === 'NotFound') return null;
      throw error;
    }
  }

  async createAssociation(params: CreateAssociationParams): Promise<AssociationDetail> {
    const { region, ...input } = params;
    const out = await this.send(region, 'CreatePodIdentityAssociation', (c) =>
      c.send(new CreatePodIdentityAssociationCommand(input)),
    );
    return toDetail('CreatePodIdentityAssociation', region, params.clusterName, out.association);
  }

  async updateAssociation(params: UpdateAssociationParams): Promise<AssociationDetail> {
    const { region, ...input } = params;
    const out = await this.send(region, 'UpdatePodIdentityAssociation', (c) =>
      c.send(new UpdatePodIdentityAssociationCommand(input)),
    );
    return toDetail('UpdatePodIdentityAssociation', region, params.clusterName, out.association);
  }

  /** Returns the association as it was before deletion. */
  async deleteAssociation(key: AssociationKey): Promise<AssociationDetail> {
    const out = await this.send(key.region, 'DeletePodIdentityAssociation', (c) =>
      c.send(
        new DeletePodIdentityAssociationCommand({
          clusterName: key.clusterName,
          associationId: key.associationId,
        }),
      ),
    );
    return toDetail('DeletePodIdentityAssociation', key.region, key.clusterName, out.association);
  }

  private async send<T>(
    region: string,
    operation: string,
    call: (client: ReturnType<EksClientPool['forRegion']>) => Promise<T>,
  ): Promise<T> {
    const client = this.clients.forRegion(region);
    return this.limiterFor(region).run(async () => {
      const stopTimer = this.metrics?.eksSeconds.startTimer({ operation });
      try {
        const out = await call(client);
        this.metrics?.eksCalls.inc({ operation, region, result: 'ok' });
        return out;
      } catch (error) {
        const failure = toEksError(error, operation);
        this.metrics?.eksCalls.inc({ operation, region, result: failure.kind });
        throw failure;
      } finally {
        stopTimer?.();
      }
    });
  }

  private limiterFor(region: string): ConcurrencyLimiter {
    let limiter = this.limiters.get(region);
    if (!limiter) {
      limiter = new ConcurrencyLimiter(this.maxConcurrency);
      this.limiters.set(region, limiter);
    }
    return limiter;
  }
}
