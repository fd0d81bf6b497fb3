import { CallBudget, CallBudgetExceeded, withCallBudget } from '../../src/eks/callBudget';
import { BACKEND_METHODS, type PodIdentityBackend } from '../../src/eks/operations';

/** A backend that records the calls that reach it. */
function recording(): { backend: PodIdentityBackend; calls: string[] } {
  const calls: string[] = [];
  const record = (name: string) => async () => {
    calls.push(name);
    return null as never;
  };
  const backend = Object.fromEntries(
    BACKEND_METHODS.map((method) => [method, record(method)]),
  ) as unknown as PodIdentityBackend;
  return { backend, calls };
}

const key = { accountId: '000000000000', region: 'us-east-1', clusterName: 'c', associationId: 'a-00000000000000000' };

test('calls pass until the limit; the next one throws and never reaches the backend', async () => {
  const { backend, calls } = recording();
  const budgeted = withCallBudget(backend, new CallBudget(2));
  await budgeted.listClusters({ accountId: '000000000000', region: 'us-east-1' }, 10, null);
  await budgeted.describeAssociation(key);
  await expect(budgeted.deleteAssociation(key)).rejects.toThrow(CallBudgetExceeded);
  await expect(budgeted.deleteAssociation(key)).rejects.toThrow(
    'The request reached its limit of 2 EKS calls before DeletePodIdentityAssociation.',
  );
  expect(calls).toEqual(['listClusters', 'describeAssociation']);
});

test('every operation counts, each by its EKS name', async () => {
  const { backend } = recording();
  const budget = new CallBudget(0);
  const budgeted = withCallBudget(backend, budget);
  const names = await Promise.all(
    [
      () => budgeted.listClusters({ accountId: '000000000000', region: 'us-east-1' }, 1, null),
      () => budgeted.describeCluster({ accountId: '000000000000', region: 'us-east-1', name: 'c' }),
      () =>
        budgeted.listAssociations({ accountId: '000000000000', region: 'us-east-1' }, 'c', {
          maxResults: 1,
          nextToken: null,
        }),
      () => budgeted.describeAssociation(key),
      () =>
        budgeted.createAssociation({
          accountId: '000000000000',
          region: 'us-east-1',
          clusterName: 'c',
          namespace: 'n',
          serviceAccount: 's',
          roleArn: 'r',
        } as never),
      () => budgeted.updateAssociation({ ...key } as never),
      () => budgeted.deleteAssociation(key),
      () => budgeted.tagAssociation({ ...key, associationArn: 'arn' }, { team: 'a' }),
      () => budgeted.untagAssociation({ ...key, associationArn: 'arn' }, ['team']),
      () => budgeted.listAssociationTags({ ...key, associationArn: 'arn' }),
    ].map((call) =>
      call().then(
        () => null,
        (error: CallBudgetExceeded) => error.operation,
      ),
    ),
  );
  expect(names).toEqual([
    'ListClusters',
    'DescribeCluster',
    'ListPodIdentityAssociations',
    'DescribePodIdentityAssociation',
    'CreatePodIdentityAssociation',
    'UpdatePodIdentityAssociation',
    'DeletePodIdentityAssociation',
    'TagResource',
    'UntagResource',
    'ListTagsForResource',
  ]);
});

test('a budget must be a whole number', () => {
  expect(() => new CallBudget(-1)).toThrow(/non-negative integer, received -1/);
  expect(() => new CallBudget(1.5)).toThrow(/received 1.5/);
});
