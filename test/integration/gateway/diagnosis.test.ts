/**
 * "Will this association actually work?" over real HTTP, against the emulator's demo accounts
 * through the real EKS, STS and IAM clients: each check PASSes on a healthy association and
 * FAILs or WARNs on the demo's broken ones and on ones the test makes; the agent and the quota of
 * clusters; and a page of associations sharing roles costs one GetRole per distinct role.
 */
import { join } from 'node:path';
import {
  DEMO_ACCOUNTS,
  DEMO_ADDON_OWNED_ASSOCIATION,
  DEMO_AUTO_MODE_CLUSTER,
  DEMO_CLUSTERS,
  DEMO_CROSS_ACCOUNT_ASSOCIATION,
  DEMO_DEGRADED_AGENT,
  DEMO_IRSA_ASSOCIATION,
  DEMO_MISSING_ROLE_ASSOCIATION,
  DEMO_NO_AGENT_CLUSTER,
  DEMO_NO_TAG_SESSION_ASSOCIATION,
  DEMO_ROLE_ACCOUNT,
  DEMO_UNGUARDED_TARGET_ASSOCIATION,
} from '../../../src/emulator';
import { associationId } from '../../../src/graphql/ids';
import { startStack, type Stack } from '../../helpers/stack';

const ACCOUNTS_FILE = join(__dirname, '..', '..', '..', 'examples', 'accounts', 'demo.json');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: 'demo' }, { GATEWAY_ACCOUNTS_FILE: ACCOUNTS_FILE });
});
afterAll(() => stack.close());

interface Check {
  code: string;
  status: string;
  message: string;
  remedy: string | null;
}
interface Diagnosis {
  ready: boolean;
  checks: Check[];
}
const DIAGNOSIS = `query($id: ID!) { node(id: $id) { ... on PodIdentityAssociation {
  diagnosis { ready checks { code status message remedy } } } } }`;

async function diagnosisOf(key: {
  accountId: string;
  region: string;
  name: string;
  associationId: string;
}): Promise<Diagnosis & { byCode: Record<string, Check> }> {
  const id = associationId({
    accountId: key.accountId,
    region: key.region,
    clusterName: key.name,
    associationId: key.associationId,
  });
  const res = await stack.gql<{ node: { diagnosis: Diagnosis } }>(DIAGNOSIS, { id });
  expect(res.errors).toBeUndefined();
  const diagnosis = res.data!.node.diagnosis;
  return { ...diagnosis, byCode: Object.fromEntries(diagnosis.checks.map((c) => [c.code, c])) };
}

/** An association the test makes through the gateway, for the cases the demo lacks. */
async function create(input: Record<string, unknown>): Promise<string> {
  const res = await stack.gql<{
    createPodIdentityAssociation: { podIdentityAssociation: { associationId: string } | null; errors: unknown[] };
  }>(
    `mutation($input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $input) {
      podIdentityAssociation { associationId } errors { code message } } }`,
    { input },
  );
  expect(res.data?.createPodIdentityAssociation.errors).toEqual([]);
  return res.data!.createPodIdentityAssociation.podIdentityAssociation!.associationId;
}

test('a healthy association passes every check: agent, role, trust and its scope, target role and external id', async () => {
  const { accountId, region, name } = {
    accountId: DEMO_ACCOUNTS.platform.accountId,
    region: DEMO_CROSS_ACCOUNT_ASSOCIATION.region,
    name: DEMO_CROSS_ACCOUNT_ASSOCIATION.name,
  };
  const listed = await stack.gql<{
    cluster: { podIdentityAssociations: { nodes: Array<{ associationId: string }> } };
  }>(
    `{ cluster(name: "${name}", region: "${region}") { podIdentityAssociations(first: 5, namespace: "${DEMO_CROSS_ACCOUNT_ASSOCIATION.namespace}", serviceAccount: "${DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount}") { nodes { associationId } } } }`,
  );
  const target = listed.data!.cluster.podIdentityAssociations.nodes[0]!;
  const diagnosis = await diagnosisOf({ accountId, region, name, associationId: target.associationId });
  expect(diagnosis.ready).toBe(true);
  expect(diagnosis.byCode.POD_IDENTITY_AGENT?.status).toBe('PASS');
  expect(diagnosis.byCode.TARGET_ROLE_EXISTS?.status).toBe('PASS');
  expect(diagnosis.byCode.TARGET_ROLE_TRUST?.status).toBe('PASS');
  expect(diagnosis.byCode.TARGET_ROLE_EXTERNAL_ID?.status).toBe('PASS');
  expect(diagnosis.byCode.ADDON_OWNED?.status).toBe('PASS');
});

