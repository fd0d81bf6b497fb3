/**
 * Turns the expected failures of a mutation into the typed errors of its payload. What EKS
 * answers that is not an expected failure (throttling, outages, access) is rethrown as a
 * top-level fault carrying the idempotency token, so the client can retry safely.
 */
import { EksError, isRoleRejection } from '../../eks/errors';
import type { AssociationSummary } from '../../eks/types';
import type { ResolversTypes } from '../../generated/graphql';
import { ForbiddenError } from '../../security/forbidden';
import type { GatewayContext } from '../context';
import { clientFacingError, eksFault } from '../errors';
import type { InputProblem } from '../inputRules';

export type MutationErrorModel = ResolversTypes['MutationError'];

export function invalidInput(problems: InputProblem[]): MutationErrorModel[] {
  return problems.map(({ field, message }) => ({
    __typename: 'InvalidInputError',
    code: 'INVALID_INPUT',
    field: field === '' ? null : field,
    message: message.endsWith('.') ? message : `${message}.`,
  }));
}

export interface FailureContext {
  accountId: string;
  region: string;
  clusterName: string;
  /** Absent for create, which has no association yet. */
  associationId?: string;
  /** For create: the service account, to find an association that already exists. */
  identity?: { namespace: string; serviceAccount: string };
  roleArn?: string | null;
  clientRequestToken?: string;
}

export async function expectedFailure(
  ctx: GatewayContext,
  error: unknown,
  at: FailureContext,
): Promise<MutationErrorModel> {
  // The policy refused the change before any mutating EKS call (src/security/authorizedService.ts).
  if (error instanceof ForbiddenError) {
    return { __typename: 'ForbiddenError', code: 'FORBIDDEN', message: error.message, deniedRoleArn: error.roleArn };
  }
  // A refusal (deadline, rate, budget) leaves as its client-facing error, so the audit has its code.
  if (!(error instanceof EksError)) throw clientFacingError(error) ?? error;
  switch (error.kind) {
    case 'NotFound':
      return notFound(ctx, at);
    case 'AlreadyExists':
      return alreadyExists(ctx, error, at);
    case 'LimitExceeded':
      return { __typename: 'LimitExceededError', code: 'LIMIT_EXCEEDED', message: error.message };
    case 'InvalidParameter':
      if (isRoleRejection(error)) {
        return {
          __typename: 'InvalidRoleError',
          code: 'INVALID_ROLE',
          message: error.message,
          roleArn: at.roleArn ?? '',
        };
      }
      return {
        __typename: 'InvalidInputError',
        code: 'INVALID_INPUT',
        message: error.message,
        field: fieldNamedIn(error.message),
      };
    case 'InvalidRequest':
      return { __typename: 'InvalidRequestError', code: 'INVALID_REQUEST', message: error.message };
    case 'AccessDenied':
    case 'Throttled':
    case 'Unavailable':
    case 'Internal':
      throw eksFault(error, at.clientRequestToken ? { clientRequestToken: at.clientRequestToken } : {});
    default: {
      const unreachable: never = error.kind;
      throw new Error(`Unhandled EKS error kind ${String(unreachable)}`);
    }
  }
}

/** EKS says "not found" for a missing cluster and a missing association alike; ask which. */
async function notFound(ctx: GatewayContext, at: FailureContext): Promise<MutationErrorModel> {
  const clusterMissing =
    at.associationId === undefined ||
    (await ctx.loaders.cluster.load({ accountId: at.accountId, region: at.region, name: at.clusterName })) === null;
  if (clusterMissing) {
    return {
      __typename: 'ClusterNotFoundError',
      code: 'CLUSTER_NOT_FOUND',
      message: `No cluster named "${at.clusterName}" exists in ${at.region}.`,
      clusterName: at.clusterName,
      region: at.region,
    };
  }
  const associationId = at.associationId ?? '';
  return {
    __typename: 'AssociationNotFoundError',
    code: 'ASSOCIATION_NOT_FOUND',
    message: `No association ${associationId} exists in cluster "${at.clusterName}" (${at.region}).`,
    associationId,
  };
}

/** Finds the association that holds the service account, so the client can link to it. */
async function alreadyExists(ctx: GatewayContext, error: EksError, at: FailureContext): Promise<MutationErrorModel> {
  let existing: AssociationSummary | null = null;
  if (at.identity) {
    const page = await ctx.service.listAssociations({ accountId: at.accountId, region: at.region }, at.clusterName, {
      ...at.identity,
      maxResults: 1,
      nextToken: null,
    });
    existing = page.items[0] ?? null;
  }
  const existingAssociationId = existing?.associationId ?? /a-[a-z0-9]{17}/.exec(error.message)?.[0] ?? '';
  return {
    __typename: 'AlreadyExistsError',
    code: 'ALREADY_EXISTS',
    message: at.identity
      ? `Service account ${at.identity.namespace}/${at.identity.serviceAccount} already has an association (${existingAssociationId}) in cluster "${at.clusterName}".`
      : error.message,
    existingAssociationId,
    existing,
  };
}

const INPUT_FIELDS = [
  'clusterName',
  'namespace',
  'serviceAccount',
  'targetRoleArn',
  'roleArn',
  'disableSessionTags',
  'policy',
  'tags',
  'clientRequestToken',
  'associationId',
];

/** EKS names a parameter in most of its messages; report it when it matches an input field. */
function fieldNamedIn(message: string): string | null {
  const lower = message.toLowerCase();
  return INPUT_FIELDS.find((f) => lower.includes(f.toLowerCase())) ?? null;
}
