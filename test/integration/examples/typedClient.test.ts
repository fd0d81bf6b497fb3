/**
 * The files client tooling consumes are current, and the typed client follows the schema: a schema
 * change that breaks a documented operation fails the generation, and the examples that use the
 * generated documents type-check (a changed result type breaks them).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printedSchema, SCHEMA_FILE } from '../../../scripts/print-schema';
import { ROOT, run } from './run';

// Codegen says why it failed only with --verbose (no terminal here) and when NODE_ENV is not `test` (as jest sets it).
const codegen = (cwd: string) =>
  run(
    join(ROOT, 'node_modules', '.bin', 'graphql-codegen'),
    ['--config', 'codegen.yml', '--verbose'],
    { NODE_ENV: 'development' },
    60_000,
    cwd,
  );

test('schema.graphql is the printed, sorted schema of schema/ (npm run schema:print)', () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
});

test('examples/generated is current, and a schema change that breaks an operation fails its generation', async () => {
  // A copy of the inputs under the repository (test-results/ is ignored), so codegen finds its
  // plugins in node_modules as `npm run codegen` does.
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const copy = mkdtempSync(join(ROOT, 'test-results', 'typed-client-'));
  try {
    cpSync(join(ROOT, 'codegen.yml'), join(copy, 'codegen.yml'));
    cpSync(join(ROOT, 'schema'), join(copy, 'schema'), { recursive: true });
    cpSync(join(ROOT, 'examples', 'operations'), join(copy, 'examples', 'operations'), { recursive: true });

    const fresh = await codegen(copy);
    expect(fresh.stderr).not.toMatch(/FAILED/);
    expect(fresh.code).toBe(0);
    const files = readdirSync(join(copy, 'examples', 'generated')).sort();
    expect(files).toEqual(['gql.ts', 'graphql.ts', 'index.ts']);
    for (const file of files) {
      const committed = readFileSync(join(ROOT, 'examples', 'generated', file), 'utf8');
      // Stale: run `npm run codegen`.
      expect({ file, current: committed === readFileSync(join(copy, 'examples', 'generated', file), 'utf8') }).toEqual({
        file,
        current: true,
      });
    }

    // Renaming a field the operations select is the kind of change that must not slip through.
    const association = join(copy, 'schema', 'association.graphql');
    writeFileSync(
      association,
      readFileSync(association, 'utf8').replace('serviceAccount: String!', 'serviceAccountName: String!'),
    );
    const broken = await codegen(copy);
    expect(broken.code).not.toBe(0);
    expect(broken.stdout + broken.stderr).toContain(
      'Cannot query field "serviceAccount" on type "PodIdentityAssociation"',
    );
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 60_000);

test('the examples and the typed client compile (tsc -p examples)', async () => {
  const result = await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'examples/tsconfig.json'], {}, 120_000);
  expect(result.stdout + result.stderr).toBe('');
  expect(result.code).toBe(0);
}, 120_000);
