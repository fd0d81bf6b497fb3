/**
 * The operation limits check on its own: its work is linear in the document whatever the
 * document (a property over random documents with fragments, spreads, aliases, directives,
 * inline fragments and nesting, cycles included), its summaries count what a naive expansion
 * counts, and its bounds on merged fields are never below the real ones.
 */
import fc from 'fast-check';
import {
  getIntrospectionQuery,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ConfigError, loadConfig } from '../../src/config';
import { VariableValues } from '../../src/graphql/limits/argumentValues';
import { STEPS_PER_TOKEN } from '../../src/graphql/limits/steps';
import { DocumentSummaries } from '../../src/graphql/limits/summaries';
import { DEFAULT_OPERATION_LIMITS, inspectOperation, type OperationLimits } from '../../src/graphql/operationLimits';
import { buildSchema } from '../../src/graphql/schema';

const schema = buildSchema();
/** Limits that let every document through to the end of the check, so all of its work is counted. */
const UNLIMITED: OperationLimits = Object.fromEntries(
  Object.keys(DEFAULT_OPERATION_LIMITS).map((k) => [k, Number.MAX_SAFE_INTEGER]),
) as unknown as OperationLimits;

function tokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) count += 1;
  return count;
}

function stepsOf(query: string, limits: OperationLimits = UNLIMITED, variables: Record<string, unknown> = {}) {
  return inspectOperation(schema, { query, operationName: null, variables }, limits, 2);
}

// --- random documents -----------------------------------------------------------------------

type Selection =
  | { kind: 'field'; name: string; alias: number | null; args: string; directive: string; sub: Selection[] | null }
  | { kind: 'spread'; target: number; directive: string }
  | { kind: 'inline'; on: string | null; directive: string; sub: Selection[] };

const FIELD_NAMES = [
  'regions',
  'clusters',
  'cluster',
  'nodes',
  'edges',
  'node',
  'name',
  'id',
  'podIdentityAssociations',
  'roleArn',
  'tags',
  'key',
  '__typename',
  '__schema',
  '__type',
  'types',
  'fields',
  'ofType',
  'kind',
  'nope',
];
const TYPES = ['Query', 'Cluster', 'PodIdentityAssociation', 'ClusterConnection', 'Node', '__Type', '__Schema', 'Nope'];
const DIRECTIVES = [
  '',
  '',
  '',
  '@skip(if: true)',
  '@include(if: $b)',
  '@skip(if: $b)',
  '@unknown',
  '@include(if: false) @skip(if: false)',
];
const ARGS = [
  '',
  '',
  '',
  '(first: 7)',
  '(first: $n)',
  '(name: "x", region: "us-east-1")',
  '(ids: ["a", "b"])',
  '(ids: $ids)',
  '(first: 100, after: "c")',
];

const selections = fc.letrec<{ set: Selection[]; selection: Selection }>((tie) => ({
  set: fc.array(tie('selection'), { minLength: 1, maxLength: 5 }),
  selection: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('field' as const),
      name: fc.constantFrom(...FIELD_NAMES),
      alias: fc.option(fc.nat(3)),
      args: fc.constantFrom(...ARGS),
      directive: fc.constantFrom(...DIRECTIVES),
      sub: fc.option(tie('set') as fc.Arbitrary<Selection[]>, { freq: 2 }),
    }),
    fc.record({ kind: fc.constant('spread' as const), target: fc.nat(), directive: fc.constantFrom(...DIRECTIVES) }),
    fc.record({
      kind: fc.constant('inline' as const),
      on: fc.option(fc.constantFrom(...TYPES)),
      directive: fc.constantFrom(...DIRECTIVES),
      sub: tie('set') as fc.Arbitrary<Selection[]>,
    }),
  ),
})).set;

interface RandomDocument {
  fragments: Array<{ on: string; set: Selection[] }>;
  operations: Selection[][];
}

const documents = fc.record({
  fragments: fc.array(fc.record({ on: fc.constantFrom(...TYPES), set: selections }), { maxLength: 7 }),
  operations: fc.array(selections, { minLength: 1, maxLength: 3 }),
});

