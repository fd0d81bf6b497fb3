import { globLiteralPrefix, globUsesIndex, unindexedGlobFields } from '../../../src/inventory/store';
import { globPattern } from '../../../src/inventory/store/engine';

describe('globs as SQL patterns', () => {
  test.each([
    ['payments', 'payments', 'payments'],
    ['pay*', 'pay*', 'pay%'],
    ['a**b', 'a**b', 'a%b'],
    ['100%_done', '100%_done', '100!%!_done'],
    ['what?', 'what[?]', 'what?'],
    ['[x]*', '[[]x]*', '[x]%'],
    ['wow!', 'wow!', 'wow!!'],
    ['back\\slash', 'back\\slash', 'back\\slash'],
  ])('%j is GLOB %j on SQLite and LIKE %j on PostgreSQL', (glob, sqlite, postgres) => {
    expect(globPattern('sqlite', glob)).toBe(sqlite);
    expect(globPattern('postgres', glob)).toBe(postgres);
  });
});

describe('which globs use an index', () => {
  test.each([
    ['payments', 'payments', true],
    ['pay*', 'pay', true],
    ['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:role/', true],
    ['*-api', '', false],
    ['*', '', false],
  ])('%j: literal prefix %j, index %s', (glob, prefix, indexed) => {
    expect(globLiteralPrefix(glob)).toBe(prefix);
    expect(globUsesIndex(glob)).toBe(indexed);
  });

  test('unindexedGlobFields names the fields whose globs start with *', () => {
    expect(
      unindexedGlobFields({
        accountIds: ['111122223333'],
        clusterNames: ['prod-*', '*-staging'],
        namespace: 'payments',
        roleArn: '*admin*',
        targetRoleArn: 'arn:aws:iam::*',
      }),
    ).toEqual(['clusterNames', 'roleArn']);
    expect(unindexedGlobFields({ regions: ['*'] })).toEqual(['regions']);
    expect(unindexedGlobFields({ tag: { key: 'team' } })).toEqual([]);
  });
});
