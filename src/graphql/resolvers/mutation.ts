import { randomUUID } from 'node:crypto';
import type {
  CreatePodIdentityAssociationInput,
  DeletePodIdentityAssociationInput,
  MutationResolvers,
  UpdatePodIdentityAssociationInput,
} from '../../generated/graphql';
import { primeAssociation } from '../../eks/loaders';
import type { AssociationKey, CreateAssociationParams, UpdateAssociationParams } from '../../eks/types';
import type { GatewayContext } from '../context';
import { associationId as nodeIdOf, decodeNodeId } from '../ids';
import {
  checkAssociationId,
  checkClusterName,
  checkNamespace,
  checkPolicy,
  checkRegion,
  checkRequestToken,
  checkRoleArn,
  checkServiceAccount,
  checkTags,
  collect,
  type InputProblem,
} from '../inputRules';
import { associationFromDetail } from '../models';
import { audited } from '../../security/auditedMutation';
import { expectedFailure, invalidInput } from './mutationErrors';

type Validated<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

/**
 * Each mutation is audited (src/security/auditedMutation.ts): its attempt is recorded before the
 * mutating EKS call goes out, and its outcome after; a refusal before any EKS call, once.
 */
export const Mutation: MutationResolvers = {
  createPodIdentityAssociation: (_, { input }, ctx) => audited(ctx, 'createPodIdentityAssociation', input, async () => {
    const clientMutationId = input.clientMutationId ?? null;
    const checked = validateCreate(input, ctx.regions);
    if (!checked.ok) {
      return { clientMutationId, podIdentityAssociation: null, clientRequestToken: null, errors: invalidInput(checked.problems) };
    }
    const params = checked.value;
    try {
      const created = await ctx.service.createAssociation(params);
      primeAssociation(ctx.loaders, created);
      return { clientMutationId, podIdentityAssociation: associationFromDetail(created), clientRequestToken: params.clientRequestToken, errors: [] };
    } catch (error) {
      const failure = await expectedFailure(ctx, error, {
        region: params.region,
        clusterName: params.clusterName,
        identity: { namespace: params.namespace, serviceAccount: params.serviceAccount },
        roleArn: params.roleArn,
        clientRequestToken: params.clientRequestToken,
      });
      return { clientMutationId, podIdentityAssociation: null, clientRequestToken: params.clientRequestToken, errors: [failure] };
    }
  }),

  updatePodIdentityAssociation: (_, { input }, ctx) => audited(ctx, 'updatePodIdentityAssociation', input, async () => {
    const clientMutationId = input.clientMutationId ?? null;
    const checked = validateUpdate(input, ctx);
    if (!checked.ok) {
      return { clientMutationId, podIdentityAssociation: null, clientRequestToken: null, errors: invalidInput(checked.problems) };
    }
    const params = checked.value;
    try {
      const updated = await ctx.service.updateAssociation(params);
      primeAssociation(ctx.loaders, updated);
      return { clientMutationId, podIdentityAssociation: associationFromDetail(updated), clientRequestToken: params.clientRequestToken, errors: [] };
    } catch (error) {
      const failure = await expectedFailure(ctx, error, {
        ...params,
        roleArn: params.roleArn ?? params.targetRoleArn ?? null,
      });
      return { clientMutationId, podIdentityAssociation: null, clientRequestToken: params.clientRequestToken, errors: [failure] };
    }
  }),

  deletePodIdentityAssociation: (_, { input }, ctx) => audited(ctx, 'deletePodIdentityAssociation', input, async () => {
    const clientMutationId = input.clientMutationId ?? null;
    const target = resolveTarget(input, ctx);
    if (!target.ok) {
      return { clientMutationId, deletedPodIdentityAssociationId: null, podIdentityAssociation: null, errors: invalidInput(target.problems) };
    }
    const key = target.value;
    try {
      const deleted = await ctx.service.deleteAssociation(key);
      // Later fields of this request must not read the association from the cache as alive.
      ctx.loaders.association.clear(key).prime(key, null);
      return {
        clientMutationId,
        deletedPodIdentityAssociationId: nodeIdOf(key),
        podIdentityAssociation: associationFromDetail(deleted),
        errors: [],
      };
    } catch (error) {
      const failure = await expectedFailure(ctx, error, key);
      return { clientMutationId, deletedPodIdentityAssociationId: null, podIdentityAssociation: null, errors: [failure] };
    }
  }),
};

