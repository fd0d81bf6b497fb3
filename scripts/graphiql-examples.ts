/**
 * Writes `src/generated/graphiqlExamples.ts`: the tabs GraphiQL opens with. Each tab is one of the
 * documented operations of `examples/operations/` (with the fragments it spreads, so it runs on its
 * own), and its variables are filled in for the emulator's demo data. The association ids are read
 * from a freshly started demo emulator rather than copied by hand, so they cannot go stale: a test
 * fails while the file differs from what this script makes, and runs every tab against the demo.
 *
 * `npm run graphiql:examples` (also run by `npm run codegen`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, visit, type DocumentNode } from 'graphql';
import {
  DEMO_CLUSTERS,
  DEMO_CROSS_ACCOUNT_ASSOCIATION,
  DEMO_IRSA_ASSOCIATION,
  DEMO_ROLE_ACCOUNT,
  startEmulator,
} from '../src/emulator';
import { associationId as nodeIdOfAssociation } from '../src/graphql/ids';

export const OPERATIONS_DIR = join(__dirname, '..', 'examples', 'operations');
export const EXAMPLES_FILE = join(__dirname, '..', 'src', 'generated', 'graphiqlExamples.ts');

/** A demo association, as the emulator's state export names it. */
interface DemoAssociation {
  accountId: string;
  region: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  associationId: string;
}

interface DemoAssociations {
  /** Looked up by the lookup tab: the one that chains into another account, so every field shows. */
  lookup: DemoAssociation;
  /** Also tagged and untagged by their tabs, which change only its tags. */
  update: DemoAssociation;
  /** A different one from `update`, so the tabs can be run in any order. */
  delete: DemoAssociation;
}

const DEMO_NOTE = "# Variables: filled in for the emulator's demo data.\n";

/** The tabs in the order GraphiQL shows them: operation file, variables, whether they use demo ids. */
function tabs(
  demo: DemoAssociations,
): Array<{ operation: string; variables?: Record<string, unknown>; demoNote?: boolean }> {
  const { prodPlatform } = DEMO_CLUSTERS;
  return [
    { operation: 'ListClusters', variables: { first: 10 } },
    { operation: 'FleetAccounts', variables: { first: 20 } },
    { operation: 'WhoCanAssumeRole', variables: { arn: DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn } },
    { operation: 'TaggedAssociations', variables: { key: 'team', value: 'payments' } },
    { operation: 'InventoryStatus' },
    {
      operation: 'WhyNotWorking',
      variables: {
        id: nodeIdOfAssociation({
          accountId: DEMO_IRSA_ASSOCIATION.accountId,
          region: DEMO_IRSA_ASSOCIATION.region,
          clusterName: DEMO_IRSA_ASSOCIATION.name,
          associationId: DEMO_IRSA_ASSOCIATION.associationId,
        }),
      },
      demoNote: true,
    },
    {
      operation: 'AssociationsPage',
      variables: { clusterName: prodPlatform.name, region: prodPlatform.region, first: 10, after: null },
      demoNote: true,
    },
    { operation: 'AssociationById', variables: { id: nodeIdOfAssociation(demo.lookup) }, demoNote: true },
    {
      operation: 'AssociationByName',
      variables: {
        clusterName: demo.lookup.clusterName,
        associationId: demo.lookup.associationId,
        region: demo.lookup.region,
      },
      demoNote: true,
    },
    {
      operation: 'CreateAssociation',
      variables: {
        input: {
          clientMutationId: 'graphiql-create-1',
          clusterName: prodPlatform.name,
          region: prodPlatform.region,
          namespace: 'payments',
          serviceAccount: 'refunds',
          roleArn: `arn:aws:iam::${DEMO_ROLE_ACCOUNT}:role/payments-refunds`,
          tags: [{ key: 'team', value: 'payments' }],
          clientRequestToken: 'graphiql-payments-refunds-1',
        },
      },
      demoNote: true,
    },
    {
      operation: 'UpdateAssociation',
      variables: {
        input: {
          clientMutationId: 'graphiql-update-1',
          id: nodeIdOfAssociation(demo.update),
          roleArn: `arn:aws:iam::${DEMO_ROLE_ACCOUNT}:role/${demo.update.namespace}-${demo.update.serviceAccount}-v2`,
          tags: [
            { key: 'team', value: demo.update.namespace },
            { key: 'stage', value: 'prod' },
          ],
        },
      },
      demoNote: true,
    },
    {
      operation: 'TagAssociation',
      variables: {
        input: {
          clientMutationId: 'graphiql-tag-1',
          id: nodeIdOfAssociation(demo.update),
          tags: [
            { key: 'cost-centre', value: '4711' },
            { key: 'owner', value: 'team-payments' },
          ],
        },
      },
      demoNote: true,
    },
    {
      operation: 'UntagAssociation',
      variables: {
        input: { clientMutationId: 'graphiql-untag-1', id: nodeIdOfAssociation(demo.update), tagKeys: ['cost-centre'] },
      },
      demoNote: true,
    },
    {
      operation: 'DeleteAssociation',
      variables: {
        input: {
          clientMutationId: 'graphiql-delete-1',
          clusterName: demo.delete.clusterName,
          region: demo.delete.region,
          associationId: demo.delete.associationId,
        },
      },
      demoNote: true,
    },
  ];
}

