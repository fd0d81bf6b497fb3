import { parseInventoryUrl } from '../../../src/inventory/store';

describe('INVENTORY_DATABASE forms', () => {
  test.each([
    ['sqlite::memory:', { engine: 'sqlite', path: ':memory:' }],
    ['sqlite:data/inventory.db', { engine: 'sqlite', path: 'data/inventory.db' }],
    ['sqlite:/var/lib/gateway/inventory.db', { engine: 'sqlite', path: '/var/lib/gateway/inventory.db' }],
    [
      'postgres://gw:secret@db:5432/inventory',
      { engine: 'postgres', connectionString: 'postgres://gw:secret@db:5432/inventory' },
    ],
    ['postgresql://db/inventory', { engine: 'postgres', connectionString: 'postgresql://db/inventory' }],
  ])('%s', (url, location) => {
    expect(parseInventoryUrl(url)).toEqual(location);
  });

  test.each([
    ['mysql://user:hunter2@db/inventory', /got mysql:$/],
    ['data/inventory.db', /got \(no scheme\)$/],
    ['', /got \(empty\)$/],
    ['sqlite:', /needs a file path/],
    ['sqlite::memory', /needs a file path/],
    ['sqlite://data/inventory.db', /ambiguous/],
  ])('%j is refused', (url, message) => {
    expect(() => parseInventoryUrl(url)).toThrow(message);
  });

  test('a refused URL is not repeated beyond its scheme, so its password is not logged', () => {
    expect(() => parseInventoryUrl('mysql://user:hunter2@db/inventory')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
