/**
 * Dry runs of create and update: what EKS would answer, found with reads only, so that nothing
 * changes. The failures are EKS's own (the same names and messages as the real call), so the
 * resolvers turn them into the same typed errors; the result is the association as it would be.
 * The roles are checked by the caller (the resolvers, which know the accounts served and IAM).
 */
import { EksError } from './errors';
import type { PodIdentityBackend } from './operations';
import type { AssociationDetail, CreateAssociationParams, UpdateAssociationParams } from './types';

const PAGE = 100;

function eksRefusal(
  kind: 'NotFound' | 'AlreadyExists',
  message: string,
  name: string,
  status: number,
  operation: string,
): EksError {
  return new EksError(kind, message, name, operation, null, status, false);
}

export async function simulateCreate(
  eks: PodIdentityBackend,
  params: CreateAssociationParams,
): Promise<AssociationDetail> {
  const operation = 'CreatePodIdentityAssociation';
  const at = { accountId: params.accountId, region: params.region };
  const cluster = await eks.describeCluster({ ...at, name: params.clusterName });
  if (!cluster)
    throw eksRefusal(
      'NotFound',
      `No cluster found for name: ${params.clusterName}.`,
      'ResourceNotFoundException',
      404,
      operation,
    );
  const same = await eks.listAssociations(at, params.clusterName, {
    namespace: params.namespace,
    serviceAccount: params.serviceAccount,
    maxResults: PAGE,
    nextToken: null,
  });
  const existing = same.items[0];
  if (existing) {
    throw eksRefusal(
      'AlreadyExists',
      `Association already exists: ${existing.associationId}`,
      'ResourceInUseException',
      409,
      operation,
    );
  }
  return {
    ...at,
    clusterName: params.clusterName,
    namespace: params.namespace,
    serviceAccount: params.serviceAccount,
    // Not made: EKS gives the id and ARN when it creates the association.
    associationId: '',
    associationArn: '',
    ownerArn: null,
    roleArn: params.roleArn,
    targetRoleArn: params.targetRoleArn ?? null,
    // EKS generates it when it creates the association: not known in a dry run.
    externalId: null,
    disableSessionTags: params.disableSessionTags ?? false,
    policy: params.policy ?? null,
    tags: params.tags ?? {},
    createdAt: null,
    modifiedAt: null,
  };
}

export async function simulateUpdate(
  eks: PodIdentityBackend,
  params: UpdateAssociationParams,
): Promise<AssociationDetail> {
  const current = await eks.describeAssociation(params);
  if (!current) {
    throw eksRefusal(
      'NotFound',
      `No association found for id: ${params.associationId}.`,
      'ResourceNotFoundException',
      404,
      'UpdatePodIdentityAssociation',
    );
  }
  const targetRoleArn =
    params.targetRoleArn === undefined
      ? current.targetRoleArn
      : params.targetRoleArn === ''
        ? null
        : params.targetRoleArn;
  return {
    ...current,
    roleArn: params.roleArn ?? current.roleArn,
    targetRoleArn,
    // A new target role gets an external id from EKS; unknown until then.
    externalId: targetRoleArn === null ? null : current.externalId,
    disableSessionTags: params.disableSessionTags ?? current.disableSessionTags,
    policy: params.policy === undefined ? current.policy : params.policy === '' ? null : params.policy,
    // It would change now: the pods to restart are those started before.
    modifiedAt: new Date(),
  };
}
