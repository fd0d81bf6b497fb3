import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { primeAssociation } from '../../eks/loaders';
import type { AssociationDetail, CreateAssociationParams, Tags, UpdateAssociationParams } from '../../eks/types';
import type {
  CreatePodIdentityAssociationInput,
  MutationResolvers,
  UpdatePodIdentityAssociationInput,
} from '../../generated/graphql';
import { audited } from '../../security/auditedMutation';
import type { GatewayContext } from '../context';
import { clientFacingError, partiallyApplied } from '../errors';
import { associationId as nodeIdOf } from '../ids';
import {
  checkClusterName,
  checkNamespace,
  checkPolicy,
  checkRegion,
  checkRequestToken,
  checkRoleArn,
  checkServiceAccount,
  checkTags,
  collect,
} from '../inputRules';
import { associationFromDetail } from '../models';
import { diagnosisOf } from './diagnosis';
import { refuseRolesAsEks } from './dryRunRoles';
import { expectedFailure, invalidInput } from './mutationErrors';
import { auditedAccount, inputAccount, resolveTarget, type Validated } from './mutationTarget';
import { applyTagChange, currentAssociation, tagMutations, towardsTagSet } from './tagChanges';

/**
 * Each mutation is audited (src/security/auditedMutation.ts): its attempt is recorded before the
 * mutating EKS call goes out, and its outcome after; a refusal before any EKS call, once.
 */
export const Mutation: MutationResolvers = {
  createPodIdentityAssociation: (_, { input }, ctx) =>
    audited(ctx, 'createPodIdentityAssociation', input, auditedAccount(ctx, input, 'create'), async () => {
      const clientMutationId = input.clientMutationId ?? null;
      const dryRun = input.dryRun === true;
      const answer = { clientMutationId, dryRun, diagnosis: null };
      const checked = validateCreate(input, ctx);
      if (!checked.ok) {
        return {
          ...answer,
          podIdentityAssociation: null,
          clientRequestToken: null,
          errors: invalidInput(checked.problems),
        };
      }
      const params = checked.value;
      const failed = async (error: unknown) => ({
        ...answer,
        podIdentityAssociation: null,
        clientRequestToken: params.clientRequestToken,
        errors: [
          await expectedFailure(ctx, error, {
            accountId: params.accountId,
            region: params.region,
            clusterName: params.clusterName,
            identity: { namespace: params.namespace, serviceAccount: params.serviceAccount },
            roleArn: params.roleArn,
            clientRequestToken: params.clientRequestToken,
          }),
        ],
      });
      try {
        const created = await ctx.service.createAssociation(params);
        if (dryRun) {
          await refuseRolesAsEks(ctx, created, 'CreatePodIdentityAssociation');
          return {
            ...answer,
            podIdentityAssociation: null,
            clientRequestToken: params.clientRequestToken,
            diagnosis: await diagnosisOf(ctx, created),
            errors: [],
          };
        }
        primeAssociation(ctx.loaders, created);
        return {
          ...answer,
          podIdentityAssociation: associationFromDetail(created),
          clientRequestToken: params.clientRequestToken,
          errors: [],
        };
      } catch (error) {
        return failed(error);
      }
    }),

  updatePodIdentityAssociation: (_, { input }, ctx) =>
    audited(ctx, 'updatePodIdentityAssociation', input, auditedAccount(ctx, input, 'change'), async () => {
      const clientMutationId = input.clientMutationId ?? null;
      const dryRun = input.dryRun === true;
      const answer = { clientMutationId, dryRun, diagnosis: null };
      const checked = validateUpdate(input, ctx);
      if (!checked.ok) {
        return {
          ...answer,
          podIdentityAssociation: null,
          clientRequestToken: null,
          errors: invalidInput(checked.problems),
        };
      }
      const { params, changesSettings, tags } = checked.value;
      const failed = async (error: unknown) => ({
        ...answer,
        podIdentityAssociation: null,
        clientRequestToken: params.clientRequestToken,
        errors: [
          await expectedFailure(ctx, error, { ...params, roleArn: params.roleArn ?? params.targetRoleArn ?? null }),
        ],
      });
      if (dryRun) {
        try {
          // The policy checks the update as it would be made; the tags only as a change of them.
          const wouldBe = changesSettings
            ? await ctx.service.updateAssociation(params)
            : await currentAssociation(ctx, params);
          await refuseRolesAsEks(ctx, wouldBe, 'UpdatePodIdentityAssociation');
          const withTags = tags === null ? wouldBe : { ...wouldBe, tags };
          return {
            ...answer,
            podIdentityAssociation: null,
            clientRequestToken: params.clientRequestToken,
            diagnosis: await diagnosisOf(ctx, withTags),
            errors: [],
          };
        } catch (error) {
          return failed(error);
        }
      }
      let association: AssociationDetail;
      try {
        if (changesSettings) {
          association = await ctx.service.updateAssociation(params);
          primeAssociation(ctx.loaders, association);
        } else {
          association = await currentAssociation(ctx, params);
        }
      } catch (error) {
        return failed(error);
      }
      if (tags !== null) {
        try {
          association = await applyTagChange(ctx, association, towardsTagSet(association.tags, tags));
        } catch (error) {
          // Nothing was changed yet: the failure is the mutation's own.
          if (!changesSettings) return failed(error);
          throw await settingsOnly(ctx, error, params);
        }
      }
      return {
        ...answer,
        podIdentityAssociation: associationFromDetail(association),
        clientRequestToken: params.clientRequestToken,
        errors: [],
      };
    }),

  deletePodIdentityAssociation: (_, { input }, ctx) =>
    audited(ctx, 'deletePodIdentityAssociation', input, auditedAccount(ctx, input, 'change'), async () => {
      const clientMutationId = input.clientMutationId ?? null;
      const target = resolveTarget(input, ctx);
      if (!target.ok) {
        return {
          clientMutationId,
          deletedPodIdentityAssociationId: null,
          podIdentityAssociation: null,
          errors: invalidInput(target.problems),
        };
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
        return {
          clientMutationId,
          deletedPodIdentityAssociationId: null,
          podIdentityAssociation: null,
          errors: [failure],
        };
      }
    }),

  ...tagMutations,
};

