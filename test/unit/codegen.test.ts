/**
 * The generated resolver types must match the schema, and every field of a mapped type must have
 * a resolver: with `mappers`, typescript-resolvers compiles even when one is missing, and the
 * default resolver would then read a property the backend model does not have.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isObjectType } from 'graphql';
import { resolvers } from '../../src/graphql/resolvers';
import { buildSchema } from '../../src/graphql/schema';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const codegenBin = join(root, 'node_modules', '.bin', 'graphql-codegen');

async function check(cwd: string): Promise<{ code: number; output: string }> {
  try {
    // Codegen says why it failed only when NODE_ENV is not `test` (as jest sets it).
    const { stdout, stderr } = await run(codegenBin, ['--config', 'codegen.yml', '--check'], {
      cwd,
      env: { ...process.env, NODE_ENV: 'development' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

test('src/generated is what `npm run codegen` makes from schema/, and the check notices a change', async () => {
  expect(await check(root)).toMatchObject({ code: 0 });

  // A copy under the repository (test-results/ is ignored), so codegen finds its plugins.
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const copy = mkdtempSync(join(root, 'test-results', 'codegen-check-'));
  try {
    for (const path of [
      'schema',
      'codegen.yml',
      join('src', 'generated'),
      join('examples', 'operations'),
      join('examples', 'generated'),
    ]) {
      cpSync(join(root, path), join(copy, path), { recursive: true });
    }
    expect(await check(copy)).toMatchObject({ code: 0 });
    appendFileSync(join(copy, 'schema', 'base.graphql'), '\n"A change."\ntype Extra { "A field." field: String }\n');
    const stale = await check(copy);
    expect(stale.code).not.toBe(0);
    expect(stale.output).toMatch(/src\/generated\/graphql\.ts/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 60_000);

test('every field of every mapped type has a resolver', () => {
  const config = readFileSync(join(root, 'codegen.yml'), 'utf8');
  const mapped = [...config.matchAll(/^\s+(\w+): \.\.\/graphql\/models#\w+$/gm)].map((m) => m[1] as string);
  expect(mapped).toEqual(expect.arrayContaining(['Cluster', 'PodIdentityAssociation']));
  const schema = buildSchema();
  const table = resolvers as unknown as Record<string, Record<string, unknown> | undefined>;
  const missing: string[] = [];
  for (const typeName of mapped) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`codegen.yml maps ${typeName}, which is not an object type`);
    for (const field of Object.keys(type.getFields())) {
      if (typeof table[typeName]?.[field] !== 'function') missing.push(`${typeName}.${field}`);
    }
  }
  expect(missing).toEqual([]);
});

test('every type, field, argument, enum value and input field of the schema has a description', () => {
  const schema = buildSchema();
  const undocumented: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    if (!type.description) undocumented.push(type.name);
    if ('getFields' in type) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if ('getValues' in type) {
      for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
    }
  }
  expect(undocumented).toEqual([]);
});
