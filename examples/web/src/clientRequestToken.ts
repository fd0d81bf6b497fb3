/**
 * Idempotency tokens for mutations: the same input sent again (a Retry after a fault) carries the
 * same `clientRequestToken`, so EKS applies it once; a changed input gets a new token, since EKS
 * refuses a token reused with other parameters.
 */
export class RequestTokens {
  private last: { input: string; token: string } | null = null;

  tokenFor(input: unknown): string {
    const key = JSON.stringify(input);
    if (this.last?.input !== key) this.last = { input: key, token: crypto.randomUUID() };
    return this.last.token;
  }
}
