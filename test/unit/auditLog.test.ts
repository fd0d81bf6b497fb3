/**
 * The audit log's bounds and its writer: inputs summarised, records cut to the size limit as
 * valid JSON, refusals limited per caller with a count of what was left out, attempts fsynced
 * to a file and refused when they cannot be written.
 */
import fs, { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuditUnavailableError,
  openAuditLog,
  type AttemptRecord,
  type OutcomeRecord,
} from '../../src/security/auditLog';
import { RefusalRateLimit, REFUSAL_WINDOW_MS, type LeftOut } from '../../src/security/auditRateLimit';
import { boundedJson, cutString, MAX_AUDIT_STRING, sha256, summariseInput } from '../../src/security/auditSummary';

const dir = mkdtempSync(join(tmpdir(), 'audit-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('summariseInput', () => {
  const tags = [
    { key: 'team', value: 'payments' },
    { key: 'env', value: 'prod' },
  ];

  test('tags become their count and the hash of their canonical form, whatever their order', () => {
    const summary = summariseInput({ clusterName: 'prod', tags });
    expect(summary).toEqual({
      clusterName: 'prod',
      tags: { count: 2, hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) },
    });
    expect(summariseInput({ tags: [...tags].reverse() }).tags).toEqual(summary.tags);
    expect(summariseInput({ tags: [{ key: 'team', value: 'search' }, tags[1]] }).tags).not.toEqual(summary.tags);
    expect(JSON.stringify(summary)).not.toContain('payments');
  });

  test('a session policy is kept as its hash; removing one stays null', () => {
    const policy = '{"Version":"2012-10-17","Statement":[]}';
    expect(summariseInput({ policy })).toEqual({ policy: sha256(policy) });
    expect(summariseInput({ policy: null })).toEqual({ policy: null });
  });

  test('long strings are cut with a marker that gives their length and hash; short ones and scalars stay', () => {
    const long = 'x'.repeat(10_000);
    const summary = summariseInput({ namespace: long, disableSessionTags: true, clientMutationId: 'form-1' });
    expect(summary.namespace).toBe(`${'x'.repeat(MAX_AUDIT_STRING)}…[cut: 10000 characters, ${sha256(long)}]`);
    expect(summary).toMatchObject({ disableSessionTags: true, clientMutationId: 'form-1' });
    // A surrogate pair is never split by the cut.
    const emoji = `${'a'.repeat(MAX_AUDIT_STRING - 1)}😀😀`;
    expect(cutString(emoji).startsWith(`${'a'.repeat(MAX_AUDIT_STRING - 1)}…`)).toBe(true);
  });

  test('values of a shape it has no rule for are kept as their size and hash', () => {
    expect(summariseInput({ other: [1, 2, 3] })).toEqual({ other: { count: 3, bytes: 7, hash: sha256('[1,2,3]') } });
  });
});

describe('boundedJson', () => {
  test('a record within the limit is written as it is', () => {
    const record = { time: 't', kind: 'outcome', message: 'short' };
    expect(boundedJson(record, 2048)).toBe(JSON.stringify(record));
  });

  test('a record over the limit is cut to valid JSON within it, saying so', () => {
    const record = {
      time: '2026-01-01T00:00:00.000Z',
      kind: 'outcome',
      attemptId: null,
      requestId: 'r-1',
      subject: 's'.repeat(5_000),
      groups: Array.from({ length: 2_000 }, (_, i) => `group-${i}`),
      message: '"\u0001'.repeat(3_000),
      eksRequestId: '😀'.repeat(2_000),
    };
    const text = boundedJson(record, 2048);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    const cut = JSON.parse(text) as Record<string, unknown>;
    expect(cut).toMatchObject({
      time: record.time,
      kind: 'outcome',
      attemptId: null,
      requestId: 'r-1',
      subject: expect.stringMatching(/^s+…\[cut: 5000 characters\]$/),
      groups: { count: 2_000, bytes: expect.any(Number), hash: expect.stringMatching(/^sha256:/) },
      cut: { bytes: Buffer.byteLength(JSON.stringify(record)), maxBytes: 2048, hash: sha256(JSON.stringify(record)) },
    });
  });

  test('a record with very many fields keeps what links it', () => {
    const record: Record<string, unknown> = { time: 't', kind: 'attempt', attemptId: 'a-1', requestId: 'r-1' };
    for (let i = 0; i < 200; i++) record[`field${i}`] = 'v'.repeat(100);
    const text = boundedJson(record, 2048);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    expect(JSON.parse(text)).toEqual({
      time: 't',
      kind: 'attempt',
      attemptId: 'a-1',
      requestId: 'r-1',
      cut: expect.objectContaining({ maxBytes: 2048 }),
    });
  });
});

