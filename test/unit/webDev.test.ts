/** `npm run web` starts the gateway with CORS for the dev server's origins, keeping any configured. */
import { corsOriginsWithDevServer, DEV_ORIGINS, gatewayEnvironment } from '../../scripts/web-dev';

test('the dev server origins join the configured CORS_ORIGINS, once each', () => {
  expect(corsOriginsWithDevServer(undefined)).toBe(DEV_ORIGINS.join(','));
  expect(corsOriginsWithDevServer('https://portal.example.com, http://localhost:5173')).toBe(
    'https://portal.example.com,http://localhost:5173,http://127.0.0.1:5173',
  );
});

test('the gateway listens on the port of the URL the app calls, unless PORT says otherwise; the rest passes through', () => {
  const url = new URL('http://127.0.0.1:4100/graphql');
  expect(gatewayEnvironment({ AUTH_MODE: 'tokens' }, url)).toEqual({
    AUTH_MODE: 'tokens',
    PORT: '4100',
    CORS_ORIGINS: DEV_ORIGINS.join(','),
  });
  expect(gatewayEnvironment({ PORT: '4000' }, url).PORT).toBe('4000');
});
