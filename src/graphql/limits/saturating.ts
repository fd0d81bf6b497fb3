/**
 * Arithmetic that stops at a ceiling instead of overflowing: counts multiplied through fragment
 * spreads and nested lists can be astronomically large (a 2 kB fragment bomb expands to 2^29
 * fields), and each is only ever compared with a limit far below the ceiling.
 */
export const SATURATED = Number.MAX_SAFE_INTEGER;

export function add(a: number, b: number): number {
  return Math.min(a + b, SATURATED);
}

export function mul(a: number, b: number): number {
  return Math.min(a * b, SATURATED);
}

/** A count per object that grows with the page size of the connection it is read in. */
export interface PerPage {
  fixed: number;
  perPage: number;
}

export function perPage(): PerPage {
  return { fixed: 0, perPage: 0 };
}

export function addPerPage(into: PerPage, other: PerPage): void {
  into.fixed = add(into.fixed, other.fixed);
  into.perPage = add(into.perPage, other.perPage);
}

export function atPage(value: PerPage, page: number): number {
  return add(value.fixed, mul(value.perPage, page));
}
