/**
 * The audit log: one JSON line per mutation attempt, allowed or denied, appended to a file or
 * written to stdout. Each line is written whole with one write as it is recorded, nothing is
 * buffered in the process, so a crash loses no line that was recorded.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { AuthMode } from './caller';
import type { AuditDestination } from './settings';

export type MutationName = 'createPodIdentityAssociation' | 'updatePodIdentityAssociation' | 'deletePodIdentityAssociation';

/** `ok`; `denied` by the policy; `error`: an expected failure in the payload; `fault`: a top-level error. */
export type AuditOutcome = 'ok' | 'denied' | 'error' | 'fault';

export interface AuditRecord {
  time: string;
  /** The gateway's request id (also sent back as `x-request-id`). */
  requestId: string;
  subject: string;
  groups: readonly string[];
  authenticatedBy: AuthMode;
  operation: MutationName;
  /** The mutation's input, with the session policy replaced by its SHA-256. */
  input: Record<string, unknown>;
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

export interface AuditLog {
  record(entry: AuditRecord): void;
  close(): void;
}

/** Opens the destination; a file that cannot be opened stops start-up. */
export function openAuditLog(destination: AuditDestination, onWriteError: (error: unknown) => void): AuditLog {
  switch (destination.kind) {
    case 'off':
      return { record: () => {}, close: () => {} };
    case 'stdout':
      return { record: (entry) => void process.stdout.write(`${JSON.stringify(entry)}\n`), close: () => {} };
    case 'file': {
      // Append-only, readable by the gateway's user alone.
      const fd = openSync(destination.path, 'a', 0o600);
      let open = true;
      return {
        record(entry) {
          if (!open) return;
          try {
            writeSync(fd, `${JSON.stringify(entry)}\n`);
          } catch (error) {
            onWriteError(error);
          }
        },
        close() {
          if (open) closeSync(fd);
          open = false;
        },
      };
    }
    default: {
      const unreachable: never = destination;
      throw new Error(`Unknown audit destination ${JSON.stringify(unreachable)}`);
    }
  }
}
