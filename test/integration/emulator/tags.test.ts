/**
 * TagResource, UntagResource and ListTagsForResource on cluster and association ARNs, through the
 * real SDK: EKS's tag rules, merge semantics, these operations' own error names, region and
 * account isolation, retries that converge, and tags that survive a restart from the state file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreatePodIdentityAssociationCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eks';
import type { RunningEmulator } from '../../../src/emulator';
import { ACCOUNT, control, eks, expectError, raw, role, start } from './helpers';

let emulator: RunningEmulator;
let client: ReturnType<typeof eks>;
let associationArn: string;
let associationId: string;
const clusterArn = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/tagged`;

beforeAll(async () => {
  emulator = await start({ seed: { clusters: [{ name: 'tagged', region: 'us-east-1', tags: { team: 'platform' } }] } });
  client = eks(emulator.url);
  const created = await client.send(
    new CreatePodIdentityAssociationCommand({
      clusterName: 'tagged',
      namespace: 'apps',
      serviceAccount: 'web',
      roleArn: role('web'),
      tags: { owner: 'web' },
    }),
  );
  associationArn = created.association?.associationArn ?? '';
  associationId = created.association?.associationId ?? '';
});
afterAll(() => emulator.close());

const tagsOf = async (resourceArn: string) => (await client.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

test("TagResource merges into an association's tags, and Describe shows them; modifiedAt stays", async () => {
  const before = await client.send(new DescribePodIdentityAssociationCommand({ clusterName: 'tagged', associationId }));
  await client.send(
    new TagResourceCommand({ resourceArn: associationArn, tags: { owner: 'web-team', stage: 'prod' } }),
  );
  expect(await tagsOf(associationArn)).toEqual({ owner: 'web-team', stage: 'prod' });
  const after = await client.send(new DescribePodIdentityAssociationCommand({ clusterName: 'tagged', associationId }));
  expect(after.association?.tags).toEqual({ owner: 'web-team', stage: 'prod' });
  expect(after.association?.modifiedAt).toEqual(before.association?.modifiedAt);
});

test('UntagResource removes the keys named; a key that is not there is no error, so a retry converges', async () => {
  await client.send(new TagResourceCommand({ resourceArn: associationArn, tags: { a: '1', b: '2' } }));
  await client.send(new UntagResourceCommand({ resourceArn: associationArn, tagKeys: ['a', 'absent'] }));
  await client.send(new UntagResourceCommand({ resourceArn: associationArn, tagKeys: ['a', 'absent'] }));
  expect(await tagsOf(associationArn)).toEqual(expect.objectContaining({ b: '2' }));
  expect(Object.keys((await tagsOf(associationArn)) ?? {})).not.toContain('a');
});

test("a cluster's tags change the same way, and DescribeCluster shows them", async () => {
  await client.send(new TagResourceCommand({ resourceArn: clusterArn, tags: { cost: 'shared' } }));
  expect(await tagsOf(clusterArn)).toEqual({ team: 'platform', cost: 'shared' });
  await client.send(new UntagResourceCommand({ resourceArn: clusterArn, tagKeys: ['team'] }));
  expect((await client.send(new DescribeClusterCommand({ name: 'tagged' }))).cluster?.tags).toEqual({ cost: 'shared' });
});

describe("EKS's rules, answered with these operations' own errors", () => {
  test.each([
    ['a reserved aws: key, in any case', { 'AWS:team': 'x' }, /reserved/],
    ['a key longer than 128 characters', { ['k'.repeat(129)]: 'x' }, /1-128/],
    ['a value longer than 256 characters', { key: 'v'.repeat(257) }, /256/],
    ['no tags at all', {}, /at least one/],
  ])('TagResource with %s is BadRequestException', async (_, tags, message) => {
    await expectError(
      client.send(new TagResourceCommand({ resourceArn: associationArn, tags })),
      'BadRequestException',
      400,
      message,
    );
  });

  test('more than 50 tags after the merge is BadRequestException and changes nothing', async () => {
    const before = await tagsOf(clusterArn);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await expectError(
      client.send(new TagResourceCommand({ resourceArn: clusterArn, tags: many })),
      'BadRequestException',
      400,
      /at most 50 tags/,
    );
    expect(await tagsOf(clusterArn)).toEqual(before);
  });

  test('UntagResource of a reserved key is BadRequestException', async () => {
    await expectError(
      client.send(new UntagResourceCommand({ resourceArn: clusterArn, tagKeys: ['aws:x'] })),
      'BadRequestException',
      400,
      /reserved/,
    );
  });

  test('UntagResource without tagKeys is BadRequestException', async () => {
    const res = await raw(emulator.url, `/tags/${encodeURIComponent(clusterArn)}`, { method: 'DELETE' });
    expect({ status: res.status, type: res.headers.get('x-amzn-errortype') }).toEqual({
      status: 400,
      type: 'BadRequestException',
    });
  });

  test.each([
    ['not an ARN', 'BadRequestException', 400, 'tagged'],
    ['an ARN of another service', 'BadRequestException', 400, 'arn:aws:iam::111122223333:role/web'],
    ['a cluster ARN with a path', 'BadRequestException', 400, `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/tagged/extra`],
    ['a cluster that does not exist', 'NotFoundException', 404, `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/nowhere`],
    [
      'an association that does not exist',
      'NotFoundException',
      404,
      `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/tagged/a-00000000000000000`,
    ],
    ['a cluster of another region', 'NotFoundException', 404, `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/tagged`],
    ['a cluster of another account', 'NotFoundException', 404, 'arn:aws:eks:us-east-1:999999999999:cluster/tagged'],
  ])('%s is %s', async (_, name, status, resourceArn) => {
    await expectError(client.send(new ListTagsForResourceCommand({ resourceArn })), name, status);
    await expectError(client.send(new TagResourceCommand({ resourceArn, tags: { a: 'b' } })), name, status);
  });
});

test('a TagResource whose connection dropped (applied or not) converges when sent again', async () => {
  await control(emulator.url, 'faults', 'POST', { seed: 5, rates: { TagResource: { drop: 1 } } });
  try {
    await expect(
      client.send(new TagResourceCommand({ resourceArn: associationArn, tags: { dropped: 'once' } })),
    ).rejects.toThrow();
  } finally {
    await control(emulator.url, 'faults', 'DELETE');
  }
  await client.send(new TagResourceCommand({ resourceArn: associationArn, tags: { dropped: 'once' } }));
  expect(await tagsOf(associationArn)).toEqual(expect.objectContaining({ dropped: 'once' }));
});

test('tags are journaled: a restart from the state file keeps them', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-emulator-tags-'));
  const stateFile = path.join(dir, 'state.json');
  try {
    const first = await start({ stateFile, seed: { clusters: [{ name: 'kept', region: 'us-east-1' }] } });
    const firstClient = eks(first.url);
    const arn = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/kept`;
    await firstClient.send(new TagResourceCommand({ resourceArn: arn, tags: { kept: 'yes', gone: 'soon' } }));
    await firstClient.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['gone'] }));
    await first.close();
    const second = await start({ stateFile });
    try {
      expect((await eks(second.url).send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({
        kept: 'yes',
      });
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
