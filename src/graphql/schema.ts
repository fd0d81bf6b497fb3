import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers';

/** The SDL files under schema/, in name order, as one document. */
export function loadTypeDefs(dir = join(__dirname, '..', '..', 'schema')): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers,
    // A resolver for a field the schema does not have is a bug, not something to ignore.
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
