/**
 * The static token file: plain and hashed tokens, the constant-time comparison, and the
 * start-up errors, which name the line and never repeat a token.
 */
import { parseSecurityFile } from '../../src/security/files';
import { parseTokenFile, sha256 } from '../../src/security/tokens';

// The module object itself (not an import's copy), so the spy sees the calls tokens.ts makes.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would give that copy
const crypto = require('node:crypto') as typeof import('node:crypto');

const parse = (value: unknown) =>
  parseTokenFile(parseSecurityFile(JSON.stringify(value, null, 2), 'AUTH_TOKENS_FILE tokens.json'));
const PLAIN = 'plain-token-abcdefghij';
const HASHED = 'hashed-token-0123456789';

const table = () =>
  parse({
    tokens: [
      { token: PLAIN, subject: 'alice', groups: ['payments'] },
      { token: `sha256:${sha256(HASHED).toString('hex').toUpperCase()}`, subject: 'ci', description: 'the CI robot' },
      { token: `sha256:${sha256('third-token-0123456789').toString('hex')}`, subject: 'bob', groups: [] },
    ],
  });

test('plain and hashed tokens name their caller; anything else names no one', () => {
  const tokens = table();
  expect(tokens.size).toBe(3);
  expect(tokens.lookup(PLAIN)).toEqual({ subject: 'alice', groups: ['payments'], authenticatedBy: 'tokens' });
  expect(tokens.lookup(HASHED)).toEqual({ subject: 'ci', groups: [], authenticatedBy: 'tokens' });
  for (const wrong of [
    '',
    `${PLAIN}x`,
    PLAIN.slice(0, -1),
    `sha256:${sha256(HASHED).toString('hex')}`,
    PLAIN.toUpperCase(),
  ]) {
    expect(tokens.lookup(wrong)).toBeNull();
  }
});

test('every entry is compared with timingSafeEqual, whichever matches and even after a match', () => {
  const tokens = table();
  const spy = jest.spyOn(crypto, 'timingSafeEqual');
  try {
    for (const token of [PLAIN, HASHED, 'no-such-token-at-all']) {
      spy.mockClear();
      tokens.lookup(token);
      expect(spy).toHaveBeenCalledTimes(3);
      // Digests of equal length: how long the token is cannot show either.
      for (const [a, b] of spy.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
    }
  } finally {
    spy.mockRestore();
  }
});

describe('start-up errors name the line and keep the token secret', () => {
  const SHORT = 'short-secret';
  const cases: Array<[string, unknown, string]> = [
    [
      'a short plain token',
      {
        tokens: [
          { token: 'long-enough-token-000', subject: 'a' },
          { token: SHORT, subject: 'b' },
        ],
      },
      'line 8 (tokens[1].token): a plain token must be at least 16 characters without spaces, received one of 12 characters.',
    ],
    [
      'a malformed hash',
      { tokens: [{ token: 'sha256:abc', subject: 'a' }] },
      '(tokens[0].token): starts with "sha256:" but is not followed by exactly 64 hex digits.',
    ],
    [
      'the same token twice',
      {
        tokens: [
          { token: PLAIN, subject: 'a' },
          { token: `sha256:${sha256(PLAIN).toString('hex')}`, subject: 'b' },
        ],
      },
      'line 7 (tokens[1]): holds the same token as tokens[0] (line 3); each token must name one caller.',
    ],
    [
      'no subject',
      { tokens: [{ token: PLAIN }] },
      '(tokens[0].subject): must be a non-empty string, received undefined undefined.',
    ],
    [
      'groups that are not strings',
      { tokens: [{ token: PLAIN, subject: 'a', groups: [1] }] },
      '(tokens[0].groups[0]): must be a non-empty string, received number 1.',
    ],
    [
      'an unknown key',
      { tokens: [{ token: PLAIN, subject: 'a', role: 'admin' }] },
      '(tokens[0].role): unknown key "role"',
    ],
    ['no tokens', { tokens: [] }, '(tokens): must not be empty.'],
  ];

  test.each(cases)('%s', (_, value, message) => {
    let error: unknown;
    try {
      parse(value);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(Error);
    const text = (error as Error).message;
    expect(text).toContain('AUTH_TOKENS_FILE tokens.json');
    expect(text).toContain(message);
    expect(text).not.toContain(SHORT);
    expect(text).not.toContain(PLAIN);
  });
});