/** The whole generated file. Starts (and stops) a demo emulator to read its association ids. */
export async function renderGraphiqlExamples(): Promise<string> {
  const demo = await demoAssociations();
  const rendered = tabs(demo).map(({ operation, variables, demoNote }) => {
    const text = standaloneOperation(operation);
    // The note goes last in the operation's own comment, right above the operation.
    const query = demoNote ? text.replace(/^(?!#)/m, DEMO_NOTE) : text;
    const lines = [`    query: ${templateLiteral(query)},`];
    if (variables) lines.push(`    variables: ${templateLiteral(JSON.stringify(variables, null, 2))},`);
    return `  {\n${lines.join('\n')}\n  },\n`;
  });
  return `/* Generated by scripts/graphiql-examples.ts from examples/operations/ and the emulator's demo data
 * (npm run graphiql:examples, also run by npm run codegen). Do not edit. */

/** A tab GraphiQL opens with (its \`defaultTabs\`). */
export interface ExampleTab {
  query: string;
  variables?: string;
  headers?: string;
}

const TABS: readonly ExampleTab[] = [
${rendered.join('')}];

/** The ready tabs, filled in for the emulator's demo data; a fresh copy on each call. */
export function exampleTabs(): ExampleTab[] {
  return TABS.map((tab) => ({ ...tab }));
}
`;
}

/** An operation file's text followed by the fragment files it needs, so it parses on its own. */
export function standaloneOperation(name: string): string {
  const files = operationFiles();
  const own = files.get(name);
  if (own === undefined) throw new Error(`No examples/operations/${name}.graphql`);
  const fragments = new Map<string, string>();
  for (const [file, text] of files) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, file);
    }
  }
  const included = new Set<string>([name]);
  const pending = [parse(own)];
  while (pending.length > 0) {
    for (const spread of spreadNames(pending.pop() as DocumentNode)) {
      const file = fragments.get(spread);
      if (file === undefined) throw new Error(`Fragment ${spread} of ${name} is in no file of examples/operations/`);
      if (included.has(file)) continue;
      included.add(file);
      pending.push(parse(files.get(file) as string));
    }
  }
  return [...included].map((file) => (files.get(file) as string).trimEnd() + '\n').join('\n');
}

/** Source text as a template literal, so the generated file reads like the operation itself. */
function templateLiteral(text: string): string {
  return '`' + text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

function operationFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    files.set(file.replace(/\.graphql$/, ''), readFileSync(join(OPERATIONS_DIR, file), 'utf8'));
  }
  return files;
}

function spreadNames(document: DocumentNode): string[] {
  const names: string[] = [];
  visit(document, { FragmentSpread: (node) => void names.push(node.name.value) });
  return names;
}

async function demoAssociations(): Promise<DemoAssociations> {
  const emulator = await startEmulator({ seed: 'demo' });
  try {
    const res = await fetch(`${emulator.url}/_emulator/state`);
    if (!res.ok) throw new Error(`The emulator's state export answered ${res.status}`);
    const state = (await res.json()) as {
      accountId: string;
      clusters: Array<{
        name: string;
        region: string;
        associations?: Array<{ associationId?: string | null; namespace: string; serviceAccount: string }>;
      }>;
    };
    const find = (
      cluster: { name: string; region: string },
      namespace: string,
      serviceAccount: string,
    ): DemoAssociation => {
      const found = state.clusters
        .find((c) => c.name === cluster.name && c.region === cluster.region)
        ?.associations?.find((a) => a.namespace === namespace && a.serviceAccount === serviceAccount);
      if (!found?.associationId) {
        throw new Error(
          `The demo data has no association ${namespace}/${serviceAccount} in ${cluster.region}/${cluster.name}; pick another in scripts/graphiql-examples.ts`,
        );
      }
      return {
        accountId: state.accountId,
        region: cluster.region,
        clusterName: cluster.name,
        namespace,
        serviceAccount,
        associationId: found.associationId,
      };
    };
    const { prodPlatform, stagingApps } = DEMO_CLUSTERS;
    return {
      lookup: find(
        prodPlatform,
        DEMO_CROSS_ACCOUNT_ASSOCIATION.namespace,
        DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount,
      ),
      update: find(prodPlatform, 'payments', 'worker'),
      delete: find(stagingApps, 'preview', 'api'),
    };
  } finally {
    await emulator.close();
  }
}

if (require.main === module) {
  renderGraphiqlExamples().then(
    (text) => {
      writeFileSync(EXAMPLES_FILE, text);
      console.log(`Wrote ${EXAMPLES_FILE}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
