/**
 * Side doors that could tell a caller what the policy hides: an update or delete of an
 * association it may not read answers exactly as for one that does not exist, and /metrics (whose
 * cache counters move with what others read) needs the policy's `metrics` right.
 */
import { associationId } from '../../../src/graphql/ids';
import { mutatingCalls, nonZero, startStack, tempFiles, type Stack } from '../../helpers/stack';
import { aid, CALLERS, POLICY, role, seed, tokenFile } from './fixtures';

const files = tempFiles();
afterAll(() => files.remove());

const SCRAPER = { token: 'scraper-token-0123456789', subject: 'prometheus', groups: ['monitoring'] };

describe('update and delete of what the caller may not read', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(
      { seed: seed() },
      {
        AUTH_MODE: 'tokens',
        AUTH_TOKENS_FILE: files.write('tokens.json', tokenFile()),
        AUTH_POLICY_FILE: files.write('policy.json', POLICY),
        AUDIT_LOG: 'off',
      },
      { captureLogs: true },
    );
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetState());

  const OPERATIONS = {
    update: (input: string) =>
      `mutation { result: updatePodIdentityAssociation(input: { ${input}, roleArn: "${role('payments-x')}" }) { podIdentityAssociation { associationId } errors { __typename code message } } }`,
    delete: (input: string) =>
      `mutation { result: deletePodIdentityAssociation(input: { ${input} }) { podIdentityAssociation { associationId } errors { __typename code message } } }`,
  };
  const byName = (cluster: string, id: string) =>
    `clusterName: "${cluster}", region: "us-east-1", associationId: "${id}"`;
  const byNodeId = (cluster: string, id: string) =>
    `id: "${associationId({ accountId: '000000000000', region: 'us-east-1', clusterName: cluster, associationId: id })}"`;

  /** The whole HTTP answer and the EKS calls it cost, with the association id written as ID. */
  async function attempt(operation: keyof typeof OPERATIONS, input: string, id: string) {
    await stack.resetCalls();
    const answer = await stack.gqlAs(CALLERS.alice.token, OPERATIONS[operation](input));
    return {
      status: answer.status,
      body: JSON.stringify(answer.body).split(id).join('ID'),
      calls: nonZero(await stack.calls()),
    };
  }

  // alice reads and changes payments in prod-payments, may read billing there, and nothing else;
  // the agent association lives in its kube-system namespace.
  test.each([
    ['update', 'by cluster and id', byName],
    ['delete', 'by cluster and id', byName],
    ['update', 'by node id', byNodeId],
    ['delete', 'by node id', byNodeId],
  ] as const)(
    '%s %s: an association in a namespace she cannot read answers as one that does not exist',
    async (operation, _how, input) => {
      const hidden = await attempt(operation, input('prod-payments', aid('agent')), aid('agent'));
      const missing = await attempt(operation, input('prod-payments', aid('nothing')), aid('nothing'));
      expect(hidden).toEqual(missing);
      expect(hidden.body).toBe(
        '{"data":{"result":{"podIdentityAssociation":null,"errors":[{"__typename":"AssociationNotFoundError","code":"ASSOCIATION_NOT_FOUND","message":"No association ID exists in cluster \\"prod-payments\\" (us-east-1)."}]}}}',
      );
      expect(hidden.body).not.toContain('kube-system');
      expect(mutatingCalls(hidden.calls)).toBe(0);
    },
  );

  test('in a cluster where she may change nothing, the refusal comes before any EKS call, whatever the id', async () => {
    for (const operation of ['update', 'delete'] as const) {
      const existing = await attempt(operation, byName('dev-sandbox', aid('toy')), aid('toy'));
      const missing = await attempt(operation, byName('dev-sandbox', aid('nothing')), aid('nothing'));
      expect(existing).toEqual(missing);
      expect(existing.calls).toEqual({});
      expect(existing.body).toContain('"code":"FORBIDDEN"');
    }
  });

  test('what she may read but not change is still FORBIDDEN (she knows it exists), and her own changes work', async () => {
    const billing = await attempt('delete', byName('prod-payments', aid('billing')), aid('billing'));
    expect(billing.body).toContain('"code":"FORBIDDEN"');
    expect(billing.body).toContain('namespace \\"billing\\"');
    const own = await attempt('delete', byName('prod-payments', aid('payworker')), aid('payworker'));
    expect(own.body).toContain('"errors":[]');
    expect(own.calls.DeletePodIdentityAssociation).toBe(1);
  });
});

describe('/metrics needs the policy\'s "metrics" right, or the right to read everything', () => {
  let stack: Stack;
  beforeAll(async () => {
    const tokens = {
      tokens: [...tokenFile().tokens, { token: SCRAPER.token, subject: SCRAPER.subject, groups: [...SCRAPER.groups] }],
    };
    const policy = {
      rules: [
        ...POLICY.rules,
        { description: 'Only the scraper reads the metrics', groups: ['monitoring'], actions: ['metrics'] },
      ],
    };
    stack = await startStack(
      { seed: seed() },
      {
        AUTH_MODE: 'tokens',
        AUTH_TOKENS_FILE: files.write('tokens-metrics.json', tokens),
        AUTH_POLICY_FILE: files.write('policy-metrics.json', policy),
        AUDIT_LOG: 'off',
        CACHE_TTL_MS: '60000',
      },
      { captureLogs: true },
    );
  });
  afterAll(() => stack.close());

  const scrape = (token: string | null) =>
    fetch(new URL('/metrics', stack.gateway.url), {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });

  test('a caller who may read only some of it is refused 403 FORBIDDEN: cache hits could tell it what others read', async () => {
    const answer = await scrape(CALLERS.alice.token);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({
      errors: [
        {
          message: `The caller "${CALLERS.alice.subject}" may not read the metrics: no rule of the policy gives it "metrics" or "read" on everything.`,
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    expect((await scrape(null)).status).toBe(401);
  });

  test('a caller who may read every region, cluster and namespace reads them: they cannot tell it more than it may read', async () => {
    for (const caller of [CALLERS.admin, CALLERS.auditor]) {
      const answer = await scrape(caller.token);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain('eks_pod_identity_gateway_cache_lookups_total');
    }
  });

  test('the scraper reads them, and its right gives it no EKS data', async () => {
    const answer = await scrape(SCRAPER.token);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('eks_pod_identity_gateway_cache_lookups_total');
    const data = await stack.gqlAs<{ clusters: { nodes: unknown[] } }>(
      SCRAPER.token,
      '{ clusters { nodes { name } } }',
    );
    expect(data.body.data?.clusters.nodes).toEqual([]);
  });

  test('a rule that gives "metrics" may not be limited to regions, clusters or namespaces', async () => {
    const { parsePolicy } = await import('../../../src/security/policy');
    const { parseSecurityFile } = await import('../../../src/security/files');
    const text =
      '{"rules": [{"groups": ["monitoring"], "actions": ["read", "metrics"],\n "namespaces": ["payments"]}]}';
    expect(() => parsePolicy(parseSecurityFile(text, 'AUTH_POLICY_FILE p.json'))).toThrow(
      'AUTH_POLICY_FILE p.json line 2 (rules[0].namespaces): limits where the rule applies, but it gives "metrics", which is not limited to namespaces: give "metrics" in a rule of its own.',
    );
  });
});
