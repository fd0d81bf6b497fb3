/**
 * Opaque, versioned global ids. An id is base64url of `v1:<Type>:<region>:<cluster>[:<assocId>]`:
 * everything a refetch needs, so `node(id:)` works without other arguments. None of the parts can
 * contain `:` (region, cluster-name and association-id formats forbid it).
 */
import type { AssociationKey, ClusterKey } from '../eks/types';
import { badUserInput } from './errors';
import { ASSOCIATION_ID, CLUSTER_NAME, REGION, show } from './inputRules';

export type NodeRef =
  | ({ type: 'Cluster' } & ClusterKey)
  | ({ type: 'PodIdentityAssociation' } & AssociationKey);

const VERSION = 'v1';

export function clusterId(key: ClusterKey): string {
  return encode([VERSION, 'Cluster', key.region, key.name]);
}

export function associationId(key: AssociationKey): string {
  return encode([VERSION, 'PodIdentityAssociation', key.region, key.clusterName, key.associationId]);
}

/** Throws BAD_USER_INPUT for anything this gateway did not make. */
export function decodeNodeId(id: string, argument = 'id'): NodeRef {
  const invalid = () => badUserInput(`"${show(id)}" is not a valid node id of this gateway.`, argument);
  if (id.length === 0 || id.length > 400 || !/^[A-Za-z0-9_-]+$/.test(id)) throw invalid();
  const parts = Buffer.from(id, 'base64url').toString('utf8').split(':');
  const [version, type, region = '', cluster = '', assoc] = parts;
  if (version !== VERSION || !REGION.test(region) || !CLUSTER_NAME.test(cluster)) throw invalid();
  if (type === 'Cluster' && parts.length === 4) return { type, region, name: cluster };
  if (type === 'PodIdentityAssociation' && parts.length === 5 && assoc !== undefined && ASSOCIATION_ID.test(assoc)) {
    return { type, region, clusterName: cluster, associationId: assoc };
  }
  throw invalid();
}

function encode(parts: string[]): string {
  return Buffer.from(parts.join(':'), 'utf8').toString('base64url');
}
