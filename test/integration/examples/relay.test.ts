/**
 * Relay's own compiler accepts the schema: fragments with `@connection` over our connections and
 * `@refetchable` over our Node types, and mutations with `@appendNode` / `@deleteRecord`
 * (examples/relay). Copies with a broken schema show the compiler does check those rules.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_FILE } from '../../../scripts/print-schema';
import { ROOT, run } from './run';

const RELAY = join(ROOT, 'node_modules', '.bin', 'relay-compiler');
const EXAMPLE = join(ROOT, 'examples', 'relay');

test('the Relay compiler validates examples/relay against schema.graphql, and its artifacts are current', async () => {
  const result = await run(RELAY, ['--validate'], {}, 60_000, EXAMPLE);
  // Non-zero with "pending changes": run `npm run relay` (npm run codegen does).
  expect({ code: result.code, output: result.code === 0 ? '' : result.stdout + result.stderr }).toEqual({
    code: 0,
    output: '',
  });
  expect(existsSync(join(EXAMPLE, 'src', '__generated__', 'ClusterAssociationsPaginationQuery.graphql.ts'))).toBe(true);
});

describe('on a copy of the fragments', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-check-'));
    cpSync(join(EXAMPLE, 'src'), join(dir, 'src'), {
      recursive: true,
      filter: (path) => !path.includes('__generated__'),
    });
    const config = JSON.parse(readFileSync(join(EXAMPLE, 'relay.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(dir, 'relay.config.json'),
      JSON.stringify({ ...config, $schema: undefined, schema: './schema.graphql' }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function compile(schema: string) {
    writeFileSync(join(dir, 'schema.graphql'), schema);
    const result = await run(RELAY, ['--output', 'quiet-with-errors'], {}, 60_000, dir);
    return { code: result.code, output: result.stdout + result.stderr };
  }

  const schema = () => readFileSync(SCHEMA_FILE, 'utf8');

  test('compiles them with our schema', async () => {
    expect(await compile(schema())).toEqual({ code: 0, output: '' });
    expect(existsSync(join(dir, 'src', '__generated__', 'ClusterListPaginationQuery.graphql.ts'))).toBe(true);
  });

  test('refuses them when a connection has no pageInfo.endCursor', async () => {
    const broken = schema().replace(/^ {2}endCursor: String$/m, '  lastCursor: String');
    expect(broken).not.toBe(schema());
    const result = await compile(broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("@connection used on invalid field 'podIdentityAssociations'");
  });

  test('refuses them when Query has no node(id:) field', async () => {
    const broken = schema().replace(/^ {2}node\($/m, '  nodeById(');
    expect(broken).not.toBe(schema());
    const result = await compile(broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Invalid use of @refetchable');
  });
});