test('an IRSA role (trusting an OIDC provider only) fails ROLE_TRUST with the statement to add', async () => {
  const d = await diagnosisOf(DEMO_IRSA_ASSOCIATION);
  expect(d.ready).toBe(false);
  expect(d.byCode.ROLE_EXISTS?.status).toBe('PASS');
  expect(d.byCode.ROLE_TRUST).toMatchObject({ status: 'FAIL', message: expect.stringMatching(/OIDC|IRSA/) });
  const statement = JSON.parse(d.byCode.ROLE_TRUST!.remedy!.replace(/^[^{]*/, '')) as Record<string, unknown>;
  expect(statement).toMatchObject({
    Effect: 'Allow',
    Principal: { Service: 'pods.eks.amazonaws.com' },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
  });
});

test('a role without sts:TagSession fails ROLE_TRUST; its unscoped trust is a WARN of ROLE_TRUST_SCOPE once fixed', async () => {
  const d = await diagnosisOf(DEMO_NO_TAG_SESSION_ASSOCIATION);
  expect(d.byCode.ROLE_TRUST).toMatchObject({ status: 'FAIL', message: expect.stringContaining('sts:TagSession') });
  // With session tags disabled, sts:TagSession is not needed: the same role passes, unscoped.
  const id = associationId({
    accountId: DEMO_NO_TAG_SESSION_ASSOCIATION.accountId,
    region: DEMO_NO_TAG_SESSION_ASSOCIATION.region,
    clusterName: DEMO_NO_TAG_SESSION_ASSOCIATION.name,
    associationId: DEMO_NO_TAG_SESSION_ASSOCIATION.associationId,
  });
  const updated = await stack.gql<{ updatePodIdentityAssociation: { errors: unknown[] } }>(
    'mutation($id: ID!) { updatePodIdentityAssociation(input: { id: $id, disableSessionTags: true }) { errors { code message } } }',
    { id },
  );
  expect(updated.data?.updatePodIdentityAssociation.errors).toEqual([]);
  const after = await diagnosisOf(DEMO_NO_TAG_SESSION_ASSOCIATION);
  expect(after.byCode.ROLE_TRUST?.status).toBe('PASS');
  expect(after.byCode.ROLE_TRUST_SCOPE?.status).toBe('WARN');
  // It changed just now: its pods keep the old settings until restarted.
  expect(after.byCode.PODS_RESTART).toMatchObject({
    status: 'WARN',
    remedy: expect.stringContaining('kubectl rollout restart'),
  });
});

test('a missing role fails ROLE_EXISTS', async () => {
  const d = await diagnosisOf(DEMO_MISSING_ROLE_ASSOCIATION);
  expect(d.ready).toBe(false);
  expect(d.byCode.ROLE_EXISTS?.status).toBe('FAIL');
  expect(d.byCode.ROLE_TRUST).toBeUndefined();
});

test('a target role without an sts:ExternalId condition is a WARN', async () => {
  const d = await diagnosisOf(DEMO_UNGUARDED_TARGET_ASSOCIATION);
  expect(d.byCode.TARGET_ROLE_TRUST?.status).toBe('PASS');
  expect(d.byCode.TARGET_ROLE_EXTERNAL_ID?.status).toBe('WARN');
  expect(d.byCode.ROLE_TRUST_SCOPE?.status).toBe('PASS');
});

test('the agent: missing fails, DEGRADED warns, Auto Mode passes without the add-on', async () => {
  const platform = DEMO_ACCOUNTS.platform.accountId;
  const roleArn = (name: string) => `arn:aws:iam::${platform}:role/${name}`;
  const noAgent = await create({
    clusterName: DEMO_NO_AGENT_CLUSTER.name,
    region: DEMO_NO_AGENT_CLUSTER.region,
    namespace: 'diagnosis',
    serviceAccount: 'no-agent',
    roleArn: roleArn('diagnosis-no-agent'),
  });
  const missing = await diagnosisOf({ ...DEMO_NO_AGENT_CLUSTER, associationId: noAgent });
  expect(missing.byCode.POD_IDENTITY_AGENT).toMatchObject({
    status: 'FAIL',
    remedy: expect.stringContaining('aws eks create-addon'),
  });
  const payments = DEMO_ACCOUNTS.payments.accountId;
  for (const [cluster, status] of [
    [DEMO_DEGRADED_AGENT, 'WARN'],
    [DEMO_AUTO_MODE_CLUSTER, 'PASS'],
  ] as const) {
    const id = await create({
      accountId: payments,
      clusterName: cluster.name,
      region: cluster.region,
      namespace: 'diagnosis',
      serviceAccount: 'agent',
      roleArn: `arn:aws:iam::${payments}:role/diagnosis-agent`,
    });
    const d = await diagnosisOf({ accountId: payments, region: cluster.region, name: cluster.name, associationId: id });
    expect(d.byCode.POD_IDENTITY_AGENT?.status).toBe(status);
  }
  const agents = await stack.gql<{ a: { podIdentityAgent: unknown }; b: { podIdentityAgent: unknown } }>(
    `{ a: cluster(name: "${DEMO_AUTO_MODE_CLUSTER.name}", region: "${DEMO_AUTO_MODE_CLUSTER.region}", accountId: "${payments}") { podIdentityAgent { installed autoMode ready } }
       b: cluster(name: "${DEMO_DEGRADED_AGENT.name}", region: "${DEMO_DEGRADED_AGENT.region}", accountId: "${payments}") { podIdentityAgent { installed status version autoMode ready issues } } }`,
  );
  expect(agents.data).toEqual({
    a: { podIdentityAgent: { installed: false, autoMode: true, ready: true } },
    b: {
      podIdentityAgent: {
        installed: true,
        status: 'DEGRADED',
        version: DEMO_DEGRADED_AGENT.addonVersion,
        autoMode: false,
        ready: false,
        issues: [expect.stringContaining(DEMO_DEGRADED_AGENT.issueCode)],
      },
    },
  });
});

test('a role in an account the gateway does not serve is UNKNOWN, not an error', async () => {
  const id = await create({
    clusterName: DEMO_CLUSTERS.stagingApps.name,
    region: DEMO_CLUSTERS.stagingApps.region,
    namespace: 'diagnosis',
    serviceAccount: 'elsewhere',
    roleArn: 'arn:aws:iam::999988887777:role/elsewhere',
  });
  const d = await diagnosisOf({
    accountId: DEMO_ACCOUNTS.platform.accountId,
    ...DEMO_CLUSTERS.stagingApps,
    associationId: id,
  });
  expect(d.byCode.ROLE_EXISTS).toMatchObject({ status: 'UNKNOWN', message: expect.stringContaining('999988887777') });
  expect(d.byCode.ROLE_TRUST?.status).toBe('UNKNOWN');
});

test('a page of associations sharing a few roles costs one GetRole per distinct role', async () => {
  const { name, region } = DEMO_CLUSTERS.prodPlatform;
  const roles = await stack.gql<{
    cluster: { podIdentityAssociations: { nodes: Array<{ roleArn: string; targetRoleArn: string | null }> } };
  }>(
    `{ cluster(name: "${name}", region: "${region}") { podIdentityAssociations(first: 100) { nodes { roleArn targetRoleArn } } } }`,
  );
  const nodes = roles.data!.cluster.podIdentityAssociations.nodes;
  const served = new Set<string>([
    DEMO_ACCOUNTS.platform.accountId,
    DEMO_ACCOUNTS.payments.accountId,
    DEMO_ACCOUNTS.data.accountId,
  ]);
  const distinct = new Set(
    nodes
      .flatMap((n) => [n.roleArn, n.targetRoleArn])
      .filter((arn): arn is string => arn !== null && served.has(arn.split(':')[4]!)),
  );
  await stack.resetCalls();
  const res = await stack.gql<{
    cluster: { podIdentityAssociations: { nodes: Array<{ diagnosis: { ready: boolean } }> } };
  }>(
    `{ cluster(name: "${name}", region: "${region}") { podIdentityAssociations(first: 100) { nodes { diagnosis { ready } } } } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.cluster.podIdentityAssociations.nodes).toHaveLength(100);
  const calls = await stack.calls();
  expect(calls.GetRole).toBe(distinct.size);
  expect(calls.DescribeAddon).toBe(1);
  expect(calls.DescribeCluster).toBe(1);
});

test('the quota counts the cluster against the limit of 5,000', async () => {
  const { name, region } = DEMO_CLUSTERS.prodPlatform;
  const listed = await stack.gql<{
    cluster: { podIdentityAssociations: { nodes: unknown[]; pageInfo: { hasNextPage: boolean } } };
  }>(
    `{ cluster(name: "${name}", region: "${region}") { podIdentityAssociations(first: 100) { nodes { id } pageInfo { hasNextPage } } } }`,
  );
  expect(listed.data!.cluster.podIdentityAssociations.pageInfo.hasNextPage).toBe(true);
  const state = await stack.state(`?cluster=${name}&region=${region}`);
  const count = state.clusters[0]!.associations!.length;
  const res = await stack.gql<{ cluster: { podIdentityAssociationQuota: { used: number; limit: number } } }>(
    `{ cluster(name: "${name}", region: "${region}") { podIdentityAssociationQuota { used limit } } }`,
  );
  expect(res.data!.cluster.podIdentityAssociationQuota).toEqual({ used: count, limit: 5000 });
});

describe('dry runs change nothing and answer what a real call would', () => {
  const platform = DEMO_ACCOUNTS.platform.accountId;
  const { name: clusterName, region } = DEMO_CLUSTERS.stagingApps;
  const base = {
    clusterName,
    region,
    namespace: 'dry-run',
    serviceAccount: 'sa',
    roleArn: `arn:aws:iam::${platform}:role/dry-run-sa`,
  };
  const CREATE = `mutation($input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $input) {
    dryRun podIdentityAssociation { id } diagnosis { ready checks { code status } } errors { code message } } }`;
  interface Payload {
    dryRun: boolean;
    podIdentityAssociation: { id: string } | null;
    diagnosis: { ready: boolean; checks: Array<{ code: string; status: string }> } | null;
    errors: Array<{ code: string; message: string }>;
  }
  const createAs = async (input: Record<string, unknown>) =>
    (await stack.gql<{ createPodIdentityAssociation: Payload }>(CREATE, { input })).data!.createPodIdentityAssociation;
  const stateCount = async () =>
    (await stack.state(`?cluster=${clusterName}&region=${region}`)).clusters[0]!.associations?.length ?? 0;
  const mutatingCallsMade = async () => {
    const calls = await stack.calls();
    return ['CreatePodIdentityAssociation', 'UpdatePodIdentityAssociation'].reduce((n, op) => n + (calls[op] ?? 0), 0);
  };

  test('a valid create: no association, the diagnosis of the one it would make, and nothing sent', async () => {
    const before = await stateCount();
    await stack.resetCalls();
    const payload = await createAs({ ...base, dryRun: true });
    expect(payload).toMatchObject({ dryRun: true, podIdentityAssociation: null, errors: [] });
    expect(payload.diagnosis?.checks.map((c) => c.code)).toContain('ROLE_TRUST');
    expect(await mutatingCallsMade()).toBe(0);
    expect(await stateCount()).toBe(before);
  });

  test.each([
    ['a missing role', { roleArn: DEMO_MISSING_ROLE_ASSOCIATION.roleArn }],
    ['a role that does not trust EKS Pod Identity (IRSA)', { roleArn: DEMO_IRSA_ASSOCIATION.roleArn }],
    ['a missing cluster', { clusterName: 'no-such-cluster' }],
    ['an invalid namespace', { namespace: 'Not_A_Namespace' }],
  ])('%s: the same error as the real create', async (_, change) => {
    const input = { ...base, serviceAccount: `sa-${Object.keys(change)[0]}`, ...change };
    const dry = await createAs({ ...input, dryRun: true });
    const real = await createAs(input);
    expect(real.errors.length).toBeGreaterThan(0);
    expect(dry).toMatchObject({ dryRun: true, podIdentityAssociation: null, diagnosis: null });
    expect(dry.errors.map((e) => e.code)).toEqual(real.errors.map((e) => e.code));
  });

  test('a dry run with a target role that requires an external id: EKS will make the id, so the trust holds', async () => {
    const CHECKS = `mutation($input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: $input) {
      dryRun diagnosis { checks { code status } } errors { code } } }`;
    const res = await stack.gql<{ createPodIdentityAssociation: Payload }>(CHECKS, {
      input: {
        clusterName: DEMO_CROSS_ACCOUNT_ASSOCIATION.name,
        region: DEMO_CROSS_ACCOUNT_ASSOCIATION.region,
        namespace: DEMO_CROSS_ACCOUNT_ASSOCIATION.namespace,
        serviceAccount: 'settlement-exporter-next',
        roleArn: `arn:aws:iam::${DEMO_ROLE_ACCOUNT}:role/payments-${DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount}`,
        targetRoleArn: DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn,
        dryRun: true,
      },
    });
    const payload = res.data!.createPodIdentityAssociation;
    expect(payload.errors).toEqual([]);
    expect(payload.diagnosis?.checks).toEqual(
      expect.arrayContaining([
        { code: 'TARGET_ROLE_TRUST', status: 'PASS' },
        { code: 'TARGET_ROLE_EXTERNAL_ID', status: 'PASS' },
      ]),
    );
  });

  test('a service account that already has an association: ALREADY_EXISTS, as the real create', async () => {
    const created = await createAs({ ...base, serviceAccount: 'taken' });
    expect(created.errors).toEqual([]);
    const before = await stateCount();
    const dry = await createAs({ ...base, serviceAccount: 'taken', dryRun: true });
    expect(dry.errors.map((e) => e.code)).toEqual(['ALREADY_EXISTS']);
    expect(await stateCount()).toBe(before);
  });

  test('an update dry run: the diagnosis as it would be, the role unchanged in EKS', async () => {
    const id = associationId({
      accountId: DEMO_NO_TAG_SESSION_ASSOCIATION.accountId,
      region: DEMO_NO_TAG_SESSION_ASSOCIATION.region,
      clusterName: DEMO_NO_TAG_SESSION_ASSOCIATION.name,
      associationId: DEMO_NO_TAG_SESSION_ASSOCIATION.associationId,
    });
    const UPDATE = `mutation($input: UpdatePodIdentityAssociationInput!) { updatePodIdentityAssociation(input: $input) {
      dryRun podIdentityAssociation { id } diagnosis { ready checks { code status } } errors { code } } }`;
    const goodRole = DEMO_UNGUARDED_TARGET_ASSOCIATION.roleArn;
    await stack.resetCalls();
    const res = await stack.gql<{ updatePodIdentityAssociation: Payload }>(UPDATE, {
      input: { id, roleArn: goodRole, dryRun: true },
    });
    const payload = res.data!.updatePodIdentityAssociation;
    expect(payload).toMatchObject({ dryRun: true, podIdentityAssociation: null, errors: [] });
    expect(payload.diagnosis?.checks).toContainEqual({ code: 'ROLE_TRUST', status: 'PASS' });
    expect(await mutatingCallsMade()).toBe(0);
    const now = await stack.gql<{ node: { roleArn: string } }>(
      `query($id: ID!) { node(id: $id) { ... on PodIdentityAssociation { roleArn } } }`,
      { id },
    );
    expect(now.data!.node.roleArn).toBe(DEMO_NO_TAG_SESSION_ASSOCIATION.roleArn);
  });
});

describe('the checks the demo does not break, on data the test seeds', () => {
  const platform = DEMO_ACCOUNTS.platform.accountId;
  const payments = DEMO_ACCOUNTS.payments.accountId;
  const goodRole = DEMO_UNGUARDED_TARGET_ASSOCIATION.roleArn;
  const cluster = 'diagnosis-seeded';

  beforeAll(async () => {
    // Straight into the emulator's state, as an association changed after EKS accepted it would be.
    const res = await fetch(`${stack.emulator.url}/_emulator/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clusters: [
          {
            name: cluster,
            region: 'us-east-1',
            addons: [{ name: 'eks-pod-identity-agent', version: 'v1.3.4-eksbuild.1' }],
            associations: [
              // The target role is gone.
              {
                associationId: 'a-seededgone0000000',
                namespace: 'n',
                serviceAccount: 'gone',
                roleArn: goodRole,
                targetRoleArn: DEMO_MISSING_ROLE_ASSOCIATION.roleArn,
              },
              // The target role (unlisted, so trusting only pods.eks.amazonaws.com) does not trust the role.
              {
                associationId: 'a-seededuntrust0000',
                namespace: 'n',
                serviceAccount: 'untrusted',
                roleArn: goodRole,
                targetRoleArn: `arn:aws:iam::${payments}:role/unlisted-reader`,
              },
            ],
          },
        ],
      }),
    });
    expect(res.status).toBeLessThan(300);
  });

  const at = (associationId: string) => ({ accountId: platform, region: 'us-east-1', name: cluster, associationId });

  test('a missing target role fails TARGET_ROLE_EXISTS', async () => {
    const d = await diagnosisOf(at('a-seededgone0000000'));
    expect(d.byCode.TARGET_ROLE_EXISTS?.status).toBe('FAIL');
    expect(d.ready).toBe(false);
  });

  test('a target role that does not trust the role fails TARGET_ROLE_TRUST with the statement to add', async () => {
    const d = await diagnosisOf(at('a-seededuntrust0000'));
    expect(d.byCode.TARGET_ROLE_EXISTS?.status).toBe('PASS');
    expect(d.byCode.TARGET_ROLE_TRUST).toMatchObject({ status: 'FAIL', remedy: expect.stringContaining(goodRole) });
    // Never changed since it was made: no restart needed.
    expect(d.byCode.PODS_RESTART?.status).toBe('PASS');
  });

  test('an association owned by an add-on is a WARN of ADDON_OWNED', async () => {
    const { name, region } = DEMO_ADDON_OWNED_ASSOCIATION;
    const listed = await stack.gql<{
      cluster: { podIdentityAssociations: { nodes: Array<{ associationId: string }> } };
    }>(
      `{ cluster(name: "${name}", region: "${region}") { podIdentityAssociations(first: 5, namespace: "${DEMO_ADDON_OWNED_ASSOCIATION.namespace}", serviceAccount: "${DEMO_ADDON_OWNED_ASSOCIATION.serviceAccount}") { nodes { associationId } } } }`,
    );
    const owned = listed.data!.cluster.podIdentityAssociations.nodes[0]!;
    const d = await diagnosisOf({ accountId: platform, region, name, associationId: owned.associationId });
    expect(d.byCode.ADDON_OWNED).toMatchObject({
      status: 'WARN',
      message: expect.stringContaining(DEMO_ADDON_OWNED_ASSOCIATION.addonName),
    });
  });
});
