/**
 * The policy file: what it accepts, how each mistake is reported (with its line), and what the
 * permissions built from it answer.
 */
import { ANONYMOUS, type Caller } from '../../src/security/caller';
import { parseSecurityFile } from '../../src/security/files';
import { compileGlob } from '../../src/security/glob';
import { allowEverything, permissionsFromPolicy, scopeIncludes } from '../../src/security/permissions';
import { parsePolicy } from '../../src/security/policy';

const parse = (text: string) => parsePolicy(parseSecurityFile(text, 'AUTH_POLICY_FILE policy.json'));
const caller = (subject: string, groups: string[] = []): Caller => ({ subject, groups, authenticatedBy: 'tokens' });
/** A region of the gateway's own account, for the rules that name no account. */
const own = (region: string) => ({ accountId: '000000000000', region });

describe('globs', () => {
  test.each([
    ['*', 'anything/at:all', true],
    ['prod-*', 'prod-payments', true],
    ['prod-*', 'dev-prod-payments', false],
    ['*-payments', 'prod-payments', true],
    ['payments', 'payments', true],
    ['payments', 'Payments', false],
    // `*` stays within one path segment; `**` crosses them.
    ['arn:aws:iam::111122223333:role/team-*', 'arn:aws:iam::111122223333:role/team-a/sub', false],
    ['arn:aws:iam::111122223333:role/payments-*', 'arn:aws:iam::111122223333:role/payments-x/../platform-admin', false],
    ['arn:aws:iam::111122223333:role/payments-*', 'arn:aws:iam::111122223333:role/payments-/platform-admin', false],
    ['arn:aws:iam::111122223333:role/payments-*', 'arn:aws:iam::111122223333:role/payments-', true],
    ['arn:aws:iam::111122223333:role/team-a/*', 'arn:aws:iam::111122223333:role/team-a/sub', true],
    ['arn:aws:iam::111122223333:role/team-a/*', 'arn:aws:iam::111122223333:role/team-a/sub/deeper', false],
    ['arn:aws:iam::111122223333:role/team-a/**', 'arn:aws:iam::111122223333:role/team-a/sub/deeper', true],
    ['arn:aws:iam::111122223333:role/**-reader', 'arn:aws:iam::111122223333:role/x/y/data-reader', true],
    ['arn:aws:iam::111122223333:role/*/*-reader', 'arn:aws:iam::111122223333:role/x/y/data-reader', false],
    ['arn:aws:iam::111122223333:role/*/*-reader', 'arn:aws:iam::111122223333:role/x/data-reader', true],
    ['arn:aws:iam::*:role/ci', 'arn:aws:iam::111122223333:role/ci', true],
    ['arn:aws:iam::***:role/ci', 'arn:aws:iam::1/x:role/ci', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbY/c', false],
    ['**', 'anything/at/all', true],
    ['*x', 'x', true],
    ['x*', 'x', true],
    ['x*', '', false],
    ['*', '', true],
    ['arn:aws:iam::111122223333:role/team-*', 'arn:aws:iam::999999999999:role/team-a', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    expect(compileGlob(pattern)(value)).toBe(expected);
  });
});

describe('glob matching takes bounded steps, whatever the glob', () => {
  const values = ['a'.repeat(20_000), 'a/'.repeat(10_000), 'aaaa/'.repeat(4_000) + 'c'];
  // Each glob, and whether it matches each of the values.
  const hostile: Array<[string, boolean[]]> = [
    ['*a*a*a*a*a*b', [false, false, false]],
    ['**a**a**a**a**a**b', [false, false, false]],
    ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*', [true, false, false]],
    ['**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**', [true, true, true]],
    ['a*'.repeat(200) + 'b', [false, false, false]],
    ['*/'.repeat(100) + '*c', [false, false, false]],
    ['*/'.repeat(3_999) + '**c', [false, false, true]],
  ];
  test.each(hostile)('%s', (pattern, expected) => {
    values.forEach((value, i) => {
      const meter = { steps: 0 };
      expect(compileGlob(pattern)(value, meter)).toBe(expected[i]);
      // A backtracking matcher would take exponentially many steps here; this one visits each
      // position of the glob at most once per character of the value.
      expect(meter.steps).toBeLessThanOrEqual((value.length + 1) * (pattern.length + 1));
    });
  });

  test('a regular expression from the same glob really backtracks, which is what the matcher avoids', () => {
    // The steps of a naive backtracking matcher of *a*a*a*a*a*b over 40 characters.
    const backtrackingSteps = (pattern: string, value: string): number => {
      let steps = 0;
      const match = (p: number, v: number): boolean => {
        steps += 1;
        if (p === pattern.length) return v === value.length;
        if (pattern[p] === '*') {
          for (let k = v; k <= value.length; k += 1) if (match(p + 1, k)) return true;
          return false;
        }
        return v < value.length && value[v] === pattern[p] && match(p + 1, v + 1);
      };
      match(0, 0);
      return steps;
    };
    const value = 'a'.repeat(40);
    const meter = { steps: 0 };
    expect(compileGlob('*a*a*a*a*a*b')(value, meter)).toBe(false);
    expect(backtrackingSteps('*a*a*a*a*a*b', value)).toBeGreaterThan(100 * meter.steps);
  });
});

describe('parsing', () => {
  test('a valid policy, with defaults for left-out resources', () => {
    const policy = parse(`{
      "description": "test",
      "rules": [
        { "groups": ["team"], "actions": ["read"] },
        { "subjects": ["ci"], "actions": ["create"], "clusters": ["prod-*"], "namespaces": ["team-a"], "roleArns": ["*"] }
      ]
    }`);
    expect(policy.rules).toHaveLength(2);
    expect(policy.rules[0]).toMatchObject({
      origin: 'rules[0] (line 4)',
      allClusters: true,
      allNamespaces: true,
      anyRole: false,
    });
    expect(policy.rules[1]).toMatchObject({
      origin: 'rules[1] (line 5)',
      allClusters: false,
      allNamespaces: false,
      anyRole: true,
    });
  });

  const BAD: Array<[string, string, string]> = [
    [
      'not JSON',
      '{\n  "rules": [\n    { "groups": ["a"], "actions": ["read"], }\n  ]\n}',
      'AUTH_POLICY_FILE policy.json line 3 column 45: not valid JSON',
    ],
    [
      'an unknown action',
      '{"rules": [\n  {"groups": ["a"], "actions": ["read"]},\n  {"groups": ["a"],\n   "actions": ["read", "deploy"]}\n]}',
      'line 4 (rules[1].actions[1]): is not an action; use read, create, update, delete, tag, metrics, explore, received "deploy".',
    ],
    [
      'a misspelt key',
      '{"rules": [\n  {"groups": ["a"], "actions": ["read"], "namespace": ["x"]}\n]}',
      'line 2 (rules[0].namespace): unknown key "namespace"; the keys allowed here are description, subjects, groups, actions, accounts, regions, clusters, namespaces, roleArns.',
    ],
    [
      'a rule for no one',
      '{"rules": [\n\n  {"actions": ["read"]}\n]}',
      'line 3 (rules[0]): gives its actions to no one',
    ],
    [
      'create without roleArns',
      '{"rules": [{"groups": ["a"], "actions": ["read", "create"]}]}',
      'line 1 (rules[0]): gives "create" or "update" but no "roleArns"',
    ],
    [
      'roleArns on a read rule',
      '{"rules": [{"groups": ["a"], "actions": ["read"], "roleArns": ["*"]}]}',
      '(rules[0].roleArns): limits roles, but the rule gives neither "create" nor "update"',
    ],
    [
      'a role glob that is no role ARN',
      '{"rules": [{"groups": ["a"], "actions": ["update"],\n "roleArns": ["team-*"]}]}',
      'line 2 (rules[0].roleArns[0]): must be "*" or an IAM role ARN glob',
    ],
    [
      'a namespace glob with capitals',
      '{"rules": [{"groups": ["a"], "actions": ["read"], "namespaces": ["Team"]}]}',
      '(rules[0].namespaces[0]): must be a Kubernetes namespace or a glob such as team-*, received "Team".',
    ],
    ['an empty list', '{"rules": [{"groups": [], "actions": ["read"]}]}', '(rules[0].groups): must not be empty.'],
    ['no rules', '{"rules": []}', 'line 1 (rules): must not be empty.'],
    [
      'a role glob with a ".." segment',
      '{"rules": [{"groups": ["a"], "actions": ["create"],\n "roleArns": ["arn:aws:iam::1:role/a/../*"]}]}',
      'line 2 (rules[0].roleArns[0]): has a ".." path segment, which no role ARN has',
    ],
    [
      'a role glob with an empty segment',
      '{"rules": [{"groups": ["a"], "actions": ["create"], "roleArns": ["arn:aws:iam::1:role/a//*"]}]}',
      '(rules[0].roleArns[0]): has an empty path segment',
    ],
    [
      'a glob that is too long',
      `{"rules": [{"groups": ["${'g'.repeat(2049)}"], "actions": ["read"]}]}`,
      '(rules[0].groups[0]): must be at most 2048 characters long (it has 2049)',
    ],
    [
      'an account glob with a space',
      '{"rules": [{"groups": ["a"], "actions": ["read"], "accounts": ["pay ments"]}]}',
      '(rules[0].accounts[0]): must be a 12-digit account id, an account name from GATEWAY_ACCOUNTS_FILE, or a glob',
    ],
    [
      'metrics limited to accounts',
      '{"rules": [{"groups": ["a"], "actions": ["metrics"], "accounts": ["payments"]}]}',
      '(rules[0].accounts): limits where the rule applies, but it gives "metrics"',
    ],
    [
      'the account placeholder outside the account field',
      '{"rules": [{"groups": ["a"], "actions": ["create"], "roleArns": ["arn:aws:iam::1:role/{accountId}-x"]}]}',
      '(rules[0].roleArns[0]): has a brace in its path or name',
    ],
    [
      'a misspelt account placeholder',
      '{"rules": [{"groups": ["a"], "actions": ["create"], "roleArns": ["arn:aws:iam::{account}:role/x"]}]}',
      '(rules[0].roleArns[0]): may hold {accountId} only as the whole account field',
    ],
    [
      'a string where a list belongs',
      '{"rules": [{"groups": "a", "actions": ["read"]}]}',
      '(rules[0].groups): must be a JSON array, received "a".',
    ],
  ];

  test.each(BAD)('%s is refused with the line and the rule', (_, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});

describe('permissions', () => {
  const policy = parse(
    JSON.stringify({
      rules: [
        {
          groups: ['payments'],
          actions: ['read', 'create'],
          regions: ['us-*'],
          clusters: ['prod-*'],
          namespaces: ['pay', 'pay-*'],
          roleArns: ['arn:aws:iam::1:role/pay-*'],
        },
        { groups: ['payments'], actions: ['read'], clusters: ['shared'] },
        { subjects: ['root'], actions: ['read', 'create', 'update', 'delete'], roleArns: ['*'] },
        { subjects: ['*'], actions: ['read'], clusters: ['public'], namespaces: ['docs'] },
      ],
    }),
  );

  test('the scopes of a caller in a group', () => {
    const p = permissionsFromPolicy(policy, caller('alice', ['payments']));
    const clusters = p.clusters('read', own('us-east-1'));
    expect(clusters.kind).toBe('some');
    expect(['prod-a', 'shared', 'public', 'dev-a'].map((c) => scopeIncludes(clusters, c))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(p.clusters('read', own('eu-west-1')).kind).toBe('some');
    expect(scopeIncludes(p.clusters('read', own('eu-west-1')), 'prod-a')).toBe(false);
    expect(p.clusters('delete', own('us-east-1')).kind).toBe('none');
    expect(p.namespaces('read', own('us-east-1'), 'shared').kind).toBe('all');
    const ns = p.namespaces('create', own('us-east-1'), 'prod-a');
    expect(['pay', 'pay-x', 'other'].map((n) => scopeIncludes(ns, n))).toEqual([true, true, false]);
    expect(p.unrestricted('read', own('us-east-1'), 'shared')).toBe(true);
    expect(p.unrestricted('create', own('us-east-1'), 'prod-a')).toBe(false);
  });

  test('role limits apply per namespace and rule', () => {
    const p = permissionsFromPolicy(policy, caller('alice', ['payments']));
    const at = { ...own('us-east-1'), clusterName: 'prod-a', namespace: 'pay' };
    expect(p.mayBindRole('create', at, 'arn:aws:iam::1:role/pay-api')).toBe(true);
    expect(p.mayBindRole('create', at, 'arn:aws:iam::1:role/admin')).toBe(false);
    expect(p.mayBindRole('create', { ...at, namespace: 'other' }, 'arn:aws:iam::1:role/pay-api')).toBe(false);
    expect(p.mayBindRole('update', at, 'arn:aws:iam::1:role/pay-api')).toBe(false);
    // Globs see only ARNs without empty, "." or ".." segments; "*" allows any role.
    expect(p.mayBindRole('create', at, 'arn:aws:iam::1:role/pay-x/../admin')).toBe(false);
    expect(p.mayBindRole('create', at, 'arn:aws:iam::1:role/pay-/admin')).toBe(false);
    expect(p.mayBindRole('create', at, 'arn:aws:iam::1:role/pay-x//')).toBe(false);
    const root = permissionsFromPolicy(policy, caller('root'));
    expect(root.mayBindRole('update', at, 'arn:aws:iam::1:role/pay-x/../admin')).toBe(true);
  });

  test('a subject rule, and a wildcard subject rule that every caller gets', () => {
    const root = permissionsFromPolicy(policy, caller('root'));
    expect(root.clusters('delete', own('ap-south-1')).kind).toBe('all');
    expect(root.unrestricted('update', own('ap-south-1'), 'any')).toBe(true);
    const stranger = permissionsFromPolicy(policy, caller('stranger', ['nobody']));
    expect(scopeIncludes(stranger.clusters('read', own('eu-west-1')), 'public')).toBe(true);
    expect(stranger.namespaces('read', own('eu-west-1'), 'public')).toMatchObject({ kind: 'some' });
    expect(stranger.clusters('create', own('eu-west-1')).kind).toBe('none');
  });

  test('groups match by name, not by subject, and the reverse', () => {
    expect(permissionsFromPolicy(policy, caller('payments')).clusters('create', own('us-east-1')).kind).toBe('none');
    expect(permissionsFromPolicy(policy, caller('x', ['root'])).clusters('delete', own('us-east-1')).kind).toBe('none');
  });

  describe('accounts', () => {
    const PAYMENTS = '444455556666';
    const DATA = '555566667777';
    const names: Record<string, string> = { [PAYMENTS]: 'payments', [DATA]: 'data' };
    const accountName = (id: string) => names[id] ?? null;
    const byAccount = parse(
      JSON.stringify({
        rules: [
          {
            groups: ['payments'],
            actions: ['read', 'create'],
            accounts: ['payments'],
            roleArns: ['arn:aws:iam::{accountId}:role/pay-*'],
          },
          { groups: ['payments'], actions: ['read'], accounts: ['5555*'], namespaces: ['shared'] },
          { groups: ['auditors'], actions: ['read'] },
          { groups: ['own'], actions: ['read'], accounts: ['000000000000'] },
        ],
      }),
    );
    const at = (accountId: string) => ({ accountId, region: 'us-east-1' });

    test('a rule covers the accounts its globs name, by id or by name', () => {
      const p = permissionsFromPolicy(byAccount, caller('alice', ['payments']), accountName);
      expect(p.clusters('read', at(PAYMENTS)).kind).toBe('all');
      expect(p.clusters('read', at(DATA)).kind).toBe('all');
      expect(p.namespaces('read', at(DATA), 'any').kind).toBe('some');
      expect(scopeIncludes(p.namespaces('read', at(DATA), 'any'), 'shared')).toBe(true);
      expect(scopeIncludes(p.namespaces('read', at(DATA), 'any'), 'payments')).toBe(false);
      expect(p.clusters('read', at('000000000000')).kind).toBe('none');
      expect(p.clusters('create', at(DATA)).kind).toBe('none');
      // A name glob never matches an account the accounts file does not name.
      expect(permissionsFromPolicy(byAccount, caller('alice', ['payments'])).clusters('read', at(PAYMENTS)).kind).toBe(
        'none',
      );
    });

    test('{accountId} in a role glob stands for the account of the cluster', () => {
      const p = permissionsFromPolicy(byAccount, caller('alice', ['payments']), accountName);
      const ns = { ...at(PAYMENTS), clusterName: 'c', namespace: 'n' };
      expect(p.mayBindRole('create', ns, `arn:aws:iam::${PAYMENTS}:role/pay-api`)).toBe(true);
      expect(p.mayBindRole('create', ns, `arn:aws:iam::${DATA}:role/pay-api`)).toBe(false);
      expect(p.mayBindRole('create', ns, `arn:aws:iam::${PAYMENTS}:role/admin`)).toBe(false);
    });

    test('a rule without accounts covers every account; only such a reader sees the metrics', () => {
      const auditor = permissionsFromPolicy(byAccount, caller('ann', ['auditors']), accountName);
      expect([PAYMENTS, DATA, '000000000000'].map((id) => auditor.clusters('read', at(id)).kind)).toEqual([
        'all',
        'all',
        'all',
      ]);
      expect(auditor.mayReadMetrics()).toBe(true);
      expect(permissionsFromPolicy(byAccount, caller('o', ['own']), accountName).mayReadMetrics()).toBe(false);
    });
  });

  test('without authentication everything is allowed', () => {
    const p = allowEverything(ANONYMOUS);
    expect(p.clusters('delete', own('any')).kind).toBe('all');
    expect(p.unrestricted('update', own('r'), 'c')).toBe(true);
  });
});
