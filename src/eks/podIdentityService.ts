import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  DescribeAddonCommand,
  ListClustersCommand,
  ListPodIdentityAssociationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePodIdentityAssociationCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import type { CallScope, EksCallRunner } from './callRunner';
import type { MutationCall } from './deadline';
import { simulateCreate, simulateUpdate } from './dryRun';
import { EksError } from './errors';
import {
  applyDescribed,
  EKS_OPERATIONS,
  type BackendArgs,
  type BackendMethod,
  type PodIdentityBackend,
} from './operations';
import {
  toAddonDetail,
  toClusterDetail,
  toDetail,
  toName,
  toPage,
  toRoleDetail,
  toSummary,
  toTags,
} from './responseModels';
import type {
  AddonDetail,
  RoleDetail,
  AccountRegion,
  AssociationDetail,
  AssociationKey,
  AssociationSummary,
  AssociationTarget,
  ClusterDetail,
  ClusterKey,
  CreateAssociationParams,
  EksPage,
  ListAssociationsParams,
  Tags,
  UpdateAssociationParams,
} from './types';

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

  async listClusters(at: AccountRegion, maxResults: number, nextToken: string | null): Promise<EksPage<string>> {
    const out = await this.send('listClusters', [at, maxResults, nextToken], (c) =>
      c.send(new ListClustersCommand({ maxResults, nextToken: nextToken ?? undefined })),
    );
    return toPage('ListClusters', out.clusters, 'clusters', out.nextToken, (name) => toName('ListClusters', name));
  }

  /** Null when the cluster does not exist. */
  async describeCluster(key: ClusterKey): Promise<ClusterDetail | null> {
    try {
      const out = await this.send('describeCluster', [key], (c) =>
        c.send(new DescribeClusterCommand({ name: key.name })),
      );
      return toClusterDetail('DescribeCluster', key, out.cluster);
    } catch (error) {
      if (error instanceof EksError && error.kind === 'NotFound') return null;
      throw error;
    }
  }

  async listAssociations(
    at: AccountRegion,
    clusterName: string,
    params: ListAssociationsParams,
  ): Promise<EksPage<AssociationSummary>> {
    const out = await this.send('listAssociations', [at, clusterName, params], (c) =>
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
      toSummary('ListPodIdentityAssociations', at, clusterName, s),
    );
  }

  /** Null when the association (or its cluster) does not exist. */
  async describeAssociation(key: AssociationKey): Promise<AssociationDetail | null> {
    try {
      const out = await this.send('describeAssociation', [key], (c) =>
        c.send(
          new DescribePodIdentityAssociationCommand({
            clusterName: key.clusterName,
            associationId: key.associationId,
          }),
        ),
      );
      return toDetail('DescribePodIdentityAssociation', key, key.clusterName, out.association);
    } catch (error) {
      if (error instanceof EksError && error.kind === 'NotFound') return null;
      throw error;
    }
  }

  async createAssociation(params: CreateAssociationParams): Promise<AssociationDetail> {
    if (params.dryRun) return simulateCreate(this, params);
    const { accountId, region, dryRun: _dryRun, ...input } = params;
    const out = await this.send('createAssociation', [params], (c) =>
      c.send(new CreatePodIdentityAssociationCommand(input)),
    );
    return toDetail('CreatePodIdentityAssociation', { accountId, region }, params.clusterName, out.association);
  }

  async updateAssociation(params: UpdateAssociationParams): Promise<AssociationDetail> {
    if (params.dryRun) return simulateUpdate(this, params);
    const { accountId, region, dryRun: _dryRun, ...input } = params;
    const out = await this.send('updateAssociation', [params], (c) =>
      c.send(new UpdatePodIdentityAssociationCommand(input)),
    );
    return toDetail('UpdatePodIdentityAssociation', { accountId, region }, params.clusterName, out.association);
  }

  /** Returns the association as it was before deletion. */
  async deleteAssociation(key: AssociationKey): Promise<AssociationDetail> {
    const out = await this.send('deleteAssociation', [key], (c) =>
      c.send(
        new DeletePodIdentityAssociationCommand({ clusterName: key.clusterName, associationId: key.associationId }),
      ),
    );
    return toDetail('DeletePodIdentityAssociation', key, key.clusterName, out.association);
  }

  async tagAssociation(target: AssociationTarget, tags: Tags): Promise<void> {
    await this.send('tagAssociation', [target, tags], (c) =>
      c.send(new TagResourceCommand({ resourceArn: target.associationArn, tags })),
    );
  }

  async untagAssociation(target: AssociationTarget, tagKeys: readonly string[]): Promise<void> {
    await this.send('untagAssociation', [target, tagKeys], (c) =>
      c.send(new UntagResourceCommand({ resourceArn: target.associationArn, tagKeys: [...tagKeys] })),
    );
  }

  async listAssociationTags(target: AssociationTarget): Promise<Tags> {
    const out = await this.send('listAssociationTags', [target], (c) =>
      c.send(new ListTagsForResourceCommand({ resourceArn: target.associationArn })),
    );
    return toTags('ListTagsForResource', out.tags);
  }

  /** Makes the call `method` describes, in its account and region, as this scope. */
  /** Null when the cluster has no such add-on (or the cluster does not exist). */
  async describeAddon(key: ClusterKey, addonName: string): Promise<AddonDetail | null> {
    try {
      const out = await this.send('describeAddon', [key, addonName], (c) =>
        c.send(new DescribeAddonCommand({ clusterName: key.name, addonName })),
      );
      return toAddonDetail('DescribeAddon', out.addon);
    } catch (error) {
      if (error instanceof EksError && error.kind === 'NotFound') return null;
      throw error;
    }
  }

  /** Null when the account has no such role. */
  async getRole(accountId: string, roleName: string): Promise<RoleDetail | null> {
    try {
      const out = await this.runner.runIam(this.scope, accountId, EKS_OPERATIONS.getRole.operation, (c) =>
        c.send(new GetRoleCommand({ RoleName: roleName })),
      );
      return toRoleDetail('GetRole', accountId, out.Role);
    } catch (error) {
      if (error instanceof EksError && error.kind === 'NotFound') return null;
      throw error;
    }
  }

  private send<M extends BackendMethod, T>(
    method: M,
    args: BackendArgs<M>,
    call: (client: EKSClient) => Promise<T>,
  ): Promise<T> {
    const description = EKS_OPERATIONS[method];
    const at = applyDescribed(description.location, args);
    const mutation: MutationCall | null = description.mutates
      ? { clientRequestToken: applyDescribed(description.clientRequestToken, args) }
      : null;
    return this.runner.run(this.scope, at, description.operation, call, mutation);
  }
}
