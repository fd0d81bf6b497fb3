import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** ISO-8601 in UTC; accepts any string `Date` can parse into a valid time. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A point in time, as an ISO-8601 string in UTC with millisecond precision.',
  serialize(value) {
    const date =
      value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    return parseIso(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be an ISO-8601 string.');
    return parseIso(ast.value);
  },
});

function parseIso(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new GraphQLError(
      `DateTime must be an ISO-8601 string such as 2026-01-15T09:00:00Z, received ${JSON.stringify(value)}.`,
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime "${value}" is not a valid time.`);
  return date;
}
