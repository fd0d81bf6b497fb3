/**
 * The tabs GraphiQL opens with: generated from examples/operations and the demo data (never stale),
 * and each one runs against the demo data without errors and does what its comment says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { EXAMPLES_FILE, renderGraphiqlExamples } from '../../../scripts/graphiql-examples';
import {
  DEMO_ACCOUNTS,
  DEMO_CLUSTERS,
  DEMO_CROSS_ACCOUNT_ASSOCIATION,
  DEMO_MEMBER_CLUSTERS,
} from '../../../src/emulator';
import { exampleTabs, type ExampleTab } from '../../../src/generated/graphiqlExamples';
import { inventorySynced, startStack, type Stack } from '../../helpers/stack';

const DEMO_ACCOUNTS_FILE = join(__dirname, '..', '..', '..', 'examples', 'accounts', 'demo.json');

let stack: Stack;
beforeAll(async () => {
  // As `npm start` serves the demo data: its three accounts.
  stack = await startStack({ seed: 'demo' }, { GATEWAY_ACCOUNTS_FILE: DEMO_ACCOUNTS_FILE, INVENTORY: 'on' });
  await inventorySynced(stack);
});
afterAll(() => stack.close());

function operationName(tab: ExampleTab): string {
  const operations = parse(tab.query).definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  expect(operations).toHaveLength(1);
  return operations[0]?.name?.value ?? '';
}

function tab(name: string): { query: string; variables: Record<string, any> } {
  const found = exampleTabs().find((t) => operationName(t) === name);
  if (!found) throw new Error(`No example tab runs ${name}`);
  return { query: found.query, variables: JSON.parse(found.variables ?? '{}') };
}

/** Runs a tab; fails on any top-level error or any typed error in a mutation payload. */
async function runTab(name: string): Promise<any> {
  const { query, variables } = tab(name);
  const result = await stack.gql<any>(query, variables);
  expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
  for (const [field, value] of Object.entries(result.data ?? {})) {
    expect({ name, field, value: value === null ? null : 'present' }).toEqual({ name, field, value: 'present' });
    const payloadErrors = (value as { errors?: unknown[] }).errors;
    if (payloadErrors) expect({ name, payloadErrors }).toEqual({ name, payloadErrors: [] });
  }
  return result.data;
}

test('src/generated/graphiqlExamples.ts is what `npm run graphiql:examples` makes (ids read from the demo data)', async () => {
  expect(readFileSync(EXAMPLES_FILE, 'utf8')).toBe(await renderGraphiqlExamples());
});

test('the tabs cover listing, the accounts, the inventory, paging, both lookups, create, update, tag, untag and delete', () => {
  expect(exampleTabs().map(operationName)).toEqual([
    'ListClusters',
    'FleetAccounts',
    'WhoCanAssumeRole',
    'TaggedAssociations',
    'InventoryStatus',
    'WhyNotWorking',
    'AssociationsPage',
    'AssociationById',
    'AssociationByName',
    'CreateAssociation',
    'UpdateAssociation',
    'TagAssociation',
    'UntagAssociation',
    'DeleteAssociation',
  ]);
});

