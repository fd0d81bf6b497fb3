/**
 * One SigV4 signer per client and auth scheme instead of one per call. Without a `signer` in its
 * configuration the SDK makes a new one for every request it signs, from a copy of the client's
 * whole resolved configuration. The signer keeps no per-request state and asks the client's
 * credential provider for the credentials at each signing, so reusing it changes nothing of
 * what is signed or with which credentials (refreshed ones included).
 */
import type { AuthScheme, RequestSigner } from '@smithy/types';

type SignerOf = (authScheme?: AuthScheme) => Promise<RequestSigner>;

/** Makes the client reuse the signers its configuration makes; once per client, before its first call. */
export function reuseSigners(client: { config: { signer: SignerOf } }): void {
  const make = client.config.signer;
  const made = new Map<string, Promise<RequestSigner>>();
  client.config.signer = (authScheme) => {
    const key = `${authScheme?.name}|${authScheme?.signingName}|${authScheme?.signingRegion}`;
    let signer = made.get(key);
    if (!signer) {
      signer = make(authScheme);
      made.set(key, signer);
      // A signer that could not be made is made again by the next call.
      signer.catch(() => made.delete(key));
    }
    return signer;
  };
}
