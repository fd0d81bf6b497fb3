/**
 * Role globs stay within their path segment: with the example policy (examples/security/) over
 * the demo data, the payments team (`role/payments-*`) cannot reach the role platform-admin
 * through a path, whether the path climbs out with `..` or only looks like a payments role.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutatingCalls, nonZero, startStack, type Stack } from '../../helpers/stack';

const ROOT = join(__dirname, '..', '..', '..');
const PAYMENTS = 'example-payments-dev-token-change-me';
const ADMIN = 'example-platform-admin-token-change-me';
const arn = (rest: string) => `arn:aws:iam::111122223333:role/${rest}`;

/** `KEY=value` lines of examples/security/tokens.env, with its paths made absolute. */
function exampleEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(ROOT, 'examples', 'security', 'tokens.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match)
      env[match[1] as string] = (match[2] as string).startsWith('examples/')
        ? join(ROOT, match[2] as string)
        : (match[2] as string);
  }
  return env;
}

type Failure = { code: string; message: string; field?: string | null; deniedRoleArn?: string | null };
type Created = {
  createPodIdentityAssociation: {
    podIdentityAssociation: { roleArn: string; targetRoleArn: string | null } | null;
    errors: Failure[];
  };
};
type Updated = {
  updatePodIdentityAssociation: { podIdentityAssociation: { roleArn: string } | null; errors: Failure[] };
};

const CREATE = `mutation($sa: String!, $roleArn: String!, $targetRoleArn: String) { createPodIdentityAssociation(input: {
  clusterName: "prod-platform", region: "us-east-1", namespace: "payments", serviceAccount: $sa, roleArn: $roleArn, targetRoleArn: $targetRoleArn }) {
  podIdentityAssociation { roleArn targetRoleArn }
  errors { code message ... on InvalidInputError { field } ... on ForbiddenError { deniedRoleArn } } } }`;
const UPDATE = `mutation($id: ID!, $roleArn: String, $targetRoleArn: String) { updatePodIdentityAssociation(input: { id: $id, roleArn: $roleArn, targetRoleArn: $targetRoleArn }) {
  podIdentityAssociation { roleArn }
  errors { code message ... on InvalidInputError { field } ... on ForbiddenError { deniedRoleArn } } } }`;

let stack: Stack;
let serial = 0;
const sa = () => `glob-case-${(serial += 1)}`;

beforeAll(async () => {
  stack = await startStack(
    { seed: 'demo' },
    { ...exampleEnv(), HOST: '127.0.0.1', AUDIT_LOG: 'off' },
    { captureLogs: true },
  );
});
afterAll(() => stack.close());
beforeEach(() => stack.resetCalls());

const create = async (token: string, variables: Record<string, unknown>) =>
  (await stack.gqlAs<Created>(token, CREATE, { sa: sa(), ...variables })).body.data!.createPodIdentityAssociation;

describe('the payments team (roleArns arn:aws:iam::111122223333:role/payments-*)', () => {
  test.each([
    ['roleArn', arn('payments-x/../platform-admin')],
    ['roleArn', arn('payments-//platform-admin')],
    ['roleArn', arn('payments-x/./platform-admin')],
    ['targetRoleArn', arn('payments-x/../platform-admin')],
  ])(
    'an ARN with an empty, "." or ".." segment as %s is INVALID_INPUT before any EKS call: %s',
    async (field, roleArn) => {
      const payload = await create(
        PAYMENTS,
        field === 'roleArn' ? { roleArn } : { roleArn: arn('payments-api'), targetRoleArn: roleArn },
      );
      expect(payload.podIdentityAssociation).toBeNull();
      expect(payload.errors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field, message: expect.stringMatching(/path segment/) }),
      ]);
      expect(nonZero(await stack.calls())).toEqual({});
    },
  );

  test.each([['roleArn'], ['targetRoleArn']])(
    'a path that only starts like a payments role, as %s, is FORBIDDEN: * does not cross "/"',
    async (field) => {
      const outside = arn('payments-/platform-admin');
      const payload = await create(
        PAYMENTS,
        field === 'roleArn' ? { roleArn: outside } : { roleArn: arn('payments-api'), targetRoleArn: outside },
      );
      expect(payload.errors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', deniedRoleArn: outside })]);
      expect(mutatingCalls(await stack.calls())).toBe(0);
    },
  );

  test('its own roles still work, and updates are held to the same rules', async () => {
    const created = await create(PAYMENTS, {
      roleArn: arn('payments-refunds'),
      targetRoleArn: arn('payments-ledger-reader'),
    });
    expect(created.errors).toEqual([]);
    expect(created.podIdentityAssociation).toEqual({
      roleArn: arn('payments-refunds'),
      targetRoleArn: arn('payments-ledger-reader'),
    });

    const page = await stack.gqlAs<{ cluster: { podIdentityAssociations: { nodes: Array<{ id: string }> } } }>(
      PAYMENTS,
      '{ cluster(name: "prod-platform", region: "us-east-1") { podIdentityAssociations(first: 1, namespace: "payments") { nodes { id } } } }',
    );
    const id = page.body.data!.cluster.podIdentityAssociations.nodes[0]!.id;
    const update = async (variables: Record<string, unknown>) =>
      (await stack.gqlAs<Updated>(PAYMENTS, UPDATE, { id, ...variables })).body.data!.updatePodIdentityAssociation;
    await stack.resetCalls();
    expect((await update({ roleArn: arn('payments-x/../platform-admin') })).errors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'roleArn' }),
    ]);
    expect((await update({ targetRoleArn: arn('payments-x/../platform-admin') })).errors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'targetRoleArn' }),
    ]);
    expect(nonZero(await stack.calls())).toEqual({});
    expect((await update({ roleArn: arn('payments-/platform-admin') })).errors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN' }),
    ]);
    expect((await update({ targetRoleArn: arn('payments-/platform-admin') })).errors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN' }),
    ]);
    expect(mutatingCalls(await stack.calls())).toBe(0);
    const allowed = await update({ roleArn: arn('payments-refunds-v2') });
    expect(allowed).toEqual({ podIdentityAssociation: { roleArn: arn('payments-refunds-v2') }, errors: [] });
  });
});

describe('the platform team (any role)', () => {
  test('the policy lets it pass payments-/platform-admin, and EKS, like IAM, knows no role platform-admin at that path', async () => {
    const payload = await create(ADMIN, { roleArn: arn('payments-/platform-admin') });
    expect(payload.errors).toEqual([
      expect.objectContaining({
        code: 'INVALID_ROLE',
        message: expect.stringContaining('Role provided in the request does not exist'),
      }),
    ]);
    expect((await stack.calls()).CreatePodIdentityAssociation).toBe(1);
    const real = await create(ADMIN, { roleArn: arn('platform-admin') });
    expect(real.errors).toEqual([]);
  });

  test('an ARN with a ".." segment is INVALID_INPUT for it too, before any EKS call', async () => {
    const payload = await create(ADMIN, { roleArn: arn('payments-x/../platform-admin') });
    expect(payload.errors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: 'roleArn' })]);
    expect(nonZero(await stack.calls())).toEqual({});
  });
});
