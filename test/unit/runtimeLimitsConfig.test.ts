/** REQUEST_TIMEOUT_MS and MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: defaults, and refusals that name the variable. */
import { ConfigError, loadConfig } from '../../src/config';

test('defaults: a 30 s deadline per request and 6000 EKS calls per caller and minute', () => {
  const config = loadConfig({});
  expect([config.requestDeadlineMs, config.maxEksCallsPerCallerPerMinute]).toEqual([30_000, 6_000]);
});

test('0 turns the per-caller limit off; the deadline cannot be turned off', () => {
  expect(loadConfig({ MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: '0' }).maxEksCallsPerCallerPerMinute).toBe(0);
  expect(loadConfig({ REQUEST_TIMEOUT_MS: '2500' }).requestDeadlineMs).toBe(2_500);
});

test.each([
  [{ REQUEST_TIMEOUT_MS: '0' }, 'REQUEST_TIMEOUT_MS must be a whole number from 100 to 3600000, received "0"'],
  [{ REQUEST_TIMEOUT_MS: '5s' }, 'REQUEST_TIMEOUT_MS must be a whole number from 100 to 3600000, received "5s"'],
  [
    { MAX_EKS_CALLS_PER_CALLER_PER_MINUTE: '-1' },
    'MAX_EKS_CALLS_PER_CALLER_PER_MINUTE must be a whole number from 0 to 100000000, received "-1"',
  ],
])('%j is refused', (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});