describe('RefusalRateLimit', () => {
  function limiter(perWindow: number, maxCallers = 100) {
    let now = 1_000_000;
    const reports: Array<LeftOut<string>> = [];
    const limit = new RefusalRateLimit<string>(
      perWindow,
      maxCallers,
      (r) => reports.push(r),
      () => now,
    );
    return { limit, reports, advance: (ms: number) => (now += ms), now: () => now };
  }

  test('keeps N per caller and window, counts the rest, and reports them once the window is over, at the next refusal', () => {
    const { limit, reports, advance } = limiter(3);
    const kept = Array.from({ length: 10 }, () => limit.admit('alice', 'alice'));
    expect(kept).toEqual([true, true, true, false, false, false, false, false, false, false]);
    // Another caller has a window of its own.
    expect(limit.admit('bob', 'bob')).toBe(true);
    expect(reports).toEqual([]);
    advance(REFUSAL_WINDOW_MS);
    expect(limit.admit('alice', 'alice')).toBe(true);
    expect(reports).toEqual([{ caller: 'alice', count: 7, from: 1_000_000, to: 1_000_000 + REFUSAL_WINDOW_MS }]);
  });

  test('a sweep reports the windows that are over, a flush every window that left something out', () => {
    const { limit, reports, advance } = limiter(1);
    limit.admit('alice', 'alice');
    limit.admit('alice', 'alice');
    advance(REFUSAL_WINDOW_MS / 2);
    limit.admit('bob', 'bob');
    limit.admit('bob', 'bob');
    limit.admit('carol', 'carol');
    advance(REFUSAL_WINDOW_MS / 2);
    limit.sweep();
    expect(reports.map((r) => [r.caller, r.count])).toEqual([['alice', 1]]);
    expect(limit.size).toBe(2);
    limit.flush();
    expect(reports.map((r) => [r.caller, r.count])).toEqual([
      ['alice', 1],
      ['bob', 1],
    ]);
    expect(limit.size).toBe(0);
  });

  test('its state is bounded: a new caller past the bound ends the oldest window early, reporting it', () => {
    const { limit, reports } = limiter(1, 3);
    for (const caller of ['a', 'b', 'c']) {
      limit.admit(caller, caller);
      limit.admit(caller, caller);
    }
    for (let i = 0; i < 1_000; i++) limit.admit(`caller-${i}`, `caller-${i}`);
    expect(limit.size).toBe(3);
    expect(reports.map((r) => [r.caller, r.count])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
  });
});

describe('openAuditLog', () => {
  const caller = { subject: 'alice', groups: ['team'], authenticatedBy: 'tokens' as const };
  const base = {
    time: '2026-01-01T00:00:00.000Z',
    requestId: 'r-1',
    clientRequestId: null,
    ...caller,
    operation: 'createPodIdentityAssociation' as const,
    accountId: '111122223333',
  };
  const attempt = (attemptId: string): AttemptRecord => ({
    ...base,
    kind: 'attempt',
    attemptId,
    eksOperation: 'CreatePodIdentityAssociation',
    input: { clusterName: 'prod' },
    clientRequestToken: 't-1',
  });
  const outcome = (attemptId: string | null): OutcomeRecord => ({
    ...base,
    kind: 'outcome',
    attemptId,
    outcome: attemptId ? 'ok' : 'denied',
    code: attemptId ? null : 'FORBIDDEN',
    message: null,
    associationId: null,
    eksRequestId: null,
  });
  const limits = { maxRecordBytes: 2048, refusalsPerMinute: 2 };
  const lines = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  test('a file gets the attempt fsynced before writeAhead returns; outcomes are written without', () => {
    const path = join(dir, 'synced.jsonl');
    const fsync = jest.spyOn(fs, 'fsyncSync');
    try {
      const log = openAuditLog({ kind: 'file', path }, limits, (error) => {
        throw error;
      });
      log.writeAhead(attempt('a-1'));
      expect(fsync).toHaveBeenCalledTimes(1);
      expect(lines(path)).toEqual([attempt('a-1')]);
      log.record(outcome('a-1'));
      expect(fsync).toHaveBeenCalledTimes(1);
      expect(lines(path)).toEqual([attempt('a-1'), outcome('a-1')]);
      log.close();
    } finally {
      fsync.mockRestore();
    }
  });

  test('an attempt that cannot be written throws, reporting why; an outcome that cannot is only reported', () => {
    const errors: unknown[] = [];
    const log = openAuditLog({ kind: 'file', path: '/dev/full' }, limits, (error) => errors.push(error));
    expect(() => log.writeAhead(attempt('a-1'))).toThrow(AuditUnavailableError);
    expect(() => log.record(outcome(null))).not.toThrow();
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ENOSPC', 'ENOSPC']);
    log.close();
    expect(() => log.writeAhead(attempt('a-2'))).toThrow('The audit log is closed.');
  });

  test('refusals past the rate are left out and counted in one record at close; attempts and their outcomes never are', () => {
    const path = join(dir, 'limited.jsonl');
    const log = openAuditLog({ kind: 'file', path }, limits, (error) => {
      throw error;
    });
    for (let i = 0; i < 5; i++) log.record(outcome(null));
    for (let i = 0; i < 5; i++) {
      log.writeAhead(attempt(`a-${i}`));
      log.record(outcome(`a-${i}`));
    }
    log.close();
    const written = lines(path);
    expect(written.filter((r) => r.attemptId === null)).toHaveLength(2);
    expect(written.filter((r) => r.kind === 'attempt')).toHaveLength(5);
    expect(written.filter((r) => r.kind === 'outcome' && r.attemptId !== null)).toHaveLength(5);
    expect(written.at(-1)).toEqual({
      time: expect.any(String),
      kind: 'leftOut',
      ...caller,
      count: 3,
      from: expect.any(String),
      to: expect.any(String),
      limitPerMinute: 2,
    });
  });
});
