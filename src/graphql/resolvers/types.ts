import type { AlreadyExistsErrorResolvers, MutationErrorResolvers, NodeResolvers, TagResolvers } from '../../generated/graphql';
import { associationModel } from '../models';

/** Every model carries its `__typename`, so interfaces resolve without guessing. */
export const Node: NodeResolvers = {
  __resolveType: (node) => node.__typename,
};

export const MutationError: MutationErrorResolvers = {
  __resolveType: (error) => error.__typename,
};

export const AlreadyExistsError: AlreadyExistsErrorResolvers = {
  code: (e) => e.code,
  message: (e) => e.message,
  existingAssociationId: (e) => e.existingAssociationId,
  existingAssociation: (e) => (e.existing ? associationModel(e.existing) : null),
};

export const Tag: TagResolvers = {
  key: (t) => t.key,
  value: (t) => t.value,
};
