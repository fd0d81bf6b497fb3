/**
 * MAX_EKS_CALLS_PER_OPERATION holds while an operation runs, not only in the estimate made
 * before it: a restricted caller's filtered list reads up to ten EKS pages for one page it
 * returns, which no static bound sees. Calls past the limit are not made.
 */
import { seedCluster, startStack, tempFiles, type Stack } from '../../helpers/stack';

let stack: Stack;
const files = tempFiles();
const TOKENS = { admin: 'admin-token-0123456789', sparse: 'sparse-token-01234567' };
const LIMIT = 25;

beforeAll(async () => {
  const sparse = seedCluster('sparse', 'us-east-1', 1_200, ['other-a', 'other-b']);
  // One association the restricted caller may read, near the start: every page it asks for
  // scans the ten EKS pages one call may read, and finds just that one.
  sparse.associations[3] = { ...sparse.associations[3]!, namespace: 'mine' };
  // 1,200 associations: twelve EKS pages, all of which a restricted page of 5 reads before it
  // knows the list holds no more for it.
  stack = await startStack(
    { seed: { clusters: [sparse] } },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', {
        tokens: [
          { token: TOKENS.admin, subject: 'admin', groups: [] },
          { token: TOKENS.sparse, subject: 'dev', groups: ['mine'] },
        ],
      }),
      AUTH_POLICY_FILE: files.write('policy.json', {
        rules: [
          { subjects: ['admin'], actions: ['read'] },
          { groups: ['mine'], actions: ['read'], clusters: ['sparse'], namespaces: ['mine'] },
        ],
      }),
      AUDIT_LOG: 'off',
      MAX_EKS_CALLS_PER_OPERATION: String(LIMIT),
    },
    { captureLogs: true },
  );
}, 60_000);
afterAll(async () => {
  await stack.close();
  files.remove();
});
beforeEach(() => stack.resetCalls());

/**
 * `aliases` pages of the sparse cluster, each of another size (the same page twice would be
 * read once): an EKS List each, or up to ten when filtered.
 */
function pages(aliases: number, from = 0): string {
  const page = (i: number) =>
    `p${i}: cluster(name: "sparse", region: "us-east-1") { podIdentityAssociations(first: ${5 + i}) { nodes { associationId namespace } } }`;
  return `query Pages { ${Array.from({ length: aliases }, (_, i) => page(from + i)).join(' ')} }`;
}

test('a caller who may read everything pays one List per page, well inside the limit', async () => {
  const answer = await stack.gqlAs(TOKENS.admin, pages(3));
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  expect(await stack.calls()).toMatchObject({ ListPodIdentityAssociations: 3 });
});

test('a restricted caller within the estimate is stopped at the limit, with QUERY_TOO_COSTLY and no call past it', async () => {
  // The estimate: 3 pages of one List each. The filtered pages need 3 x 12 calls.
  const answer = await stack.gqlAs<Record<string, unknown>>(TOKENS.sparse, pages(3));
  expect(answer.status).toBe(200);
  expect((await stack.calls()).ListPodIdentityAssociations).toBe(LIMIT);
  const errors = answer.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      limit: LIMIT,
      eksOperation: 'ListPodIdentityAssociations',
    });
    expect(error.message).toMatch(/limit of 25 EKS calls/);
    expect(String(error.path?.[0])).toMatch(/^p[0-2]$/);
  }
});

test('one page alone is served whole: the one item the caller may read, from all twelve EKS pages', async () => {
  const answer = await stack.gqlAs<{ p0: { podIdentityAssociations: { nodes: Array<{ namespace: string }> } } }>(
    TOKENS.sparse,
    pages(1),
  );
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data?.p0.podIdentityAssociations.nodes).toEqual([expect.objectContaining({ namespace: 'mine' })]);
  expect((await stack.calls()).ListPodIdentityAssociations).toBe(12);
});

test('each operation of a batch has the limit to itself', async () => {
  const res = await fetch(stack.gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.sparse}` },
    // Other pages in each operation: the operations of a batch share what they read.
    body: JSON.stringify([{ query: pages(2) }, { query: pages(2, 2) }]),
  });
  const answers = (await res.json()) as Array<{ errors?: unknown[] }>;
  expect(res.status).toBe(200);
  // 2 x 24 calls: each operation fits its own limit of 25, the two together would not.
  expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
  expect((await stack.calls()).ListPodIdentityAssociations).toBe(48);
});
