/** The work the limits check does, counted in steps (AST nodes visited, name entries merged). */
export interface StepCounter {
  count: number;
}

/**
 * The most steps the check takes per token of the document. Each selection, argument,
 * directive and definition costs a step or two; a fragment spread (two tokens) also merges the
 * response names the fragment hands over, at most 64 (see responseNames.ts), and each name
 * merged is read again when the set's bounds are computed. The property test holds the check
 * to it.
 */
export const STEPS_PER_TOKEN = 100;