/** Prints a random document; with `acyclic`, fragment i only spreads fragments after it. */
function print(doc: RandomDocument, acyclic: boolean): string {
  const count = doc.fragments.length;
  const target = (from: number, t: number): string | null => {
    if (count === 0) return null;
    if (!acyclic) return `F${t % count}`;
    const first = from + 1;
    return first >= count ? null : `F${first + (t % (count - first))}`;
  };
  const set = (sel: Selection[], from: number): string => {
    const parts = sel.map((s): string => {
      switch (s.kind) {
        case 'field':
          return `${s.alias === null ? '' : `a${s.alias}: `}${s.name}${s.args} ${s.directive}${s.sub ? ` { ${set(s.sub, from)} }` : ''}`;
        case 'spread': {
          const name = target(from, s.target);
          return name ? `...${name} ${s.directive}` : '__typename';
        }
        case 'inline':
          return `... ${s.on ? `on ${s.on} ` : ''}${s.directive} { ${set(s.sub, from)} }`;
      }
    });
    return parts.join(' ');
  };
  const operations = doc.operations.map(
    (o, i) => `query Q${i}($n: Int = 5, $b: Boolean, $ids: [ID!]) { ${set(o, -1)} }`,
  );
  const fragments = doc.fragments.map((f, i) => `fragment F${i} on ${f.on} { ${set(f.set, i)} }`);
  return [...operations, ...fragments].join('\n');
}

// --- a naive expansion, for comparison --------------------------------------------------------

interface Naive {
  fields: number;
  introspectionFields: number;
  aliases: number;
  nodes: number;
  depth: number;
}

class TooBig extends Error {}

