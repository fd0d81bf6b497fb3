/**
 * Wraps a mutation resolver so that every attempt leaves one audit record, whatever its end: a
 * payload (ok, denied, or an expected error) or a thrown fault. Used by each mutation resolver.
 */
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { AuditLog, AuditOutcome, AuditRecord, MutationName } from './auditLog';
import type { Caller } from './caller';
import { EksRequestIds, recordEksRequestIds } from './eksRequestIds';

/** What an audited mutation needs of the request (a subset of the GraphQL context). */
export interface AuditScope {
  readonly audit: AuditLog;
  readonly caller: Caller;
  readonly requestId: string;
}

/** The part of a mutation payload the audit reads; the rest is read defensively (see below). */
export interface AuditedPayload {
  errors: readonly unknown[];
  podIdentityAssociation?: unknown;
}

export async function audited<P extends AuditedPayload>(
  scope: AuditScope,
  operation: MutationName,
  input: object,
  run: () => Promise<P>,
): Promise<P> {
  const time = new Date().toISOString();
  const ids = new EksRequestIds();
  const record = (result: Pick<AuditRecord, 'outcome' | 'code' | 'message' | 'associationId' | 'eksRequestId'>) =>
    scope.audit.record({
      time,
      requestId: scope.requestId,
      subject: scope.caller.subject,
      groups: scope.caller.groups,
      authenticatedBy: scope.caller.authenticatedBy,
      operation,
      input: auditInput(input),
      ...result,
    });
  const named = namedAssociationId(input);
  let payload: P;
  try {
    payload = await recordEksRequestIds(ids, run);
  } catch (error) {
    const fault = faultOf(error);
    record({ outcome: 'fault', ...fault, associationId: named, eksRequestId: ids.last ?? fault.eksRequestId });
    throw error;
  }
  const first = payload.errors.length > 0 ? expectedError(payload.errors[0]) : null;
  const outcome: AuditOutcome = !first ? 'ok' : first.code === 'FORBIDDEN' ? 'denied' : 'error';
  record({
    outcome,
    code: first?.code ?? null,
    message: first?.message ?? null,
    associationId: associationIdOf(payload.podIdentityAssociation) ?? named,
    eksRequestId: ids.last,
  });
  return payload;
}

/** A payload error (`MutationError`): its code and message. */
function expectedError(error: unknown): { code: string; message: string } {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  return { code: typeof code === 'string' ? code : 'UNKNOWN', message: typeof message === 'string' ? message : '' };
}

/** The association model of a payload (src/graphql/models.ts) carries its id in its summary. */
function associationIdOf(model: unknown): string | null {
  if (typeof model !== 'object' || model === null || !('summary' in model)) return null;
  const { summary } = model;
  if (typeof summary !== 'object' || summary === null || !('associationId' in summary)) return null;
  return typeof summary.associationId === 'string' ? summary.associationId : null;
}

/** The input as given, except a session policy, kept as its hash: long, and not ours to copy. */
function auditInput(input: object): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...input };
  if (typeof copy.policy === 'string') copy.policy = `sha256:${createHash('sha256').update(copy.policy).digest('hex')}`;
  return copy;
}

function namedAssociationId(input: object): string | null {
  const value = (input as { associationId?: unknown }).associationId;
  return typeof value === 'string' ? value : null;
}

function faultOf(error: unknown): { code: string; message: string; eksRequestId: string | null } {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const awsRequestId = error.extensions.awsRequestId;
    return { code: error.extensions.code, message: error.message, eksRequestId: typeof awsRequestId === 'string' ? awsRequestId : null };
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error; the gateway log has it under this requestId.', eksRequestId: null };
}
