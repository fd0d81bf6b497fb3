/**
 * Changes of an association's tags: `tagPodIdentityAssociation`, `untagPodIdentityAssociation`
 * and the whole tag set of `updatePodIdentityAssociation`. EKS changes tags only by ARN, with
 * TagResource (merging) and UntagResource, and neither answers the result; so a change is
 * computed against the association's current tags, only what differs is sent (removals first,
 * as Terraform does), and the tags are read back with ListTagsForResource. Both calls are
 * idempotent, so a retry of the same input converges on the same tags.
 */
import { EksError } from '../../eks/errors';
import { primeAssociation } from '../../eks/loaders';
import type { AssociationDetail, AssociationKey, Tags } from '../../eks/types';
import type { MutationResolvers } from '../../generated/graphql';
import { audited } from '../../security/auditedMutation';
import type { GatewayContext } from '../context';
import { checkTagKeys, checkTags, MAX_TAGS, type InputProblem } from '../inputRules';
import { associationFromDetail } from '../models';
import { expectedFailure, invalidInput } from './mutationErrors';
import { auditedAccount, resolveTarget } from './mutationTarget';

/** What to send: keys to remove, then tags to set. Empty when the tags are as wanted. */
export interface TagChange {
  remove: string[];
  set: Tags;
}

export function isEmptyChange(change: TagChange): boolean {
  return change.remove.length === 0 && Object.keys(change.set).length === 0;
}

/** From `current` to exactly `wanted`. */
export function towardsTagSet(current: Tags, wanted: Tags): TagChange {
  return {
    remove: Object.keys(current).filter((key) => !Object.prototype.hasOwnProperty.call(wanted, key)),
    set: changedTags(current, wanted),
  };
}

/** The tags of `added` that `current` lacks or holds with another value. */
function changedTags(current: Tags, added: Tags): Tags {
  const set: Tags = {};
  for (const [key, value] of Object.entries(added)) {
    if (current[key] !== value) set[key] = value;
  }
  return set;
}

/**
 * Sends `change` for `current` and returns the association with the tags EKS then holds;
 * `current` unchanged when there is nothing to send. Later fields of the request see the result.
 */
export async function applyTagChange(
  ctx: GatewayContext,
  current: AssociationDetail,
  change: TagChange,
): Promise<AssociationDetail> {
  if (isEmptyChange(change)) return current;
  const target = {
    accountId: current.accountId,
    region: current.region,
    clusterName: current.clusterName,
    associationId: current.associationId,
    associationArn: current.associationArn,
  };
  if (change.remove.length > 0) await ctx.service.untagAssociation(target, change.remove);
  if (Object.keys(change.set).length > 0) await ctx.service.tagAssociation(target, change.set);
  const tags = await ctx.service.listAssociationTags(target);
  const changed = { ...current, tags };
  primeAssociation(ctx.loaders, changed);
  return changed;
}

/** The association as the caller may read it; not found is thrown as EKS would answer it. */
export async function currentAssociation(ctx: GatewayContext, key: AssociationKey): Promise<AssociationDetail> {
  const current = await ctx.loaders.association.load(key);
  if (current) return current;
  throw new EksError(
    'NotFound',
    `No association found for id: ${key.associationId}.`,
    'ResourceNotFoundException',
    'DescribePodIdentityAssociation',
    null,
    404,
    false,
  );
}

/** EKS allows 50 tags on a resource, counted after a merge. */
function tooManyAfterMerge(current: Tags, change: TagChange): InputProblem | null {
  const count = new Set([...Object.keys(current), ...Object.keys(change.set)]).size;
  return count > MAX_TAGS
    ? { field: 'tags', message: `The association would carry ${count} tags with these; EKS allows at most ${MAX_TAGS}` }
    : null;
}

export const tagMutations: Pick<MutationResolvers, 'tagPodIdentityAssociation' | 'untagPodIdentityAssociation'> = {
  tagPodIdentityAssociation: (_, { input }, ctx) =>
    audited(ctx, 'tagPodIdentityAssociation', input, auditedAccount(ctx, input, 'change'), async () => {
      const clientMutationId = input.clientMutationId ?? null;
      const target = resolveTarget(input, ctx);
      const tags = checkTags(input.tags);
      const problems = [...(target.ok ? [] : target.problems), ...tags.problems];
      if (input.tags.length === 0) problems.push({ field: 'tags', message: 'Give at least one tag to add or change' });
      if (!target.ok || problems.length > 0)
        return { clientMutationId, podIdentityAssociation: null, errors: invalidInput(problems) };
      const key = target.value;
      try {
        const current = await currentAssociation(ctx, key);
        const change: TagChange = { remove: [], set: changedTags(current.tags, tags.map) };
        const tooMany = tooManyAfterMerge(current.tags, change);
        if (tooMany) return { clientMutationId, podIdentityAssociation: null, errors: invalidInput([tooMany]) };
        const changed = await applyTagChange(ctx, current, change);
        return { clientMutationId, podIdentityAssociation: associationFromDetail(changed), errors: [] };
      } catch (error) {
        return { clientMutationId, podIdentityAssociation: null, errors: [await expectedFailure(ctx, error, key)] };
      }
    }),

  untagPodIdentityAssociation: (_, { input }, ctx) =>
    audited(ctx, 'untagPodIdentityAssociation', input, auditedAccount(ctx, input, 'change'), async () => {
      const clientMutationId = input.clientMutationId ?? null;
      const target = resolveTarget(input, ctx);
      const problems = [...(target.ok ? [] : target.problems), ...checkTagKeys(input.tagKeys)];
      if (!target.ok || problems.length > 0)
        return { clientMutationId, podIdentityAssociation: null, errors: invalidInput(problems) };
      const key = target.value;
      try {
        const current = await currentAssociation(ctx, key);
        const held = new Set(
          input.tagKeys.filter((tagKey) => Object.prototype.hasOwnProperty.call(current.tags, tagKey)),
        );
        const changed = await applyTagChange(ctx, current, { remove: [...held], set: {} });
        return { clientMutationId, podIdentityAssociation: associationFromDetail(changed), errors: [] };
      } catch (error) {
        return { clientMutationId, podIdentityAssociation: null, errors: [await expectedFailure(ctx, error, key)] };
      }
    }),
};
