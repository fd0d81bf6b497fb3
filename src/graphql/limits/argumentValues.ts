/**
 * The few argument values the estimates need (`first`, how many `ids`, whether `region` and
 * `after` are given) and @skip/@include, read straight from the AST: constant time per
 * argument, where coercing every argument (a list of thousands of ids, once per field that
 * uses it) would not be.
 */
import {
  Kind,
  valueFromASTUntyped,
  type ArgumentNode,
  type DirectiveNode,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import type { EstimateArguments } from '../costModel';

/** Variable values as the operation will see them: the request's, else the definition's default. */
export class VariableValues {
  private readonly defaults = new Map<string, ValueNode>();
  private readonly resolvedDefaults = new Map<string, unknown>();

  constructor(
    private readonly given: Record<string, unknown>,
    operation: OperationDefinitionNode | undefined,
  ) {
    for (const definition of operation?.variableDefinitions ?? []) {
      if (definition.defaultValue) this.defaults.set(definition.variable.name.value, definition.defaultValue);
    }
  }

  get(name: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this.given, name)) return this.given[name];
    const literal = this.defaults.get(name);
    if (!literal) return undefined;
    if (!this.resolvedDefaults.has(name)) this.resolvedDefaults.set(name, valueFromASTUntyped(literal));
    return this.resolvedDefaults.get(name);
  }
}

export function estimateArguments(
  args: readonly ArgumentNode[] | undefined,
  variables: VariableValues,
): EstimateArguments {
  const out: EstimateArguments = { region: false, after: false };
  for (const arg of args ?? []) {
    const value = arg.value;
    switch (arg.name.value) {
      case 'first': {
        const first =
          value.kind === Kind.VARIABLE
            ? variables.get(value.name.value)
            : value.kind === Kind.INT
              ? Number(value.value)
              : undefined;
        if (typeof first === 'number') out.first = first;
        break;
      }
      case 'ids':
        out.ids = listLength(value, variables);
        break;
      case 'region':
        out.region = isGiven(value, variables);
        break;
      case 'after':
        out.after = isGiven(value, variables);
        break;
    }
  }
  return out;
}

function listLength(value: ValueNode, variables: VariableValues): number | undefined {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const given = variables.get(value.name.value);
    if (Array.isArray(given)) return given.length;
    return given === undefined || given === null ? undefined : 1; // a single value is a list of one
  }
  return value.kind === Kind.NULL ? undefined : 1;
}

function isGiven(value: ValueNode, variables: VariableValues): boolean {
  if (value.kind === Kind.NULL) return false;
  if (value.kind === Kind.VARIABLE) {
    const given = variables.get(value.name.value);
    return given !== undefined && given !== null && given !== '';
  }
  return !(value.kind === Kind.STRING && value.value === '');
}

/** Whether @skip/@include let the selection run; an unknown variable counts as included. */
export function isIncluded(directives: readonly DirectiveNode[] | undefined, variables: VariableValues): boolean {
  if (!directives || directives.length === 0) return true;
  for (const directive of directives) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = conditionOf(directive, variables);
    if (name === 'skip' && condition === true) return false;
    if (name === 'include' && condition === false) return false;
  }
  return true;
}

function conditionOf(directive: DirectiveNode, variables: VariableValues): unknown {
  const arg = directive.arguments?.find((a) => a.name.value === 'if');
  if (!arg) return undefined;
  if (arg.value.kind === Kind.BOOLEAN) return arg.value.value;
  if (arg.value.kind === Kind.VARIABLE) return variables.get(arg.value.name.value);
  return undefined;
}