/**
 * The update's settings were applied, but its tags failed: the client is told so (never a
 * payload error, which says nothing was changed), with the token that makes a retry finish.
 */
async function settingsOnly(
  ctx: GatewayContext,
  error: unknown,
  params: UpdateAssociationParams,
): Promise<GraphQLError> {
  let cause: GraphQLError;
  try {
    const failure = await expectedFailure(ctx, error, params);
    cause = new GraphQLError(failure.message, { extensions: { code: failure.code } });
  } catch (fault) {
    cause =
      clientFacingError(fault) ??
      new GraphQLError('Unexpected error; the gateway log has it under this requestId.', {
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
  }
  return partiallyApplied(['UpdatePodIdentityAssociation'], 'the tag change', cause, params.clientRequestToken, error);
}

function validateCreate(
  input: CreatePodIdentityAssociationInput,
  ctx: GatewayContext,
): Validated<CreateAssociationParams> {
  const account = inputAccount(ctx, input.accountId);
  if (!account.ok) return account;
  const { accountId, regions } = account.value;
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
      accountId,
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
      ...(input.dryRun ? { dryRun: true } : {}),
    },
  };
}

const SETTINGS = ['roleArn', 'targetRoleArn', 'disableSessionTags', 'policy'] as const;
const CHANGEABLE = [...SETTINGS, 'tags'] as const;

interface CheckedUpdate {
  params: UpdateAssociationParams;
  /** Whether any setting changes (an UpdatePodIdentityAssociation call), not only the tags. */
  changesSettings: boolean;
  /** The whole tag set wanted, or null to leave the tags. */
  tags: Tags | null;
}

function validateUpdate(input: UpdatePodIdentityAssociationInput, ctx: GatewayContext): Validated<CheckedUpdate> {
  const target = resolveTarget(input, ctx);
  const problems = target.ok ? [] : [...target.problems];
  if (CHANGEABLE.every((field) => input[field] === undefined)) {
    problems.push({ field: '', message: `Give at least one of ${CHANGEABLE.join(', ')} to change` });
  }
  if (input.roleArn === null)
    problems.push({ field: 'roleArn', message: 'roleArn cannot be removed; give a new role ARN or leave it out' });
  if (input.disableSessionTags === null) {
    problems.push({
      field: 'disableSessionTags',
      message: 'disableSessionTags cannot be null; give true or false or leave it out',
    });
  }
  if (input.policy && input.disableSessionTags === false) {
    problems.push({ field: 'policy', message: 'policy is accepted only together with disableSessionTags: true' });
  }
  if (input.tags === null)
    problems.push({ field: 'tags', message: 'tags cannot be null; give [] to remove every tag, or leave it out' });
  const tags = input.tags ? checkTags(input.tags) : null;
  if (tags) problems.push(...tags.problems);
  problems.push(
    ...collect([
      ['roleArn', input.roleArn, checkRoleArn],
      ['targetRoleArn', input.targetRoleArn, checkRoleArn],
      ['policy', input.policy, checkPolicy],
      ['clientRequestToken', input.clientRequestToken, checkRequestToken],
    ]),
  );
  if (!target.ok || problems.length > 0) return { ok: false, problems };
  const params: UpdateAssociationParams = {
    ...target.value,
    ...(input.roleArn ? { roleArn: input.roleArn } : {}),
    // An explicit null removes the value: EKS clears a member sent as an empty string.
    ...(input.targetRoleArn !== undefined ? { targetRoleArn: input.targetRoleArn ?? '' } : {}),
    ...(typeof input.disableSessionTags === 'boolean' ? { disableSessionTags: input.disableSessionTags } : {}),
    ...(input.policy !== undefined ? { policy: input.policy ?? '' } : {}),
    clientRequestToken: input.clientRequestToken ?? randomUUID(),
    ...(input.dryRun ? { dryRun: true } : {}),
  };
  return {
    ok: true,
    value: { params, changesSettings: SETTINGS.some((field) => input[field] !== undefined), tags: tags?.map ?? null },
  };
}
