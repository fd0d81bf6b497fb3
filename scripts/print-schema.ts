/**
 * Writes `schema.graphql` at the top of the repository: the whole schema, printed and sorted, for
 * client tooling (Relay's compiler, editors, codegen of other clients). `npm run schema:print`;
 * `npm run codegen` runs it too, and a test fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from '../src/graphql/schema';

export const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

const HEADER =
  '# Generated from schema/*.graphql by `npm run schema:print` (also run by `npm run codegen`). Do not edit.\n\n';

/** The file's whole content; sorted so that moving a type between SDL files changes nothing. */
export function printedSchema(): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`Wrote ${SCHEMA_FILE}`);
}
