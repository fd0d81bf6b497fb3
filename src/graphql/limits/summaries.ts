/**
 * One pass over the document that summarizes every selection set: what it counts once its
 * fragments are expanded (fields, introspection fields, aliases, depth, selections), the
 * response names it merges, and per object it is selected on, the EKS calls and answer values
 * it may cost. Each fragment is summarized once, bottom-up (see fragmentOrder.ts), and its
 * summary is added at every spread, so the pass is linear in the document whatever the
 * expansion: a 2 kB fragment bomb costs a few hundred steps and sums to 2^29 fields.
 *
 * Structure counts ignore @skip/@include (validation and parsing see every field); the EKS call
 * and answer estimates honour them, as execution does.
 */
import {
  Kind,
  OperationTypeNode,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldCost, needsDescribe, yieldsDetailed, yieldsPage } from '../costModel';
import { estimateArguments, isIncluded, type VariableValues } from './argumentValues';
import { bottomUpOrder } from './fragmentOrder';
import { ResponseNames } from './responseNames';
import { add, addPerPage, atPage, mul, perPage, type PerPage } from './saturating';
import type { StepCounter } from './steps';

export interface Summary {
  /** Fields once fragments are expanded, introspection's excepted. */
  fields: number;
  /** Fields at or below `__schema` and `__type`, and in fragments on introspection types. */
  introspectionFields: number;
  aliases: number;
  /** Levels of fields below, introspection's excepted (0 when none). */
  depth: number;
  /** Selections (fields, spreads, inline fragments) once fragments are expanded. */
  nodes: number;
  /** Of `nodes`, those reached through fragment spreads. */
  viaFragments: number;
  /** The response names at this level, as spreading this set hands them over. */
  names: ResponseNames;
  /** Fragment spreads at this level, through other spreads and inline fragments. */
  spreadsAtLevel: number;
  /** See ResponseNames. */
  repeat: number;
  pairs: number;
  /** Per object: whether it needs its Describe call, the other EKS calls, the answer values. */
  describe: boolean;
  calls: PerPage;
  results: PerPage;
}

type Mode = 'normal' | 'introspection';

export class DocumentSummaries {
  readonly fragments = new Map<FragmentDefinitionNode, Summary>();
  readonly operations = new Map<OperationDefinitionNode, Summary>();
  /** Directives anywhere in the document. */
  directives = 0;
  /** Variable definitions of all operations. */
  variables = 0;
  /**
   * Sum over selection sets of the comparisons validation makes there between the set's own
   * fields and each fragment it reaches, and between the fragments it spreads.
   */
  fragmentComparisons = 0;