function naiveCounts(document: DocumentNode, set: SelectionSetNode, introspection: boolean): Naive {
  const fragments = fragmentsOf(document);
  let visits = 0;
  const walk = (s: SelectionSetNode, mode: boolean): Naive => {
    const out: Naive = { fields: 0, introspectionFields: 0, aliases: 0, nodes: 0, depth: 0 };
    const add = (n: Naive) => {
      out.fields += n.fields;
      out.introspectionFields += n.introspectionFields;
      out.aliases += n.aliases;
      out.nodes += n.nodes;
    };
    for (const selection of s.selections) {
      if ((visits += 1) > 20_000) throw new TooBig();
      out.nodes += 1;
      if (selection.kind === Kind.FIELD) {
        const intro = mode || selection.name.value === '__schema' || selection.name.value === '__type';
        if (intro) out.introspectionFields += 1;
        else out.fields += 1;
        if (selection.alias) out.aliases += 1;
        const sub = selection.selectionSet ? walk(selection.selectionSet, intro) : null;
        if (sub) add(sub);
        if (!intro) out.depth = Math.max(out.depth, 1 + (sub?.depth ?? 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const sub = walk(selection.selectionSet, mode);
        add(sub);
        out.depth = Math.max(out.depth, sub.depth);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const sub = walk(fragment.selectionSet, fragment.typeCondition.name.value.startsWith('__'));
        add(sub);
        out.depth = Math.max(out.depth, sub.depth);
      }
    }
    return out;
  };
  return walk(set, introspection);
}

/** The most fields merged at one response path, and the sum of their squares, by expanding everything. */
function naiveMerged(document: DocumentNode, set: SelectionSetNode): { repeat: number; pairs: number } {
  const fragments = fragmentsOf(document);
  let visits = 0;
  const flatten = (sets: SelectionSetNode[]): Map<string, SelectionSetNode[]> & { counts: Map<string, number> } => {
    const groups = Object.assign(new Map<string, SelectionSetNode[]>(), { counts: new Map<string, number>() });
    const visit = (s: SelectionSetNode) => {
      for (const selection of s.selections) {
        if ((visits += 1) > 20_000) throw new TooBig();
        if (selection.kind === Kind.FIELD) {
          const name = selection.alias?.value ?? selection.name.value;
          groups.counts.set(name, (groups.counts.get(name) ?? 0) + 1);
          const subs = groups.get(name) ?? [];
          if (selection.selectionSet) subs.push(selection.selectionSet);
          groups.set(name, subs);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
        else {
          const fragment = fragments.get(selection.name.value);
          if (fragment) visit(fragment.selectionSet);
        }
      }
    };
    sets.forEach(visit);
    return groups;
  };
  const merged = (sets: SelectionSetNode[]): { repeat: number; pairs: number } => {
    const groups = flatten(sets);
    let repeat = 1;
    let pairs = 0;
    for (const [name, subs] of groups) {
      const count = groups.counts.get(name) ?? 0;
      repeat = Math.max(repeat, count);
      pairs += count * count;
      if (subs.length > 0) {
        const below = merged(subs);
        repeat = Math.max(repeat, below.repeat);
        pairs += below.pairs;
      }
    }
    return { repeat, pairs };
  };
  return merged([set]);
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

// --- properties -------------------------------------------------------------------------------

describe('the check is linear in the document', () => {
  test(`random documents (cycles included) take at most ${STEPS_PER_TOKEN} steps per token`, () => {
    let worst = 0;
    fc.assert(
      fc.property(documents, fc.boolean(), (doc, acyclic) => {
        const query = print(doc, acyclic);
        const inspection = stepsOf(query, UNLIMITED, { n: 3, b: true, ids: ['x'] });
        const count = tokens(query);
        worst = Math.max(worst, inspection.steps / count);
        expect(inspection.steps).toBeLessThanOrEqual(STEPS_PER_TOKEN * count);
      }),
      { numRuns: 400, seed: 11 },
    );
    expect(worst).toBeGreaterThan(0);
  });

  test('the worst shapes we know stay under the same multiple', () => {
    const bomb = (n: number, leaf: string) =>
      [
        'query { ...F' + (n - 1) + ' }',
        `fragment F0 on Query { ${leaf} }`,
        ...Array.from({ length: n - 1 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`),
      ].join('\n');
    // A fragment with more names than a spread hands over one by one, spread everywhere.
    const wide =
      `fragment W on Query { ${Array.from({ length: 200 }, (_, i) => `a${i}: regions`).join(' ')} } ` +
      `{ ${Array.from({ length: 500 }, (_, i) => `b${i}: cluster(name: "x") { ...W ...W }`).join(' ')} }`;
    const chain = `{ ...F0 } ${Array.from({ length: 5_000 }, (_, i) => `fragment F${i} on Query { a${i}: regions ${i < 4_999 ? `...F${i + 1}` : ''} }`).join(' ')}`;
    const manyOperations = `${Array.from({ length: 2000 }, (_, i) => `query Q${i} { ...B }`).join(' ')} fragment B on Query { ${Array.from({ length: 100 }, (_, i) => `a${i}: regions`).join(' ')} }`;
    for (const query of [
      bomb(30, '__typename'),
      bomb(60, '__schema { __typename }'),
      bomb(40, 'a: __typename'),
      wide,
      chain,
      manyOperations,
    ]) {
      const inspection = stepsOf(query);
      expect(inspection.steps).toBeLessThanOrEqual(STEPS_PER_TOKEN * tokens(query));
    }
  });
});

describe('summaries count what expanding every fragment counts', () => {
  test('on random acyclic documents: fields, introspection fields, aliases, selections, depth; and bounds of merged fields', () => {
    let compared = 0;
    fc.assert(
      fc.property(documents, (doc) => {
        const document = parse(print(doc, true), { noLocation: true });
        const summaries = new DocumentSummaries(schema, document, new VariableValues({}, undefined), 2, { count: 0 });
        summaries.run();
        for (const definition of document.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
          const summary = summaries.operations.get(definition);
          let naive: Naive;
          let merged: { repeat: number; pairs: number };
          try {
            naive = naiveCounts(document, definition.selectionSet, false);
            merged = naiveMerged(document, definition.selectionSet);
          } catch (error) {
            if (error instanceof TooBig) continue;
            throw error;
          }
          compared += 1;
          expect(summary).toMatchObject(naive);
          expect(summary?.repeat).toBeGreaterThanOrEqual(merged.repeat);
          expect(summary?.pairs).toBeGreaterThanOrEqual(merged.pairs);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  test('a 2 kB bomb sums to 2^29 fields without expanding it', () => {
    const query = [
      'query { ...F29 }',
      'fragment F0 on Query { __typename }',
      ...Array.from({ length: 29 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`),
    ].join('\n');
    const inspection = stepsOf(query, DEFAULT_OPERATION_LIMITS);
    expect(inspection.refusal?.extensions).toMatchObject({ code: 'TOO_MANY_FIELDS', limit: 1500, actual: 2 ** 29 });
    expect(inspection.steps).toBeLessThan(1000);
  });
});

describe('introspection has its own allowance', () => {
  test("graphql-js's introspection query with every option, and GraphiQL's, pass the defaults", () => {
    const full = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    } as Parameters<typeof getIntrospectionQuery>[0]);
    const graphiql = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });
    for (const query of [full, graphiql, graphiql.replace('subscriptionType { name }', '')]) {
      expect(
        inspectOperation(
          schema,
          { query, operationName: 'IntrospectionQuery', variables: null },
          DEFAULT_OPERATION_LIMITS,
          2,
        ).refusal,
      ).toBeNull();
    }
  });

  test('introspection fields count against it, and their aliases against MAX_ALIASES', () => {
    const aliased = `{ ${Array.from({ length: 1600 }, (_, i) => `s${i}: __schema { __typename }`).join(' ')} }`;
    expect(stepsOf(aliased, DEFAULT_OPERATION_LIMITS).refusal?.extensions).toMatchObject({
      code: 'TOO_MANY_ALIASES',
      limit: 30,
      actual: 1600,
    });
    // Distinct paths, no alias: a tree three wide and seven deep of type references.
    const tree = [
      '{ __schema { types { ...T7 } } }',
      'fragment T0 on __Type { name }',
      ...Array.from(
        { length: 7 },
        (_, i) =>
          `fragment T${i + 1} on __Type { ofType { ...T${i} } interfaces { ...T${i} } possibleTypes { ...T${i} } }`,
      ),
    ].join('\n');
    expect(stepsOf(tree, DEFAULT_OPERATION_LIMITS).refusal?.extensions).toMatchObject({
      code: 'TOO_MANY_INTROSPECTION_FIELDS',
      limit: 1000,
    });
  });
});

describe('configuration', () => {
  test('each limit has its variable, validated like the others', () => {
    const config = loadConfig({
      MAX_INTROSPECTION_FIELDS: '500',
      MAX_REPEATED_FIELDS: '20',
      MAX_DIRECTIVES: '10',
      MAX_VARIABLES: '5',
      MAX_FRAGMENT_VISITS: '1000',
      MAX_DOCUMENT_STEPS: '5000',
      MAX_RESULT_FIELDS: '2000',
      MAX_RESPONSE_BYTES: '65536',
      PERSISTED_QUERIES_CACHE_MB: '0',
    });
    expect(config.operationLimits).toMatchObject({
      maxIntrospectionFields: 500,
      maxRepeatedFields: 20,
      maxDirectives: 10,
      maxVariables: 5,
      maxFragmentVisits: 1000,
      maxDocumentSteps: 5000,
      maxResultFields: 2000,
    });
    expect(config).toMatchObject({ maxResponseBytes: 65536, persistedQueriesBytes: 0 });
    expect(loadConfig({}).persistedQueriesBytes).toBe(16 * 1024 * 1024);
    expect(() => loadConfig({ MAX_RESULT_FIELDS: 'many' })).toThrow(
      'MAX_RESULT_FIELDS must be a whole number from 1 to 1000000000, received "many"',
    );
    expect(() => loadConfig({ MAX_RESPONSE_BYTES: '10' })).toThrow(
      'MAX_RESPONSE_BYTES must be a whole number from 1024',
    );
    expect(() => loadConfig({ MAX_REPEATED_FIELDS: '0' })).toThrow(ConfigError);
  });
});
