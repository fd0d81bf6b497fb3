import type {
  AlreadyExistsErrorResolvers,
  MutationErrorResolvers,
  NodeResolvers,
  PageInfoResolvers,
  TagResolvers,
} from '../../generated/graphql';
import { encodeCursor } from '../cursors';
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

export const PageInfo: PageInfoResolvers = {
  hasNextPage: (p) => p.hasNextPage,
  hasPreviousPage: (p) => p.hasPreviousPage,
  startCursor: (p) => (p.start === null ? null : typeof p.start === 'string' ? p.start : encodeCursor(p.start)),
  endCursor: (p) => (p.end === null ? null : typeof p.end === 'string' ? p.end : encodeCursor(p.end)),
};
