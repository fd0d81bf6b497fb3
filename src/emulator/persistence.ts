/**
 * Durable state: a snapshot file plus an append-only journal (`<stateFile>.journal`).
 *
 * - Every change is appended to the journal as one JSON line and fsynced before the response is
 *   sent; appends that arrive while an fsync is running are written and synced together.
 * - Compaction writes the whole state to a temp file in the same directory, fsyncs it, renames it
 *   over the snapshot (atomic), then truncates the journal. Journal lines carry a log sequence
 *   number (lsn) and the snapshot records the last lsn it contains, so a crash between the rename
 *   and the truncation cannot apply a change twice.
 * - On start the snapshot is loaded and the journal replayed; a torn last line (a write cut short
 *   by a crash, never acknowledged) is ignored. Anything else that does not parse is an error:
 *   refusing to start is better than silently dropping data.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { parseJsonDocument, type JsonDocument, type JsonSource } from '../json/document';
import { describe, readArray, readNumber, readObject, readString } from '../json/fields';
import type { StateChange } from './changes';
import type { ClusterSnapshot, IdempotencyRecord } from './model';

export interface StateSnapshot {
  format: 'eks-emulator-state';
  /** 2: per-account state. A version 1 file (one account) is read as version 2 with that one account. */
  version: 2;
  /** The last journal lsn whose change this snapshot contains. */
  lsn: number;
  savedAt: string;
  /** The account of static credentials that name none; it wins over the seed's. */
  defaultAccountId: string;
  /**
   * base64 secret of the state: the HMAC key of page tokens, and what the key of STS session
   * tokens is derived from; kept so both stay valid across restarts.
   */
  paginationKey: string;
  /** Every account that holds state. */
  accounts: AccountSnapshot[];
}

export interface AccountSnapshot {
  accountId: string;
  clusters: ClusterSnapshot[];
  idempotency: IdempotencyRecord[];
}

export type SnapshotContent = Omit<StateSnapshot, 'format' | 'version' | 'lsn' | 'savedAt'>;

export interface JournalEntry {
  lsn: number;
  /** 1-based line number in the journal file, for error messages. */
  line: number;
  change: StateChange;
}

export interface LoadedState {
  snapshot: StateSnapshot | null;
  /** Journal entries newer than the snapshot, in order. */
  entries: JournalEntry[];
  /** Whether the journal holds anything (so a compaction on start is worthwhile). */
  journalInUse: boolean;
}

/** Compact when the journal grows past this many bytes. */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

export class Persistence {
  readonly journalPath: string;
  private journal: fs.FileHandle | null = null;
  private lsn = 0;
  private journalBytes = 0;
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private flushing: Promise<void> | null = null;
  private paused = false;
  private compaction: Promise<void> = Promise.resolve();
  private compactionQueued = false;
  private capture: (() => SnapshotContent) | null = null;

  private constructor(
    readonly statePath: string,
    private readonly log: (line: string) => void,
  ) {
    this.journalPath = `${statePath}.journal`;
  }

  /** Reads the snapshot and journal, and opens the journal for appending. */
  static async open(
    statePath: string,
    log: (line: string) => void,
  ): Promise<{ persistence: Persistence; loaded: LoadedState }> {
    const persistence = new Persistence(path.resolve(statePath), log);
    const snapshot = await persistence.readSnapshot();
    const { entries, inUse } = await persistence.readJournal(snapshot);
    if (!snapshot && inUse) {
      throw new StateFileError(
        `The journal ${persistence.journalPath} exists but its state file ${persistence.statePath} does not; refusing to start so no data is lost. Restore the state file, or delete the journal to start afresh.`,
      );
    }
    persistence.lsn = entries[entries.length - 1]?.lsn ?? snapshot?.lsn ?? 0;
    if (snapshot && snapshot.lsn > persistence.lsn) persistence.lsn = snapshot.lsn;
    persistence.journal = await fs.open(persistence.journalPath, 'a');
    persistence.journalBytes = (await persistence.journal.stat()).size;
    return { persistence, loaded: { snapshot, entries, journalInUse: inUse } };
  }

  /** Gives the persistence a way to read the whole state, for compaction. */
  attach(capture: () => SnapshotContent): void {
    this.capture = capture;
  }

  /** Journals a change that was just applied; resolves once it is on disk. Call in the same tick as the change. */
  append(change: StateChange): Promise<void> {
    this.lsn += 1;
    this.pending.push(`${JSON.stringify({ lsn: this.lsn, change })}\n`);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.kick();
    return done;
  }

