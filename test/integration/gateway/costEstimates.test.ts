/**
 * The cost model (src/graphql/costModel.ts) against the schema and against what the emulator
 * counts: every field that can call EKS has a cost entry, the summary fields are exactly those
 * that cost no Describe, and the estimate of every example operation is at least its calls.
 */
import { buildASTSchema, getNamedType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { DEMO_CLUSTERS } from '../../../src/emulator';
import { exampleTabs } from '../../../src/generated/graphiqlExamples';
import { hasCostEntry, SUMMARY_FIELDS } from '../../../src/graphql/costModel';
import { buildSchema, loadTypeDefs } from '../../../src/graphql/schema';
import { withinEstimate } from '../../helpers/estimates';
import { inventorySynced, nonZero, seedCluster, startStack, type Stack } from '../../helpers/stack';

/** Fields that may call EKS but have no cost entry: root fields, connections, fields with arguments. */
function uncostedFields(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const costs =
        roots.has(type.name) || getNamedType(field.type).name.endsWith('Connection') || field.args.length > 0;
      if (costs && !hasCostEntry(type.name, field.name)) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}

describe('the cost entries cover the schema', () => {
  test('every root field, connection and field with arguments has one', () => {
    expect(uncostedFields(buildSchema())).toEqual([]);
  });

  test('a new connection field, or a new root field, without one is found', () => {
    const extended = buildASTSchema(
      parse(`${loadTypeDefs()}
        extend type Cluster { addonAssociations(first: Int): PodIdentityAssociationConnection }
        extend type PodIdentityAssociation { siblings: PodIdentityAssociationConnection }
        extend type Query { everything: [Cluster!]! }`),
    );
    expect(uncostedFields(extended).sort()).toEqual([
      'Cluster.addonAssociations',
      'PodIdentityAssociation.siblings',
      'Query.everything',
    ]);
  });
});

describe('against the emulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: { clusters: [seedCluster('big', 'us-east-1', 5)] } });
  });
  afterAll(() => stack.close());

  /** The leaf selection of a field: object-typed fields need a sub-selection. */
  function selection(typeName: 'Cluster' | 'PodIdentityAssociation', field: string): string {
    const type = buildSchema().getType(typeName);
    if (!isObjectType(type)) throw new Error(typeName);
    const fieldType = getNamedType(type.getFields()[field]?.type);
    if (field === 'podIdentityAssociations') return `${field} { nodes { id } }`;
    if (field === 'podIdentityAssociation') return `${field}(associationId: "a-00000000000000000") { id }`;
    if (fieldType && isObjectType(fieldType)) return `${field} { __typename }`;
    return field;
  }

  function fieldsOf(typeName: 'Cluster' | 'PodIdentityAssociation'): string[] {
    const type = buildSchema().getType(typeName);
    if (!isObjectType(type)) throw new Error(typeName);
    return Object.keys(type.getFields());
  }

  test('an association page with every summary field costs one List; any other field, one Describe per association', async () => {
    const summary = fieldsOf('PodIdentityAssociation').filter((f) =>
      SUMMARY_FIELDS.PodIdentityAssociation.has(f as never),
    );
    const page = (fields: string[]) =>
      `{ cluster(name: "big", region: "us-east-1") { podIdentityAssociations(first: 3) { nodes { ${fields.join(' ')} } } } }`;
    await stack.resetCalls();
    const cheap = await stack.gql(page(summary.map((f) => selection('PodIdentityAssociation', f))));
    expect(cheap.errors).toBeUndefined();
    expect(nonZero(await stack.calls())).toEqual({ ListPodIdentityAssociations: 1 });

    const detailed = fieldsOf('PodIdentityAssociation').filter(
      (f) => !SUMMARY_FIELDS.PodIdentityAssociation.has(f as never),
    );
    expect(detailed).toContain('roleArn');
    for (const field of detailed) {
      const query = page([selection('PodIdentityAssociation', field)]);
      // A field with calls of its own (the diagnosis) is held to its estimate instead.
      if (hasCostEntry('PodIdentityAssociation', field)) {
        const res = await withinEstimate(stack, { query }, 1, () => stack.gql(query));
        expect({ field, errors: res.errors }).toEqual({ field, errors: undefined });
        continue;
      }
      await stack.resetCalls();
      const res = await stack.gql(query);
      expect({ field, errors: res.errors }).toEqual({ field, errors: undefined });
      expect({ field, calls: nonZero(await stack.calls()) }).toEqual({
        field,
        calls: { ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: 3 },
      });
    }
  });

  test('a cluster with its summary fields and a list costs no DescribeCluster; any other field costs one', async () => {
    const summary = fieldsOf('Cluster').filter((f) => SUMMARY_FIELDS.Cluster.has(f as never));
    await stack.resetCalls();
    const cheap = await stack.gql(
      `{ cluster(name: "big", region: "us-east-1") { ${summary.map((f) => selection('Cluster', f)).join(' ')} } }`,
    );
    expect(cheap.errors).toBeUndefined();
    expect(nonZero(await stack.calls())).toEqual({ ListPodIdentityAssociations: 1, DescribePodIdentityAssociation: 1 });

    const detailed = fieldsOf('Cluster').filter((f) => !SUMMARY_FIELDS.Cluster.has(f as never));
    expect(detailed).toContain('arn');
    for (const field of detailed) {
      const query = `{ cluster(name: "big", region: "us-east-1") { podIdentityAssociations(first: 1) { nodes { id } } ${selection('Cluster', field)} } }`;
      if (hasCostEntry('Cluster', field)) {
        const res = await withinEstimate(stack, { query }, 1, () => stack.gql(query));
        expect({ field, errors: res.errors }).toEqual({ field, errors: undefined });
        continue;
      }
      await stack.resetCalls();
      const res = await stack.gql(query);
      expect({ field, errors: res.errors }).toEqual({ field, errors: undefined });
      expect({ field, calls: nonZero(await stack.calls()) }).toEqual({
        field,
        calls: { ListPodIdentityAssociations: 1, DescribeCluster: 1 },
      });
    }
  });
});

