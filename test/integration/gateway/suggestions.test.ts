/**
 * "Did you mean ...?" names fields, arguments and input members to a caller that guesses: with
 * NODE_ENV=production error messages carry none, in validation and in variable coercion alike;
 * in development they help.
 */
import { startStack, type Stack } from '../../helpers/stack';

/** The label, the operation, its variables, the error code, and the name a suggestion would reveal. */
const CASES: Array<[string, string, Record<string, unknown> | undefined, string, string]> = [
  ['a misspelt field', '{ clustrs { nodes { name } } }', undefined, 'GRAPHQL_VALIDATION_FAILED', '"clusters"'],
  [
    'a misspelt argument',
    '{ clusters(frist: 1) { nodes { name } } }',
    undefined,
    'GRAPHQL_VALIDATION_FAILED',
    '"first"',
  ],
  [
    'a misspelt input member in the document',
    'mutation { deletePodIdentityAssociation(input: { clustrName: "a", associationId: "b" }) { errors { code } } }',
    undefined,
    'GRAPHQL_VALIDATION_FAILED',
    '"clusterName"',
  ],
  [
    'a misspelt type of a variable',
    'mutation($input: DeletePodIdentityAssociationInpt!) { deletePodIdentityAssociation(input: $input) { errors { code } } }',
    undefined,
    'GRAPHQL_VALIDATION_FAILED',
    '"DeletePodIdentityAssociationInput"',
  ],
  [
    'a misspelt input member in variables',
    'mutation($input: DeletePodIdentityAssociationInput!) { deletePodIdentityAssociation(input: $input) { errors { code } } }',
    { input: { clustrName: 'a', associationId: 'b' } },
    'BAD_USER_INPUT',
    '"clusterName"',
  ],
];

describe.each([
  ['development', {}, true],
  ['NODE_ENV=production', { NODE_ENV: 'production' }, false],
] as const)('%s', (_mode, env, suggests) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: 'none' }, env);
  });
  afterAll(() => stack.close());

  test.each(CASES)(
    `${suggests ? 'suggests' : 'does not suggest'} names for %s`,
    async (_label, query, variables, code, suggestion) => {
      const answer = await stack.gql(query, variables);
      expect(answer.errors?.length).toBeGreaterThan(0);
      for (const error of answer.errors ?? []) {
        expect(error.extensions?.code).toBe(code);
        expect(error.message).not.toBe('');
      }
      const messages = (answer.errors ?? []).map((error) => error.message).join('\n');
      if (suggests) {
        expect(messages).toMatch(/Did you mean/);
        expect(messages).toContain(suggestion);
      } else {
        expect(messages).not.toMatch(/Did you mean/);
        expect(messages).not.toContain(suggestion);
      }
    },
  );
});
