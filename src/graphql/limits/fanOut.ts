/**
 * The cost model of the estimates: how many EKS calls a field makes per parent object, how many
 * objects it yields, and for a connection its page size. The answer-size estimate uses the
 * same numbers.
 */
import type { EstimateArguments } from './argumentValues';

/** Fields of Cluster and PodIdentityAssociation that the list already carries (no Describe). */
const FREE_FIELDS: Record<string, ReadonlySet<string>> = {
  Cluster: new Set(['__typename', 'id', 'name', 'region', 'podIdentityAssociations', 'podIdentityAssociation']),
  PodIdentityAssociation: new Set(['__typename', 'id', 'associationId', 'associationArn', 'cluster', 'clusterName', 'region', 'namespace', 'serviceAccount', 'ownerArn']),
};
const MAX_PAGE = 100;
const DEFAULT_PAGE = 25;
const MAX_IDS = 100;

/** Whether selecting `field` on an object of `typeName` costs that object a Describe call. */
export function needsDescribe(typeName: string, field: string): boolean {
  const free = FREE_FIELDS[typeName];
  return free !== undefined && !free.has(field);
}

/** A connection's `edges` and `nodes` yield up to its page size each. */
export function yieldsPage(typeName: string, field: string): boolean {
  return typeName.endsWith('Connection') && (field === 'edges' || field === 'nodes');
}

export interface FanOut {
  calls: number;
  items: number;
  page?: number;
}

export function fanOut(typeName: string, field: string, args: EstimateArguments, regionCount: number): FanOut {
  const first = args.first !== undefined && args.first > 0 ? Math.min(args.first, MAX_PAGE) : DEFAULT_PAGE;
  const listCalls = args.after ? 2 : 1; // a mid-page cursor may need a second List call
  switch (`${typeName}.${field}`) {
    case 'Query.clusters':
      return { calls: (args.region ? 1 : regionCount) + listCalls, items: 1, page: first };
    case 'Query.cluster':
      return { calls: args.region ? 1 : regionCount, items: args.region ? 1 : regionCount };
    case 'Query.node':
    case 'Query.podIdentityAssociation':
    case 'Cluster.podIdentityAssociation':
      return { calls: 1, items: 1 };
    case 'Query.nodes': {
      const ids = args.ids !== undefined ? Math.min(args.ids, MAX_IDS) : MAX_IDS;
      return { calls: ids, items: ids };
    }
    case 'Cluster.podIdentityAssociations':
      return { calls: listCalls, items: 1, page: first };
    case 'Mutation.createPodIdentityAssociation':
      return { calls: 2, items: 1 }; // the call, and one more to tell which typed error
    case 'Mutation.updatePodIdentityAssociation':
    case 'Mutation.deletePodIdentityAssociation':
      // Also a Describe first when the caller's policy must see the association's namespace.
      return { calls: 3, items: 1 };
    default:
      return { calls: 0, items: 1 };
  }
}
