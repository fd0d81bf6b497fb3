/**
 * A mutation's typed payload errors (nothing was changed), sorted to the form fields they concern:
 * `INVALID_INPUT` names the field by its path in the input (`namespace`, `tags.2.key`), and a refused
 * role (`INVALID_ROLE`, or `FORBIDDEN` naming a denied role) concerns the role field.
 */
export interface PayloadError {
  readonly __typename: string;
  readonly code: string;
  readonly message: string;
  readonly field?: string | null;
  readonly deniedRoleArn?: string | null;
}

export interface SortedErrors<F extends string> {
  /** Messages beside each field. */
  readonly byField: Partial<Record<F, string[]>>;
  /** Messages for the form as a whole, with their codes. */
  readonly general: string[];
}

export const NO_ERRORS: SortedErrors<never> = { byField: {}, general: [] };

export function sortErrors<F extends string>(
  errors: readonly PayloadError[],
  fieldFor: (path: string) => F | null,
  roleField: F | null = null,
): SortedErrors<F> {
  const byField: Partial<Record<F, string[]>> = {};
  const general: string[] = [];
  for (const error of errors) {
    const field =
      error.__typename === 'InvalidInputError' && error.field
        ? fieldFor(error.field)
        : error.__typename === 'InvalidRoleError' || (error.__typename === 'ForbiddenError' && error.deniedRoleArn)
          ? roleField
          : null;
    if (field === null) general.push(`${error.message} (${error.code})`);
    else (byField[field] ??= []).push(error.message);
  }
  return { byField, general };
}
