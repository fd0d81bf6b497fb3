/** One reader of environment variables: the gateway's settings and the security settings spell values alike. */
import { ConfigError, loadConfig } from '../../src/config';
import { environmentReaders } from '../../src/environment';

test.each([
  ['true', true],
  ['1', true],
  ['YES', true],
  ['false', false],
  ['0', false],
  ['no', false],
])('%s is read as %s by ENABLE_METRICS (gateway) and ENABLE_INTROSPECTION (security) alike', (raw, value) => {
  const config = loadConfig({ ENABLE_METRICS: raw, ENABLE_INTROSPECTION: raw, ENABLE_GRAPHIQL: raw });
  expect([config.metrics, config.security.introspection, config.security.graphiql]).toEqual([value, value, value]);
});

test('a boolean of another spelling is refused by name, in either module', () => {
  expect(() => loadConfig({ ENABLE_METRICS: 'on' })).toThrow(
    new ConfigError('ENABLE_METRICS must be true or false, received "on".'),
  );
  expect(() => loadConfig({ ENABLE_GRAPHIQL: 'on' })).toThrow('ENABLE_GRAPHIQL must be true or false, received "on".');
});

test("integers: blank is unset, the range is enforced, the error is the module's own", () => {
  const { readInteger } = environmentReaders((message) => new RangeError(message));
  expect(readInteger({ N: '  ' }, 'N', 7, 1, 10)).toBe(7);
  expect(readInteger({ N: ' 10 ' }, 'N', 7, 1, 10)).toBe(10);
  expect(() => readInteger({ N: '11' }, 'N', 7, 1, 10)).toThrow(
    new RangeError('N must be a whole number from 1 to 10, received "11".'),
  );
  expect(() => readInteger({ N: '1e3' }, 'N', 7, 1, 10_000)).toThrow(RangeError);
  expect(() => readInteger({ N: '9'.repeat(400) }, 'N', 7, 1, 10)).toThrow(RangeError);
});