  private readonly byName = new Map<string, FragmentDefinitionNode>();
  /** Child types by parent type and field name: graphql-js's type predicates are slow in a loop. */
  private readonly childTypes = new Map<GraphQLCompositeType | null, Map<string, GraphQLCompositeType | null>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly document: DocumentNode,
    private readonly variableValues: VariableValues,
    private readonly regionCount: number,
    private readonly steps: StepCounter,
  ) {}

  run(): void {
    const fragments: FragmentDefinitionNode[] = [];
    const operations: OperationDefinitionNode[] = [];
    for (const definition of this.document.definitions) {
      this.steps.count += 1;
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.push(definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    }
    for (const fragment of fragments) this.byName.set(fragment.name.value, fragment);
    for (const fragment of bottomUpOrder(fragments, this.byName, this.steps)) {
      this.directives += fragment.directives?.length ?? 0;
      const type = this.compositeType(fragment.typeCondition.name.value);
      const mode: Mode = fragment.typeCondition.name.value.startsWith('__') ? 'introspection' : 'normal';
      this.fragments.set(fragment, this.summarize(fragment.selectionSet, type, mode, true));
    }
    for (const operation of operations) {
      this.directives += operation.directives?.length ?? 0;
      for (const variable of operation.variableDefinitions ?? []) {
        this.steps.count += 1;
        this.variables += 1;
        this.directives += variable.directives?.length ?? 0;
      }
      this.operations.set(operation, this.summarize(operation.selectionSet, this.rootType(operation), 'normal', false));
    }
  }

  private summarize(set: SelectionSetNode, type: GraphQLCompositeType | null, mode: Mode, exported: boolean): Summary {
    const builder = new SetBuilder();
    this.collect(set, type, mode, builder, true);
    return this.finish(builder, exported);
  }

  /** Adds the selections of `set` (and of its inline fragments, which share its level). */
  private collect(
    set: SelectionSetNode,
    type: GraphQLCompositeType | null,
    mode: Mode,
    into: SetBuilder,
    included: boolean,
  ): void {
    for (const selection of set.selections) {
      this.steps.count += 1 + (selection.directives?.length ?? 0);
      this.directives += selection.directives?.length ?? 0;
      into.nodes = add(into.nodes, 1);
      const runs = included && isIncluded(selection.directives, this.variableValues);
      switch (selection.kind) {
        case Kind.FIELD:
          into.ownFields = add(into.ownFields, 1);
          this.field(selection, type, mode, into, runs);
          break;
        case Kind.INLINE_FRAGMENT: {
          const condition = selection.typeCondition ? this.compositeType(selection.typeCondition.name.value) : type;
          this.collect(selection.selectionSet, condition, mode, into, runs);
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const definition = this.byName.get(selection.name.value);
          // Not summarized yet: the spread closes a cycle (or names no fragment).
          const summary = definition ? this.fragments.get(definition) : undefined;
          into.ownSpreads = add(into.ownSpreads, 1);
          if (summary) this.spread(summary, into, runs);
          break;
        }
      }
    }
  }

  private field(
    node: FieldNode,
    parent: GraphQLCompositeType | null,
    mode: Mode,
    into: SetBuilder,
    runs: boolean,
  ): void {
    const name = node.name.value;
    const introspection = mode === 'introspection' || name === '__schema' || name === '__type';
    this.steps.count += node.arguments?.length ?? 0;
    if (introspection) into.introspectionFields = add(into.introspectionFields, 1);
    else into.fields = add(into.fields, 1);
    if (node.alias) into.aliases = add(into.aliases, 1);
    const childType = this.childType(parent, name);
    const sub = node.selectionSet
      ? this.summarize(node.selectionSet, childType, introspection ? 'introspection' : 'normal', false)
      : null;
    if (!introspection) into.depth = Math.max(into.depth, 1 + (sub?.depth ?? 0));
    into
      .ownNames()
      .add(node.alias?.value ?? name, { count: 1, subRepeat: sub?.repeat ?? 1, subPairs: sub?.pairs ?? 0 });
    if (sub) {
      into.fields = add(into.fields, sub.fields);
      into.introspectionFields = add(into.introspectionFields, sub.introspectionFields);
      into.aliases = add(into.aliases, sub.aliases);
      into.nodes = add(into.nodes, sub.nodes);
      into.viaFragments = add(into.viaFragments, sub.viaFragments);
    }
    if (!runs) return;
    if (!introspection && parent && needsDescribe(parent.name, name)) into.describe = true;
    if (!sub || !parent || !childType || introspection) {
      into.results.fixed = add(into.results.fixed, add(1, sub ? atPage(sub.results, 1) : 0));
      return;
    }
    const { calls, items, page } = fieldCost(
      parent.name,
      name,
      estimateArguments(node.arguments, this.variableValues),
      this.regionCount,
    );
    const subCalls = add(sub.describe && !yieldsDetailed(parent.name, name) ? 1 : 0, atPage(sub.calls, page ?? 1));
    const subResults = atPage(sub.results, page ?? 1);
    into.calls.fixed = add(into.calls.fixed, calls);
    into.results.fixed = add(into.results.fixed, 1);
    if (yieldsPage(parent.name, name)) {
      into.calls.perPage = add(into.calls.perPage, subCalls);
      into.results.perPage = add(into.results.perPage, subResults);
    } else {
      into.calls.fixed = add(into.calls.fixed, mul(items, subCalls));
      into.results.fixed = add(into.results.fixed, mul(items, subResults));
    }
  }

  private spread(summary: Summary, into: SetBuilder, runs: boolean): void {
    into.fields = add(into.fields, summary.fields);
    into.introspectionFields = add(into.introspectionFields, summary.introspectionFields);
    into.aliases = add(into.aliases, summary.aliases);
    into.depth = Math.max(into.depth, summary.depth);
    into.nodes = add(into.nodes, summary.nodes);
    into.viaFragments = add(into.viaFragments, summary.nodes);
    into.spreadsAtLevel = add(into.spreadsAtLevel, add(1, summary.spreadsAtLevel));
    if (into.names.size === 0 && !into.borrowed) {
      // A set that starts with a spread borrows the fragment's names: `x { ...F }` copies nothing.
      into.names = summary.names;
      into.borrowed = summary;
      this.steps.count += 1;
    } else {
      this.steps.count += into.ownNames().merge(summary.names);
    }
    if (!runs) return;
    into.describe ||= summary.describe;
    addPerPage(into.calls, summary.calls);
    addPerPage(into.results, summary.results);
  }

  private finish(builder: SetBuilder, exported: boolean): Summary {
    const names = builder.names;
    // OverlappingFieldsCanBeMerged compares the set's own fields with every fragment it
    // reaches, and when it spreads several, each fragment (and those it reaches) with the others.
    const reached = builder.spreadsAtLevel;
    const between = builder.ownSpreads > 1 ? mul(reached, reached) : 0;
    this.fragmentComparisons = add(this.fragmentComparisons, add(mul(reached, builder.ownFields), between));
    // A set that is one spread and nothing else has the fragment's bounds.
    const borrowed = builder.borrowed;
    if (!borrowed) this.steps.count += 2 * names.size;
    const repeat = borrowed ? borrowed.repeat : names.repeat();
    const pairs = borrowed ? borrowed.pairs : names.pairs();
    let handed = names;
    if (exported) {
      handed = names.exported();
      if (handed !== names) this.steps.count += names.size;
    }
    return {
      fields: builder.fields,
      introspectionFields: builder.introspectionFields,
      aliases: builder.aliases,
      depth: builder.depth,
      nodes: builder.nodes,
      viaFragments: builder.viaFragments,
      names: handed,
      spreadsAtLevel: builder.spreadsAtLevel,
      repeat,
      pairs,
      describe: builder.describe,
      calls: builder.calls,
      results: builder.results,
    };
  }

  private rootType(operation: OperationDefinitionNode): GraphQLCompositeType | null {
    switch (operation.operation) {
      case OperationTypeNode.QUERY:
        return this.schema.getQueryType() ?? null;
      case OperationTypeNode.MUTATION:
        return this.schema.getMutationType() ?? null;
      default:
        return this.schema.getSubscriptionType() ?? null;
    }
  }

  private compositeType(name: string): GraphQLCompositeType | null {
    const type = this.schema.getType(name);
    return type && isCompositeType(type) ? type : null;
  }

  /** The composite type a field of `parent` returns, or null for a leaf or an unknown field. */
  private childType(parent: GraphQLCompositeType | null, name: string): GraphQLCompositeType | null {
    let known = this.childTypes.get(parent);
    if (!known) this.childTypes.set(parent, (known = new Map<string, GraphQLCompositeType | null>()));
    let type = known.get(name);
    if (type === undefined) known.set(name, (type = this.lookUpChildType(parent, name)));
    return type;
  }

  private lookUpChildType(parent: GraphQLCompositeType | null, name: string): GraphQLCompositeType | null {
    if (name === '__schema') return this.compositeType('__Schema');
    if (name === '__type') return this.compositeType('__Type');
    if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return null;
    const definition = parent.getFields()[name];
    if (!definition) return null;
    const type = getNamedType(definition.type);
    return isCompositeType(type) ? type : null;
  }
}

class SetBuilder {
  fields = 0;
  introspectionFields = 0;
  aliases = 0;
  depth = 0;
  nodes = 0;
  viaFragments = 0;
  names = new ResponseNames();
  /** The fragment whose names `names` are, not to be added to; null once they are the set's own. */
  borrowed: Summary | null = null;
  spreadsAtLevel = 0;
  /** Fields and spreads of the set itself (and of its inline fragments), not of its fragments. */
  ownFields = 0;
  ownSpreads = 0;
  describe = false;
  calls = perPage();
  results = perPage();

  /** The names to add to: the borrowed ones are copied first. */
  ownNames(): ResponseNames {
    if (this.borrowed) {
      this.names = this.names.copy();
      this.borrowed = null;
    }
    return this.names;
  }
}
