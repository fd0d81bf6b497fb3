/**
 * The fleet search form's text fields as the gateway's `PodIdentityAssociationFilter`. Empty
 * fields are left out rather than sent as null, so that one search has one filter object: the
 * cache keys the fleet's list by it (`relayStylePagination(['filter'])`).
 */
import type { PodIdentityAssociationFilter } from './gql/graphql';

export interface FleetSearchForm {
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  /** `key=value`, or `key` alone for any value. */
  tag: string;
}

export const EMPTY_FLEET_SEARCH: FleetSearchForm = { namespace: '', serviceAccount: '', roleArn: '', tag: '' };

export function fleetFilter(form: FleetSearchForm): PodIdentityAssociationFilter {
  const filter: PodIdentityAssociationFilter = {};
  const namespace = form.namespace.trim();
  const serviceAccount = form.serviceAccount.trim();
  const roleArn = form.roleArn.trim();
  const tag = form.tag.trim();
  if (namespace) filter.namespace = namespace;
  if (serviceAccount) filter.serviceAccount = serviceAccount;
  if (roleArn) filter.roleArn = roleArn;
  if (tag) {
    const equals = tag.indexOf('=');
    filter.tag = equals < 0 ? { key: tag } : { key: tag.slice(0, equals).trim(), value: tag.slice(equals + 1).trim() };
  }
  return filter;
}