  /** Resolves once every change journaled so far is on disk. */
  barrier(): Promise<void> {
    if (this.pending.length === 0 && !this.flushing) return Promise.resolve();
    // An empty entry rides in the next batch, which is written and synced after every earlier one.
    this.pending.push('');
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.kick();
    return done;
  }

  /** Writes the whole state as the new snapshot and empties the journal. */
  compact(): Promise<void> {
    const run = this.compaction.then(() => this.compactNow());
    // A failed compaction leaves the journal in place, which is still correct; the next one retries.
    this.compaction = run.catch((error: unknown) =>
      this.log(`emulator: compaction of ${this.statePath} failed: ${String(error)}`),
    );
    return run;
  }

  /** Flushes everything, writes a final snapshot and closes the journal. */
  async close(): Promise<void> {
    if (!this.journal) return;
    // A failed final snapshot is logged by compact(); the journal still holds every change.
    await this.compact().catch(() => undefined);
    await this.drain();
    await this.journal.close();
    this.journal = null;
  }

  /** Closes the journal without writing anything (start-up failed). */
  async abandon(): Promise<void> {
    await this.journal?.close();
    this.journal = null;
  }

  private async compactNow(): Promise<void> {
    if (!this.capture || !this.journal) return;
    this.paused = true;
    try {
      await this.drain();
      // Captured synchronously: the snapshot holds exactly the changes up to this lsn.
      const snapshot: StateSnapshot = {
        format: 'eks-emulator-state',
        version: 2,
        lsn: this.lsn,
        savedAt: new Date().toISOString(),
        ...this.capture(),
      };
      const text = JSON.stringify(snapshot);
      const temp = `${this.statePath}.tmp-${process.pid}`;
      const file = await fs.open(temp, 'w');
      try {
        await file.writeFile(text);
        await file.sync();
      } finally {
        await file.close();
      }
      await fs.rename(temp, this.statePath);
      await syncDirectory(path.dirname(this.statePath));
      // Lines still pending (newer than the snapshot's lsn or not) go to the fresh journal; replay skips the old ones.
      await this.journal.truncate(0);
      this.journalBytes = 0;
    } finally {
      this.paused = false;
      this.kick();
    }
  }

  private kick(): void {
    if (this.flushing || this.paused || this.pending.length === 0) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
      this.kick();
      if (this.journalBytes > COMPACT_AFTER_BYTES && !this.compactionQueued) {
        this.compactionQueued = true;
        void this.compact().finally(() => {
          this.compactionQueued = false;
        });
      }
    });
  }

  /** Writes and fsyncs batches until nothing is pending (group commit). */
  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0 && !this.paused && this.journal) {
      const text = this.pending.join('');
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.journal.write(text);
        await this.journal.datasync();
        this.journalBytes += Buffer.byteLength(text);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error as Error);
      }
    }
  }

  /** Waits until no flush is running. */
  private async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async readSnapshot(): Promise<StateSnapshot | null> {
    let text: string;
    try {
      text = await fs.readFile(this.statePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StateFileError(`Cannot read the state file ${this.statePath}: ${(error as Error).message}`);
    }
    return readSnapshotDocument(parseJsonDocument(text, stateFileSource(this.statePath)));
  }

  private async readJournal(snapshot: StateSnapshot | null): Promise<{ entries: JournalEntry[]; inUse: boolean }> {
    let text: string;
    try {
      text = await fs.readFile(this.journalPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], inUse: false };
      throw new StateFileError(`Cannot read the journal ${this.journalPath}: ${(error as Error).message}`);
    }
    const lines = text.split('\n');
    const entries: JournalEntry[] = [];
    let lastLsn = snapshot?.lsn ?? 0;
    lines.forEach((line, index) => {
      if (line === '') return;
      const isLast = index === lines.length - 1; // no trailing newline: the write may have been cut short
      let entry: { lsn?: unknown; change?: unknown };
      try {
        entry = JSON.parse(line) as { lsn?: unknown; change?: unknown };
      } catch {
        if (isLast) {
          this.log(
            `emulator: ignoring a torn last line in ${this.journalPath} (an unacknowledged write cut short by a crash)`,
          );
          return;
        }
        throw corruptJournal(this.journalPath, `line ${index + 1} is not valid JSON`);
      }
      if (typeof entry.lsn !== 'number' || typeof entry.change !== 'object' || entry.change === null) {
        throw corruptJournal(this.journalPath, `line ${index + 1} is not a journal entry`);
      }
      if (entry.lsn <= lastLsn) return; // already part of the snapshot
      lastLsn = entry.lsn;
      // Changes journaled before accounts existed are the default account's.
      const change = { accountId: snapshot?.defaultAccountId, ...entry.change } as StateChange;
      entries.push({ lsn: entry.lsn, line: index + 1, change });
    });
    return { entries, inUse: text.length > 0 };
  }
}

