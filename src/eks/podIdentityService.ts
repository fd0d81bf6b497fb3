import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  UpdatePodIdentityAssociationCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import type { CallScope, EksCallRunner, SendOptions } from './callRunner';
import type { MutationCall } from './deadline';
import { EksError } from './errors';
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
 * The EKS operations the gateway uses, one method each, for one scope (a request, or a
 * background job): every call takes its turn as that scope in its region's fair limiter
 * (shared by all requests, see src/eks/callRunner.ts), ends at the scope's deadline, and fails
 * only with an `EksError` or a `RequestTimedOut`.
 */
export class PodIdentityService implements PodIdentityBackend {
  constructor(
    private readonly runner: EksCallRunner,
    private readonly scope: CallScope,
  ) {}

  async listClusters(region: string, maxResults: number, nextToken: string | null): Promise<EksPage<string>> {
    const out = await this.send(region, 'ListClusters', (c, o) =>
      c.send(new ListClustersCommand({ maxResults, nextToken: nextToken ?? undefined }), o),
    );
    return toPage('ListClusters', out.clusters, 'clusters', out.nextToken, (name) => toName('ListClusters', name));
  }

  /** Null when the cluster does not exist. */
  async describeCluster(key: ClusterKey): Promise<ClusterDetail | null> {
    try {
      const out = await this.send(key.region, 'DescribeCluster', (c, o) =>
        c.send(new DescribeClusterCommand({ name: key.name }), o),
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
    const out = await this.send(region, 'ListPodIdentityAssociations', (c, o) =>
      c.send(
        new ListPodIdentityAssociationsCommand({
          clusterName,
          namespace: params.namespace,
          serviceAccount: params.serviceAccount,
          maxResults: params.maxResults,
          nextToken: params.nextToken ?? undefined,
        }),
        o,
      ),
    );
    return toPage('ListPodIdentityAssociations', out.associations, 'associations', out.nextToken, (s) =>
      toSummary('ListPodIdentityAssociations', region, clusterName, s),
    );
  }

  /** Null when the association (or its cluster) does not exist. */
  async describeAssociation(key: AssociationKey): Promise<AssociationDetail | null> {
    try {
      const out = await this.send(key.region, 'DescribePodIdentityAssociation', (c, o) =>
        c.send(
          new DescribePodIdentityAssociationCommand({
            clusterName: key.clusterName,
            associationId: key.associationId,
          }),
          o,
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
    const out = await this.send(
      region,
      'CreatePodIdentityAssociation',
      (c, o) => c.send(new CreatePodIdentityAssociationCommand(input), o),
      { clientRequestToken: input.clientRequestToken ?? null },
    );
    return toDetail('CreatePodIdentityAssociation', region, params.clusterName, out.association);
  }

  async updateAssociation(params: UpdateAssociationParams): Promise<AssociationDetail> {
    const { region, ...input } = params;
    const out = await this.send(
      region,
      'UpdatePodIdentityAssociation',
      (c, o) => c.send(new UpdatePodIdentityAssociationCommand(input), o),
      { clientRequestToken: input.clientRequestToken ?? null },
    );
    return toDetail('UpdatePodIdentityAssociation', region, params.clusterName, out.association);
  }

  /** Returns the association as it was before deletion. */
  async deleteAssociation(key: AssociationKey): Promise<AssociationDetail> {
    const out = await this.send(
      key.region,
      'DeletePodIdentityAssociation',
      (c, o) =>
        c.send(
          new DeletePodIdentityAssociationCommand({
            clusterName: key.clusterName,
            associationId: key.associationId,
          }),
          o,
        ),
      { clientRequestToken: null },
    );
    return toDetail('DeletePodIdentityAssociation', key.region, key.clusterName, out.association);
  }

  private send<T>(
    region: string,
    operation: string,
    call: (client: EKSClient, options: SendOptions) => Promise<T>,
    mutation: MutationCall | null = null,
  ): Promise<T> {
    return this.runner.run(this.scope, region, operation, call, mutation);
  }
}
