/**
 * The user-agent headers worked out once per client and command are the ones the SDK's own
 * middleware sets on every call.
 */
import { DescribePodIdentityAssociationCommand, EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { rememberUserAgent } from '../../src/eks/userAgent';

const ANSWERS: Record<string, string> = {
  DescribePodIdentityAssociationCommand: JSON.stringify({
    association: { clusterName: 'apps', namespace: 'shop', serviceAccount: 'cart', associationId: 'a-1' },
  }),
  ListClustersCommand: JSON.stringify({ clusters: ['apps'] }),
};

function recordingClient(remember: boolean): { client: EKSClient; sent: Array<Record<string, string>> } {
  const sent: Array<Record<string, string>> = [];
  let answer = '';
  const client = new EKSClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    cacheMiddleware: true,
    userAgentAppId: 'gateway-test',
    requestHandler: {
      handle: (request: { headers: Record<string, string> }) => {
        sent.push({ ...request.headers });
        return Promise.resolve({
          response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(answer) },
        });
      },
    },
  });
  if (remember) rememberUserAgent(client);
  const send = client.send.bind(client);
  client.send = ((command: { constructor: { name: string } }) => {
    answer = ANSWERS[command.constructor.name] ?? '{}';
    return send(command as never);
  }) as typeof client.send;
  return { client, sent };
}

async function sendEach(client: EKSClient): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await client.send(new DescribePodIdentityAssociationCommand({ clusterName: 'apps', associationId: 'a-1' }));
    await client.send(new ListClustersCommand({}));
  }
}

const userAgents = (sent: Array<Record<string, string>>) =>
  sent.map((headers) => [headers['user-agent'], headers['x-amz-user-agent']]);

test("every call carries the SDK's own user-agent headers", async () => {
  const sdk = recordingClient(false);
  const remembered = recordingClient(true);
  await sendEach(sdk.client);
  await sendEach(remembered.client);
  expect(userAgents(remembered.sent)).toEqual(userAgents(sdk.sent));
  expect(remembered.sent[2]?.['user-agent']).toMatch(/aws-sdk-js\/\S+ .*app\/gateway-test/);
  expect(remembered.sent[2]?.['x-amz-user-agent']).toMatch(/^aws-sdk-js\//);
});

test("the SDK's middleware is replaced, not run beside it", () => {
  const { client } = recordingClient(true);
  const names = client.middlewareStack.identify().join(' ');
  expect(names).toMatch(/rememberedUserAgent/);
  expect(names).not.toMatch(/getUserAgentMiddleware/);
});
