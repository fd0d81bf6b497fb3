/**
 * Limits that keep one request from hurting the rest, checked before Apollo parses and validates
 * the operation (validation itself can be made expensive by hostile documents): document size,
 * depth, aliases, field count after fragment expansion, and an upper bound on the EKS calls the
 * operation may fan out to.
 */
import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getNamedType,
  isAbstractType,
  isObjectType,
  isInterfaceType,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface OperationLimits {
  /** Characters of the document. */
  maxDocumentLength: number;
  /** Lexical tokens of the document (graphql-js stops parsing past it). */
  maxTokens: number;
  /** Nesting of fields, introspection excepted. */
  maxDepth: number;
  maxAliases: number;
  /** Fields once fragments are expanded (bounds fragment bombs and repeated fields). */
  maxFields: number;
  /** The most EKS calls one operation may cause, by a static upper bound. */
  maxEksCalls: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDocumentLength: 100_000,
  maxTokens: 10_000,
  maxDepth: 12,
  maxAliases: 30,
  maxFields: 1_500,
  maxEksCalls: 2_000,
};

export type LimitCode =
  | 'OPERATION_NOT_SUPPORTED'
  | 'DOCUMENT_TOO_LARGE'
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_FIELDS'
  | 'QUERY_TOO_COSTLY';

function limitError(code: LimitCode, message: string, limit: number, actual?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, ...(actual !== undefined ? { actual } : {}) } });
}

/**
 * Returns the first limit the operation breaks, or null. A document that does not parse, or
 * names no runnable operation, is left for Apollo to answer with its usual errors.
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  query: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
  regionCount: number,
): GraphQLError | null {
  if (query.length > limits.maxDocumentLength) {
    return limitError('DOCUMENT_TOO_LARGE', `The document is ${query.length} characters long; the limit is ${limits.maxDocumentLength}.`, limits.maxDocumentLength, query.length);
  }
  const parsed = parseWithinLimits(query, limits);
  if (parsed instanceof GraphQLError) return parsed;
  if (parsed === null) return null;
  const document = parsed;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return null;
  if (operation.operation === 'subscription') {
    return limitError('OPERATION_NOT_SUPPORTED', 'This gateway has no subscriptions; send a query or a mutation.', 0);
  }
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const walker = new Walker(schema, fragments, variables ?? {}, limits, regionCount);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : null;
  if (!root) return null;
  try {
    walker.walk(operation.selectionSet, root, 1, 1);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  if (walker.cost > limits.maxEksCalls) {
    return limitError(
      'QUERY_TOO_COSTLY',
      `This operation may cost up to ${walker.cost} EKS calls; the limit is ${limits.maxEksCalls}. Ask for fewer items (\`first\`) or fewer detail fields per item.`,
      limits.maxEksCalls,
      walker.cost,
    );
  }
  return null;
}

/**
 * Clients send the same few documents again and again: their parse is kept (per limits), so
 * the check costs a walk, not a parse, on the hot path.
 */
const parsedDocuments = new Map<string, DocumentNode>();
const MAX_PARSED_DOCUMENTS = 500;
/** Real operations are short; huge one-off documents would only fill memory. */
const MAX_CACHED_DOCUMENT_LENGTH = 10_000;

/** The document, a limit error, or null when it does not parse (Apollo reports that). */
function parseWithinLimits(query: string, limits: OperationLimits): DocumentNode | GraphQLError | null {
  const key = `${limits.maxDepth}:${limits.maxTokens}:${query}`;
  const cached = parsedDocuments.get(key);
  if (cached) return cached;
  // graphql-js parses recursively: thousands of nested braces overflow its stack before any
  // depth rule could run, so nesting is measured on the raw text first.
  const nesting = maxNesting(query);
  if (nesting > limits.maxDepth + NESTING_ALLOWANCE) {
    return limitError('QUERY_TOO_DEEP', `The operation nests deeper than ${limits.maxDepth} levels.`, limits.maxDepth, nesting);
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    if (error instanceof GraphQLError && /\d+ tokens\. Parsing aborted/.test(error.message)) {
      return limitError('DOCUMENT_TOO_LARGE', `The document has more than ${limits.maxTokens} tokens.`, limits.maxTokens);
    }
    return null;
  }
  if (query.length <= MAX_CACHED_DOCUMENT_LENGTH) {
    if (parsedDocuments.size >= MAX_PARSED_DOCUMENTS) parsedDocuments.delete(parsedDocuments.keys().next().value as string);
    parsedDocuments.set(key, document);
  }
  return document;
}

/** Brackets beyond field depth that input values (objects, lists) may legitimately add. */
const NESTING_ALLOWANCE = 8;

/** The deepest nesting of `{`, `[` and `(` outside strings and comments. */
function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i += 1;
    } else if (c === '"') {
      const block = text.startsWith('"""', i);
      const end = block ? text.indexOf('"""', i + 3) : findStringEnd(text, i + 1);
      if (end < 0) return max; // unterminated: the parser reports it
      i = block ? end + 2 : end;
    } else if (c === '{' || c === '[' || c === '(') {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === '}' || c === ']' || c === ')') {
      depth -= 1;
    }
  }
  return max;
}

function findStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}

/** Fields of Cluster and PodIdentityAssociation that the list already carries (no Describe). */
const FREE_FIELDS: Record<string, ReadonlySet<string>> = {
  Cluster: new Set(['__typename', 'id', 'name', 'region', 'podIdentityAssociations', 'podIdentityAssociation']),
  PodIdentityAssociation: new Set(['__typename', 'id', 'associationId', 'associationArn', 'cluster', 'clusterName', 'region', 'namespace', 'serviceAccount', 'ownerArn']),
};
const MAX_PAGE = 100;