test('every tab, run in order against the demo data, succeeds and does what it says', async () => {
  const clusters = await runTab('ListClusters');
  // The platform account's clusters, then the payments account's (the data account is unavailable).
  expect(clusters.clusters.nodes.map((c: { name: string }) => c.name)).toEqual([
    ...Object.values(DEMO_CLUSTERS).map((c) => c.name),
    // us-east-1 by name, then eu-west-1.
    DEMO_MEMBER_CLUSTERS.paymentsAuto.name,
    DEMO_MEMBER_CLUSTERS.paymentsProd.name,
    DEMO_MEMBER_CLUSTERS.paymentsEu.name,
  ]);

  const fleet = await runTab('FleetAccounts');
  expect(fleet.accounts.map((a: { name: string }) => a.name)).toEqual(Object.keys(DEMO_ACCOUNTS));
  const fleetClusters = fleet.clusters.nodes.map(
    (c: { accountId: string; name: string }) => `${c.accountId}/${c.name}`,
  );
  const { paymentsAuto, paymentsProd, paymentsEu } = DEMO_MEMBER_CLUSTERS;
  expect(fleetClusters).toEqual([
    ...Object.values(DEMO_CLUSTERS).map((c) => `${DEMO_ACCOUNTS.platform.accountId}/${c.name}`),
    `${paymentsAuto.accountId}/${paymentsAuto.name}`,
    `${paymentsProd.accountId}/${paymentsProd.name}`,
    `${paymentsEu.accountId}/${paymentsEu.name}`,
  ]);
  // The data account does not trust the platform account: named, not fatal.
  expect(fleet.clusters.unavailableAccounts).toEqual([
    expect.objectContaining({
      accountId: DEMO_ACCOUNTS.data.accountId,
      code: 'ACCOUNT_UNAVAILABLE',
      stsError: 'AccessDenied',
    }),
  ]);

  const role = (await runTab('WhoCanAssumeRole')).role;
  expect(role.arn).toBe(tab('WhoCanAssumeRole').variables.arn);
  // The demo's cross-account association chains into it: it is its target role.
  expect(role.targetRoleAssociations.nodes).toEqual([
    expect.objectContaining({
      clusterName: DEMO_CROSS_ACCOUNT_ASSOCIATION.name,
      namespace: DEMO_CROSS_ACCOUNT_ASSOCIATION.namespace,
      serviceAccount: DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount,
    }),
  ]);
  const withTag = (await runTab('TaggedAssociations')).podIdentityAssociations;
  expect(withTag.totalCount).toBeGreaterThan(0);
  for (const node of withTag.nodes) expect(node.tags).toContainEqual({ key: 'team', value: 'payments' });
  const status = (await runTab('InventoryStatus')).inventory;
  // The demo's data account does not trust the platform account: reported, not fatal.
  expect(status.state).toBe('DEGRADED');
  expect(status.failures.map((f: { accountId: string }) => f.accountId)).toEqual([
    DEMO_ACCOUNTS.data.accountId,
    DEMO_ACCOUNTS.data.accountId,
  ]);

  const why = (await runTab('WhyNotWorking')).node;
  // The demo's IRSA role trusts an OIDC provider only: the diagnosis says so, and what to add.
  expect(why.diagnosis.ready).toBe(false);
  expect(why.diagnosis.checks).toContainEqual(expect.objectContaining({ code: 'ROLE_TRUST', status: 'FAIL' }));

  const page = await runTab('AssociationsPage');
  const { variables: pageVariables } = tab('AssociationsPage');
  expect(page.cluster.podIdentityAssociations.edges).toHaveLength(pageVariables.first);
  expect(page.cluster.podIdentityAssociations.pageInfo.hasNextPage).toBe(true);

  const byId = await runTab('AssociationById');
  expect(byId.node).toMatchObject({ __typename: 'PodIdentityAssociation', id: tab('AssociationById').variables.id });
  const byName = await runTab('AssociationByName');
  const { __typename, ...details } = byId.node;
  // Both lookups name the same demo association.
  expect(byName.podIdentityAssociation).toEqual(details);

  const createInput = tab('CreateAssociation').variables.input;
  const created = (await runTab('CreateAssociation')).createPodIdentityAssociation;
  expect(created.podIdentityAssociation).toMatchObject({
    namespace: createInput.namespace,
    serviceAccount: createInput.serviceAccount,
    roleArn: createInput.roleArn,
  });
  expect(created.clientRequestToken).toBe(createInput.clientRequestToken);
  // "Safe to retry": the same token answers the same association.
  const again = (await runTab('CreateAssociation')).createPodIdentityAssociation;
  expect(again.podIdentityAssociation.associationId).toBe(created.podIdentityAssociation.associationId);

  const updateInput = tab('UpdateAssociation').variables.input;
  const updated = (await runTab('UpdateAssociation')).updatePodIdentityAssociation;
  expect(updated.podIdentityAssociation).toMatchObject({
    id: updateInput.id,
    roleArn: updateInput.roleArn,
    tags: expect.arrayContaining(updateInput.tags),
  });
  expect(updated.podIdentityAssociation.tags).toHaveLength(updateInput.tags.length);

  const tagInput = tab('TagAssociation').variables.input;
  const tagged = (await runTab('TagAssociation')).tagPodIdentityAssociation;
  expect(tagged.errors).toEqual([]);
  expect(tagged.podIdentityAssociation.tags).toEqual(expect.arrayContaining([...updateInput.tags, ...tagInput.tags]));
  const untagInput = tab('UntagAssociation').variables.input;
  const untagged = (await runTab('UntagAssociation')).untagPodIdentityAssociation;
  expect(untagged.podIdentityAssociation.tags.map((t: { key: string }) => t.key)).not.toContain(untagInput.tagKeys[0]);
  expect(untagged.podIdentityAssociation.tags.map((t: { key: string }) => t.key)).toContain('owner');

  const deleteInput = tab('DeleteAssociation').variables.input;
  const deleted = (await runTab('DeleteAssociation')).deletePodIdentityAssociation;
  expect(deleted.podIdentityAssociation.associationId).toBe(deleteInput.associationId);
  const state = await stack.state(`?region=${deleteInput.region}&cluster=${deleteInput.clusterName}`);
  expect(state.clusters[0]?.associations?.map((a) => a.associationId)).not.toContain(deleteInput.associationId);
  // "Run again, it answers a typed ASSOCIATION_NOT_FOUND error."
  const { query, variables } = tab('DeleteAssociation');
  const repeat = await stack.gql<any>(query, variables);
  expect(repeat.data.deletePodIdentityAssociation.errors).toEqual([
    expect.objectContaining({
      __typename: 'AssociationNotFoundError',
      code: 'ASSOCIATION_NOT_FOUND',
      associationId: deleteInput.associationId,
    }),
  ]);
});
