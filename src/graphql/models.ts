/**
 * The parents the resolvers receive (codegen `mappers`). A model is the backend's data, not the
 * GraphQL shape: an association from a List call has only its summary, so the type makes each
 * detail field resolver say how it gets the rest (one Describe through the loader).
 */
import type { AccountRegion, AssociationDetail, AssociationSummary, ClusterDetail } from '../eks/types';
import type { InventoryFilter } from '../inventory/store/types';
import type { CursorPlace } from './cursors';

export interface ClusterModel {
  readonly __typename: 'Cluster';
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  /** Present when the cluster was just described; otherwise fields load it on demand. */
  readonly detail: ClusterDetail | null;
}

export interface AssociationModel {
  readonly __typename: 'PodIdentityAssociation';
  readonly summary: AssociationSummary;
  /** Present when a Describe or a mutation returned the whole association, or it came from the inventory. */
  readonly detail: AssociationDetail | null;
  /** When the inventory last confirmed it; absent for what was read live from EKS. */
  readonly syncedAt?: Date;
}

/**
 * Cursors stay places until a client selects them (see `CursorPlace`); the inventory's come
 * encoded already (strings).
 */
export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  start: CursorPlace | string | null;
  end: CursorPlace | string | null;
}

export interface EdgeModel<T> {
  cursor: CursorPlace;
  node: T;
}

export interface ConnectionModel<T> {
  edges: Array<EdgeModel<T>>;
  pageInfo: PageInfoModel;
}

export type ClusterEdgeModel = EdgeModel<ClusterModel>;
export interface ClusterConnectionModel extends ConnectionModel<ClusterModel> {
  unavailableAccounts: UnavailableAccountModel[];
}

export interface UnavailableAccountModel {
  accountId: string;
  name: string | null;
  code: 'ACCOUNT_UNAVAILABLE';
  stsError: string;
  message: string;
}
export type AssociationEdgeModel = EdgeModel<AssociationModel>;
export type AssociationConnectionModel = ConnectionModel<AssociationModel>;

/** A page of the fleet inventory, with what its count fields need to query the rest of the set. */
export interface FleetConnectionModel {
  readonly edges: FleetEdgeModel[];
  readonly pageInfo: PageInfoModel;
  readonly filter: InventoryFilter;
}

export interface FleetEdgeModel {
  readonly cursor: string;
  readonly node: AssociationModel;
}

/** An IAM role, as `Query.role` was asked for it. */
export interface RoleModel {
  readonly arn: string;
  readonly accountId: string;
  readonly name: string;
}

/** `Query.inventory`: its fields read the inventory's state as they are selected. */
export interface InventoryModel {
  readonly __typename: 'Inventory';
}

/** EKS tags are a map; GraphQL has no map type, so they travel as sorted key/value pairs. */
export interface TagModel {
  key: string;
  value: string;
}

export interface AlreadyExistsErrorModel {
  __typename: 'AlreadyExistsError';
  code: 'ALREADY_EXISTS';
  message: string;
  existingAssociationId: string;
  /** The existing association's summary when it could be found, to link it. */
  existing: AssociationSummary | null;
}

export function clusterModel(at: AccountRegion, name: string, detail: ClusterDetail | null = null): ClusterModel {
  return { __typename: 'Cluster', accountId: at.accountId, region: at.region, name, detail };
}

export function associationModel(
  summary: AssociationSummary,
  detail: AssociationDetail | null = null,
): AssociationModel {
  return { __typename: 'PodIdentityAssociation', summary, detail };
}

export function associationFromDetail(detail: AssociationDetail): AssociationModel {
  return associationModel(detail, detail);
}

export function tagList(tags: Record<string, string>): TagModel[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] ?? '' }));
}
