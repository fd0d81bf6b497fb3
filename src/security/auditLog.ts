/**
 * The audit log: JSON lines appended to a file or written to stdout. A mutation that reaches EKS
 * leaves two records linked by `attemptId`: the attempt, written ahead of the mutating call
 * (a file is fsynced before the call may go out, and a failure to write stops it), and its
 * outcome. A mutation refused before any EKS call leaves one outcome record, at most
 * AUDIT_REFUSALS_PER_MINUTE of them per caller. Every line is written whole, synchronously, and
 * is at most AUDIT_MAX_RECORD_BYTES long; nothing is buffered in the process.
 */
import { closeSync, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { MutationResolvers } from '../generated/graphql';
import { RefusalRateLimit, type LeftOut } from './auditRateLimit';
import { boundedJson } from './auditSummary';
import type { AuthMode } from './caller';
import type { AuditDestination, AuditLimits } from './settings';

/** The GraphQL mutation a record is about: the schema's own field names. */
export type MutationName = keyof MutationResolvers;

/** `ok`; `denied` by the policy; `error`: an expected failure in the payload; `fault`: a top-level error. */
export type AuditOutcome = 'ok' | 'denied' | 'error' | 'fault';

export interface AuditCaller {
  subject: string;
  groups: readonly string[];
  authenticatedBy: AuthMode;
}

interface MutationRecordBase extends AuditCaller {
  /** When the record was written (UTC). */
  time: string;
  /** Links an attempt and its outcome; null for a mutation that made no mutating EKS call. */
  attemptId: string | null;
  /** The gateway's request id (also sent back as `x-request-id`). */
  requestId: string;
  /** The client's own `x-request-id`, when it sent a short printable one. */
  clientRequestId: string | null;
  operation: MutationName;
  /** The AWS account the change is for (the input's, or the default); null when the input names none validly. */
  accountId: string | null;
}

/**
 * Written right before each mutating EKS call is sent (once, whatever the SDK's retries); the
 * calls of one mutation share its attemptId.
 */
export interface AttemptRecord extends MutationRecordBase {
  kind: 'attempt';
  attemptId: string;
  /** The EKS operation about to be sent, such as `UpdatePodIdentityAssociation` or `TagResource`. */
  eksOperation: string;
  /** The input, summarised (src/security/auditSummary.ts). */
  input: Record<string, unknown>;
  /** The idempotency token the call carries: EKS applies it at most once per token. */
  clientRequestToken: string | null;
}

export interface OutcomeRecord extends MutationRecordBase {
  kind: 'outcome';
  /** Only when there is no attempt record (the attempt record has it otherwise). */
  input?: Record<string, unknown>;
  outcome: AuditOutcome;
  /** The payload error code (`FORBIDDEN` when denied) or the fault's code; null when ok. */
  code: string | null;
  /** The reason, for outcomes other than ok. */
  message: string | null;
  /** The association created, changed or deleted, when known. */
  associationId: string | null;
  /** The request id EKS gave the mutating call; null when no such call was made or answered. */
  eksRequestId: string | null;
}

/** How many refused-before-EKS records of one caller the rate limit left out. */
export interface LeftOutRecord extends AuditCaller {
  time: string;
  kind: 'leftOut';
  count: number;
  from: string;
  to: string;
  limitPerMinute: number;
}

export interface AuditLog {
  /**
   * Records an attempt before its change is sent: durably for a file. Throws
   * `AuditUnavailableError` when it cannot, and then the change must not be sent.
   */
  writeAhead(entry: AttemptRecord): void;
  /** Records an outcome; a failure to write is reported, not thrown. */
  record(entry: OutcomeRecord): void;
  close(): void;
}

/** The write-ahead record could not be written; the mutation it was for is not sent. */
export class AuditUnavailableError extends Error {
  override readonly name = 'AuditUnavailableError';
}

/** Callers whose refusal windows are tracked at once (see RefusalRateLimit). */
const MAX_RATE_LIMITED_CALLERS = 10_000;

/** Opens the destination; a file that cannot be opened stops start-up. */
export function openAuditLog(
  destination: AuditDestination,
  limits: AuditLimits,
  onWriteError: (error: unknown) => void,
): AuditLog {
  if (destination.kind === 'off') return { writeAhead: () => {}, record: () => {}, close: () => {} };
  const sink = openSink(destination);
  const write = (entry: object, durable: boolean) =>
    sink.write(`${boundedJson(entry as Record<string, unknown>, limits.maxRecordBytes)}\n`, durable);
  const writeReported = (entry: object) => {
    try {
      write(entry, false);
    } catch (error) {
      onWriteError(error);
    }
  };
  const refusals = new RefusalRateLimit<AuditCaller>(limits.refusalsPerMinute, MAX_RATE_LIMITED_CALLERS, (leftOut) =>
    writeReported(leftOutRecord(leftOut, limits.refusalsPerMinute)),
  );
  // Reports windows of callers who stopped; unref'd, so it never keeps the process alive.
  const sweeper = setInterval(() => refusals.sweep(), 10_000);
  sweeper.unref();
  let open = true;
  return {
    writeAhead(entry) {
      if (!open) throw new AuditUnavailableError('The audit log is closed.');
      try {
        write(entry, true);
      } catch (error) {
        onWriteError(error);
        throw new AuditUnavailableError(
          `The audit log could not record the attempt: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    },
    record(entry) {
      if (!open) return;
      const { subject, groups, authenticatedBy } = entry;
      if (
        entry.attemptId === null &&
        !refusals.admit(`${authenticatedBy}:${subject}`, { subject, groups, authenticatedBy })
      )
        return;
      writeReported(entry);
    },
    close() {
      if (!open) return;
      clearInterval(sweeper);
      refusals.flush();
      open = false;
      sink.close();
    },
  };
}

function leftOutRecord({ caller, count, from, to }: LeftOut<AuditCaller>, limitPerMinute: number): LeftOutRecord {
  return {
    time: new Date().toISOString(),
    kind: 'leftOut',
    subject: caller.subject,
    groups: caller.groups,
    authenticatedBy: caller.authenticatedBy,
    count,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    limitPerMinute,
  };
}

interface Sink {
  /** Writes `line` whole before returning; `durable` also waits for it to reach the disk. */
  write(line: string, durable: boolean): void;
  close(): void;
}

function openSink(destination: Exclude<AuditDestination, { kind: 'off' }>): Sink {
  switch (destination.kind) {
    case 'stdout':
      // The descriptor itself: process.stdout may buffer (and reports failures later).
      return lineWriter(1, false, () => {});
    case 'file': {
      // Append-only, readable by the gateway's user alone.
      const fd = openSync(destination.path, 'a', 0o600);
      // A pipe or a device (/dev/stdout) cannot be synced; it is written like stdout.
      return lineWriter(fd, fstatSync(fd).isFile(), () => closeSync(fd));
    }
    default: {
      const unreachable: never = destination;
      throw new Error(`Unknown audit destination ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Writes lines to `fd`; a line cut short by an error is ended before the next one. */
function lineWriter(fd: number, syncable: boolean, close: () => void): Sink {
  let midLine = false;
  return {
    write(line, durable) {
      const bytes = Buffer.from(midLine ? `\n${line}` : line);
      const written = writeWhole(fd, bytes);
      midLine = written > 0 && written < bytes.length;
      if (written < bytes.length) throw new Error(`Wrote ${written} of ${bytes.length} bytes of an audit record.`);
      if (durable && syncable) fsyncSync(fd);
    },
    close,
  };
}

/**
 * `writeSync` until every byte is out (a pipe may take part of a line, or none for a moment);
 * returns how many were written. Throws only when nothing of the line was written.
 */
function writeWhole(fd: number, bytes: Buffer): number {
  let written = 0;
  for (let tries = 0; written < bytes.length && tries < 1000; tries++) {
    try {
      written += writeSync(fd, bytes, written, bytes.length - written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
        if (written === 0) throw error;
        return written;
      }
      // A non-blocking pipe is full: give its reader a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
  return written;
}
