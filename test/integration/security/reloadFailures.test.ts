/**
 * A reload that fails in any way keeps the files in force and says why, and JSON nested deeper
 * than the security files need is refused with a message naming the file: a policy that is
 * valid JSON nested 20,000 deep once made SIGHUP crash the process. In-process through
 * `reloadSecurityFiles` (what the SIGHUP handler runs), then with a real signal.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../../../src/config';
import { MAX_JSON_DEPTH } from '../../../src/json/document';
import { SecurityConfigError } from '../../../src/security/errors';
import { parseSecurityFile } from '../../../src/security/files';
import { reloadSecurityFiles } from '../../../src/security/reload';
import { createLogger } from '../../../src/server/logger';
import { seedCluster, startStack, tempFiles, type Stack } from '../../helpers/stack';

const files = tempFiles('gateway-reload-');
afterAll(() => files.remove());

const TOKEN = 'reload-token-0123456789';
const POLICY = { rules: [{ groups: ['team-a'], actions: ['read'], namespaces: ['team-a'] }] };
/** Valid JSON, nested `depth` levels: `{"rules":[[[ ... ]]]}`. */
const deepPolicy = (depth: number) => `{"rules":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

function logSink() {
  const lines: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }),
  );
  return { logger, records: () => lines.map((line) => JSON.parse(line) as { msg: string; reason?: string }) };
}

describe('JSON depth of the security files', () => {
  test('20,000 levels are refused with the file, line and column, and nothing walks them', () => {
    const text = `{\n  "rules":\n ${'['.repeat(19_999)}${']'.repeat(19_999)}}`;
    expect(() => parseSecurityFile(text, 'AUTH_POLICY_FILE p.json')).toThrow(SecurityConfigError);
    expect(() => parseSecurityFile(text, 'AUTH_POLICY_FILE p.json')).toThrow(
      `AUTH_POLICY_FILE p.json line 3 column ${MAX_JSON_DEPTH + 1}: nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels; the token, policy and JWKS files need only a few.`,
    );
  });

  test(`${MAX_JSON_DEPTH} levels pass, ${MAX_JSON_DEPTH + 1} do not; brackets inside strings do not count`, () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parseSecurityFile(nested(MAX_JSON_DEPTH), 'X f').value).toBeDefined();
    expect(() => parseSecurityFile(nested(MAX_JSON_DEPTH + 1), 'X f')).toThrow(/deeper than/);
    const brackets = JSON.stringify({ description: '['.repeat(1000) + '{\\"'.repeat(100), rules: [] });
    expect(parseSecurityFile(brackets, 'X f').lineOf('rules')).toBe(1);
  });

  test('lines are still found for every value', () => {
    const doc = parseSecurityFile('{\n "a": [\n  1,\n  {"b":\n   "c"}\n ],\n "d": {}\n}', 'X f');
    expect(['', 'a', 'a[0]', 'a[1]', 'a[1].b', 'd', 'd.x'].map((p) => doc.lineOf(p))).toEqual([1, 2, 3, 4, 5, 7, 7]);
  });

  test('at start-up a deep policy is a configuration error naming the variable and the file', () => {
    const path = files.write('deep-start.json', deepPolicy(20_000));
    const env = {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('t0.json', { tokens: [{ token: TOKEN, subject: 'dev' }] }),
      AUTH_POLICY_FILE: path,
    };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`AUTH_POLICY_FILE ${path} line 1 column`);
  });
});

describe('a reload that fails keeps what is in force', () => {
  let stack: Stack;
  const env = {
    AUTH_MODE: 'tokens',
    AUTH_TOKENS_FILE: files.write('tokens.json', { tokens: [{ token: TOKEN, subject: 'dev', groups: ['team-a'] }] }),
    AUTH_POLICY_FILE: files.write('policy.json', POLICY),
    AUDIT_LOG: 'off',
  };
  const QUERY =
    '{ cluster(name: "alpha", region: "us-east-1") { podIdentityAssociations(first: 10) { nodes { namespace } } } }';
  const namespaces = async () => {
    const answer = await stack.gqlAs<{ cluster: { podIdentityAssociations: { nodes: Array<{ namespace: string }> } } }>(
      TOKEN,
      QUERY,
    );
    return [...new Set(answer.body.data?.cluster.podIdentityAssociations.nodes.map((n) => n.namespace))];
  };

  beforeAll(async () => {
    stack = await startStack({ seed: { clusters: [seedCluster('alpha', 'us-east-1', 6)] } }, env, {
      captureLogs: true,
    });
  });
  afterAll(() => stack.close());

  test('a policy nested 20,000 deep: not reloaded, logged with the file, and the old policy stays', async () => {
    expect(await namespaces()).toEqual(['team-a']);
    const { logger, records } = logSink();
    files.write('policy.json', deepPolicy(20_000));
    expect(reloadSecurityFiles((next) => stack.gateway.reloadSecurity(next), env, '127.0.0.1', logger)).toBe(false);
    expect(records()).toEqual([
      expect.objectContaining({
        msg: 'Security files not reloaded; the previous ones stay in force',
        reason: expect.stringContaining(`AUTH_POLICY_FILE ${env.AUTH_POLICY_FILE} line 1 column`),
      }),
    ]);
    expect(records()[0]?.reason).toContain('deeper than 32 levels');
    expect(await namespaces()).toEqual(['team-a']);
  });

  test('an error nobody foresaw (a RangeError while applying) is caught and logged too', async () => {
    const { logger, records } = logSink();
    files.write('policy.json', { rules: [{ groups: ['team-a'], actions: ['read'] }] });
    const applied = reloadSecurityFiles(
      () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
      env,
      '127.0.0.1',
      logger,
    );
    expect(applied).toBe(false);
    expect(records()[0]).toMatchObject({
      msg: 'Security files not reloaded; the previous ones stay in force',
      reason: 'unexpected error while reading them (RangeError: Maximum call stack size exceeded)',
    });
    expect(await namespaces()).toEqual(['team-a']);
  });

  test('a good file afterwards reloads as usual', async () => {
    const { logger } = logSink();
    files.write('policy.json', { rules: [{ groups: ['team-a'], actions: ['read'] }] });
    expect(reloadSecurityFiles((next) => stack.gateway.reloadSecurity(next), env, '127.0.0.1', logger)).toBe(true);
    expect((await namespaces()).sort()).toEqual(['team-a', 'team-b', 'team-c']);
  });
});

test('with a real SIGHUP the process keeps serving with the old files and logs why', async () => {
  const env = {
    AUTH_MODE: 'tokens',
    AUTH_TOKENS_FILE: files.write('signal-tokens.json', {
      tokens: [{ token: TOKEN, subject: 'dev', groups: ['team-a'] }],
    }),
    AUTH_POLICY_FILE: files.write('signal-policy.json', POLICY),
    AUDIT_LOG: 'off',
  };
  const root = join(__dirname, '..', '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'info', EMULATOR_SEED: 'none' },
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const until = async (check: () => boolean | Promise<boolean>) => {
    for (let waited = 0; waited < 20_000; waited += 50) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out; output so far:\n${stdout}`);
  };
  try {
    await until(() => /GraphiQL: http/.test(stdout));
    const url = /GraphiQL: (http:\/\/\S+)/.exec(stdout)?.[1] as string;
    const regions = async () =>
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: '{"query":"{ regions }"}',
        })
      ).status;
    expect(await regions()).toBe(200);
    files.write('signal-policy.json', deepPolicy(20_000));
    child.kill('SIGHUP');
    await until(() => stdout.includes('Security files not reloaded'));
    expect(stdout).toContain('deeper than 32 levels');
    expect(child.exitCode).toBeNull();
    expect(await regions()).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
}, 40_000);
