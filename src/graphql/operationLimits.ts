/**
 * Limits that keep one request from hurting the rest, checked before Apollo parses and validates
 * the operation (validation itself can be made expensive by hostile documents). Every step here
 * is linear in the document: the raw-text nesting scan, the parse (cached), and one summarizing
 * pass in which each fragment is counted once and reused at every spread (src/graphql/limits/).
 *
 * Checked on the whole document, since validation reads all of it: directives, variables, the
 * fields that merge at one response path, the fragments operations re-walk, and a budget of
 * validation steps. Checked on the operation that runs: depth, aliases, fields, introspection
 * fields, the EKS calls it may cause and the size of its answer.
 */
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { VariableValues } from './limits/argumentValues';
import { parseWithinLimits } from './limits/parseCache';
import { add, atPage } from './limits/saturating';
import type { StepCounter } from './limits/steps';
import { DocumentSummaries, type Summary } from './limits/summaries';

export interface OperationLimits {
  /** Characters of the document. */
  maxDocumentLength: number;
  /** Lexical tokens of the document (graphql-js stops parsing past it). */
  maxTokens: number;
  /** Nesting of fields, introspection excepted. */
  maxDepth: number;
  /** Aliased fields, once fragments are expanded (introspection's included). */
  maxAliases: number;
  /** Fields once fragments are expanded, `__typename` included, introspection's excepted. */
  maxFields: number;
  /** Fields at or below `__schema`/`__type`, once fragments are expanded. */
  maxIntrospectionFields: number;
  /** Fields merged at one response path (the same response name, fragments included). */
  maxRepeatedFields: number;
  /** Directives in the document. */
  maxDirectives: number;
  /** Variable definitions in the document. */
  maxVariables: number;
  /** Fragment selections re-walked by the operations, summed over operations. */
  maxFragmentVisits: number;
  /** A bound of the work validation does on the document (visited selections, compared pairs). */
  maxDocumentSteps: number;
  /** The most EKS calls one operation may cause, by a static upper bound. */
  maxEksCalls: number;
  /** Values in the answer (items x fields through nested lists), by the same bound; for a batch, summed. */
  maxResultFields: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDocumentLength: 100_000,
  maxTokens: 10_000,
  maxDepth: 12,
  maxAliases: 30,
  maxFields: 1_500,
  maxIntrospectionFields: 1_000,
  maxRepeatedFields: 100,
  maxDirectives: 500,
  maxVariables: 200,
  maxFragmentVisits: 20_000,
  maxDocumentSteps: 100_000,
  maxEksCalls: 2_000,
  maxResultFields: 50_000,
};

export type LimitCode =
  | 'OPERATION_NOT_SUPPORTED'
  | 'DOCUMENT_TOO_LARGE'
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_FIELDS'
  | 'TOO_MANY_INTROSPECTION_FIELDS'
  | 'TOO_MANY_REPEATED_FIELDS'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_VARIABLES'
  | 'TOO_MANY_FRAGMENT_VISITS'
  | 'DOCUMENT_TOO_COMPLEX'
  | 'QUERY_TOO_COSTLY'
  | 'RESULT_TOO_LARGE';

function limitError(code: LimitCode, message: string, limit: number, actual?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, ...(actual !== undefined ? { actual } : {}) } });
}

/** One operation of a request, as the HTTP layer hands it over (after persisted queries are resolved). */
export interface OperationRequest {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
}

export interface OperationInspection {
  /** The first limit the operation breaks, or null. */
  refusal: GraphQLError | null;
  /** The estimated values of its answer (0 when it does not get that far). */
  resultFields: number;
  /** The work of the check itself, in steps (AST nodes visited, name entries merged). */
  steps: number;
}

/**
 * The operations of one request: each checked as a plain request would be, and the answers of
 * a batch bounded together by MAX_RESULT_FIELDS, since they leave as one response.
 */
export function checkRequestOperations(
  schema: GraphQLSchema,
  operations: readonly OperationRequest[],
  limits: OperationLimits,
  regionCount: number,
): GraphQLError | null {
  let resultFields = 0;
  for (const operation of operations) {
    const inspection = inspectOperation(schema, operation, limits, regionCount);
    if (inspection.refusal) return inspection.refusal;
    resultFields = add(resultFields, inspection.resultFields);
  }
  if (operations.length > 1 && resultFields > limits.maxResultFields) {
    return limitError(
      'RESULT_TOO_LARGE',
      `The answers of this batch may hold up to ${resultFields} values together; the limit is ${limits.maxResultFields}. Send fewer operations at once, or ask for fewer items (\`first\`) or fields.`,
      limits.maxResultFields,
      resultFields,
    );
  }
  return null;
}

