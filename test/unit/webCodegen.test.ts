/**
 * The web app's generated files (examples/web/src/gql/: typed documents and the trusted-documents
 * manifest) are what `npm run web:codegen` makes from schema/ and the app's operations, and the
 * manifest is one the gateway's TRUSTED_DOCUMENTS_FILE accepts.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readTrustedDocuments } from '../../src/server/trustedDocuments';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const codegenBin = join(root, 'node_modules', '.bin', 'graphql-codegen');
const CONFIG = join('examples', 'web', 'codegen.ts');
const GENERATED = join('examples', 'web', 'src', 'gql');

async function check(cwd: string): Promise<{ code: number; output: string }> {
  try {
    // Codegen says why it failed only when NODE_ENV is not `test` (as jest sets it).
    const { stdout, stderr } = await run(codegenBin, ['--config', CONFIG, '--check'], {
      cwd,
      env: { ...process.env, NODE_ENV: 'development' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

test('examples/web/src/gql is current, and the check notices an operation changed without it', async () => {
  expect(await check(root)).toMatchObject({ code: 0 });

  // A copy under the repository (test-results/ is ignored), so codegen finds its plugins.
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const copy = mkdtempSync(join(root, 'test-results', 'web-codegen-check-'));
  try {
    for (const path of ['schema', CONFIG, join('examples', 'web', 'src')]) {
      cpSync(join(root, path), join(copy, path), { recursive: true });
    }
    expect(await check(copy)).toMatchObject({ code: 0 });
    const operations = join(copy, 'examples', 'web', 'src', 'operations.ts');
    writeFileSync(
      operations,
      readFileSync(operations, 'utf8').replace('    modifiedAt\n', '    modifiedAt\n    createdAt\n'),
    );
    const stale = await check(copy);
    expect(stale.code).not.toBe(0);
    expect(stale.output).toMatch(/persisted-documents\.json/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 60_000);

test("the manifest is one the gateway takes, with each of the app's operations once", () => {
  const manifest = readTrustedDocuments(join(root, GENERATED, 'persisted-documents.json'));
  const source = readFileSync(join(root, 'examples', 'web', 'src', 'operations.ts'), 'utf8');
  const operations = [...source.matchAll(/^\s+(?:query|mutation) (\w+)/gm)].map((m) => m[1]);
  expect(operations.length).toBeGreaterThan(5);
  expect(manifest.size).toBe(operations.length);
});
