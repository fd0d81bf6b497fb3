/** EKS messages are cut to a sane length where they enter the gateway (toEksError). */
import { MAX_EKS_MESSAGE_LENGTH, cut, isRoleRejection, toEksError } from '../../src/eks/errors';

const sdkError = (name: string, status: number, message: string) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, requestId: 'req-1' } });

test('a 5 MB message is cut to the limit and says how long it was', () => {
  const huge = `The parameter namespace is invalid: ${'x'.repeat(5 * 1024 * 1024)}`;
  const error = toEksError(sdkError('InvalidParameterException', 400, huge), 'CreatePodIdentityAssociation');
  expect(error.message.length).toBeLessThanOrEqual(MAX_EKS_MESSAGE_LENGTH);
  expect(error.message).toMatch(/^The parameter namespace is invalid: x+ \[\.\.\. cut: 5242916 characters in all\]$/);
  expect(error.kind).toBe('InvalidParameter');
  // The SDK's error, kept as the cause (and logged with it), is cut too.
  const cause = error.cause as Error;
  expect(cause.message).toBe(error.message);
  expect(String(cause.stack).length).toBeLessThan(10_000);
});

test('a message within the limit is kept whole, and still tells a role rejection apart', () => {
  const error = toEksError(
    sdkError('InvalidParameterException', 400, 'Role provided in the request does not exist'),
    'Op',
  );
  expect(error.message).toBe('Role provided in the request does not exist');
  expect(isRoleRejection(error)).toBe(true);
});

test('error names and request ids of absurd length are cut as well', () => {
  const e = Object.assign(new Error('m'), {
    name: 'N'.repeat(10_000),
    $metadata: { httpStatusCode: 400, requestId: 'r'.repeat(10_000) },
  });
  const error = toEksError(e, 'Op');
  expect(error.awsErrorName.length).toBeLessThanOrEqual(100);
  expect(error.requestId?.length).toBeLessThanOrEqual(100);
});

test('cut marks what it removed and never exceeds its limit', () => {
  expect(cut('short', 10)).toBe('short');
  expect(cut('a'.repeat(1000), 100)).toHaveLength(100);
});
