/**
 * The generated resolver types must match the schema, and every field of a mapped type must have
 * a resolver: with `mappers`, typescript-resolvers compiles even when one is missing, and the
 * default resolver would then read a property the backend model does not have.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isObjectType } from 'graphql';
import { buildSchema } from '../../src/graphql/schema';
import { resolvers } from '../../src/graphql/resolvers';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const codegenBin = join(root, 'node_modules', '.bin', 'graphql-codegen');

async function check(cwd: string): Promise<number> {
  try {
    await run(codegenBin, ['--config', 'codegen.yml', '--check'], { cwd });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? 1;
  }
}

test('src/generated is what `npm run codegen` makes from schema/, and the check notices a change', async () => {
  expect(await check(root)).toBe(0);

  const copy = mkdtempSync(join(tmpdir(), 'codegen-check-'));
  try {
    cpSync(join(root, 'schema'), join(copy, 'schema'), { recursive: true });
    cpSync(join(root, 'src', 'generated'), join(copy, 'src', 'generated'), { recursive: true });
    cpSync(join(root, 'codegen.yml'), join(copy, 'codegen.yml'));
    appendFileSync(join(copy, 'schema', 'base.graphql'), '\n"A change."\ntype Extra { "A field." field: String }\n');
    expect(await check(copy)).not.toBe(0);
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
