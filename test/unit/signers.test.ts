/**
 * A client reuses one signer per auth scheme, and what it signs is still signed with the
 * credentials its provider gives at that moment.
 */
import { EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { reuseSigners } from '../../src/eks/signers';

function recordingClient(keys: string[]): { client: EKSClient; authorizations: string[]; made: () => number } {
  const authorizations: string[] = [];
  let call = 0;
  const client = new EKSClient({
    region: 'eu-west-1',
    endpoint: 'http://127.0.0.1:1',
    // Credentials about to expire, so the SDK asks again at each call: a new key each time.
    credentials: () =>
      Promise.resolve({
        accessKeyId: keys[call++ % keys.length] ?? 'none',
        secretAccessKey: 's',
        expiration: new Date(Date.now() + 1000),
      }),
    cacheMiddleware: true,
    requestHandler: {
      handle: (request: { headers: Record<string, string> }) => {
        authorizations.push(request.headers.authorization ?? '');
        return Promise.resolve({
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
            body: Buffer.from('{"clusters":[]}'),
          },
        });
      },
    },
  });
  const make = client.config.signer;
  let made = 0;
  client.config.signer = (authScheme) => {
    made += 1;
    return make(authScheme);
  };
  reuseSigners(client);
  return { client, authorizations, made: () => made };
}

test('one signer for every call, each call signed with the credentials of its moment', async () => {
  const { client, authorizations, made } = recordingClient(['AKIDFIRST', 'AKIDSECOND', 'AKIDTHIRD']);
  for (let i = 0; i < 3; i += 1) await client.send(new ListClustersCommand({}));
  expect(made()).toBe(1);
  expect(authorizations).toHaveLength(3);
  const credentialOf = (authorization: string) => /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(authorization);
  // The SDK asks the provider more than once per call: which key signs which call is its affair,
  // but the keys change from call to call.
  expect(new Set(authorizations.map((a) => credentialOf(a)?.[1])).size).toBeGreaterThan(1);
  for (const authorization of authorizations) {
    expect(credentialOf(authorization)?.slice(2)).toEqual(['eu-west-1', 'eks']);
  }
});
