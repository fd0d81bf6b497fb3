/**
 * Wraps a mutation resolver so that the audit log sees it whatever its end. When it reaches EKS,
 * the attempt is written ahead of the mutating call (from the SDK middleware of
 * src/security/eksRequestIds.ts) and its outcome after, linked by `attemptId`; the call is not
 * sent if the attempt cannot be written. A mutation refused before any mutating EKS call (by
 * the policy, for its input, or a fault on the way) leaves one outcome record.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import {
  AuditUnavailableError,
  type AuditLog,
  type AuditOutcome,
  type MutationName,
  type OutcomeRecord,
} from './auditLog';
import { cutString, summariseInput } from './auditSummary';
import type { Caller } from './caller';
import { watchEksMutations } from './eksRequestIds';

/** What an audited mutation needs of the request (a subset of the GraphQL context). */
export interface AuditScope {
  readonly audit: AuditLog;
  readonly caller: Caller;
  readonly requestId: string;
  readonly clientRequestId: string | null;
}

/** The part of a mutation payload the audit reads; the rest is read defensively (see below). */
export interface AuditedPayload {
  errors: readonly unknown[];
  podIdentityAssociation?: unknown;
}

type Result = Pick<OutcomeRecord, 'outcome' | 'code' | 'message' | 'associationId' | 'eksRequestId'>;

/** `accountId` is the account the input names (the default when it names none); null when invalid. */
export async function audited<P extends AuditedPayload>(
  scope: AuditScope,
  operation: MutationName,
  input: object,
  accountId: string | null,
  run: () => Promise<P>,
): Promise<P> {
  const summary = summariseInput(input);
  const about = () => ({
    time: new Date().toISOString(),
    requestId: scope.requestId,
    clientRequestId: scope.clientRequestId,
    subject: scope.caller.subject,
    groups: scope.caller.groups,
    authenticatedBy: scope.caller.authenticatedBy,
    operation,
    accountId,
  });
  let attemptId: string | null = null;
  let eksRequestId: string | null = null;
  let unrecorded: AuditUnavailableError | null = null;
  const watch = {
    beforeSend(eksOperation: string, clientRequestToken: string | null) {
      // A mutation that makes several calls (an update of role and tags) records each ahead of
      // it, all under one attemptId, which its one outcome record carries too.
      if (unrecorded) throw unrecorded;
      const id = attemptId ?? randomUUID();
      const { time, ...rest } = about();
      try {
        scope.audit.writeAhead({
          time,
          kind: 'attempt',
          attemptId: id,
          ...rest,
          eksOperation,
          input: summary,
          clientRequestToken,
        });
      } catch (error) {
        unrecorded =
          error instanceof AuditUnavailableError ? error : new AuditUnavailableError(String(error), { cause: error });
        throw unrecorded;
      }
      attemptId = id;
    },
    answered(id: string | null) {
      eksRequestId = id;
    },
  };
  const record = (result: Result) => {
    const { time, ...rest } = about();
    scope.audit.record({
      time,
      kind: 'outcome',
      attemptId,
      ...rest,
      ...(attemptId === null ? { input: summary } : {}),
      ...result,
      message: result.message === null ? null : cutString(result.message),
    });
  };
  const named = namedAssociationId(input);
  let payload: P;
  try {
    payload = await watchEksMutations(watch, run);
  } catch (error) {
    if (unrecorded) throw refuseUnrecorded(record, named);
    const fault = faultOf(error);
    record({
      outcome: 'fault',
      code: fault.code,
      message: fault.message,
      associationId: named,
      eksRequestId: eksRequestId ?? fault.eksRequestId,
    });
    throw error;
  }
  // Whatever the resolver made of the failure, the change was not sent.
  if (unrecorded) throw refuseUnrecorded(record, named);
  const first = payload.errors.length > 0 ? expectedError(payload.errors[0]) : null;
  const outcome: AuditOutcome = !first ? 'ok' : first.code === 'FORBIDDEN' ? 'denied' : 'error';
  record({
    outcome,
    code: first?.code ?? null,
    message: first?.message ?? null,
    associationId: associationIdOf(payload.podIdentityAssociation) ?? named,
    eksRequestId,
  });
  return payload;
}

const AUDIT_UNAVAILABLE_MESSAGE =
  'The audit log could not record this change, so it was not sent to EKS and nothing changed; retry later (the gateway log says why).';

/** The fault a client gets when the write-ahead record failed; recorded if the log takes it. */
function refuseUnrecorded(record: (result: Result) => void, associationId: string | null): GraphQLError {
  record({
    outcome: 'fault',
    code: 'AUDIT_UNAVAILABLE',
    message: AUDIT_UNAVAILABLE_MESSAGE,
    associationId,
    eksRequestId: null,
  });
  return new GraphQLError(AUDIT_UNAVAILABLE_MESSAGE, { extensions: { code: 'AUDIT_UNAVAILABLE', retryable: true } });
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

function namedAssociationId(input: object): string | null {
  const value = (input as { associationId?: unknown }).associationId;
  return typeof value === 'string' ? cutString(value) : null;
}

function faultOf(error: unknown): { code: string; message: string; eksRequestId: string | null } {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const awsRequestId = error.extensions.awsRequestId;
    return {
      code: error.extensions.code,
      message: error.message,
      eksRequestId: typeof awsRequestId === 'string' ? awsRequestId : null,
    };
  }
  return {
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Unexpected error; the gateway log has it under this requestId.',
    eksRequestId: null,
  };
}
