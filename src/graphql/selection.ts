/**
 * Reads which fields of a type an operation selects below the current field, following
 * fragments and honouring @include/@skip. Lets a resolver start the calls its children will
 * need before they run, so they happen in parallel instead of one after another.
 */
import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

export interface SelectedField {
  name: string;
  node: FieldNode;
}

/** The fields selected on `type` (or on an interface it implements) below the current field. */
export function selectedFields(info: GraphQLResolveInfo, type: GraphQLObjectType): SelectedField[] {
  const out: SelectedField[] = [];
  const appliesTo = new Set([type.name, ...type.getInterfaces().map((i) => i.name)]);
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection, info)) continue;
      switch (selection.kind) {
        case Kind.FIELD:
          out.push({ name: selection.name.value, node: selection });
          break;
        case Kind.INLINE_FRAGMENT:
          if (!selection.typeCondition || appliesTo.has(selection.typeCondition.name.value))
            visit(selection.selectionSet, seen);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = info.fragments[name];
          if (fragment && !seen.has(name) && appliesTo.has(fragment.typeCondition.name.value)) {
            visit(fragment.selectionSet, new Set([...seen, name]));
          }
          break;
        }
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  return out;
}

/** The argument values of a selected field, with variables and defaults applied. */
export function argumentsOf(
  type: GraphQLObjectType,
  field: SelectedField,
  info: GraphQLResolveInfo,
): Record<string, unknown> {
  const definition = type.getFields()[field.name];
  if (!definition) throw new Error(`Type ${type.name} has no field ${field.name}`);
  return getArgumentValues(definition, field.node, info.variableValues);
}

function included(node: Parameters<typeof getDirectiveValues>[1], info: GraphQLResolveInfo): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.if !== false;
}
