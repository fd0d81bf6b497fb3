/**
 * A change the policy does not allow. Raised by `AuthorizedPodIdentityService` before any
 * mutating EKS call; the mutation resolvers turn it into a typed `FORBIDDEN` payload error.
 */
import type { Action } from './policy';

export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';

  constructor(
    message: string,
    readonly action: Action,
    /** The role the caller may not bind, when the role was the reason. */
    readonly roleArn: string | null = null,
  ) {
    super(message);
  }
}