/**
 * Checks one operation. A document that does not parse, or names no runnable operation, is
 * left for Apollo to answer with its usual errors (after the checks of the whole document,
 * which validation reads even then).
 */
export function inspectOperation(
  schema: GraphQLSchema,
  request: OperationRequest,
  limits: OperationLimits,
  regionCount: number,
): OperationInspection {
  const steps: StepCounter = { count: 0 };
  const refused = (refusal: GraphQLError): OperationInspection => ({ refusal, resultFields: 0, steps: steps.count });
  const { query } = request;
  if (query.length > limits.maxDocumentLength) {
    return refused(
      limitError(
        'DOCUMENT_TOO_LARGE',
        `The document is ${query.length} characters long; the limit is ${limits.maxDocumentLength}.`,
        limits.maxDocumentLength,
        query.length,
      ),
    );
  }
  const parsed = parseWithinLimits(query, limits.maxDepth, limits.maxTokens);
  switch (parsed.kind) {
    case 'too-deep':
      return refused(
        limitError(
          'QUERY_TOO_DEEP',
          `The operation nests deeper than ${limits.maxDepth} levels.`,
          limits.maxDepth,
          parsed.nesting,
        ),
      );
    case 'too-many-tokens':
      return refused(
        limitError('DOCUMENT_TOO_LARGE', `The document has more than ${limits.maxTokens} tokens.`, limits.maxTokens),
      );
    case 'unparsable':
      return { refusal: null, resultFields: 0, steps: steps.count };
    case 'parsed':
      break;
  }
  const document = parsed.document;
  const operation = chosenOperation(document, request.operationName);
  if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
    return refused(
      limitError('OPERATION_NOT_SUPPORTED', 'This gateway has no subscriptions; send a query or a mutation.', 0),
    );
  }
  const summaries = new DocumentSummaries(
    schema,
    document,
    new VariableValues(request.variables ?? {}, operation),
    regionCount,
    steps,
  );
  summaries.run();
  const summary = operation ? summaries.operations.get(operation) : undefined;
  const refusal = firstRefusal(summaries, summary, limits);
  if (refusal) return refused(refusal);
  return { refusal: null, resultFields: summary ? atPage(summary.results, 1) : 0, steps: steps.count };
}

/**
 * The EKS calls the estimate allows `request` (its chosen operation), as the limit compares
 * them with MAX_EKS_CALLS; null when the document does not parse or names no operation.
 */
export function estimateEksCalls(schema: GraphQLSchema, request: OperationRequest, regionCount: number): number | null {
  const parsed = parseWithinLimits(
    request.query,
    DEFAULT_OPERATION_LIMITS.maxDepth,
    DEFAULT_OPERATION_LIMITS.maxTokens,
  );
  if (parsed.kind !== 'parsed') return null;
  const operation = chosenOperation(parsed.document, request.operationName);
  if (!operation) return null;
  const summaries = new DocumentSummaries(
    schema,
    parsed.document,
    new VariableValues(request.variables ?? {}, operation),
    regionCount,
    { count: 0 },
  );
  summaries.run();
  const summary = summaries.operations.get(operation);
  return summary ? estimatedCalls(summary) : null;
}

function chosenOperation(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
}

/** An operation's EKS calls: its objects' own Describe calls and those of the fields below. */
function estimatedCalls(summary: Summary): number {
  return add(summary.describe ? 1 : 0, atPage(summary.calls, 1));
}

/**
 * The limits in a fixed order: what validation reads in the whole document first (directives,
 * variables), then the operation's own shape, then the bounds of validation's work, then the
 * estimates of execution.
 */
