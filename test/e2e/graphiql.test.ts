/**
 * The GraphiQL page in a real headless Chromium (Debian's, driven by playwright-core), with the
 * network limited to the gateway on loopback: the page must work offline and under its CSP, run
 * an example tab against the demo data, and leave a screenshot in test-results/.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_CLUSTERS, DEMO_CROSS_ACCOUNT_ASSOCIATION } from '../../src/emulator';
import { startStack, type Stack } from '../helpers/stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = join(__dirname, '..', '..', 'test-results');
const SCREENSHOT = join(RESULTS, 'graphiql.png');

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Requests the page tried to send anywhere but the gateway; each one fails the test. */
const offLimits: string[] = [];
/** Console errors and CSP violations: a page that needs an inline script or a CDN shows them here. */
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium (.ci/run does).`,
    );
  }
  stack = await startStack({ seed: 'demo' });
  const gatewayOrigin = new URL(stack.gateway.graphqlUrl).origin;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No name resolves but loopback: nothing can leave the machine even past the route below.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${gatewayOrigin}/`) || url.startsWith('data:')) return route.continue();
    offLimits.push(url);
    return route.abort('blockedbyclient');
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(stack.gateway.graphqlUrl);
  await page.locator('.graphiql-execute-button').waitFor();
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.close();
});

afterEach(() => {
  expect(offLimits).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

/**
 * The little of the browser's globals the page functions below use: the root tsconfig has no DOM
 * library (the code under test is Node's), and these functions only run in the page.
 */
interface PageGlobals {
  document: {
    querySelector(
      selector: string,
    ): { CodeMirror?: { getValue(): string; setValue(text: string): void; operationName?: string | null } } | null;
  };
}

/** The whole text of the result pane (CodeMirror renders only the lines in view). */
function resultText(): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? '';
  });
}

/**
 * Switches tabs and waits until GraphiQL has parsed the tab's query: it picks the operation to
 * run 100 ms after an edit, so a click sooner would send the previous tab's operation name.
 */
async function openTab(operationName: string): Promise<void> {
  await page.locator('.graphiql-tab', { hasText: operationName }).click();
  await page.waitForFunction((name) => {
    const { document } = globalThis as unknown as PageGlobals;
    return document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror?.operationName === name;
  }, operationName);
}

async function runActiveTab(): Promise<Record<string, unknown>> {
  const before = await resultText();
  await page.locator('.graphiql-execute-button').click();
  // The result replaces what was there; the button shows a stop icon while the request runs.
  await page.waitForFunction(
    (previous) => {
      const { document } = globalThis as unknown as PageGlobals;
      const text = document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? '';
      return text.trim().startsWith('{') && text !== previous;
    },
    before,
    { timeout: 15_000 },
  );
  return JSON.parse(await resultText()) as Record<string, unknown>;
}

test('the page opens with a tab for each example operation and the schema in the doc explorer', async () => {
  const tabs = await page.locator('.graphiql-tab').allInnerTexts();
  expect(tabs.map((t) => t.trim())).toEqual([
    'ListClusters',
    'FleetAccounts',
    'WhoCanAssumeRole',
    'TaggedAssociations',
    'InventoryStatus',
    'WhyNotWorking',
    'AssociationsPage',
    'AssociationById',
    'AssociationByName',
    'CreateAssociation',
    'UpdateAssociation',
    'TagAssociation',
    'UntagAssociation',
    'DeleteAssociation',
  ]);

  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.getByText('Root Types').waitFor();
  await expect(docs.innerText()).resolves.toContain('query: Query');
  await expect(docs.innerText()).resolves.toContain('mutation: Mutation');
  // The schema's own descriptions, read by introspection.
  await docs.getByText('Query', { exact: true }).click();
  await docs
    .getByText('The EKS clusters of every account and region this gateway serves', { exact: false })
    .first()
    .waitFor();
  await page.getByRole('button', { name: 'Hide Documentation Explorer' }).click();
});

test('running the ListClusters tab shows the demo clusters in the result pane; the screenshot is kept', async () => {
  await openTab('ListClusters');
  // The headers editor: what is typed there goes with the request (a token, in a secured deployment).
  await page.getByRole('button', { name: 'Headers' }).click();
  await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    document
      .querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')
      ?.CodeMirror?.setValue('{ "x-request-id": "graphiql-e2e" }');
  });
  const sent = page.waitForRequest(
    (request) => request.method() === 'POST' && (request.postData() ?? '').includes('ListClusters'),
  );
  const result = (await runActiveTab()) as {
    data?: { clusters: { nodes: Array<{ name: string; region: string }> } };
    errors?: unknown;
  };
  expect(result.errors).toBeUndefined();
  expect(result.data?.clusters.nodes.map((c) => `${c.region}/${c.name}`)).toEqual(
    [DEMO_CLUSTERS.prodPlatform, DEMO_CLUSTERS.stagingApps, DEMO_CLUSTERS.euAnalytics].map(
      (c) => `${c.region}/${c.name}`,
    ),
  );
  expect((await sent).headers()['x-request-id']).toBe('graphiql-e2e');
  await page.getByRole('button', { name: 'Variables' }).click();
  // What a person sees, not only the editor's model: the name is painted in the result pane.
  await page.locator('.graphiql-response').getByText(`"${DEMO_CLUSTERS.prodPlatform.name}"`).waitFor();

  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
});

test('the lookup tab finds the demo association its variables name', async () => {
  await openTab('AssociationById');
  const result = (await runActiveTab()) as { data?: { node: Record<string, unknown> | null }; errors?: unknown };
  expect(result.errors).toBeUndefined();
  expect(result.data?.node).toMatchObject({
    __typename: 'PodIdentityAssociation',
    clusterName: DEMO_CROSS_ACCOUNT_ASSOCIATION.name,
    namespace: DEMO_CROSS_ACCOUNT_ASSOCIATION.namespace,
    serviceAccount: DEMO_CROSS_ACCOUNT_ASSOCIATION.serviceAccount,
    targetRoleArn: DEMO_CROSS_ACCOUNT_ASSOCIATION.targetRoleArn,
  });
  await page.screenshot({ path: join(RESULTS, 'graphiql-lookup.png') });
});

test('the guards hold: the CSP stops the page reaching other hosts, and the route records any request that gets past it', async () => {
  // From the page: the CSP's connect-src 'self' refuses before any request is made.
  const blocked = await page.evaluate(() =>
    fetch('http://example.com/graphql').then(
      () => 'sent',
      () => 'refused',
    ),
  );
  expect(blocked).toBe('refused');
  expect(consoleErrors.some((e) => e.includes('Content Security Policy'))).toBe(true);
  expect(offLimits).toEqual([]);

  // A navigation is outside the page's CSP: the route stops it and records it.
  const other = await context.newPage();
  await expect(other.goto('http://example.com/')).rejects.toThrow();
  await other.close();
  expect(offLimits).toEqual(['http://example.com/']);

  // Both were this test's doing; the afterEach check is for the page's own behaviour.
  consoleErrors.length = 0;
  offLimits.length = 0;
});
