/** The wire protocol around the operations, checked with raw HTTP: auth, headers, bodies, routes. */
import type { RunningEmulator } from '../../../src/emulator';
import { authorization, raw, role, start } from './helpers';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await start({ seed: { clusters: [{ name: 'alpha', region: 'us-east-1' }] } });
});
afterAll(() => emulator.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectWireError(res: Awaited<ReturnType<typeof raw>>, status: number, type: string, message: string | RegExp) {
  expect({
    status: res.status,
    type: res.headers.get('x-amzn-ErrorType'),
    contentType: res.headers.get('content-type'),
  }).toEqual({
    status,
    type,
    contentType: 'application/json',
  });
  expect(res.headers.get('x-amzn-RequestId')).toMatch(UUID);
  if (typeof message === 'string') expect(res.body.message).toBe(message);
  else expect(res.body.message).toMatch(message);
}

describe('authentication', () => {
  test('no Authorization header: 403 MissingAuthenticationTokenException', async () => {
    const res = await raw(emulator.url, '/clusters', { region: null });
    expectWireError(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  });

  test.each([
    ['another scheme', 'Basic dGVzdDp0ZXN0', /Only AWS4-HMAC-SHA256/],
    ['no Credential', 'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc', /requires 'Credential' parameter/],
    [
      'no Signature',
      'AWS4-HMAC-SHA256 Credential=k/20260115/us-east-1/eks/aws4_request, SignedHeaders=host',
      /requires 'Signature' parameter/,
    ],
    [
      'a short scope',
      'AWS4-HMAC-SHA256 Credential=k/20260115/us-east-1, SignedHeaders=host, Signature=abc',
      /Credential must be <access key>\/<yyyymmdd>\/<region>\/eks\/aws4_request/,
    ],
    [
      'a bad date',
      'AWS4-HMAC-SHA256 Credential=k/2026-01-15/us-east-1/eks/aws4_request, SignedHeaders=host, Signature=abc',
      /date must be yyyymmdd/,
    ],
    [
      'a bad region',
      'AWS4-HMAC-SHA256 Credential=k/20260115/US_EAST/eks/aws4_request, SignedHeaders=host, Signature=abc',
      /scoped to a valid region; received 'US_EAST'/,
    ],
    [
      'another service',
      'AWS4-HMAC-SHA256 Credential=k/20260115/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc',
      /scoped to correct service: 'eks'; received 's3'/,
    ],
    [
      'a bad terminator',
      'AWS4-HMAC-SHA256 Credential=k/20260115/us-east-1/eks/aws4, SignedHeaders=host, Signature=abc',
      /valid terminator: 'aws4_request'/,
    ],
  ])('a malformed Authorization header (%s): 403 InvalidSignatureException', async (_label, header, message) => {
    const res = await raw(emulator.url, '/clusters', { headers: { authorization: header } });
    expectWireError(res, 403, 'InvalidSignatureException', message);
  });

  test('signatures are not verified: any well-formed header works and selects its region', async () => {
    const res = await raw(emulator.url, '/clusters', { region: 'us-east-1' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ clusters: ['alpha'] });
    expect(res.headers.get('x-amzn-RequestId')).toMatch(UUID);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await raw(emulator.url, '/clusters', { region: 'eu-west-1' })).body).toEqual({ clusters: [] });
  });
});

