import { decodeCursor, encodeCursor, InvalidCursorError } from '../../../src/inventory/store/cursor';
import { toAssociationRecord } from '../../../src/inventory/store/rows';
import { association } from '../../helpers/inventory';

const record = toAssociationRecord(
  association({ clusterName: 'prod', namespace: 'payments', serviceAccount: 'api', createdAt: null }),
  new Date(0),
);

describe('cursors', () => {
  test('a cursor gives back the values of its order', () => {
    const order = { field: 'NAMESPACE', direction: 'DESC' } as const;
    expect(decodeCursor(order, encodeCursor(order, record))).toEqual([
      'payments',
      'api',
      record.account_id,
      record.region,
      'prod',
      record.association_id,
    ]);
    const byTime = { field: 'CREATED_AT', direction: 'ASC' } as const;
    expect(decodeCursor(byTime, encodeCursor(byTime, record))[0]).toBeNull();
  });

  test("a cursor of another order or direction is refused, not read as this order's", () => {
    const cursor = encodeCursor({ field: 'CLUSTER', direction: 'ASC' }, record);
    expect(() => decodeCursor({ field: 'CLUSTER', direction: 'DESC' }, cursor)).toThrow(InvalidCursorError);
    expect(() => decodeCursor({ field: 'SERVICE_ACCOUNT', direction: 'ASC' }, cursor)).toThrow(
      /belongs to the order CLUSTER ASC, not SERVICE_ACCOUNT ASC/,
    );
  });

  const made = (items: unknown) => Buffer.from(JSON.stringify(items)).toString('base64url');
  test.each([
    ['not base64 JSON', 'CLUSTER', 'x'],
    ['not an array', 'CLUSTER', made({ a: 1 })],
    ['too short', 'CLUSTER', made(['CLUSTER', 'ASC', 'prod'])],
    ['a number for a name', 'CLUSTER', made(['CLUSTER', 'ASC', 1, 'a', 'b', 'c'])],
    ['a string for a time', 'CREATED_AT', made(['CREATED_AT', 'ASC', 'x', 'a', 'b', 'c', 'd'])],
  ] as const)('a made-up cursor (%s) is refused', (_, field, cursor) => {
    expect(() => decodeCursor({ field, direction: 'ASC' }, cursor)).toThrow(InvalidCursorError);
  });
});
