/**
 * The example web app (examples/web) in a real headless Chromium (Debian's, driven by
 * playwright-core). Vite builds it once for this file; a small static server serves the build
 * from its own origin, and the gateway runs in-process on another origin (another port) with
 * authentication on (the demo tokens of examples/security/) and CORS_ORIGINS naming the app's
 * origin. Each step of the user story is checked against the emulator's state; a second origin,
 * not listed, cannot read data; and with the build's manifest as TRUSTED_DOCUMENTS_FILE the app
 * still works while a hand-written query from the same page is refused. The gateway keeps its
 * fleet inventory (INVENTORY=on), which the fleet search reads and checks against; without it the
 * search shows INVENTORY_OFF. Screenshots of each screen go to test-results/web-*.png.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_IRSA_ASSOCIATION } from '../../src/emulator';
import { inventorySynced, mutatingCalls, startStack, type Stack } from '../helpers/stack';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = join(ROOT, 'test-results');
/** The demo tokens, whose plain values docs/security.md lists (tokens.json holds their hashes). */
const ADMIN_TOKEN = 'example-platform-admin-token-change-me';
const PAYMENTS_ACCOUNT = '444455556666';
const PLATFORM_ACCOUNT = '000000000000';

const gatewayEnv = (appOrigin: string): Record<string, string> => ({
  AUTH_MODE: 'tokens',
  AUTH_TOKENS_FILE: join(ROOT, 'examples', 'security', 'tokens.json'),
  AUTH_POLICY_FILE: join(ROOT, 'examples', 'security', 'policy.json'),
  AUDIT_LOG: 'off',
  GATEWAY_ACCOUNTS_FILE: join(ROOT, 'examples', 'accounts', 'demo.json'),
  CORS_ORIGINS: appOrigin,
  // A fault injected on every call reaches the page at once, not after the SDK's backoff.
  EKS_MAX_ATTEMPTS: '1',
  // The fleet search reads the inventory (off by default against an emulator endpoint).
  INVENTORY: 'on',
});

interface SeedAssociation {
  associationId: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  tags: Record<string, string>;
}

/** A static server of the build, with the content types a browser checks for modules. */
function serve(dir: string): Promise<{ origin: string; server: Server }> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.map': 'application/json',
  };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://app').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || path === '/') file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

/** Vite's production build of the app into `outDir`, offline, with the gateway URL the sign-in form offers. */
async function buildApp(outDir: string, gatewayUrl: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(ROOT, 'examples', 'web', 'vite.config.mts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, env: { ...process.env, VITE_GATEWAY_URL: gatewayUrl, NODE_ENV: 'production' }, timeout: 120_000 },
  );
}

