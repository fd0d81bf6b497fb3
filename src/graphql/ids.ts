/**
 * Opaque, versioned global ids. An id is base64url of
 * `v2:<Type>:<account>:<region>:<cluster>[:<assocId>]`: everything a refetch needs, so
 * `node(id:)` works without other arguments. None of the parts can contain `:` (account-id,
 * region, cluster-name and association-id formats forbid it). Ids of version 1 (no account) were
 * handed out before the gateway served several accounts; they name the gateway's own account.
 */
import type { AssociationKey, ClusterKey } from '../eks/types';
import { badUserInput } from './errors';
import { ACCOUNT_ID, ASSOCIATION_ID, CLUSTER_NAME, REGION, show } from './inputRules';

/** What an id names; `accountId` is null for a version-1 id, which means the gateway's own account. */
export type NodeRef =
  | ({ type: 'Cluster'; accountId: string | null } & Omit<ClusterKey, 'accountId'>)
  | ({ type: 'PodIdentityAssociation'; accountId: string | null } & Omit<AssociationKey, 'accountId'>);

const VERSION = 'v2';

export function clusterId(key: ClusterKey): string {
  return encode([VERSION, 'Cluster', key.accountId, key.region, key.name]);
}

export function associationId(key: AssociationKey): string {
  return encode([VERSION, 'PodIdentityAssociation', key.accountId, key.region, key.clusterName, key.associationId]);
}

/** Throws BAD_USER_INPUT for anything this gateway did not make. */
export function decodeNodeId(id: string, argument = 'id'): NodeRef {
  const invalid = () => badUserInput(`"${show(id)}" is not a valid node id of this gateway.`, argument);
  if (id.length === 0 || id.length > 400 || !/^[A-Za-z0-9_-]+$/.test(id)) throw invalid();
  const parts = Buffer.from(id, 'base64url').toString('utf8').split(':');
  const [version, type] = parts;
  let accountId: string | null = null;
  let rest: string[];
  if (version === 'v1') {
    rest = parts.slice(2);
  } else if (version === VERSION && parts[2] !== undefined && ACCOUNT_ID.test(parts[2])) {
    accountId = parts[2];
    rest = parts.slice(3);
  } else {
    throw invalid();
  }
  const [region = '', cluster = '', assoc] = rest;
  if (!REGION.test(region) || !CLUSTER_NAME.test(cluster)) throw invalid();
  if (type === 'Cluster' && rest.length === 2) return { type, accountId, region, name: cluster };
  if (type === 'PodIdentityAssociation' && rest.length === 3 && assoc !== undefined && ASSOCIATION_ID.test(assoc)) {
    return { type, accountId, region, clusterName: cluster, associationId: assoc };
  }
  throw invalid();
}

function encode(parts: string[]): string {
  return Buffer.from(parts.join(':'), 'utf8').toString('base64url');
}
