import { GraphQLError } from 'graphql';
import { ConfigError, loadConfig } from '../../src/config';
import { EksError, isRoleRejection, toEksError } from '../../src/eks/errors';
import { ConcurrencyLimiter } from '../../src/eks/limiter';
import { decodeNodeId, associationId, clusterId } from '../../src/graphql/ids';
import {
  checkNamespace,
  checkRoleArn,
  checkServiceAccount,
  checkTags,
  checkClusterName,
  show,
} from '../../src/graphql/inputRules';
import { formatError } from '../../src/server/apollo';

describe('config', () => {
  test('defaults to the embedded emulator with two regions', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      backend: { kind: 'embedded-emulator', seed: 'demo', stateFile: null },
      regions: ['us-east-1', 'eu-west-1'],
      maxConcurrency: 16,
      logLevel: 'info',
    });
  });
  test('EKS_ENDPOINT selects a running emulator; GATEWAY_BACKEND=aws uses AWS_REGION', () => {
    expect(loadConfig({ EKS_ENDPOINT: 'http://127.0.0.1:4566/' }).backend).toEqual({
      kind: 'emulator-endpoint',
      endpoint: 'http://127.0.0.1:4566',
    });
    const aws = loadConfig({ GATEWAY_BACKEND: 'aws', AWS_REGION: 'eu-central-1' });
    expect(aws.backend).toEqual({ kind: 'aws', endpoint: null });
    expect(aws.regions).toEqual(['eu-central-1']);
    expect(loadConfig({ GATEWAY_REGIONS: 'us-west-2, us-west-2,ap-south-1' }).regions).toEqual([
      'us-west-2',
      'ap-south-1',
    ]);
  });
  test.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535, received "eighty"'],
    [{ PORT: '70000' }, 'PORT'],
    [{ EKS_MAX_CONCURRENCY: '0' }, 'EKS_MAX_CONCURRENCY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ GATEWAY_BACKEND: 'gcp' }, 'GATEWAY_BACKEND must be one of emulator, aws'],
    [{ EKS_ENDPOINT: 'localhost:4566' }, 'EKS_ENDPOINT must be an http(s) URL'],
    [{ GATEWAY_REGIONS: 'us-east-1,Mars' }, '"Mars" is not one'],
    [{ GATEWAY_BACKEND: 'aws' }, 'GATEWAY_REGIONS (or AWS_REGION)'],
  ])('names the bad variable: %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('input rules', () => {
  test('Kubernetes names', () => {
    expect(checkNamespace('payments')).toBeNull();
    expect(checkNamespace('a'.repeat(64))).toContain('at most 63');
    expect(checkNamespace('-x')).toContain('DNS-1123 label');
    expect(checkServiceAccount('my.service-account')).toBeNull();
    expect(checkServiceAccount('My')).toContain('DNS-1123 subdomain');
    expect(checkServiceAccount('a.'.repeat(127) + 'a')).toContain('at most 253');
  });
  test('role ARNs and cluster names', () => {
    expect(checkRoleArn('arn:aws:iam::111122223333:role/path/to/my-role')).toBeNull();
    expect(checkRoleArn('arn:aws-cn:iam::111122223333:role/r')).toBeNull();
    expect(checkRoleArn('arn:aws:iam::1111:role/r')).toContain('IAM role ARN');
    expect(checkRoleArn('arn:aws:iam::111122223333:user/r')).toContain('IAM role ARN');
    // IAM paths are "/" or "/segment/.../": no empty, "." or ".." segment, which IAM would not resolve.
    expect(checkRoleArn('arn:aws:iam::111122223333:role/payments-/platform-admin')).toBeNull();
    expect(checkRoleArn('arn:aws:iam::111122223333:role/payments-x/../platform-admin')).toBe(
      'is not a valid IAM role ARN: it has a ".." path segment; IAM role paths are not resolved, so no role has one, received "arn:aws:iam::111122223333:role/payments-x/../platform-admin"',
    );
    expect(checkRoleArn('arn:aws:iam::111122223333:role/./r')).toContain('has a "." path segment');
    expect(checkRoleArn('arn:aws:iam::111122223333:role/payments-//x')).toContain('has an empty path segment');
    expect(checkRoleArn('arn:aws:iam::111122223333:role/x/')).toContain('has an empty path segment');
    expect(checkRoleArn('arn:aws:iam::111122223333:role/')).toContain('has an empty path segment');
    expect(checkRoleArn('arn:aws:iam::111122223333:role/a b')).toContain('characters that IAM does not allow');
    expect(checkRoleArn(`arn:aws:iam::111122223333:role/${'r'.repeat(65)}`)).toContain('role name of 65 characters');
    expect(checkRoleArn(`arn:aws:iam::111122223333:role/${'p/'.repeat(256)}r`)).toContain('path over 512 characters');
    expect(checkRoleArn(`arn:aws:iam::111122223333:role/${'p/'.repeat(255)}r`)).toBeNull();
    expect(checkClusterName('prod_1-a')).toBeNull();
    expect(checkClusterName('_prod')).toContain('must start with a letter or digit');
    expect(checkClusterName('a'.repeat(101))).toContain('1-100 characters');
  });
  test('tags', () => {
    expect(checkTags([{ key: 'a', value: 'b' }])).toEqual({ problems: [], map: { a: 'b' } });
    expect(checkTags([{ key: 'AWS:x', value: '' }]).problems[0]?.message).toContain('reserved');
  });
  test('values are shown bounded and with control characters escaped', () => {
    expect(show('a\u0000b')).toBe('a\\u0000b');
    expect(show('x'.repeat(500)).length).toBeLessThan(100);
  });
});