describe('the examples stay within their estimates', () => {
  let stack: Stack;
  beforeAll(async () => {
    // The inventory's tabs need it; its first sweep ends before anything is counted.
    stack = await startStack({ seed: 'demo' }, { INVENTORY: 'on' });
    await inventorySynced(stack);
  });
  afterAll(() => stack.close());

  test('every GraphiQL tab (the example operations, with their variables), in order', async () => {
    const regions = new Set(Object.values(DEMO_CLUSTERS).map((c) => c.region)).size;
    const tabs = exampleTabs();
    expect(tabs.length).toBeGreaterThan(5);
    for (const tab of tabs) {
      const variables = JSON.parse(tab.variables ?? '{}') as Record<string, unknown>;
      const res = await withinEstimate(stack, { query: tab.query, variables }, regions, () =>
        stack.gql(tab.query, variables),
      );
      const name = /(?:query|mutation)\s+(\w+)/.exec(tab.query)?.[1];
      expect({ name, errors: res.errors }).toEqual({ name, errors: undefined });
    }
  });

  test('the mutations on their failure paths too: a missing association, a missing cluster', async () => {
    const missing = {
      clusterName: DEMO_CLUSTERS.prodPlatform.name,
      region: DEMO_CLUSTERS.prodPlatform.region,
      associationId: 'a-00000000000000000',
    };
    const mutations: Array<[string, string, Record<string, unknown>]> = [
      ['tagPodIdentityAssociation', 'TagPodIdentityAssociationInput', { ...missing, tags: [{ key: 'k', value: 'v' }] }],
      ['untagPodIdentityAssociation', 'UntagPodIdentityAssociationInput', { ...missing, tagKeys: ['k'] }],
      [
        'updatePodIdentityAssociation',
        'UpdatePodIdentityAssociationInput',
        { ...missing, roleArn: 'arn:aws:iam::111122223333:role/r', tags: [] },
      ],
      ['deletePodIdentityAssociation', 'DeletePodIdentityAssociationInput', missing],
      [
        'tagPodIdentityAssociation',
        'TagPodIdentityAssociationInput',
        { ...missing, clusterName: 'no-such-cluster', tags: [{ key: 'k', value: 'v' }] },
      ],
      [
        'createPodIdentityAssociation',
        'CreatePodIdentityAssociationInput',
        {
          clusterName: 'no-such-cluster',
          region: missing.region,
          namespace: 'n',
          serviceAccount: 's',
          roleArn: 'arn:aws:iam::111122223333:role/r',
        },
      ],
    ];
    for (const [field, inputType, input] of mutations) {
      const query = `mutation M($input: ${inputType}!) { ${field}(input: $input) { errors { code } } }`;
      const res = await withinEstimate(stack, { query, variables: { input } }, 2, () =>
        stack.gql<Record<string, { errors: Array<{ code: string }> }>>(query, { input }),
      );
      expect({ field, errors: res.errors }).toEqual({ field, errors: undefined });
      expect({ field, codes: res.data?.[field]?.errors.map((e) => e.code) }).toEqual({
        field,
        codes: [expect.stringMatching(/NOT_FOUND$/)],
      });
    }
  });
});
