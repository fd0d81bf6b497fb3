/**
 * CORS_ORIGINS: which origins each entry allows (as browsers send them), and the entries refused
 * at start-up with a message naming them.
 */
import { corsHeaders, CorsConfigError, preflightHeaders, readCorsSettings } from '../../src/server/cors';

const settings = (origins: string, more: Record<string, string> = {}) => {
  const read = readCorsSettings({ CORS_ORIGINS: origins, ...more });
  if (!read) throw new Error('expected settings');
  return read;
};

test('unset, there is no CORS at all', () => {
  expect(readCorsSettings({})).toBeNull();
  expect(readCorsSettings({ CORS_ORIGINS: '  ' })).toBeNull();
});

test.each([
  ['https://portal.example.com', 'https://portal.example.com', true],
  ['https://portal.example.com', 'http://portal.example.com', false],
  ['https://portal.example.com', 'https://portal.example.com:8443', false],
  ['https://portal.example.com:443', 'https://portal.example.com', true],
  ['HTTPS://Portal.Example.com', 'https://portal.example.com', true],
  ['http://localhost:5173', 'http://localhost:5173', true],
  ['http://localhost:5173', 'http://localhost:5174', false],
  ['http://[::1]:5173', 'http://[::1]:5173', true],
  ['https://*.example.com', 'https://a.example.com', true],
  ['https://*.example.com', 'https://a-b.example.com', true],
  ['https://*.example.com', 'https://example.com', false],
  ['https://*.example.com', 'https://a.b.example.com', false],
  ['https://*.example.com', 'https://evil.com/.example.com', false],
  ['https://*.example.com', 'https://a.example.com.evil.com', false],
  ['https://*.example.com', 'https://a.example.com:8443', false],
  ['https://*.example.com:8443', 'https://a.example.com:8443', true],
  ['https://*.example.com', 'http://a.example.com', false],
  ['https://*.example.com', 'null', false],
])('%s allows %s: %s', (entry, origin, allowed) => {
  expect(settings(entry).allows(origin)).toBe(allowed);
});

test('a list allows each of its origins', () => {
  const cors = settings('http://localhost:5173, https://*.internal.example.com');
  expect(cors.allows('http://localhost:5173')).toBe(true);
  expect(cors.allows('https://portal.internal.example.com')).toBe(true);
  expect(cors.allows('https://portal.example.com')).toBe(false);
});

test.each([
  ['*', 'would allow every site'],
  ['portal.example.com', 'is not a scheme, host and optional port'],
  ['https://portal.example.com/', 'is not a scheme, host and optional port'],
  ['https://portal.example.com/app', 'is not a scheme, host and optional port'],
  ['ftp://portal.example.com', 'is not a scheme, host and optional port'],
  ['https://portal.example.com:70000', 'has a port out of range'],
  ['https://*.com', 'may hold "*" only as its whole first label'],
  ['https://a.*.example.com', 'may hold "*" only as its whole first label'],
  ['https://portal-*.example.com', 'may hold "*" only as its whole first label'],
  ['https://portal.example.com,', 'is not a scheme, host and optional port'],
])('"%s" is refused: %s', (entry, message) => {
  expect(() => readCorsSettings({ CORS_ORIGINS: entry })).toThrow(CorsConfigError);
  expect(() => readCorsSettings({ CORS_ORIGINS: entry })).toThrow(message);
});

test('headers: the origin itself (never *), credentials only when configured, the preflight lists what /graphql takes', () => {
  const cors = settings('http://localhost:5173');
  expect(corsHeaders(cors, 'http://evil.test')).toBeNull();
  expect(corsHeaders(cors, undefined)).toBeNull();
  expect(corsHeaders(cors, 'http://localhost:5173')).toEqual({
    'access-control-allow-origin': 'http://localhost:5173',
    'access-control-expose-headers': 'x-request-id',
  });
  const withCredentials = settings('http://localhost:5173', {
    CORS_ALLOW_CREDENTIALS: 'true',
    CORS_MAX_AGE_SECONDS: '60',
  });
  expect(preflightHeaders(withCredentials, 'http://localhost:5173')).toEqual({
    'access-control-allow-origin': 'http://localhost:5173',
    'access-control-expose-headers': 'x-request-id',
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers':
      'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, cache-control',
    'access-control-max-age': '60',
  });
});
