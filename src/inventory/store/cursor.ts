/**
 * Keyset pagination: every order is a list of columns ending with the primary key, so it is
 * total; a cursor holds the order and one row's values of those columns, and the next page is
 * the rows after them in that order. Rows inserted or deleted elsewhere never shift a page.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { ALIAS } from './conditions';
import type { AssociationsTable } from './schema';
import type { InventoryOrder, InventoryOrderField } from './types';

type OrderColumn = keyof AssociationsTable;

const KEY: readonly OrderColumn[] = ['account_id', 'region', 'cluster_name', 'association_id'];

/** The columns of each order; each is an index of the migrations, so a page is a range scan. */
export const ORDER_COLUMNS: Record<InventoryOrderField, readonly OrderColumn[]> = {
  CLUSTER: ['cluster_name', 'account_id', 'region', 'association_id'],
  NAMESPACE: ['namespace', 'service_account', ...KEY],
  SERVICE_ACCOUNT: ['service_account', 'namespace', ...KEY],
  CREATED_AT: ['created_at', ...KEY],
  MODIFIED_AT: ['modified_at', ...KEY],
};

/** The orders whose first column may be NULL (a row without the time); NULL sorts first ascending. */
const NULLABLE_FIRST: ReadonlySet<InventoryOrderField> = new Set(['CREATED_AT', 'MODIFIED_AT']);

export const DEFAULT_ORDER: InventoryOrder = { field: 'CLUSTER', direction: 'ASC' };

type CursorValue = string | number | null;

export class InvalidCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(order: InventoryOrder, record: AssociationsTable): string {
  const values = ORDER_COLUMNS[order.field].map((name): CursorValue => record[name]);
  return Buffer.from(JSON.stringify([order.field, order.direction, ...values]), 'utf8').toString('base64url');
}

/** The cursor's values, checked against the order: a cursor of another order is refused, not misread. */
export function decodeCursor(order: InventoryOrder, cursor: string): CursorValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('The cursor is not one this search returned.');
  }
  if (!Array.isArray(decoded)) throw new InvalidCursorError('The cursor is not one this search returned.');
  const [field, direction, ...values] = decoded as unknown[];
  if (field !== order.field || direction !== order.direction) {
    throw new InvalidCursorError(
      `The cursor belongs to the order ${String(field)} ${String(direction)}, not ${order.field} ${order.direction}.`,
    );
  }
  if (values.length !== ORDER_COLUMNS[order.field].length) {
    throw new InvalidCursorError('The cursor is not one this search returned.');
  }
  values.forEach((value, i) => {
    const nullableTime = i === 0 && NULLABLE_FIRST.has(order.field);
    const valid = nullableTime ? value === null || Number.isSafeInteger(value) : typeof value === 'string';
    if (!valid) throw new InvalidCursorError('The cursor is not one this search returned.');
  });
  return values as CursorValue[];
}

function tuple(items: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  return sql`(${sql.join(items)})`;
}

/** The rows strictly after the cursor's in the order. */
export function afterCursor(order: InventoryOrder, values: readonly CursorValue[]): RawBuilder<SqlBool> {
  const columns = ORDER_COLUMNS[order.field].map((name) => sql.ref(`${ALIAS}.${name}`));
  const params = values.map((value) => sql`${value}`);
  const op = sql.raw(order.direction === 'ASC' ? '>' : '<');
  if (!NULLABLE_FIRST.has(order.field)) return sql<SqlBool>`${tuple(columns)} ${op} ${tuple(params)}`;

  // A NULL compares as unknown, so the rows without the time are handled apart: they come
  // first ascending (after a NULL cursor by key only) and last descending.
  const [first, ...rest] = columns as [RawBuilder<unknown>, ...RawBuilder<unknown>[]];
  const restAfter = sql`${tuple(rest)} ${op} ${tuple(params.slice(1))}`;
  if (values[0] === null) {
    return order.direction === 'ASC'
      ? sql<SqlBool>`((${first} is null and ${restAfter}) or ${first} is not null)`
      : sql<SqlBool>`(${first} is null and ${restAfter})`;
  }
  const allAfter = sql`${tuple(columns)} ${op} ${tuple(params)}`;
  return order.direction === 'ASC' ? sql<SqlBool>`${allAfter}` : sql<SqlBool>`(${allAfter} or ${first} is null)`;
}

/** ORDER BY items: every column in the direction; a missing time first ascending, last descending. */
export function orderItems(order: InventoryOrder): RawBuilder<unknown>[] {
  const direction = sql.raw(order.direction === 'ASC' ? 'asc' : 'desc');
  return ORDER_COLUMNS[order.field].map((name, i) => {
    const ref = sql.ref(`${ALIAS}.${name}`);
    if (i === 0 && NULLABLE_FIRST.has(order.field)) {
      return sql`${ref} ${direction} ${sql.raw(order.direction === 'ASC' ? 'nulls first' : 'nulls last')}`;
    }
    return sql`${ref} ${direction}`;
  });
}
