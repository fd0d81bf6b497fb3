/**
 * An EKS error message reaches clients cut to a sane length, whatever the backend sends: here
 * an endpoint that answers every call with a 5 MB InvalidParameterException, parsed by the real
 * SDK. The cut shows in a top-level fault (EKS_REQUEST_REJECTED) and in a mutation's payload
 * error, and the answers stay small.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { MAX_EKS_MESSAGE_LENGTH } from '../../../src/eks/errors';
import { startGateway, type RunningGateway } from '../../../src/server/gateway';
import { role } from '../../helpers/stack';

const HUGE = 5 * 1024 * 1024;
const message = `The parameter name is not valid: ${'x'.repeat(HUGE)}`;

let backend: Server;
let gateway: RunningGateway;
let calls = 0;

beforeAll(async () => {
  const body = JSON.stringify({ message });
  backend = createServer((req, res) => {
    calls += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(400, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'InvalidParameterException',
        'x-amzn-requestid': 'req-huge',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  gateway = await startGateway({
    config: loadConfig({
      PORT: '0',
      EKS_ENDPOINT: endpoint,
      LOG_LEVEL: 'silent',
      CACHE_TTL_MS: '0',
      GATEWAY_REGIONS: 'us-east-1',
      EKS_MAX_ATTEMPTS: '1',
    }),
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await gateway.close();
  backend.closeAllConnections();
  await new Promise<void>((resolve) => backend.close(() => resolve()));
});

async function post(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return {
    status: res.status,
    size: text.length,
    body: JSON.parse(text) as {
      data?: Record<string, unknown> | null;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    },
  };
}

test('a top-level EKS fault carries the message cut, marked with its full length', async () => {
  const answer = await post('{ cluster(name: "apps") { version } }');
  expect(calls).toBeGreaterThan(0);
  expect(answer.status).toBe(200);
  const [error] = answer.body.errors ?? [];
  expect(error?.extensions).toMatchObject({
    code: 'EKS_REQUEST_REJECTED',
    awsErrorName: 'InvalidParameterException',
    awsRequestId: 'req-huge',
  });
  expect(error?.message).toMatch(
    /^EKS refused the request: The parameter name is not valid: x+ \[\.\.\. cut: 5242913 characters in all\]$/,
  );
  expect(error!.message.length).toBeLessThanOrEqual(MAX_EKS_MESSAGE_LENGTH + 30);
  expect(answer.size).toBeLessThan(4_000);
});

test("a mutation's payload error carries the message cut", async () => {
  const answer = await post(
    `mutation C($input: CreatePodIdentityAssociationInput!) {
      createPodIdentityAssociation(input: $input) { errors { code message } }
    }`,
    {
      input: {
        clusterName: 'apps',
        region: 'us-east-1',
        namespace: 'team',
        serviceAccount: 'api',
        roleArn: role('team-api'),
      },
    },
  );
  expect(answer.body.errors).toBeUndefined();
  const payload = answer.body.data?.createPodIdentityAssociation as {
    errors: Array<{ code: string; message: string }>;
  };
  expect(payload.errors).toHaveLength(1);
  expect(payload.errors[0]?.code).toBe('INVALID_INPUT');
  expect(payload.errors[0]?.message.length).toBeLessThanOrEqual(MAX_EKS_MESSAGE_LENGTH + 1);
  expect(payload.errors[0]?.message).toMatch(/cut: 5242913 characters in all\]/);
  expect(answer.size).toBeLessThan(4_000);
});
