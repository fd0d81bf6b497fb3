/** The work the limits check does, counted in steps (AST nodes visited, name entries merged). */
export interface StepCounter {
  count: number;
}
