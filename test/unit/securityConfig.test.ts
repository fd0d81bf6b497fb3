/**
 * The security variables of `loadConfig`: defaults, the loopback rule of AUTH_MODE=none, the
 * files each mode needs, and errors that name the variable (and, for files, the line).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { ConfigError, loadConfig } from '../../src/config';
import { isLoopback } from '../../src/security/settings';

const dir = mkdtempSync(join(tmpdir(), 'security-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};
const POLICY = { rules: [{ groups: ['team'], actions: ['read'] }] };
const TOKENS = { tokens: [{ token: 'a-token-of-twenty-chars', subject: 'alice' }] };
const tokensEnv = () => ({
  AUTH_MODE: 'tokens',
  AUTH_TOKENS_FILE: file('tokens.json', TOKENS),
  AUTH_POLICY_FILE: file('policy.json', POLICY),
});

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
}

test('defaults: no authentication on loopback, audit off, introspection and GraphiQL on', () => {
  expect(loadConfig({}).security).toEqual({
    auth: { mode: 'none' },
    audit: { kind: 'off' },
    auditLimits: { maxRecordBytes: 8192, refusalsPerMinute: 60 },
    introspection: true,
    graphiql: true,
    schemaSuggestions: true,
  });
});

test('AUTH_MODE=none refuses any address but loopback', () => {
  for (const HOST of ['0.0.0.0', '::', '10.0.0.5', 'gateway.internal']) {
    expect(configError({ HOST })).toBe(
      `AUTH_MODE=none is allowed only while HOST is a loopback address (127.0.0.1, ::1 or localhost), received HOST "${HOST}": ` +
        'set AUTH_MODE to tokens or jwt (with AUTH_POLICY_FILE) to listen on other addresses.',
    );
  }
  for (const HOST of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'])
    expect(isLoopback(HOST)).toBe(true);
  expect(loadConfig({ HOST: '::1', AUTH_MODE: 'none' }).security.auth).toEqual({ mode: 'none' });
});

test('with authentication the gateway may listen anywhere, and audits to stdout by default', () => {
  const { security } = loadConfig({ ...tokensEnv(), HOST: '0.0.0.0' });
  expect(security.auth.mode).toBe('tokens');
  expect(security.audit).toEqual({ kind: 'stdout' });
});

test.each([
  [{ AUTH_MODE: 'basic' }, 'AUTH_MODE must be one of none, tokens, jwt, received "basic".'],
  [{ AUTH_MODE: 'tokens' }, 'AUTH_TOKENS_FILE is required when AUTH_MODE=tokens.'],
  [
    { AUTH_MODE: 'tokens', AUTH_TOKENS_FILE: '/nonexistent/tokens.json' },
    'AUTH_TOKENS_FILE names a file that cannot be read (ENOENT): "/nonexistent/tokens.json".',
  ],
  [
    { AUTH_POLICY_FILE: '/some/policy.json' },
    'AUTH_POLICY_FILE is set, but AUTH_MODE is none (the default), so it would be ignored',
  ],
  [
    { AUTH_MODE: 'jwt', AUTH_JWT_ISSUER: 'https://idp', AUTH_JWT_AUDIENCE: 'gw' },
    'AUTH_MODE=jwt needs exactly one of AUTH_JWKS_URL',
  ],
  [
    { AUTH_MODE: 'jwt', AUTH_JWKS_URL: 'http://idp.example.com/jwks.json' },
    'AUTH_JWKS_URL must use https (http only on a loopback address), received "http://idp.example.com/jwks.json".',
  ],
  [
    { AUTH_MODE: 'jwt', AUTH_JWKS_URL: 'https://idp.example.com/jwks.json', AUTH_JWT_AUDIENCE: 'gw' },
    'AUTH_JWT_ISSUER is required when AUTH_MODE=jwt',
  ],
  [{ ENABLE_INTROSPECTION: 'maybe' }, 'ENABLE_INTROSPECTION must be true or false, received "maybe".'],
  [{ AUDIT_LOG: 'file' }, 'AUDIT_LOG=file needs AUDIT_LOG_FILE'],
  [
    { AUDIT_LOG: 'stdout', AUDIT_LOG_FILE: '/var/log/audit.jsonl' },
    'AUDIT_LOG_FILE is set, so AUDIT_LOG must be unset or "file", received "stdout".',
  ],
])('%j is refused: %s', (env, message) => {
  expect(configError(env as Record<string, string>)).toContain(message);
});

test('tokens mode without a policy is refused: every request would be denied', () => {
  expect(configError({ AUTH_MODE: 'tokens', AUTH_TOKENS_FILE: file('t.json', TOKENS) })).toBe(
    'AUTH_POLICY_FILE is required when AUTH_MODE=tokens: without a policy every request would be denied.',
  );
});

test('a bad policy file stops start-up with the file, the line and the rule', () => {
  const path = file(
    'bad-policy.json',
    '{\n  "rules": [\n    { "groups": ["a"], "actions": ["read"] },\n    { "groups": ["b"], "actions": ["write"] }\n  ]\n}',
  );
  expect(configError({ ...tokensEnv(), AUTH_POLICY_FILE: path })).toBe(
    `AUTH_POLICY_FILE ${path} line 4 (rules[1].actions[0]): is not an action; use read, create, update, delete, tag, metrics, explore, received "write".`,
  );
});

test('a bad token file stops start-up with the line', () => {
  const path = file(
    'bad-tokens.json',
    '{"tokens": [\n  {"token": "a-token-of-twenty-chars", "subject": "alice"},\n  {"token": "a-token-of-twenty-chars", "subject": "bob"}\n]}',
  );
  expect(configError({ ...tokensEnv(), AUTH_TOKENS_FILE: path })).toBe(
    `AUTH_TOKENS_FILE ${path} line 3 (tokens[1]): holds the same token as tokens[0] (line 2); each token must name one caller.`,
  );
});

describe('JWKS files', () => {
  const jwtEnv = (jwksPath: string) => ({
    AUTH_MODE: 'jwt',
    AUTH_JWKS_FILE: jwksPath,
    AUTH_JWT_ISSUER: 'https://idp',
    AUTH_JWT_AUDIENCE: 'gw',
    AUTH_POLICY_FILE: file('p.json', POLICY),
  });

  test('public keys are accepted, with the issuer, audience and groups claim', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const { security } = loadConfig(jwtEnv(file('jwks.json', { keys: [await exportJWK(publicKey)] })));
    expect(security.auth).toMatchObject({
      mode: 'jwt',
      jwt: { issuer: 'https://idp', audience: 'gw', groupsClaim: 'groups', keys: { kind: 'file' } },
    });
  });

  test('a private key, a symmetric key or a broken key is refused with its index and line', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const path = file('private.json', { keys: [await exportJWK(privateKey)] });
    expect(configError(jwtEnv(path))).toBe(
      `AUTH_JWKS_FILE ${path} line 3 (keys[0]): is a private key (it has "d"); give only the public key.`,
    );
    expect(configError(jwtEnv(file('oct.json', { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] })))).toContain(
      '(keys[0]): is a symmetric key (kty "oct")',
    );
    expect(configError(jwtEnv(file('broken.json', { keys: [{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }] })))).toMatch(
      /\(keys\[0\]\): is not a usable public key/,
    );
  });
});

test('production turns introspection and GraphiQL off unless enabled', () => {
  expect(loadConfig({ NODE_ENV: 'production' }).security).toMatchObject({ introspection: false, graphiql: false });
  expect(
    loadConfig({ NODE_ENV: 'production', ENABLE_INTROSPECTION: 'true', ENABLE_GRAPHIQL: '1' }).security,
  ).toMatchObject({ introspection: true, graphiql: true });
  expect(loadConfig({ ENABLE_GRAPHIQL: 'false' }).security).toMatchObject({ introspection: true, graphiql: false });
});

test('the audit destinations', () => {
  expect(loadConfig({ AUDIT_LOG: 'stdout' }).security.audit).toEqual({ kind: 'stdout' });
  expect(loadConfig({ AUDIT_LOG: '/var/log/gw-audit.jsonl' }).security.audit).toEqual({
    kind: 'file',
    path: '/var/log/gw-audit.jsonl',
  });
  expect(loadConfig({ AUDIT_LOG_FILE: '/var/log/a.jsonl' }).security.audit).toEqual({
    kind: 'file',
    path: '/var/log/a.jsonl',
  });
  expect(loadConfig({ ...tokensEnv(), AUDIT_LOG: 'off' }).security.audit).toEqual({ kind: 'off' });
});

test('the audit limits: a record size and a rate of refusals per caller, each with its bounds', () => {
  expect(loadConfig({ AUDIT_MAX_RECORD_BYTES: '4096', AUDIT_REFUSALS_PER_MINUTE: '5' }).security.auditLimits).toEqual({
    maxRecordBytes: 4096,
    refusalsPerMinute: 5,
  });
  expect(configError({ AUDIT_MAX_RECORD_BYTES: '1000' })).toBe(
    'AUDIT_MAX_RECORD_BYTES must be a whole number from 2048 to 1048576, received "1000".',
  );
  expect(configError({ AUDIT_REFUSALS_PER_MINUTE: '0' })).toBe(
    'AUDIT_REFUSALS_PER_MINUTE must be a whole number from 1 to 1000000, received "0".',
  );
  expect(configError({ AUDIT_REFUSALS_PER_MINUTE: 'many' })).toBe(
    'AUDIT_REFUSALS_PER_MINUTE must be a whole number from 1 to 1000000, received "many".',
  );
});
