/**
 * The world of the security tests: clusters and associations in two regions, a policy, the
 * callers (with their tokens), and what each caller may read, written out by hand so that the
 * tests compare the gateway with an independent statement of the policy.
 */
import type { SeedFile } from '../../../src/emulator/seed';
import { sha256 } from '../../../src/security/tokens';

export const ACCOUNT = '111122223333';
export const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
export const OTHER_ACCOUNT_ADMIN = 'arn:aws:iam::444455556666:role/admin';

/** A fixed association id (`a-` and 17 characters) from a short name. */
export const aid = (name: string) => `a-${name.padEnd(17, '0')}`;

export interface Fixture {
  id: string;
  region: string;
  cluster: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
}

export const ASSOCIATIONS: Fixture[] = [
  {
    id: aid('payapi'),
    region: 'us-east-1',
    cluster: 'prod-payments',
    namespace: 'payments',
    serviceAccount: 'api',
    roleArn: role('payments-api'),
  },
  {
    id: aid('payworker'),
    region: 'us-east-1',
    cluster: 'prod-payments',
    namespace: 'payments',
    serviceAccount: 'worker',
    roleArn: role('payments-worker'),
  },
  // In the payments namespace, but bound by the platform team to a role payments may not bind.
  {
    id: aid('paylegacy'),
    region: 'us-east-1',
    cluster: 'prod-payments',
    namespace: 'payments',
    serviceAccount: 'legacy',
    roleArn: role('shared-legacy'),
  },
  {
    id: aid('billing'),
    region: 'us-east-1',
    cluster: 'prod-payments',
    namespace: 'billing',
    serviceAccount: 'invoicer',
    roleArn: role('billing-invoicer'),
  },
  {
    id: aid('agent'),
    region: 'us-east-1',
    cluster: 'prod-payments',
    namespace: 'kube-system',
    serviceAccount: 'agent',
    roleArn: role('platform-agent'),
  },
  {
    id: aid('indexer'),
    region: 'us-east-1',
    cluster: 'prod-search',
    namespace: 'search',
    serviceAccount: 'indexer',
    roleArn: role('search-indexer'),
  },
  {
    id: aid('toy'),
    region: 'us-east-1',
    cluster: 'dev-sandbox',
    namespace: 'sandbox',
    serviceAccount: 'toy',
    roleArn: role('sandbox-toy'),
  },
  {
    id: aid('payeu'),
    region: 'eu-west-1',
    cluster: 'prod-payments-eu',
    namespace: 'payments',
    serviceAccount: 'api',
    roleArn: role('payments-api-eu'),
  },
];

export const CLUSTERS = [
  { region: 'us-east-1', name: 'prod-payments' },
  { region: 'us-east-1', name: 'prod-search' },
  { region: 'us-east-1', name: 'dev-sandbox' },
  { region: 'eu-west-1', name: 'prod-payments-eu' },
];

export function seed(): SeedFile {
  return {
    accountId: ACCOUNT,
    clusters: CLUSTERS.map((c) => ({
      name: c.name,
      region: c.region,
      status: 'ACTIVE',
      addons: [{ name: 'eks-pod-identity-agent' }],
      associations: ASSOCIATIONS.filter((a) => a.cluster === c.name && a.region === c.region).map((a) => ({
        associationId: a.id,
        namespace: a.namespace,
        serviceAccount: a.serviceAccount,
        roleArn: a.roleArn,
      })),
    })),
  };
}

export const POLICY = {
  description: 'Who may see and change which Pod Identity associations (test policy).',
  rules: [
    {
      description: 'Platform admins do everything',
      groups: ['platform-admins'],
      actions: ['read', 'create', 'update', 'delete'],
      roleArns: ['*'],
    },
    {
      description: 'The payments team runs its namespace in the payments clusters, with its own roles',
      groups: ['team-payments'],
      actions: ['read', 'create', 'update', 'delete'],
      clusters: ['prod-payments*'],
      namespaces: ['payments'],
      roleArns: [role('payments-*')],
    },
    {
      description: 'Payments may look at billing',
      groups: ['team-payments'],
      actions: ['read'],
      regions: ['us-east-1'],
      clusters: ['prod-payments'],
      namespaces: ['billing'],
    },
    {
      description: 'The search bot reads its cluster',
      subjects: ['search-bot'],
      actions: ['read'],
      regions: ['us-east-1'],
      clusters: ['prod-search'],
    },
    { description: 'Auditors read everything', groups: ['auditors'], actions: ['read'] },
  ],
};

/** The callers: token (at least 16 characters), subject, groups. */
export const CALLERS = {
  admin: { token: 'admin-token-0123456789', subject: 'admin', groups: ['platform-admins'] },
  alice: { token: 'alice-token-0123456789', subject: 'alice', groups: ['team-payments', 'developers'] },
  searchBot: { token: 'search-bot-token-0123', subject: 'search-bot', groups: [] },
  auditor: { token: 'auditor-token-01234567', subject: 'auditor', groups: ['auditors'] },
  mallory: { token: 'mallory-token-01234567', subject: 'mallory', groups: ['developers'] },
} as const;

export type CallerName = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];

/** The token file: admin and alice by hash (as an operator would store them), the rest plain. */
export function tokenFile() {
  return {
    tokens: CALLER_NAMES.map((name, i) => {
      const { token, subject, groups } = CALLERS[name];
      return { token: i < 2 ? `sha256:${sha256(token).toString('hex')}` : token, subject, groups: [...groups] };
    }),
  };
}

/** What each caller may read, stated independently of the policy evaluator. */
export const READABLE: Record<CallerName, (a: Pick<Fixture, 'region' | 'cluster' | 'namespace'>) => boolean> = {
  admin: () => true,
  alice: (a) =>
    (a.cluster.startsWith('prod-payments') && a.namespace === 'payments') ||
    (a.region === 'us-east-1' && a.cluster === 'prod-payments' && a.namespace === 'billing'),
  searchBot: (a) => a.region === 'us-east-1' && a.cluster === 'prod-search',
  auditor: () => true,
  mallory: () => false,
};

export const READABLE_CLUSTERS: Record<CallerName, string[]> = {
  admin: ['prod-payments', 'prod-search', 'dev-sandbox', 'prod-payments-eu'],
  alice: ['prod-payments', 'prod-payments-eu'],
  searchBot: ['prod-search'],
  auditor: ['prod-payments', 'prod-search', 'dev-sandbox', 'prod-payments-eu'],
  mallory: [],
};
