/**
 * Token, policy and JWKS files reload without a restart (SIGHUP calls `reloadSecurity`; the
 * signal itself is covered by the process test): rotated tokens and a changed policy take
 * effect for the next request, and files that fail the start-up checks change nothing.
 */
import { SecurityConfigError } from '../../../src/security/errors';
import { readSecuritySettings } from '../../../src/security/settings';
import { seedCluster, startStack, tempFiles, type Stack } from '../../helpers/stack';

let stack: Stack;
const files = tempFiles();
const OLD = 'old-token-0123456789ab';
const NEW = 'new-token-0123456789ab';
const env = {
  AUTH_MODE: 'tokens',
  AUTH_TOKENS_FILE: files.write('tokens.json', { tokens: [{ token: OLD, subject: 'dev', groups: ['team-a'] }] }),
  AUTH_POLICY_FILE: files.write('policy.json', {
    rules: [{ groups: ['team-a'], actions: ['read'], namespaces: ['team-a'] }],
  }),
  AUDIT_LOG: 'off',
};
const QUERY =
  '{ cluster(name: "alpha", region: "us-east-1") { podIdentityAssociations(first: 10) { nodes { namespace } } } }';

beforeAll(async () => {
  stack = await startStack({ seed: { clusters: [seedCluster('alpha', 'us-east-1', 6)] } }, env, { captureLogs: true });
}, 60_000);
afterAll(async () => {
  await stack.close();
  files.remove();
});

const reload = (overrides: Record<string, string> = {}) =>
  stack.gateway.reloadSecurity(readSecuritySettings({ ...env, ...overrides }, '127.0.0.1'));

async function namespaces(token: string): Promise<{ status: number; namespaces: string[] }> {
  const answer = await stack.gqlAs<{
    cluster: { podIdentityAssociations: { nodes: Array<{ namespace: string }> } } | null;
  }>(token, QUERY);
  return {
    status: answer.status,
    namespaces: [...new Set(answer.body.data?.cluster?.podIdentityAssociations.nodes.map((n) => n.namespace) ?? [])],
  };
}

test('a rotated token file takes effect at once: the old token is refused, the new one accepted', async () => {
  expect(await namespaces(OLD)).toEqual({ status: 200, namespaces: ['team-a'] });
  files.write('tokens.json', { tokens: [{ token: NEW, subject: 'dev', groups: ['team-a'] }] });
  reload();
  expect((await namespaces(OLD)).status).toBe(401);
  expect(await namespaces(NEW)).toEqual({ status: 200, namespaces: ['team-a'] });
  expect(stack.logText()).toContain('Security files reloaded');
  expect(stack.logText()).not.toContain(NEW);
});

test('a changed policy applies to the next request', async () => {
  files.write('policy.json', { rules: [{ groups: ['team-a'], actions: ['read'], namespaces: ['team-a', 'team-b'] }] });
  reload();
  expect((await namespaces(NEW)).namespaces.sort()).toEqual(['team-a', 'team-b']);
});

test('files that fail the start-up checks are refused whole, and what was in force stays', async () => {
  const before = await namespaces(NEW);
  files.write('tokens.json', '{ "tokens": [ ');
  expect(() => reload()).toThrow(SecurityConfigError);
  files.write('tokens.json', { tokens: [{ token: NEW, subject: 'dev', groups: ['team-a'] }] });
  files.write('policy.json', { rules: [{ groups: ['team-a'], actions: ['read', 'fly'] }] });
  expect(() => reload()).toThrow(/fly/);
  expect(() => reload({ AUTH_POLICY_FILE: `${files.dir}/missing.json` })).toThrow(/cannot be read/);
  expect(await namespaces(NEW)).toEqual(before);
});

test('the mode cannot change without a restart', () => {
  expect(() => stack.gateway.reloadSecurity(readSecuritySettings({}, '127.0.0.1'))).toThrow(
    /AUTH_MODE changed from tokens to none; a change of mode needs a restart/,
  );
});