function firstRefusal(
  summaries: DocumentSummaries,
  operation: Summary | undefined,
  limits: OperationLimits,
): GraphQLError | null {
  if (summaries.directives > limits.maxDirectives) {
    return limitError(
      'TOO_MANY_DIRECTIVES',
      `The document uses ${summaries.directives} directives; the limit is ${limits.maxDirectives}.`,
      limits.maxDirectives,
      summaries.directives,
    );
  }
  if (summaries.variables > limits.maxVariables) {
    return limitError(
      'TOO_MANY_VARIABLES',
      `The document defines ${summaries.variables} variables; the limit is ${limits.maxVariables}.`,
      limits.maxVariables,
      summaries.variables,
    );
  }
  const shape = operation ? shapeRefusal(operation, limits) : null;
  if (shape) return shape;
  const definitions = [...summaries.operations.values(), ...summaries.fragments.values()];
  let repeated = 0;
  let visits = 0;
  let validationSteps = summaries.fragmentComparisons;
  for (const definition of definitions) {
    repeated = Math.max(repeated, definition.repeat);
    validationSteps = add(validationSteps, add(definition.nodes, definition.pairs));
  }
  for (const summary of summaries.operations.values()) visits = add(visits, summary.viaFragments);
  if (repeated > limits.maxRepeatedFields) {
    return limitError(
      'TOO_MANY_REPEATED_FIELDS',
      `The document merges up to ${repeated} fields at one response path (fields with the same response name, fragments included); the limit is ${limits.maxRepeatedFields}. Select each field once, or give repeats distinct aliases.`,
      limits.maxRepeatedFields,
      repeated,
    );
  }
  if (visits > limits.maxFragmentVisits) {
    return limitError(
      'TOO_MANY_FRAGMENT_VISITS',
      `The operations of this document re-walk ${visits} fragment selections in all; the limit is ${limits.maxFragmentVisits}. Send one operation per document, or smaller fragments.`,
      limits.maxFragmentVisits,
      visits,
    );
  }
  if (validationSteps > limits.maxDocumentSteps) {
    return limitError(
      'DOCUMENT_TOO_COMPLEX',
      `Validating this document may take up to ${validationSteps} steps; the limit is ${limits.maxDocumentSteps}. Send a smaller document, with fewer fragments and repeated fields.`,
      limits.maxDocumentSteps,
      validationSteps,
    );
  }
  return operation ? estimateRefusal(operation, limits) : null;
}

/** The limits on the shape of the operation that runs. */
function shapeRefusal(summary: Summary, limits: OperationLimits): GraphQLError | null {
  if (summary.depth > limits.maxDepth) {
    return limitError(
      'QUERY_TOO_DEEP',
      `The operation nests fields deeper than ${limits.maxDepth} levels.`,
      limits.maxDepth,
      summary.depth,
    );
  }
  if (summary.aliases > limits.maxAliases) {
    return limitError(
      'TOO_MANY_ALIASES',
      `The operation uses ${summary.aliases} aliases once fragments are expanded; the limit is ${limits.maxAliases}.`,
      limits.maxAliases,
      summary.aliases,
    );
  }
  if (summary.fields > limits.maxFields) {
    return limitError(
      'TOO_MANY_FIELDS',
      `The operation selects ${summary.fields} fields once fragments are expanded; the limit is ${limits.maxFields}.`,
      limits.maxFields,
      summary.fields,
    );
  }
  if (summary.introspectionFields > limits.maxIntrospectionFields) {
    return limitError(
      'TOO_MANY_INTROSPECTION_FIELDS',
      `The operation selects ${summary.introspectionFields} introspection fields (under __schema and __type) once fragments are expanded; the limit is ${limits.maxIntrospectionFields}.`,
      limits.maxIntrospectionFields,
      summary.introspectionFields,
    );
  }
  return null;
}

/** The estimates of what running the operation costs: EKS calls, and values in the answer. */
function estimateRefusal(summary: Summary, limits: OperationLimits): GraphQLError | null {
  const calls = estimatedCalls(summary);
  if (calls > limits.maxEksCalls) {
    return limitError(
      'QUERY_TOO_COSTLY',
      `This operation may cost up to ${calls} EKS calls; the limit is ${limits.maxEksCalls}. Ask for fewer items (\`first\`) or fewer detail fields per item.`,
      limits.maxEksCalls,
      calls,
    );
  }
  const results = atPage(summary.results, 1);
  if (results > limits.maxResultFields) {
    return limitError(
      'RESULT_TOO_LARGE',
      `The answer to this operation may hold up to ${results} values (items times fields, through nested lists); the limit is ${limits.maxResultFields}. Ask for fewer items (\`first\`) or fewer fields per item.`,
      limits.maxResultFields,
      results,
    );
  }
  return null;
}
