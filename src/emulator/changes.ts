/**
 * State changes: the only way state is mutated after start. Operations build a change and apply
 * it; persistence journals the very same value and replays it on restart, so the live path and
 * the recovery path cannot drift apart.
 */
import { assertNever } from '../assertNever';
import type { AssociationRecord, ClusterSnapshot, IdempotencyRecord } from './model';
import type { Store } from './store';

/** Every change names the account whose state it changes. */
export type StateChange =
  | {
      type: 'putAssociation';
      accountId: string;
      region: string;
      cluster: string;
      /** The full record after a create or an update. */
      association: AssociationRecord;
      idempotency: IdempotencyRecord | null;
    }
  | { type: 'deleteAssociation'; accountId: string; region: string; cluster: string; associationId: string }
  /** The whole tag set of a cluster after TagResource or UntagResource. */
  | { type: 'setClusterTags'; accountId: string; region: string; cluster: string; tags: Record<string, string> }
  | { type: 'addClusters'; accountId: string; clusters: ClusterSnapshot[] };

/** Applies a change; throws if it does not fit the state (which, on replay, means a corrupt journal). */
export function applyChange(store: Store, change: StateChange): void {
  switch (change.type) {
    case 'putAssociation': {
      const cluster = requireCluster(store, change.accountId, change.region, change.cluster);
      if (cluster.association(change.association.associationId)) cluster.replace({ ...change.association });
      else cluster.insert({ ...change.association });
      // The account has this cluster, so it is a kept one and the record stays.
      if (change.idempotency)
        store.account(change.accountId).idempotency.set(change.idempotency.key, change.idempotency);
      return;
    }
    case 'deleteAssociation': {
      const cluster = requireCluster(store, change.accountId, change.region, change.cluster);
      if (!cluster.remove(change.associationId)) {
        throw new Error(
          `association ${change.associationId} does not exist in cluster ${change.cluster} (${change.region})`,
        );
      }
      return;
    }
    case 'setClusterTags': {
      requireCluster(store, change.accountId, change.region, change.cluster).info.tags = { ...change.tags };
      return;
    }
    case 'addClusters': {
      const account = store.account(change.accountId);
      for (const snapshot of change.clusters) {
        if (account.cluster(snapshot.region, snapshot.name)) {
          throw new Error(
            `cluster ${snapshot.name} already exists in ${snapshot.region} (account ${change.accountId})`,
          );
        }
      }
      const target = store.ensureAccount(change.accountId);
      for (const snapshot of change.clusters) target.addCluster(snapshot);
      return;
    }
    default:
      return assertNever(change);
  }
}

function requireCluster(store: Store, accountId: string, region: string, name: string) {
  const cluster = store.account(accountId).cluster(region, name);
  if (!cluster) throw new Error(`cluster ${name} does not exist in ${region} (account ${accountId})`);
  return cluster;
}