/**
 * Walks the operation once, expanding fragments, and counts as it goes. Every count stops the
 * walk as soon as it passes its limit, so a fragment bomb costs no more than the limit.
 */
class Walker {
  cost = 0;
  private fields = 0;
  private aliases = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly limits: OperationLimits,
    private readonly regionCount: number,
  ) {}

  /**
   * `multiplier` is how many objects of `type` the operation can reach; `pageSize` is the
   * `first` of the connection being walked, which its `edges` and `nodes` multiply by.
   */
  walk(
    set: SelectionSetNode,
    type: GraphQLCompositeType,
    depth: number,
    multiplier: number,
    seen: ReadonlySet<string> = new Set(),
    pageSize = 1,
  ): void {
    let detailCounted = false;
    for (const selection of set.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = this.fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        this.walk(fragment.selectionSet, this.conditionType(fragment.typeCondition.name.value) ?? type, depth, multiplier, new Set([...seen, fragment.name.value]), pageSize);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? this.conditionType(selection.typeCondition.name.value) : null;
        this.walk(selection.selectionSet, condition ?? type, depth, multiplier, seen, pageSize);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__')) continue; // introspection is bounded by the schema itself
      this.count(selection.alias !== undefined, depth);
      const free = FREE_FIELDS[type.name];
      if (free && !free.has(name) && !detailCounted) {
        this.cost += multiplier; // one Describe per object, whatever number of detail fields
        detailCounted = true;
      }
      if (!selection.selectionSet || isAbstractType(type) && !('getFields' in type)) continue;
      const definition = 'getFields' in type ? type.getFields()[name] : undefined;
      if (!definition) continue;
      const child = getNamedType(definition.type);
      if (!isObjectType(child) && !isAbstractType(child)) continue;
      const args = this.argumentsOf(definition, selection);
      const { calls, items, page } = fanOut(`${type.name}.${name}`, args, this.regionCount);
      this.cost += multiplier * calls;
      // A connection's `edges` and `nodes` yield up to its page size each.
      const yielded = type.name.endsWith('Connection') && (name === 'edges' || name === 'nodes') ? pageSize : items;
      this.walk(selection.selectionSet, child, depth + 1, multiplier * yielded, seen, page ?? 1);
    }
    if (this.cost > this.limits.maxEksCalls * 1000) {
      // Far past the limit: stop walking, the verdict cannot change.
      throw limitError('QUERY_TOO_COSTLY', `This operation may cost more than ${this.limits.maxEksCalls} EKS calls, the limit.`, this.limits.maxEksCalls);
    }
  }

  private count(aliased: boolean, depth: number): void {
    this.fields += 1;
    if (aliased) this.aliases += 1;
    if (depth > this.limits.maxDepth) {
      throw limitError('QUERY_TOO_DEEP', `The operation nests fields deeper than ${this.limits.maxDepth} levels.`, this.limits.maxDepth, depth);
    }
    if (this.aliases > this.limits.maxAliases) {
      throw limitError('TOO_MANY_ALIASES', `The operation uses more than ${this.limits.maxAliases} aliases.`, this.limits.maxAliases);
    }
    if (this.fields > this.limits.maxFields) {
      throw limitError('TOO_MANY_FIELDS', `The operation selects more than ${this.limits.maxFields} fields once fragments are expanded.`, this.limits.maxFields);
    }
  }

  private included(node: Parameters<typeof getDirectiveValues>[1]): boolean {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if !== false;
    } catch {
      return true; // a bad variable is reported by validation; count the field meanwhile
    }
  }

  private conditionType(name: string): GraphQLCompositeType | null {
    const type: GraphQLNamedType | undefined = this.schema.getType(name);
    return type && (isObjectType(type) || isInterfaceType(type)) ? type : null;
  }

  private argumentsOf(definition: Parameters<typeof getArgumentValues>[0], node: Parameters<typeof getArgumentValues>[1]): Record<string, unknown> {
    try {
      return getArgumentValues(definition, node, this.variables);
    } catch {
      return {};
    }
  }
}

/**
 * How many EKS calls a field makes per parent object, how many objects it yields, and for a
 * connection, its page size.
 */
function fanOut(field: string, args: Record<string, unknown>, regionCount: number): { calls: number; items: number; page?: number } {
  const first = typeof args.first === 'number' && args.first > 0 ? Math.min(args.first, MAX_PAGE) : 25;
  const listCalls = args.after ? 2 : 1; // a mid-page cursor may need a second List call
  switch (field) {
    case 'Query.clusters':
      return { calls: (args.region ? 1 : regionCount) + listCalls, items: 1, page: first };
    case 'Query.cluster':
      return { calls: args.region ? 1 : regionCount, items: args.region ? 1 : regionCount };
    case 'Query.node':
    case 'Query.podIdentityAssociation':
    case 'Cluster.podIdentityAssociation':
      return { calls: 1, items: 1 };
    case 'Query.nodes': {
      const ids = Array.isArray(args.ids) ? Math.min(args.ids.length, 100) : 100;
      return { calls: ids, items: ids };
    }
    case 'Cluster.podIdentityAssociations':
      return { calls: listCalls, items: 1, page: first };
    case 'Mutation.createPodIdentityAssociation':
      return { calls: 2, items: 1 }; // the call, and one more to tell which typed error
    case 'Mutation.updatePodIdentityAssociation':
    case 'Mutation.deletePodIdentityAssociation':
      // Also a Describe first when the caller's policy must see the association's namespace.
      return { calls: 3, items: 1 };
    case 'AlreadyExistsError.existingAssociation':
      return { calls: 0, items: 1 };
    default:
      return { calls: 0, items: 1 };
  }
}
