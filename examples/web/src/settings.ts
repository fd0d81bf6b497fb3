/** What the build was given: the gateway the sign-in form offers first (VITE_GATEWAY_URL). */
export const DEFAULT_GATEWAY_URL: string = import.meta.env.VITE_GATEWAY_URL || 'http://127.0.0.1:4000/graphql';

/** Associations per page of the cluster view ("Load more" asks for the next as many). */
export const ASSOCIATIONS_PAGE_SIZE = 20;
/** Clusters per page of the cluster list. */
export const CLUSTERS_PAGE_SIZE = 50;
/** Associations per page of the fleet search. */
export const FLEET_PAGE_SIZE = 25;