function validateCreate(input: CreatePodIdentityAssociationInput, regions: readonly string[]): Validated<CreateAssociationParams> {
  const region = input.region ?? regions[0] ?? '';
  const problems = collect([
    ['clusterName', input.clusterName, checkClusterName],
    ['region', region, (r) => checkRegion(r, regions)],
    ['namespace', input.namespace, checkNamespace],
    ['serviceAccount', input.serviceAccount, checkServiceAccount],
    ['roleArn', input.roleArn, checkRoleArn],
    ['targetRoleArn', input.targetRoleArn, checkRoleArn],
    ['policy', input.policy, checkPolicy],
    ['clientRequestToken', input.clientRequestToken, checkRequestToken],
  ]);
  if (input.policy !== null && input.policy !== undefined && input.disableSessionTags !== true) {
    problems.push({ field: 'policy', message: 'policy is accepted only together with disableSessionTags: true' });
  }
  const tags = checkTags(input.tags ?? []);
  problems.push(...tags.problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      region,
      clusterName: input.clusterName,
      namespace: input.namespace,
      serviceAccount: input.serviceAccount,
      roleArn: input.roleArn,
      ...(input.targetRoleArn ? { targetRoleArn: input.targetRoleArn } : {}),
      ...(input.disableSessionTags !== null && input.disableSessionTags !== undefined
        ? { disableSessionTags: input.disableSessionTags }
        : {}),
      ...(input.policy ? { policy: input.policy } : {}),
      ...(input.tags ? { tags: tags.map } : {}),
      clientRequestToken: input.clientRequestToken ?? randomUUID(),
    },
  };
}

const CHANGEABLE = ['roleArn', 'targetRoleArn', 'disableSessionTags', 'policy'] as const;

function validateUpdate(input: UpdatePodIdentityAssociationInput, ctx: GatewayContext): Validated<UpdateAssociationParams> {
  const target = resolveTarget(input, ctx);
  const problems = target.ok ? [] : [...target.problems];
  if (CHANGEABLE.every((field) => input[field] === undefined)) {
    problems.push({ field: '', message: `Give at least one of ${CHANGEABLE.join(', ')} to change` });
  }
  if (input.roleArn === null) problems.push({ field: 'roleArn', message: 'roleArn cannot be removed; give a new role ARN or leave it out' });
  if (input.disableSessionTags === null) {
    problems.push({ field: 'disableSessionTags', message: 'disableSessionTags cannot be null; give true or false or leave it out' });
  }
  if (input.policy && input.disableSessionTags === false) {
    problems.push({ field: 'policy', message: 'policy is accepted only together with disableSessionTags: true' });
  }
  problems.push(
    ...collect([
      ['roleArn', input.roleArn, checkRoleArn],
      ['targetRoleArn', input.targetRoleArn, checkRoleArn],
      ['policy', input.policy, checkPolicy],
      ['clientRequestToken', input.clientRequestToken, checkRequestToken],
    ]),
  );
  if (!target.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      ...target.value,
      ...(input.roleArn ? { roleArn: input.roleArn } : {}),
      // An explicit null removes the value: EKS clears a member sent as an empty string.
      ...(input.targetRoleArn !== undefined ? { targetRoleArn: input.targetRoleArn ?? '' } : {}),
      ...(typeof input.disableSessionTags === 'boolean' ? { disableSessionTags: input.disableSessionTags } : {}),
      ...(input.policy !== undefined ? { policy: input.policy ?? '' } : {}),
      clientRequestToken: input.clientRequestToken ?? randomUUID(),
    },
  };
}

/** An association is named by its node id, or by cluster name and association id. */
function resolveTarget(
  input: Pick<DeletePodIdentityAssociationInput, 'id' | 'clusterName' | 'associationId' | 'region'>,
  ctx: GatewayContext,
): Validated<AssociationKey> {
  const byName = input.clusterName != null || input.associationId != null;
  if (input.id != null) {
    if (byName || input.region != null) {
      return { ok: false, problems: [{ field: 'id', message: 'Give either id, or clusterName and associationId, not both' }] };
    }
    try {
      const ref = decodeNodeId(input.id);
      if (ref.type !== 'PodIdentityAssociation') {
        return { ok: false, problems: [{ field: 'id', message: `id must name a PodIdentityAssociation, but it names a ${ref.type}` }] };
      }
      const regionProblem = checkRegion(ref.region, ctx.regions);
      if (regionProblem) return { ok: false, problems: [{ field: 'id', message: `The region of id ${regionProblem}` }] };
      return { ok: true, value: { region: ref.region, clusterName: ref.clusterName, associationId: ref.associationId } };
    } catch (error) {
      return { ok: false, problems: [{ field: 'id', message: error instanceof Error ? error.message : 'id is not valid' }] };
    }
  }
  if (input.clusterName == null || input.associationId == null) {
    return { ok: false, problems: [{ field: 'id', message: 'Give id, or clusterName and associationId, to name the association' }] };
  }
  const region = input.region ?? ctx.regions[0] ?? '';
  const problems = collect([
    ['clusterName', input.clusterName, checkClusterName],
    ['associationId', input.associationId, checkAssociationId],
    ['region', region, (r) => checkRegion(r, ctx.regions)],
  ]);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { region, clusterName: input.clusterName, associationId: input.associationId } };
}
