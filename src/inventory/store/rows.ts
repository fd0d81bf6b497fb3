/** Between the backend's models and the tables' rows. */
import type { Selectable } from 'kysely';
import type { AssociationDetail, AssociationKey } from '../../eks/types';
import type { AssociationsTable, TagsTable } from './schema';
import type { InventoryRow } from './types';

export function toAssociationRecord(detail: AssociationDetail, syncedAt: Date): AssociationsTable {
  return {
    account_id: detail.accountId,
    region: detail.region,
    cluster_name: detail.clusterName,
    association_id: detail.associationId,
    association_arn: detail.associationArn,
    namespace: detail.namespace,
    service_account: detail.serviceAccount,
    role_arn: detail.roleArn,
    target_role_arn: detail.targetRoleArn,
    external_id: detail.externalId,
    disable_session_tags: detail.disableSessionTags ? 1 : 0,
    policy: detail.policy,
    tags: JSON.stringify(detail.tags),
    owner_arn: detail.ownerArn,
    created_at: detail.createdAt?.getTime() ?? null,
    modified_at: detail.modifiedAt?.getTime() ?? null,
    synced_at: syncedAt.getTime(),
    stale: 0,
  };
}

export function toTagRecords(detail: AssociationDetail): TagsTable[] {
  return Object.entries(detail.tags).map(([key, value]) => ({
    account_id: detail.accountId,
    region: detail.region,
    cluster_name: detail.clusterName,
    association_id: detail.associationId,
    key,
    value,
  }));
}

export function fromAssociationRecord(record: Selectable<AssociationsTable>): InventoryRow {
  return {
    accountId: record.account_id,
    region: record.region,
    clusterName: record.cluster_name,
    associationId: record.association_id,
    associationArn: record.association_arn,
    namespace: record.namespace,
    serviceAccount: record.service_account,
    roleArn: record.role_arn,
    targetRoleArn: record.target_role_arn,
    externalId: record.external_id,
    disableSessionTags: record.disable_session_tags === 1,
    policy: record.policy,
    tags: JSON.parse(record.tags) as Record<string, string>,
    ownerArn: record.owner_arn,
    createdAt: toDate(record.created_at),
    modifiedAt: toDate(record.modified_at),
    syncedAt: new Date(record.synced_at),
    stale: record.stale === 1,
  };
}

function toDate(millis: number | null): Date | null {
  return millis === null ? null : new Date(millis);
}

/** The primary key of an association, as its columns. */
export function keyColumns(key: AssociationKey) {
  return {
    account_id: key.accountId,
    region: key.region,
    cluster_name: key.clusterName,
    association_id: key.associationId,
  } as const;
}

/** Splits a list into runs of at most `size`, to keep statements within the engines' parameter limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