describe('node ids', () => {
  test('round-trip, carrying the account, and refuse anything else', () => {
    const key = {
      accountId: '123456789012',
      region: 'us-east-1',
      clusterName: 'prod',
      associationId: 'a-0123456789abcdefg',
    };
    expect(decodeNodeId(associationId(key))).toEqual({ type: 'PodIdentityAssociation', ...key });
    expect(decodeNodeId(clusterId({ accountId: '123456789012', region: 'eu-west-1', name: 'c' }))).toEqual({
      type: 'Cluster',
      accountId: '123456789012',
      region: 'eu-west-1',
      name: 'c',
    });
    for (const bad of [
      '',
      'x',
      Buffer.from('v2:Cluster:us-east-1:c').toString('base64url'),
      Buffer.from('v2:Cluster:12345:us-east-1:c').toString('base64url'),
      Buffer.from('v1:Cluster:us-east-1:c:extra').toString('base64url'),
      Buffer.from('v3:Cluster:123456789012:us-east-1:c').toString('base64url'),
    ]) {
      expect(() => decodeNodeId(bad)).toThrow(/not a valid node id/);
    }
  });

  test("ids made before accounts (version 1) still decode, to no account: the gateway's own", () => {
    expect(decodeNodeId(Buffer.from('v1:Cluster:us-east-1:c').toString('base64url'))).toEqual({
      type: 'Cluster',
      accountId: null,
      region: 'us-east-1',
      name: 'c',
    });
    expect(
      decodeNodeId(Buffer.from('v1:PodIdentityAssociation:us-east-1:c:a-0123456789abcdefg').toString('base64url')),
    ).toEqual({
      type: 'PodIdentityAssociation',
      accountId: null,
      region: 'us-east-1',
      clusterName: 'c',
      associationId: 'a-0123456789abcdefg',
    });
  });
});

describe('EKS errors', () => {
  const sdkError = (name: string, status: number, message = name) =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, requestId: 'req-1' } });
  test.each([
    ['ThrottlingException', 429, 'Throttled', true],
    ['ServiceUnavailableException', 503, 'Unavailable', true],
    ['ServerException', 500, 'Internal', true],
    ['AccessDeniedException', 403, 'AccessDenied', false],
    ['ResourceNotFoundException', 404, 'NotFound', false],
    ['ResourceInUseException', 409, 'AlreadyExists', false],
    ['SomethingNew', 502, 'Internal', true],
  ])('%s (%d) is %s', (name, status, kind, retryable) => {
    const e = toEksError(sdkError(name, status), 'Op');
    expect(e).toBeInstanceOf(EksError);
    expect([e.kind, e.retryable, e.requestId]).toEqual([kind, retryable, 'req-1']);
  });
  test('network failures without a response are Unavailable', () => {
    expect(
      toEksError(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }), 'Op').kind,
    ).toBe('Unavailable');
    expect(toEksError(new Error('AWS SDK error wrapper for TimeoutError: socket hang up'), 'Op').kind).toBe(
      'Unavailable',
    );
  });
  test('role rejections are told apart from other invalid parameters', () => {
    expect(
      isRoleRejection(
        toEksError(sdkError('InvalidParameterException', 400, 'Role provided in the request does not exist'), 'Op'),
      ),
    ).toBe(true);
    expect(isRoleRejection(toEksError(sdkError('InvalidParameterException', 400, 'bad namespace'), 'Op'))).toBe(false);
  });
});

describe('formatError', () => {
  test('masks unexpected errors and keeps client errors', () => {
    const masked = formatError(
      {
        message: 'TypeError: x is undefined at /src/a.ts:1',
        path: ['a'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      new Error('x is undefined'),
    );
    expect(masked).toEqual({
      message: 'Internal server error',
      path: ['a'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const bad = new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(formatError({ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }, bad).message).toBe('bad');
    const fault = new EksError('Throttled', 'Rate exceeded', 'ThrottlingException', 'ListClusters', 'r-1', 429, true);
    expect(formatError({ message: 'Rate exceeded' }, fault).extensions).toMatchObject({
      code: 'EKS_THROTTLED',
      retryable: true,
      awsRequestId: 'r-1',
    });
  });
});

describe('ConcurrencyLimiter', () => {
  test('runs at most `limit` tasks at once, in order', async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          order.push(i);
          await new Promise((r) => setTimeout(r, 1));
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(limiter.running).toBe(0);
  });
  test('releases its slot when a task fails', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
  });
  test('refuses a limit below 1', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow('received 0');
  });
});
