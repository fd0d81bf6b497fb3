/**
 * The cost model, in one place for the resolvers and for the estimate that refuses an operation
 * before it runs (limits/summaries.ts): page sizes and id limits, the fields a List call's
 * summary answers (any other field costs its object one Describe), and the EKS calls each field
 * that calls EKS makes. The compiler demands an entry for every Query and Mutation field; a test
 * demands one for every connection and every field with arguments, so nothing new costs zero.
 */
import type {
  ClusterResolvers,
  MutationResolvers,
  PodIdentityAssociationResolvers,
  QueryResolvers,
} from '../generated/graphql';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** The most ids one `nodes` field resolves. */
export const MAX_NODE_IDS = 100;

type FieldOf<R> = Exclude<keyof R, '__isTypeOf' | '__resolveType'> & string;
type SummaryField<R> = FieldOf<R> | '__typename';

/**
 * Fields answered without a Describe call: what a List call returns (and what a cluster look-up
 * learns from its association lists). Selecting any other field of the type costs one Describe
 * per object per request, through the loaders.
 */
export const SUMMARY_FIELDS: {
  readonly Cluster: ReadonlySet<SummaryField<ClusterResolvers>>;
  readonly PodIdentityAssociation: ReadonlySet<SummaryField<PodIdentityAssociationResolvers>>;
} = {
  Cluster: new Set<SummaryField<ClusterResolvers>>([
    '__typename',
    'id',
    'name',
    'region',
    'accountId',
    'account',
    'podIdentityAssociations',
    'podIdentityAssociation',
  ]),
  PodIdentityAssociation: new Set<SummaryField<PodIdentityAssociationResolvers>>([
    '__typename',
    'id',
    'associationId',
    'associationArn',
    'cluster',
    'clusterName',
    'region',
    'accountId',
    'namespace',
    'serviceAccount',
    'ownerArn',
    'syncedAt',
  ]),
};

/** The few argument values a field's cost depends on, as the estimate reads them from the document. */
export interface EstimateArguments {
  /** `first`, when given as a number. */
  first?: number;
  /** How many `ids`, when known. */
  ids?: number;
  region: boolean;
  after: boolean;
}

/** What a field costs per parent object: EKS calls, objects it yields, and a connection's page size. */
export interface FieldCost {
  calls: number;
  items: number;
  page?: number;
}

type CostRule = (args: EstimateArguments, regionCount: number) => FieldCost;

type CostedField =
  | `Query.${FieldOf<QueryResolvers>}`
  | `Mutation.${FieldOf<MutationResolvers>}`
  | `Cluster.${'podIdentityAssociations' | 'podIdentityAssociation'}`
  | 'Account.clusters'
  | `Role.${'associations' | 'targetRoleAssociations'}`
  | 'PodIdentityAssociation.diagnosis'
  | `${'Create' | 'Update'}PodIdentityAssociationPayload.diagnosis`
  | `Cluster.${'podIdentityAgent' | 'podIdentityAssociationQuota'}`
  | 'FleetAssociationConnection.countsBy';

const NO_CALLS: FieldCost = { calls: 0, items: 1 };