type StateFileDocument = JsonDocument<StateFileError>;

function stateFileSource(file: string): JsonSource<StateFileError> {
  return {
    source: `The emulator state file ${file}`,
    error: (message) =>
      new StateFileError(
        `${message} The file is corrupt: refusing to start so no data is lost; move it away to start afresh.`,
      ),
  };
}

/**
 * Checks what the rest of the start relies on (a state file is written by the emulator, so no
 * more): the format and version, and the members of each cluster and association that the
 * store indexes by. Unknown members are let through, as a later version may add some. A
 * version 1 file (from before accounts) is read as version 2 with its one account.
 */
function readSnapshotDocument(doc: StateFileDocument): StateSnapshot {
  const snapshot = readObject(doc, '', doc.value);
  if (snapshot.format !== 'eks-emulator-state') {
    throw doc.problem(
      '',
      `is not an EKS emulator state file (its "format" is ${describe(snapshot.format)}, not "eks-emulator-state").`,
    );
  }
  if (snapshot.version !== 1 && snapshot.version !== 2)
    throw doc.problem('version', `${describe(snapshot.version)} is not supported (expected 1 or 2).`);
  const lsn = readNumber(doc, 'lsn', snapshot.lsn);
  const paginationKey = readString(doc, 'paginationKey', snapshot.paginationKey);
  if (snapshot.version === 1) {
    const accountId = readString(doc, 'accountId', snapshot.accountId);
    return {
      format: 'eks-emulator-state',
      version: 2,
      lsn,
      savedAt: String(snapshot.savedAt),
      defaultAccountId: accountId,
      paginationKey,
      accounts: [readAccount(doc, '', { accountId, clusters: snapshot.clusters, idempotency: snapshot.idempotency })],
    };
  }
  readString(doc, 'defaultAccountId', snapshot.defaultAccountId);
  readArray(doc, 'accounts', snapshot.accounts).forEach((account, index) =>
    readAccount(doc, `accounts[${index}].`, readObject(doc, `accounts[${index}]`, account)),
  );
  return snapshot as unknown as StateSnapshot;
}

/** One account's state; `at` is where its members are (`` in a version 1 file, `accounts[2].`). */
function readAccount(doc: StateFileDocument, at: string, account: Record<string, unknown>): AccountSnapshot {
  readString(doc, `${at}accountId`, account.accountId);
  readArray(doc, `${at}idempotency`, account.idempotency);
  readArray(doc, `${at}clusters`, account.clusters).forEach((value, index) => {
    const clusterAt = `${at}clusters[${index}]`;
    const cluster = readObject(doc, clusterAt, value);
    readString(doc, `${clusterAt}.name`, cluster.name);
    readString(doc, `${clusterAt}.region`, cluster.region);
    readNumber(doc, `${clusterAt}.nextSeq`, cluster.nextSeq);
    readArray(doc, `${clusterAt}.addons`, cluster.addons);
    readArray(doc, `${clusterAt}.associations`, cluster.associations).forEach((associationValue, associationIndex) => {
      const associationAt = `${clusterAt}.associations[${associationIndex}]`;
      const association = readObject(doc, associationAt, associationValue);
      readString(doc, `${associationAt}.associationId`, association.associationId);
      readNumber(doc, `${associationAt}.seq`, association.seq);
      readString(doc, `${associationAt}.namespace`, association.namespace);
      readString(doc, `${associationAt}.serviceAccount`, association.serviceAccount);
    });
  });
  return account as unknown as AccountSnapshot;
}

/** A journal line that does not parse: the journal is JSON lines, not one document, so its lines are counted here. */
function corruptJournal(file: string, reason: string): StateFileError {
  return new StateFileError(
    `The emulator journal ${file} is corrupt: ${reason}. Refusing to start so no data is lost; move the file away to start afresh.`,
  );
}

async function syncDirectory(directory: string): Promise<void> {
  // Makes the rename itself durable. Not every platform can open a directory; the rename is still atomic there.
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(directory, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close();
  }
}
