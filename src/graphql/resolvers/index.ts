import type { Resolvers } from '../../generated/graphql';
import { Account } from './account';
import { PodIdentityAssociation, PodIdentityAssociationConnection, PodIdentityAssociationEdge } from './association';
import { Cluster, ClusterConnection, ClusterEdge } from './cluster';
import { FleetAssociationConnection, FleetAssociationEdge, Inventory, InventoryFailure, Role } from './inventory';
import { Mutation } from './mutation';
import { Query } from './query';
import { DateTime } from './scalars';
import { AlreadyExistsError, MutationError, Node, PageInfo, Tag } from './types';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Node,
  MutationError,
  AlreadyExistsError,
  Tag,
  PageInfo,
  Account,
  Cluster,
  ClusterConnection,
  ClusterEdge,
  PodIdentityAssociation,
  PodIdentityAssociationConnection,
  PodIdentityAssociationEdge,
  FleetAssociationConnection,
  FleetAssociationEdge,
  Role,
  Inventory,
  InventoryFailure,
};
