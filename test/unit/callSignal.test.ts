/**
 * A call's abort signal reaches the HTTP handler with the call's own request, on a client that
 * caches each command's middleware (its handler context is shared by every call of a command),
 * and with no async context.
 */
import { DescribePodIdentityAssociationCommand, EKSClient } from '@aws-sdk/client-eks';
import { carryCallSignals, signalOfRequest, startWithSignal } from '../../src/eks/callSignal';

const ANSWER = JSON.stringify({
  association: {
    clusterName: 'apps',
    namespace: 'shop',
    serviceAccount: 'cart',
    roleArn: 'arn:aws:iam::111122223333:role/cart',
    associationArn: 'arn:aws:eks:us-east-1:111122223333:podidentityassociation/apps/a-1',
    associationId: 'a-1',
  },
});

/** A client whose handler records each request's signal; the first `failures` attempts get a 503. */
function recordingClient(failures = 0): { client: EKSClient; seen: Array<AbortSignal | undefined> } {
  const seen: Array<AbortSignal | undefined> = [];
  const client = new EKSClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    cacheMiddleware: true,
    maxAttempts: failures + 1,
    requestHandler: {
      handle: (request: object) => {
        seen.push(signalOfRequest(request));
        const statusCode = seen.length <= failures ? 503 : 200;
        return Promise.resolve({
          response: {
            statusCode,
            headers: { 'content-type': 'application/json' },
            body: Buffer.from(statusCode === 200 ? ANSWER : '{}'),
          },
        });
      },
    },
  });
  carryCallSignals(client);
  return { client, seen };
}

const describe1 = () => new DescribePodIdentityAssociationCommand({ clusterName: 'apps', associationId: 'a-1' });

test('each call hands its own signal to its request, and a call without one hands none', async () => {
  const { client, seen } = recordingClient();
  const first = new AbortController().signal;
  const second = new AbortController().signal;
  const out = await startWithSignal(first, () => client.send(describe1()));
  expect(out.association?.associationId).toBe('a-1');
  await startWithSignal(second, () => client.send(describe1()));
  await startWithSignal(null, () => client.send(describe1()));
  // Started together: each keeps its own, and a send outside any start has none.
  const together = [startWithSignal(second, () => client.send(describe1())), client.send(describe1())];
  await Promise.all(together);
  expect(seen).toEqual([first, second, undefined, second, undefined]);
});

test('a retried attempt is a new request, and carries the signal too', async () => {
  const { client, seen } = recordingClient(1);
  const signal = new AbortController().signal;
  await startWithSignal(signal, () => client.send(describe1()));
  expect(seen).toEqual([signal, signal]);
});
