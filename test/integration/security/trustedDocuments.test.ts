/**
 * Trusted documents over real HTTP: with TRUSTED_DOCUMENTS_FILE, a caller runs only the
 * manifest's documents (by id, by Apollo's hash, or by their exact text) and anything else is
 * refused before it is parsed; a caller the policy gives `explore` may send any document; the
 * manifest reloads; without authentication the manifest holds for everyone.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../../src/security/tokens';
import { readTrustedDocuments, TrustedDocumentsError } from '../../../src/server/trustedDocuments';
import { startStack, tempFiles, type Stack } from '../../helpers/stack';

const OPERATIONS = join(__dirname, '..', '..', '..', 'examples', 'operations');
const LIST_CLUSTERS = readFileSync(join(OPERATIONS, 'ListClusters.graphql'), 'utf8');
const REGIONS = 'query Regions { regions }';
const hashOf = (text: string, algorithm: 'sha256' | 'sha1' = 'sha256') =>
  createHash(algorithm).update(text).digest('hex');
const manifestOf = (documents: string[], algorithm: 'sha256' | 'sha1' = 'sha256') =>
  Object.fromEntries(documents.map((text) => [hashOf(text, algorithm), text]));

const APP_TOKEN = 'portal-app-token-0123456789';
const DEV_TOKEN = 'developer-token-0123456789';
const files = tempFiles();
const manifestFile = join(files.dir, 'persisted-documents.json');

let stack: Stack;
beforeAll(async () => {
  writeFileSync(manifestFile, JSON.stringify(manifestOf([LIST_CLUSTERS, REGIONS])));
  const token = (value: string, subject: string, groups: string[]) => ({
    token: `sha256:${sha256(value).toString('hex')}`,
    subject,
    groups,
  });
  stack = await startStack(
    { seed: 'demo' },
    {
      AUTH_MODE: 'tokens',
      AUTH_TOKENS_FILE: files.write('tokens.json', {
        tokens: [token(APP_TOKEN, 'portal', ['apps']), token(DEV_TOKEN, 'dana', ['developers'])],
      }),
      AUTH_POLICY_FILE: files.write('policy.json', {
        rules: [
          { groups: ['apps', 'developers'], actions: ['read'] },
          { groups: ['developers'], actions: ['explore'] },
        ],
      }),
      TRUSTED_DOCUMENTS_FILE: manifestFile,
      ENABLE_INTROSPECTION: 'true',
    },
  );
});
afterAll(async () => {
  await stack.close();
  files.remove();
});

async function post(token: string, body: unknown) {
  const res = await fetch(stack.gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}
const codeOf = (answer: { body: { errors?: any[] } }) => answer.body.errors?.[0]?.extensions?.code;

describe('a caller without explore', () => {
  test.each([
    ['documentId', { documentId: hashOf(REGIONS) }],
    ['documentId with its algorithm', { documentId: `sha256:${hashOf(REGIONS)}` }],
    ["Apollo's persisted query hash", { extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(REGIONS) } } }],
    ['the exact text of a manifest document', { query: REGIONS }],
  ])('runs a manifest document named by %s', async (_, body) => {
    const answer = await post(APP_TOKEN, body);
    expect(answer).toEqual({ status: 200, body: { data: { regions: ['us-east-1', 'eu-west-1'] } } });
  });

  test('a manifest document runs with its variables', async () => {
    const answer = await post(APP_TOKEN, { documentId: hashOf(LIST_CLUSTERS), variables: { first: 2 } });
    expect(answer.status).toBe(200);
    expect(answer.body.data.clusters.nodes).toHaveLength(2);
  });

  test.each([
    ['a hand-written query', '{ regions }'],
    ['a manifest document changed by one character', REGIONS.replace('Regions', 'Region')],
    ['text that does not even parse', '{ regions'],
    ['an introspection query', '{ __schema { types { name } } }'],
  ])('refuses %s before parsing it: UNTRUSTED_DOCUMENT', async (_, query) => {
    const answer = await post(APP_TOKEN, { query });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('UNTRUSTED_DOCUMENT');
    expect(answer.body.data).toBeUndefined();
  });

  test('an id the manifest does not hold is TRUSTED_DOCUMENT_NOT_FOUND', async () => {
    const answer = await post(APP_TOKEN, { documentId: hashOf('{ regions }') });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
  });

  test('a batch with one untrusted document is refused whole', async () => {
    const answer = await post(APP_TOKEN, [{ documentId: hashOf(REGIONS) }, { query: '{ regions }' }]);
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('UNTRUSTED_DOCUMENT');
  });

  test('a GET names the document by documentId in the query string', async () => {
    const url = `${stack.gateway.graphqlUrl}?documentId=${hashOf(REGIONS)}`;
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${APP_TOKEN}`, 'apollo-require-preflight': '1' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { regions: ['us-east-1', 'eu-west-1'] } });
    const untrusted = await fetch(`${stack.gateway.graphqlUrl}?query=${encodeURIComponent('{ regions }')}`, {
      headers: { authorization: `Bearer ${APP_TOKEN}`, 'apollo-require-preflight': '1' },
    });
    expect(untrusted.status).toBe(400);
  });
});

test('a caller the policy gives explore may send any document, introspection included', async () => {
  const answer = await post(DEV_TOKEN, { query: '{ __schema { queryType { name } } regions }' });
  expect(answer).toEqual({
    status: 200,
    body: { data: { __schema: { queryType: { name: 'Query' } }, regions: ['us-east-1', 'eu-west-1'] } },
  });
  expect((await post(DEV_TOKEN, { documentId: hashOf(REGIONS) })).status).toBe(200);
});

test('a new manifest (a new build of the app) is put in force by a reload; a broken one changes nothing', async () => {
  const next = 'query RegionsAgain { regions }';
  writeFileSync(manifestFile, JSON.stringify(manifestOf([next], 'sha1')));
  expect(stack.gateway.reloadTrustedDocuments()).toBe(1);
  expect((await post(APP_TOKEN, { documentId: hashOf(next, 'sha1') })).status).toBe(200);
  expect(codeOf(await post(APP_TOKEN, { documentId: hashOf(REGIONS) }))).toBe('TRUSTED_DOCUMENT_NOT_FOUND');

  writeFileSync(manifestFile, JSON.stringify({ [hashOf('x')]: next }));
  expect(() => stack.gateway.reloadTrustedDocuments()).toThrow(TrustedDocumentsError);
  expect((await post(APP_TOKEN, { documentId: hashOf(next, 'sha1') })).status).toBe(200);
});

describe('the manifest is checked when read', () => {
  test.each([
    ['not an object', '[]', 'must be a JSON object'],
    ['empty', '{}', 'holds no documents'],
    ['a key that is no hash', JSON.stringify({ ListClusters: REGIONS }), 'is not a document hash'],
    [
      'a hash of another text',
      JSON.stringify({ [hashOf('other')]: REGIONS }),
      'is not the sha256 hash of its document',
    ],
    ['a document that is no string', JSON.stringify({ [hashOf(REGIONS)]: 42 }), 'must be the text of a document'],
    ['an algorithm prefix that lies', JSON.stringify({ [`sha1:${hashOf(REGIONS)}`]: REGIONS }), 'says sha1'],
  ])('%s is refused', (_, text, message) => {
    const path = files.write('bad-manifest.json', text);
    expect(() => readTrustedDocuments(path)).toThrow(message);
  });
});

describe('without authentication', () => {
  let open: Stack;
  beforeAll(async () => {
    const path = files.write('open-manifest.json', JSON.stringify(manifestOf([REGIONS])));
    open = await startStack({ seed: 'demo' }, { TRUSTED_DOCUMENTS_FILE: path });
  });
  afterAll(() => open.close());

  test('nobody may send other documents', async () => {
    const post = (query: string) =>
      fetch(open.gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    expect((await post(REGIONS)).status).toBe(200);
    expect((await post('{ regions }')).status).toBe(400);
  });
});
