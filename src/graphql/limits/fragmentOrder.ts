/**
 * The order in which fragment summaries can be computed bottom-up: every fragment after the
 * fragments it spreads, found by an iterative depth-first search (a chain of thousands of
 * fragments must not overflow the stack). A spread that closes a cycle is left out; validation
 * refuses the document for it, and no count may loop on it meanwhile.
 */
import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { StepCounter } from './steps';

/** The fragment names spread anywhere in `set`, nested fields and inline fragments included. */
function spreadNames(set: SelectionSetNode, steps: StepCounter): string[] {
  const names: string[] = [];
  const pending: SelectionSetNode[] = [set];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const selection of next.selections) {
      steps.count += 1;
      if (selection.kind === Kind.FRAGMENT_SPREAD) names.push(selection.name.value);
      else if (selection.selectionSet) pending.push(selection.selectionSet);
    }
  }
  return names;
}

/**
 * Every fragment definition (duplicates too), each after the ones it spreads; `fragments` maps a
 * name to the definition a spread means (the last of that name, as graphql-js executes).
 */
export function bottomUpOrder(
  definitions: readonly FragmentDefinitionNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  steps: StepCounter,
): FragmentDefinitionNode[] {
  const spreads = new Map<FragmentDefinitionNode, string[]>();
  for (const definition of definitions) spreads.set(definition, spreadNames(definition.selectionSet, steps));
  const state = new Map<FragmentDefinitionNode, 'open' | 'done'>();
  const order: FragmentDefinitionNode[] = [];
  for (const root of definitions) {
    if (state.has(root)) continue;
    const stack: Array<{ fragment: FragmentDefinitionNode; next: number }> = [{ fragment: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { fragment: FragmentDefinitionNode; next: number };
      const names = spreads.get(top.fragment) as string[];
      if (top.next < names.length) {
        steps.count += 1;
        const child = fragments.get(names[top.next] as string);
        top.next += 1;
        if (child && !state.has(child)) {
          state.set(child, 'open');
          stack.push({ fragment: child, next: 0 });
        }
        continue;
      }
      state.set(top.fragment, 'done');
      order.push(top.fragment);
      stack.pop();
    }
  }
  return order;
}
