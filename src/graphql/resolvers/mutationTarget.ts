/**
 * How a mutation names the association it changes: by node id, or by cluster name and
 * association id (with region), checked before any EKS call.
 */
import type { AssociationKey } from '../../eks/types';
import type { DeletePodIdentityAssociationInput } from '../../generated/graphql';
import type { GatewayContext } from '../context';
import { decodeNodeId } from '../ids';
import {
  checkAccount,
  checkAssociationId,
  checkClusterName,
  checkRegion,
  collect,
  type InputProblem,
} from '../inputRules';
import { regionsOf } from './lookups';

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

/** An association is named by its node id, or by cluster name and association id. */
export function resolveTarget(
  input: Pick<DeletePodIdentityAssociationInput, 'id' | 'clusterName' | 'associationId' | 'region' | 'accountId'>,
  ctx: GatewayContext,
): Validated<AssociationKey> {
  const byName = input.clusterName != null || input.associationId != null;
  if (input.id != null) {
    if (byName || input.region != null || input.accountId != null) {
      return {
        ok: false,
        problems: [
          {
            field: 'id',
            message: 'Give either id, or clusterName and associationId (with region and accountId), not both',
          },
        ],
      };
    }
    try {
      const ref = decodeNodeId(input.id);
      if (ref.type !== 'PodIdentityAssociation') {
        return {
          ok: false,
          problems: [{ field: 'id', message: `id must name a PodIdentityAssociation, but it names a ${ref.type}` }],
        };
      }
      const accountId = ref.accountId ?? ctx.defaultAccountId;
      const accountProblem = checkAccount(accountId, ctx.accountIds);
      if (accountProblem)
        return { ok: false, problems: [{ field: 'id', message: `The account of id ${accountProblem}` }] };
      const regionProblem = checkRegion(ref.region, regionsOf(ctx, accountId));
      if (regionProblem)
        return { ok: false, problems: [{ field: 'id', message: `The region of id ${regionProblem}` }] };
      return {
        ok: true,
        value: { accountId, region: ref.region, clusterName: ref.clusterName, associationId: ref.associationId },
      };
    } catch (error) {
      return {
        ok: false,
        problems: [{ field: 'id', message: error instanceof Error ? error.message : 'id is not valid' }],
      };
    }
  }
  if (input.clusterName == null || input.associationId == null) {
    return {
      ok: false,
      problems: [{ field: 'id', message: 'Give id, or clusterName and associationId, to name the association' }],
    };
  }
  const account = inputAccount(ctx, input.accountId);
  if (!account.ok) return account;
  const { accountId, regions } = account.value;
  const region = input.region ?? regions[0] ?? '';
  const problems = collect([
    ['clusterName', input.clusterName, checkClusterName],
    ['associationId', input.associationId, checkAssociationId],
    ['region', region, (r) => checkRegion(r, regions)],
  ]);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { accountId, region, clusterName: input.clusterName, associationId: input.associationId } };
}

/** A mutation input's account (the default when absent) and the regions served in it. */
export function inputAccount(
  ctx: GatewayContext,
  accountId: string | null | undefined,
): Validated<{ accountId: string; regions: readonly string[] }> {
  const value = accountId ?? ctx.defaultAccountId;
  const problem = checkAccount(value, ctx.accountIds);
  if (problem) return { ok: false, problems: [{ field: 'accountId', message: `accountId ${problem}` }] };
  return { ok: true, value: { accountId: value, regions: regionsOf(ctx, value) } };
}

/**
 * The account a mutation's input is for, as its audit records name it: that of the association
 * it names (`change`), or the one it creates in (`create`); null when the input names none validly.
 */
export function auditedAccount(
  ctx: GatewayContext,
  input: Parameters<typeof resolveTarget>[0],
  kind: 'create' | 'change',
): string | null {
  const account = kind === 'create' ? inputAccount(ctx, input.accountId) : resolveTarget(input, ctx);
  return account.ok ? account.value.accountId : null;
}