/** `first` as the resolvers will read it: the default when absent, capped (larger is refused anyway). */
function pageOf(args: EstimateArguments): number {
  return args.first !== undefined && args.first > 0 ? Math.min(args.first, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

/** A page's List calls: a cursor in the middle of an EKS page may need a second one. */
function listCalls(args: EstimateArguments): number {
  return args.after ? 2 : 1;
}

/**
 * The EKS calls of each field that makes any. Mutations count their worst case: the policy's
 * Describe of the association first (when the caller may change only some namespaces), the
 * calls themselves, and one more to tell a missing cluster from a missing association.
 */
export const FIELD_COSTS: Readonly<Record<CostedField, CostRule>> = {
  'Query.regions': () => NO_CALLS,
  // From the configuration. Each account serves at least one region, so there are at most as
  // many accounts as (account, region) pairs, which is what `regionCount` counts.
  'Query.accounts': (_, regionCount) => ({ calls: 0, items: regionCount }),
  // ListClusters in every (account, region) asked, then the page's own List calls.
  'Account.clusters': (args, regionCount) => ({
    calls: (args.region ? 1 : regionCount) + listCalls(args),
    items: 1,
    page: pageOf(args),
  }),
  'Query.clusters': (args, regionCount) => ({
    calls: (args.region ? 1 : regionCount) + listCalls(args),
    items: 1,
    page: pageOf(args),
  }),
  // Without `region` the name is looked for in every region.
  'Query.cluster': (args, regionCount) => ({
    calls: args.region ? 1 : regionCount,
    items: args.region ? 1 : regionCount,
  }),
  'Query.node': () => ({ calls: 1, items: 1 }),
  'Query.nodes': (args) => {
    const ids = args.ids !== undefined ? Math.min(args.ids, MAX_NODE_IDS) : MAX_NODE_IDS;
    return { calls: ids, items: ids };
  },
  'Query.podIdentityAssociation': () => ({ calls: 1, items: 1 }),
  'Cluster.podIdentityAssociations': (args) => ({ calls: listCalls(args), items: 1, page: pageOf(args) }),
  'Cluster.podIdentityAssociation': () => ({ calls: 1, items: 1 }),
  // CreatePodIdentityAssociation, and on failure a look-up to tell which typed error.
  'Mutation.createPodIdentityAssociation': () => ({ calls: 2, items: 1 }),
  // The policy's Describe, UpdatePodIdentityAssociation, then the tag changes (UntagResource,
  // TagResource, ListTagsForResource) and the failure look-up.
  'Mutation.updatePodIdentityAssociation': () => ({ calls: 6, items: 1 }),
  'Mutation.deletePodIdentityAssociation': () => ({ calls: 3, items: 1 }),
  // Describe for the current tags (which also answers the policy), the change, ListTagsForResource,
  // and the failure look-up.
  'Mutation.tagPodIdentityAssociation': () => ({ calls: 4, items: 1 }),
  'Mutation.untagPodIdentityAssociation': () => ({ calls: 4, items: 1 }),
  // The cluster's DescribeCluster and DescribeAddon, and IAM GetRole for the role and the target
  // role (the association's own Describe is counted as for any detail field).
  'PodIdentityAssociation.diagnosis': () => ({ calls: 4, items: 1 }),
  // A dry run's diagnosis of the association as it would be: the same calls. (The dry run itself
  // reads the cluster and a List page, or Describes, in place of the change: the mutation's entry.)
  'CreatePodIdentityAssociationPayload.diagnosis': () => ({ calls: 4, items: 1 }),
  'UpdatePodIdentityAssociationPayload.diagnosis': () => ({ calls: 4, items: 1 }),
  // DescribeAddon (the cluster's DescribeCluster is counted as for any detail field).
  'Cluster.podIdentityAgent': () => ({ calls: 1, items: 1 }),
  // One List page (a cluster of more than 100 associations takes more, which the call budget bounds);
  // none when the inventory answers.
  'Cluster.podIdentityAssociationQuota': () => ({ calls: 1, items: 1 }),
  // The inventory's fields call no EKS: their rows come whole (see `yieldsDetailed`), and what
  // they cost the database is bounded per request by the resolvers (MAX_INVENTORY_QUERIES).
  'Query.podIdentityAssociations': (args) => ({ calls: 0, items: 1, page: pageOf(args) }),
  'Query.role': () => NO_CALLS,
  'Query.inventory': () => NO_CALLS,
  'Role.associations': (args) => ({ calls: 0, items: 1, page: pageOf(args) }),
  'Role.targetRoleAssociations': (args) => ({ calls: 0, items: 1, page: pageOf(args) }),
  'FleetAssociationConnection.countsBy': (args) => ({ calls: 0, items: Math.min(args.first ?? 20, MAX_PAGE_SIZE) }),
};

const COSTS_BY_COORDINATE: ReadonlyMap<string, CostRule> = new Map(Object.entries(FIELD_COSTS));

/** Whether `field` of `typeName` has a cost entry (a test checks the schema against this). */
export function hasCostEntry(typeName: string, field: string): boolean {
  return COSTS_BY_COORDINATE.has(`${typeName}.${field}`);
}

/** What selecting `field` on one object of `typeName` costs; nothing for fields without an entry. */
export function fieldCost(typeName: string, field: string, args: EstimateArguments, regionCount: number): FieldCost {
  const rule = COSTS_BY_COORDINATE.get(`${typeName}.${field}`);
  return rule ? rule(args, regionCount) : NO_CALLS;
}

/** Whether selecting `field` on an object of `typeName` costs that object a Describe call. */
export function needsDescribe(typeName: string, field: string): boolean {
  const summary: ReadonlySet<string> | undefined =
    typeName === 'Cluster'
      ? SUMMARY_FIELDS.Cluster
      : typeName === 'PodIdentityAssociation'
        ? SUMMARY_FIELDS.PodIdentityAssociation
        : undefined;
  return summary !== undefined && !summary.has(field);
}

/**
 * Whether the objects `field` yields come whole, with no Describe to make: the inventory's
 * associations are stored with every field.
 */
export function yieldsDetailed(typeName: string, field: string): boolean {
  return (
    (typeName === 'FleetAssociationConnection' && field === 'nodes') ||
    (typeName === 'FleetAssociationEdge' && field === 'node')
  );
}

/** A connection's `edges` and `nodes` yield up to its page size each. */
export function yieldsPage(typeName: string, field: string): boolean {
  return typeName.endsWith('Connection') && (field === 'edges' || field === 'nodes');
}
