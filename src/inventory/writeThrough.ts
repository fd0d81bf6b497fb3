/**
 * Every change made through the gateway reaches the inventory at once, not at the next sweep: a
 * backend that passes each call down and, when a mutation succeeds, writes its result to the
 * store. A failure to write is logged and left to the next sweep; it never fails the mutation,
 * which EKS has already applied.
 */
import type { Logger } from 'pino';
import { isDryRun, wrapBackend, type PodIdentityBackend } from '../eks/operations';
import type { AssociationDetail, AssociationKey, AssociationTarget, Tags } from '../eks/types';
import type { InventoryStore } from './store/types';

export function withInventoryWriteThrough(
  inner: PodIdentityBackend,
  store: InventoryStore,
  logger: Logger,
  now: () => Date = () => new Date(),
): PodIdentityBackend {
  const write = (what: string, work: () => Promise<unknown>) =>
    work().catch((error: unknown) =>
      logger.warn({ err: error, change: what }, 'Inventory: could not record a change; the next sweep will'),
    );
  return wrapBackend(inner, async (description, args, call) => {
    const result = await call();
    if (isDryRun(description, args)) return result;
    const method = description.operation;
    switch (method) {
      case 'CreatePodIdentityAssociation':
      case 'UpdatePodIdentityAssociation':
        await write(method, () => store.upsertAssociations([result as AssociationDetail], now()));
        break;
      case 'DeletePodIdentityAssociation':
        await write(method, () => store.deleteAssociation(args[0] as AssociationKey));
        break;
      case 'TagResource':
        await write(method, () => changeTags(store, args[0] as AssociationTarget, args[1] as Tags, [], now()));
        break;
      case 'UntagResource':
        await write(method, () =>
          changeTags(store, args[0] as AssociationTarget, {}, args[1] as readonly string[], now()),
        );
        break;
      default:
        break;
    }
    return result;
  });
}

async function changeTags(
  store: InventoryStore,
  key: AssociationKey,
  set: Tags,
  remove: readonly string[],
  at: Date,
): Promise<void> {
  const row = await store.getAssociation(key);
  if (!row) return;
  const tags = { ...row.tags, ...set };
  for (const tagKey of remove) delete tags[tagKey];
  const { syncedAt: _syncedAt, stale: _stale, ...detail } = row;
  await store.upsertAssociations([{ ...detail, tags }], at);
}