/** A raw preflight, as the browser sends it before the app's POST (fetch may not set Origin). */
function preflight(url: string, origin: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let buildDir: string;
let app: { origin: string; server: Server };
let stranger: { origin: string; server: Server };
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium (.ci/run does).`,
    );
  }
  mkdirSync(RESULTS, { recursive: true });
  buildDir = mkdtempSync(join(RESULTS, 'web-build-'));
  // The origins first: the gateway's CORS_ORIGINS names the app's, and the build names the gateway.
  app = await serve(buildDir);
  stranger = await serve(buildDir);
  stack = await startStack({ seed: 'demo' }, gatewayEnv(app.origin));
  await buildApp(buildDir, stack.gateway.graphqlUrl);
  // The fleet search answers from the inventory: wait for its first full sweep.
  await inventorySynced(stack, 60_000);
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
      // No name resolves but loopback: nothing leaves the machine.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await new Promise((resolve) => app?.server.close(resolve));
  await new Promise((resolve) => stranger?.server.close(resolve));
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

/** A fresh browser context (no session) with a page that records its errors. */
async function openPage(origin: string): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  // Shorter than jest's test timeout, so a failing step says which element it waited for.
  page.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(origin);
  return { context, page, pageErrors };
}

async function signIn(page: Page, token: string, gatewayUrl?: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  if (gatewayUrl !== undefined) await form.getByLabel('Gateway URL').fill(gatewayUrl);
  await form.getByLabel('Bearer token').fill(token);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(RESULTS, `web-${name}.png`), fullPage: true });

/** The cluster names the list shows, in order. */
async function listedClusters(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Cluster list' }).getByRole('button').allInnerTexts();
}

/** The rows of the associations table as `namespace/serviceAccount`, in order. */
async function listedAssociations(page: Page): Promise<string[]> {
  const rows = page.getByRole('table', { name: 'Associations' }).locator('tbody tr');
  const texts = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = (tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells;
      return `${cells[0]?.textContent ?? ''}/${cells[1]?.textContent ?? ''}`;
    }),
  );
  return texts;
}

/** Waits until the table shows `count` rows (it is replaced or extended after each answer). */
async function waitForRows(page: Page, count: number): Promise<void> {
  await page.getByText(`Showing ${count} associations`).waitFor();
}

/** The description an input is read with: its hint and the gateway's errors beside it. */
async function descriptionOf(page: Page, form: string, label: string): Promise<string> {
  return page
    .getByRole('form', { name: form })
    .getByLabel(label, { exact: true })
    .evaluate((input) => {
      const element = input as unknown as {
        getAttribute(name: string): string | null;
        ownerDocument: { getElementById(id: string): { textContent: string | null } | null };
      };
      return (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    });
}

async function prodPlatformAssociations(target: Stack = stack): Promise<SeedAssociation[]> {
  const state = await target.state('?region=us-east-1&cluster=prod-platform');
  return (state.clusters[0]?.associations ?? []) as unknown as SeedAssociation[];
}

const names = (associations: SeedAssociation[]) => associations.map((a) => `${a.namespace}/${a.serviceAccount}`);

describe('the user story, on an origin the gateway allows, signed in with a demo token', () => {
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  const created = { namespace: 'payments', serviceAccount: 'refunds' };

  beforeAll(async () => {
    ({ context, page, pageErrors } = await openPage(app.origin));
  });
  afterAll(() => context?.close());
  afterEach(() => expect(pageErrors).toEqual([]));

  test('a wrong token is refused with UNAUTHENTICATED; the platform team token opens the portal', async () => {
    const form = page.getByRole('form', { name: 'Sign in' });
    // VITE_GATEWAY_URL, given to the build, is what the form offers.
    await expect(form.getByLabel('Gateway URL').inputValue()).resolves.toBe(stack.gateway.graphqlUrl);
    await signIn(page, 'not-a-token-of-this-gateway');
    const refusal = page.getByRole('alert');
    await refusal.getByText('UNAUTHENTICATED').waitFor();
    await expect(refusal.innerText()).resolves.toContain('The gateway did not accept the token.');
    await screenshot(page, 'sign-in');

    await signIn(page, ADMIN_TOKEN);
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
    await expect(page.getByRole('banner').innerText()).resolves.toContain(`token …${ADMIN_TOKEN.slice(-6)}`);
  });

  test('lists the clusters by account and region as the emulator holds them, and names the unavailable account', async () => {
    const all = (await stack.state('?account=all')) as unknown as {
      accounts: Array<{ accountId: string; clusters: Array<{ name: string; region: string }> }>;
    };
    const clustersOf = (accountId: string, region?: string) =>
      (all.accounts.find((a) => a.accountId === accountId)?.clusters ?? [])
        .filter((c) => region === undefined || c.region === region)
        // Listed by region as the account's regions go (us-east-1, eu-west-1), then by name.
        .sort((a, b) => (a.region === b.region ? a.name.localeCompare(b.name) : a.region === 'us-east-1' ? -1 : 1))
        .map((c) => c.name);

    // All accounts: the data account's role cannot be assumed, so its clusters are missing and it is named.
    await page.getByText('Account data (555566667777) is unavailable').waitFor();
    await page.getByRole('button', { name: 'prod-platform' }).waitFor();
    expect(await listedClusters(page)).toEqual([...clustersOf(PLATFORM_ACCOUNT), ...clustersOf(PAYMENTS_ACCOUNT)]);

    const nav = page.getByRole('navigation', { name: 'Clusters' });
    await nav.getByLabel('Account').selectOption(PAYMENTS_ACCOUNT);
    await page.getByRole('button', { name: 'payments-prod' }).waitFor();
    expect(await listedClusters(page)).toEqual(clustersOf(PAYMENTS_ACCOUNT));
    await nav.getByLabel('Region').selectOption('eu-west-1');
    await page.getByRole('button', { name: 'payments-prod' }).waitFor({ state: 'detached' });
    // The old list goes before the new one comes: wait for the region's first cluster.
    const euClusters = clustersOf(PAYMENTS_ACCOUNT, 'eu-west-1');
    await page.getByRole('button', { name: euClusters[0] }).waitFor();
    expect(await listedClusters(page)).toEqual(euClusters);

    await nav.getByLabel('Account').selectOption(PLATFORM_ACCOUNT);
    await nav.getByLabel('Region').selectOption('us-east-1');
    await page.getByRole('button', { name: 'staging-apps' }).waitFor();
    expect(await listedClusters(page)).toEqual(clustersOf(PLATFORM_ACCOUNT, 'us-east-1'));
    await screenshot(page, 'clusters');
  });

  test("pages a cluster's associations by cursor, in the emulator's order", async () => {
    const associations = await prodPlatformAssociations();
    await page.getByRole('button', { name: 'prod-platform' }).click();
    await page.getByRole('heading', { name: 'prod-platform' }).waitFor();
    await waitForRows(page, 20);
    expect(await listedAssociations(page)).toEqual(names(associations.slice(0, 20)));

    await page.getByRole('button', { name: 'Load more' }).click();
    await waitForRows(page, 40);
    expect(await listedAssociations(page)).toEqual(names(associations.slice(0, 40)));
    await screenshot(page, 'associations');
  });

  test('filters by namespace and by service account', async () => {
    const payments = (await prodPlatformAssociations()).filter((a) => a.namespace === 'payments');
    expect(payments.length).toBeLessThan(20);
    const filter = page.getByRole('form', { name: 'Filter associations' });
    await filter.getByLabel('Namespace').fill('payments');
    await filter.getByRole('button', { name: 'Apply filters' }).click();
    await waitForRows(page, payments.length);
    expect(await listedAssociations(page)).toEqual(names(payments));

    const one = payments[1] as SeedAssociation;
    await filter.getByLabel('Service account').fill(one.serviceAccount);
    await filter.getByRole('button', { name: 'Apply filters' }).click();
    await waitForRows(page, 1);
    expect(await listedAssociations(page)).toEqual([`payments/${one.serviceAccount}`]);

    // The namespace filter stays for the next steps; the service account one goes.
    await filter.getByLabel('Service account').fill('');
    await filter.getByRole('button', { name: 'Apply filters' }).click();
    await waitForRows(page, payments.length);
  });

  test('creates an association: each INVALID_INPUT shows beside its field, and nothing reaches EKS until they are fixed', async () => {
    const form = page.getByRole('form', { name: 'New association' });
    await form.getByLabel('Namespace').fill('Payments_Team');
    await form.getByLabel('Service account').fill(created.serviceAccount);
    await form.getByLabel('Role ARN', { exact: true }).fill('payments-refunds');
    await stack.resetCalls();
    await form.getByRole('button', { name: 'Create association' }).click();

    await form.locator('.field-error').first().waitFor();
    expect(await descriptionOf(page, 'New association', 'Namespace')).toMatch(/namespace/i);
    expect(await descriptionOf(page, 'New association', 'Role ARN')).toMatch(/arn:aws:iam::/);
    expect(await descriptionOf(page, 'New association', 'Service account')).toBe('');
    await expect(form.getByLabel('Namespace').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(mutatingCalls(await stack.calls())).toBe(0);
    expect(names(await prodPlatformAssociations())).not.toContain('payments/refunds');
    await screenshot(page, 'create-errors');

    await form.getByLabel('Namespace').fill(created.namespace);
    await form.getByLabel('Role ARN', { exact: true }).fill('arn:aws:iam::111122223333:role/payments-refunds');
    await form.getByLabel('Tags').fill('team=payments, tier=gold');
    await form.getByRole('button', { name: 'Create association' }).click();
    await page.getByRole('status').getByText('Created payments/refunds').waitFor();

    const stored = (await prodPlatformAssociations()).find((a) => a.serviceAccount === created.serviceAccount);
    expect(stored).toMatchObject({
      namespace: 'payments',
      roleArn: 'arn:aws:iam::111122223333:role/payments-refunds',
      tags: { team: 'payments', tier: 'gold' },
    });
    // The first page is read again and shows it; its panel is open.
    await page.getByRole('button', { name: 'Manage payments/refunds' }).waitFor();
    await page.getByRole('heading', { name: 'payments/refunds' }).waitFor();
    await expect(form.getByLabel('Namespace').getAttribute('aria-invalid')).resolves.toBe('false');
  });

  test('edits the role', async () => {
    const roleForm = page.getByRole('form', { name: 'Role' });
    await roleForm.getByLabel('Role ARN').fill('arn:aws:iam::111122223333:role/payments-refunds-v2');
    await roleForm.getByRole('button', { name: 'Save role' }).click();
    await roleForm.getByRole('status').getByText('Role saved.').waitFor();
    const stored = (await prodPlatformAssociations()).find((a) => a.serviceAccount === created.serviceAccount);
    expect(stored?.roleArn).toBe('arn:aws:iam::111122223333:role/payments-refunds-v2');
    // The cache holds the changed association: the table's row shows the new role too.
    await page
      .getByRole('row', { name: /refunds/ })
      .getByText('arn:aws:iam::111122223333:role/payments-refunds-v2')
      .waitFor();
  });

  test('changes the tags: a bad key is shown beside its field, then a tag is added and one removed', async () => {
    const addTag = page.getByRole('form', { name: 'Add tag' });
    await addTag.getByLabel('Tag key').fill('aws:reserved');
    await addTag.getByLabel('Tag value').fill('x');
    await addTag.getByRole('button', { name: 'Add tag' }).click();
    await addTag.locator('.field-error').waitFor();
    expect(await descriptionOf(page, 'Add tag', 'Tag key')).toMatch(/aws:/);

    await addTag.getByLabel('Tag key').fill('cost-centre');
    await addTag.getByLabel('Tag value').fill('4711');
    await addTag.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('button', { name: 'Remove tag cost-centre' }).waitFor();
    let stored = (await prodPlatformAssociations()).find((a) => a.serviceAccount === created.serviceAccount);
    expect(stored?.tags).toEqual({ team: 'payments', tier: 'gold', 'cost-centre': '4711' });

    await page.getByRole('button', { name: 'Remove tag tier' }).click();
    await page.getByRole('button', { name: 'Remove tag tier' }).waitFor({ state: 'detached' });
    stored = (await prodPlatformAssociations()).find((a) => a.serviceAccount === created.serviceAccount);
    expect(stored?.tags).toEqual({ team: 'payments', 'cost-centre': '4711' });
    await screenshot(page, 'association');
  });

  test('deletes after a confirmation, and not before', async () => {
    await page.getByRole('button', { name: 'Delete association' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete payments/refunds?' });
    await dialog.waitFor();
    await screenshot(page, 'delete-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(names(await prodPlatformAssociations())).toContain('payments/refunds');

    await page.getByRole('button', { name: 'Delete association' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('status').getByText('Deleted payments/refunds.').waitFor();
    expect(names(await prodPlatformAssociations())).not.toContain('payments/refunds');
    await page.getByRole('button', { name: 'Manage payments/refunds' }).waitFor({ state: 'detached' });
  });

  test('a throttling fault of EKS shows as a retryable message, and Retry then succeeds', async () => {
    await stack.faults({ rates: { ListPodIdentityAssociations: { throttle: 1 } } });
    // A filter not asked for yet: the cache cannot answer it, so the page goes to EKS.
    const filter = page.getByRole('form', { name: 'Filter associations' });
    await filter.getByLabel('Namespace').fill('checkout');
    await filter.getByRole('button', { name: 'Apply filters' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'EKS_THROTTLED' });
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/EKS is throttling requests\.\s+EKS_THROTTLED \(retryable\)/);
    await screenshot(page, 'throttled');

    await stack.faults({ rates: { ListPodIdentityAssociations: { throttle: 0 } } });
    await alert.getByRole('button', { name: 'Retry' }).click();
    const checkout = (await prodPlatformAssociations()).filter((a) => a.namespace === 'checkout');
    await waitForRows(page, checkout.length);
    await alert.waitFor({ state: 'detached' });
    expect(await listedAssociations(page)).toEqual(names(checkout));
  });
});

interface FleetAnswer {
  podIdentityAssociations: {
    totalCount: number;
    countsBy: Array<{ value: string; count: number }>;
    edges: Array<{ node: { namespace: string; serviceAccount: string; clusterName: string } }>;
  };
}

/** What the gateway answers the same search directly, with the same token. */
async function fleetAnswer(
  filter: Record<string, unknown>,
  first: number,
): Promise<FleetAnswer['podIdentityAssociations']> {
  const answer = await stack.gqlAs<FleetAnswer>(
    ADMIN_TOKEN,
    `query($first: Int!, $filter: PodIdentityAssociationFilter) {
      podIdentityAssociations(first: $first, filter: $filter) {
        totalCount
        countsBy(field: CLUSTER) { value count }
        edges { node { namespace serviceAccount clusterName } }
      }
    }`,
    { first, filter },
  );
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.podIdentityAssociations;
}

/** The rows of the fleet table as `cluster namespace/serviceAccount`, in order. */
async function listedFleet(page: Page): Promise<string[]> {
  return page
    .getByRole('table', { name: 'Fleet associations' })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = (tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells;
        return `${cells[2]?.textContent ?? ''} ${cells[3]?.textContent ?? ''}/${cells[4]?.textContent ?? ''}`;
      }),
    );
}

const fleetRows = (edges: FleetAnswer['podIdentityAssociations']['edges']) =>
  edges.map(({ node }) => `${node.clusterName} ${node.namespace}/${node.serviceAccount}`);

describe('the fleet search and the diagnosis, from the inventory the gateway keeps', () => {
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    ({ context, page, pageErrors } = await openPage(app.origin));
    await signIn(page, ADMIN_TOKEN);
    await page.getByRole('heading', { name: 'Clusters' }).waitFor();
  });
  afterAll(() => context?.close());
  afterEach(() => expect(pageErrors).toEqual([]));

  test('searches the whole fleet and loads the next page by cursor, as the gateway answers', async () => {
    const all = await fleetAnswer({}, 50);
    expect(all.totalCount).toBeGreaterThan(50);
    await page.getByRole('button', { name: 'Fleet search' }).click();
    const form = page.getByRole('form', { name: 'Search the fleet' });
    await form.getByRole('button', { name: 'Search' }).click();
    await page.getByText(`${all.totalCount} associations match`).waitFor();
    await page.getByText(`Showing 25 of ${all.totalCount}`).waitFor();
    expect(await listedFleet(page)).toEqual(fleetRows(all.edges.slice(0, 25)));

    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText(`Showing 50 of ${all.totalCount}`).waitFor();
    expect(await listedFleet(page)).toEqual(fleetRows(all.edges));
  });

  test('searches by a tag: the total and the groups by cluster are those of the inventory', async () => {
    const payments = await fleetAnswer({ tag: { key: 'team', value: 'payments' } }, 100);
    expect(payments.totalCount).toBeGreaterThan(0);
    // The emulator's own state: every association tagged team=payments of the accounts the gateway reaches.
    const all = (await stack.state('?account=all')) as unknown as {
      accounts: Array<{
        accountId: string;
        clusters: Array<{ associations?: Array<{ tags?: Record<string, string> }> }>;
      }>;
    };
    const tagged = all.accounts
      .filter((a) => a.accountId !== '555566667777')
      .flatMap((a) => a.clusters.flatMap((c) => c.associations ?? []))
      .filter((a) => a.tags?.team === 'payments');
    expect(payments.totalCount).toBe(tagged.length);

    const form = page.getByRole('form', { name: 'Search the fleet' });
    await form.getByLabel('Tag').fill('team=payments');
    await form.getByRole('button', { name: 'Search' }).click();
    await page.getByText(`${payments.totalCount} associations match`).waitFor();
    await page.getByText(`Showing ${Math.min(25, payments.totalCount)} of ${payments.totalCount}`).waitFor();
    expect(await listedFleet(page)).toEqual(fleetRows(payments.edges.slice(0, 25)));
    const groups = await page.getByRole('list', { name: 'Matches by cluster' }).getByRole('listitem').allInnerTexts();
    expect(groups).toEqual(payments.countsBy.map((g) => `${g.value}: ${g.count}`));
    await screenshot(page, 'fleet-search');
  });

  test("diagnoses the demo's IRSA association: ROLE_TRUST fails, with the trust statement to add", async () => {
    await page.getByRole('button', { name: 'By cluster' }).click();
    await page.getByRole('button', { name: DEMO_IRSA_ASSOCIATION.name }).click();
    await page.getByRole('heading', { name: DEMO_IRSA_ASSOCIATION.name }).waitFor();
    const filter = page.getByRole('form', { name: 'Filter associations' });
    await filter.getByLabel('Namespace').fill(DEMO_IRSA_ASSOCIATION.namespace);
    await filter.getByLabel('Service account').fill(DEMO_IRSA_ASSOCIATION.serviceAccount);
    await filter.getByRole('button', { name: 'Apply filters' }).click();
    await waitForRows(page, 1);
    const name = `${DEMO_IRSA_ASSOCIATION.namespace}/${DEMO_IRSA_ASSOCIATION.serviceAccount}`;
    await page.getByRole('button', { name: `Manage ${name}` }).click();
    await page.getByRole('heading', { name }).waitFor();

    await page.getByRole('button', { name: 'Diagnose' }).click();
    const checks = page.getByRole('list', { name: 'Diagnosis checks' });
    await checks.waitFor();
    await page.getByRole('status').getByText('Not ready').waitFor();
    const roleTrust = checks.getByRole('listitem').filter({ has: page.getByText('ROLE_TRUST', { exact: true }) });
    await expect(roleTrust.locator('.status').innerText()).resolves.toBe('FAIL');
    const remedy = await roleTrust.locator('.remedy').innerText();
    expect(remedy).toMatch(/^Remedy:/);
    expect(remedy).toContain('pods.eks.amazonaws.com');
    expect(remedy).toContain('sts:TagSession');
    await expect(
      checks
        .getByRole('listitem')
        .filter({ has: page.getByText('ROLE_EXISTS', { exact: true }) })
        .locator('.status')
        .innerText(),
    ).resolves.toBe('PASS');
    await screenshot(page, 'diagnosis');
  });
});

describe('from an origin the gateway does not list', () => {
  test('the browser blocks the answers: the app shows the error, and the gateway sent no CORS headers', async () => {
    const { context, page, pageErrors } = await openPage(stranger.origin);
    try {
      // The browser's own account of the request, which the page cannot see.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const corsErrors: string[] = [];
      cdp.on('Network.loadingFailed', (event: { corsErrorStatus?: { corsError: string } }) => {
        if (event.corsErrorStatus) corsErrors.push(event.corsErrorStatus.corsError);
      });

      await signIn(page, ADMIN_TOKEN);
      const alert = page.getByRole('alert');
      await alert.getByText('NETWORK_ERROR').waitFor();
      await expect(alert.innerText()).resolves.toContain(`this page is ${stranger.origin}`);
      await screenshot(page, 'cors-blocked');
      expect(corsErrors.length).toBeGreaterThan(0);
      expect(corsErrors[0]).toMatch(/^Preflight/);
      await expect(page.getByRole('heading', { name: 'Clusters' }).count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);

      // What the gateway answers that origin's preflight: a refusal with no CORS headers at all.
      const refused = await preflight(stack.gateway.graphqlUrl, stranger.origin);
      expect(refused.status).toBe(403);
      expect(Object.keys(refused.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      const allowed = await preflight(stack.gateway.graphqlUrl, app.origin);
      expect(allowed.headers['access-control-allow-origin']).toBe(app.origin);
    } finally {
      await context.close();
    }
  });
});

describe("with the build's manifest as TRUSTED_DOCUMENTS_FILE", () => {
  let trusted: Stack;
  beforeAll(async () => {
    trusted = await startStack(
      { seed: 'demo' },
      {
        ...gatewayEnv(app.origin),
        TRUSTED_DOCUMENTS_FILE: join(buildDir, 'persisted-documents.json'),
        // Without the inventory: the fleet search's document is trusted and answered INVENTORY_OFF.
        INVENTORY: 'off',
      },
    );
  });
  afterAll(() => trusted?.close());

  test('the app works, and a hand-written query from the same page is refused with UNTRUSTED_DOCUMENT', async () => {
    const { context, page, pageErrors } = await openPage(app.origin);
    try {
      await signIn(page, ADMIN_TOKEN, trusted.gateway.graphqlUrl);
      await page.getByRole('button', { name: 'prod-platform' }).click();
      await waitForRows(page, 20);
      expect(await listedAssociations(page)).toEqual(names((await prodPlatformAssociations(trusted)).slice(0, 20)));
      await screenshot(page, 'trusted-documents');

      const handWritten = await page.evaluate(
        async ({ url, token }) => {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({
              query:
                '{ clusters(first: 100) { nodes { name podIdentityAssociations(first: 100) { nodes { roleArn } } } } }',
            }),
          });
          return {
            status: res.status,
            body: (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> },
          };
        },
        { url: trusted.gateway.graphqlUrl, token: ADMIN_TOKEN },
      );
      expect(handWritten.status).toBe(400);
      expect(handWritten.body.errors?.[0]?.extensions?.code).toBe('UNTRUSTED_DOCUMENT');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the fleet search of a gateway without an inventory shows INVENTORY_OFF', async () => {
    const { context, page, pageErrors } = await openPage(app.origin);
    try {
      await signIn(page, ADMIN_TOKEN, trusted.gateway.graphqlUrl);
      await page.getByRole('button', { name: 'Fleet search' }).click();
      await page.getByRole('form', { name: 'Search the fleet' }).getByRole('button', { name: 'Search' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'INVENTORY_OFF' });
      await alert.waitFor();
      await expect(alert.innerText()).resolves.toContain('This gateway keeps no fleet inventory');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
