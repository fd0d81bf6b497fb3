/**
 * TagResource, UntagResource and ListTagsForResource on cluster and Pod Identity association
 * ARNs. As in EKS, these operations have errors of their own: `BadRequestException` (400) for
 * anything malformed and `NotFoundException` (404) for a resource that does not exist here.
 * TagResource merges (a key given again takes the new value); UntagResource removes the keys
 * named, and a key that is not there is no error: both converge when retried.
 */
import { applyChange, type StateChange } from './changes';
import { WireError, quote } from './errors';
import type { AssociationRecord, Tags } from './model';
import type { OperationContext, OperationRequest, OperationResult } from './operations';
import type { ClusterState } from './store';
import { MAX_TAGS, validateTags } from './validation';

type TaggedResource =
  | { kind: 'cluster'; cluster: ClusterState }
  | { kind: 'association'; cluster: ClusterState; association: AssociationRecord };

export function tagResource(ctx: OperationContext, request: OperationRequest): OperationResult {
  const resource = requireResource(ctx, request);
  const given = request.body.tags;
  if (given === undefined || given === null) throw badRequest('The parameter tags is required.');
  const tags = asBadRequest(() => validateTags(given));
  if (Object.keys(tags).length === 0) throw badRequest('The parameter tags must hold at least one tag.');
  const merged = { ...tagsOf(resource), ...tags };
  const count = Object.keys(merged).length;
  if (count > MAX_TAGS) {
    throw badRequest(`A resource may have at most ${MAX_TAGS} tags; this request would leave ${count}.`);
  }
  return { body: {}, change: put(ctx, request.region, resource, merged) };
}

export function untagResource(ctx: OperationContext, request: OperationRequest): OperationResult {
  const resource = requireResource(ctx, request);
  const keys = request.query.getAll('tagKeys');
  if (keys.length === 0) throw badRequest('The parameter tagKeys is required.');
  if (keys.length > MAX_TAGS)
    throw badRequest(`The parameter tagKeys may name at most ${MAX_TAGS} keys; received ${keys.length}.`);
  for (const key of keys) {
    if (key.length < 1 || key.length > 128)
      throw badRequest(`Tag keys must be 1-128 characters long; received ${quote(key)}.`);
    if (key.toLowerCase().startsWith('aws:'))
      throw badRequest(`Tag keys starting with 'aws:' are reserved for AWS use; received ${quote(key)}.`);
  }
  const remaining: Tags = { ...tagsOf(resource) };
  for (const key of keys) delete remaining[key];
  return { body: {}, change: put(ctx, request.region, resource, remaining) };
}

export function listTagsForResource(ctx: OperationContext, request: OperationRequest): OperationResult {
  return { body: { tags: { ...tagsOf(requireResource(ctx, request)) } }, change: null };
}

function tagsOf(resource: TaggedResource): Tags {
  return resource.kind === 'cluster' ? resource.cluster.info.tags : resource.association.tags;
}

/** Applies the resource's new tag set; tags are not a change of the association, so modifiedAt stays. */
function put(ctx: OperationContext, region: string, resource: TaggedResource, tags: Tags): StateChange {
  const cluster = resource.cluster.info.name;
  const change: StateChange =
    resource.kind === 'cluster'
      ? { type: 'setClusterTags', accountId: ctx.accountId, region, cluster, tags }
      : {
          type: 'putAssociation',
          accountId: ctx.accountId,
          region,
          cluster,
          association: { ...resource.association, tags },
          idempotency: null,
        };
  applyChange(ctx.store, change);
  return change;
}

const ARN = /^arn:(aws|aws-cn|aws-us-gov):eks:([a-z0-9-]+):(\d{12}):(cluster|podidentityassociation)\/(.+)$/;

/** The resource a `resourceArn` names, in this region and account, or the error EKS gives. */
function requireResource(ctx: OperationContext, request: OperationRequest): TaggedResource {
  const arn = request.labels[0] ?? '';
  const match = ARN.exec(arn);
  if (!match) {
    throw badRequest(
      `The resourceArn ${quote(arn)} is not the ARN of a cluster (arn:aws:eks:<region>:<account>:cluster/<name>) or a Pod Identity association (arn:aws:eks:<region>:<account>:podidentityassociation/<cluster>/<associationId>).`,
    );
  }
  const [, , region, accountId, type, rest] = match as unknown as [string, string, string, string, string, string];
  const parts = rest.split('/');
  const clusterName = parts[0] ?? '';
  const shapeFits = type === 'cluster' ? parts.length === 1 : parts.length === 2;
  if (!shapeFits || clusterName === '')
    throw badRequest(
      `The resourceArn ${quote(arn)} does not name a ${type === 'cluster' ? 'cluster' : 'Pod Identity association'}.`,
    );
  // A resource of another region or account is not one this endpoint holds.
  const cluster =
    region === request.region && accountId === ctx.accountId ? ctx.account.cluster(region, clusterName) : undefined;
  if (!cluster) throw notFoundResource(arn);
  if (type === 'cluster') return { kind: 'cluster', cluster };
  const association = cluster.association(parts[1] ?? '');
  if (!association) throw notFoundResource(arn);
  return { kind: 'association', cluster, association };
}

function badRequest(message: string): WireError {
  return new WireError('BadRequestException', message);
}

function notFoundResource(arn: string): WireError {
  return new WireError('NotFoundException', `Resource not found: ${quote(arn)}.`);
}

/** The shared tag rules throw InvalidParameterException; these operations answer BadRequestException. */
function asBadRequest<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof WireError && error.name === 'InvalidParameterException') throw badRequest(error.message);
    throw error;
  }
}