describe('request bodies', () => {
  const path = '/clusters/alpha/pod-identity-associations';

  test('malformed JSON: 400 SerializationException', async () => {
    const res = await raw(emulator.url, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"namespace": ',
    });
    expectWireError(res, 400, 'SerializationException', /The request body is not valid JSON/);
  });

  test('a JSON body that is not an object: 400 SerializationException', async () => {
    const res = await raw(emulator.url, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2]',
    });
    expectWireError(
      res,
      400,
      'SerializationException',
      'The request body must be a JSON object; received a JSON array.',
    );
  });

  test('a body with a wrong or missing content type: 415 UnsupportedMediaTypeException', async () => {
    const body = JSON.stringify({ namespace: 'ns', serviceAccount: 'sa', roleArn: role('r') });
    const wrong = await raw(emulator.url, path, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expectWireError(
      wrong,
      415,
      'UnsupportedMediaTypeException',
      /content-type application\/json; received content-type 'text\/plain'/,
    );
    const missing = await raw(emulator.url, path, { method: 'POST', body: Buffer.from(body) });
    expectWireError(missing, 415, 'UnsupportedMediaTypeException', /received content-type '\(none\)'/);
  });

  test('application/x-amz-json-1.1 (with parameters) is accepted too', async () => {
    const body = JSON.stringify({ namespace: 'amz', serviceAccount: 'sa', roleArn: role('r') });
    const res = await raw(emulator.url, path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1; charset=utf-8' },
      body,
    });
    expect(res.status).toBe(200);
  });

  test('an empty body without a content type is an empty input, not a protocol error', async () => {
    const res = await raw(emulator.url, path, { method: 'POST' });
    expectWireError(res, 400, 'InvalidParameterException', 'The parameter namespace is required.');
  });

  test('a body over 1 MiB: 413', async () => {
    const body = JSON.stringify({
      namespace: 'ns',
      serviceAccount: 'sa',
      roleArn: role('r'),
      padding: 'x'.repeat(1024 * 1024),
    });
    const res = await raw(emulator.url, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expectWireError(res, 413, 'RequestEntityTooLargeException', /exceeds the limit of 1048576 bytes/);
  });
});

describe('routing', () => {
  test('an unknown route: 404 UnknownOperationException', async () => {
    for (const path of [
      '/',
      '/clusters/alpha/node-groups',
      '/clusters/alpha/pod-identity-associations/a-0123456789abcdefg/extra',
      '/nothing',
    ]) {
      const res = await raw(emulator.url, path);
      expectWireError(res, 404, 'UnknownOperationException', /Unknown operation/);
    }
  });

  test('a known path with a wrong method: 405 in the same wire format, with Allow', async () => {
    const res = await raw(emulator.url, '/clusters/alpha/pod-identity-associations', { method: 'DELETE' });
    expectWireError(res, 405, 'MethodNotAllowedException', /Method DELETE is not allowed.*allowed: GET, POST/);
    expect(res.headers.get('allow')).toBe('GET, POST');
    const put = await raw(emulator.url, '/clusters/alpha', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expectWireError(put, 405, 'MethodNotAllowedException', /allowed: GET/);
  });

  test('path labels are percent-decoded; an encoded / stays inside its label', async () => {
    const decoded = await raw(emulator.url, '/clusters/%61lpha/pod-identity-associations');
    expect(decoded.status).toBe(200);
    const slash = await raw(emulator.url, '/clusters/alpha%2Fpod-identity-associations');
    expectWireError(slash, 400, 'InvalidParameterException', /received 'alpha\/pod-identity-associations'/);
    const broken = await raw(emulator.url, '/clusters/%E0%A4%A');
    expect(broken.status).toBe(400);
    expect(broken.headers.get('x-amzn-ErrorType')).toBe('SerializationException');
  });

  test('query parameters are read from the query string: maxResults must be an integer 1-100', async () => {
    for (const value of ['0', '101', 'ten', '1.5', '-1', '']) {
      const res = await raw(emulator.url, `/clusters/alpha/pod-identity-associations?maxResults=${value}`);
      expectWireError(
        res,
        400,
        'InvalidParameterException',
        new RegExp(`maxResults must be an integer between 1 and 100; received '${value.replace('.', '\\.')}'`),
      );
    }
  });

  test('every response carries a fresh request id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await raw(emulator.url, '/clusters')).headers.get('x-amzn-RequestId') ?? '');
    ids.add((await raw(emulator.url, '/nothing')).headers.get('x-amzn-RequestId') ?? '');
    expect(ids.size).toBe(4);
  });
});

test('an unknown control endpoint answers in the same wire format', async () => {
  const res = await fetch(`${emulator.url}/_emulator/nothing`, { headers: { authorization: authorization() } });
  expect(res.status).toBe(404);
  expect(res.headers.get('x-amzn-ErrorType')).toBe('UnknownOperationException');
  expect(((await res.json()) as { message: string }).message).toMatch(
    /Unknown emulator control endpoint \/_emulator\/nothing/,
  );
});
