/**
 * The EKS calls one request may make, enforced as they are made. The operation limits estimate
 * an operation's calls before it runs (src/graphql/operationLimits.ts); this is the guarantee
 * behind that estimate, for what no static bound can see: a restricted caller's filtered list
 * reads as many EKS pages as it takes to fill the page it returns (src/security/permittedPages.ts,
 * src/graphql/pagination.ts). It sits below the shared cache, so answers from the cache cost
 * nothing.
 */
import type { PodIdentityBackend } from './podIdentityService';
import type { AssociationKey, ClusterKey, CreateAssociationParams, ListAssociationsParams, UpdateAssociationParams } from './types';

/** Thrown instead of making a call past the budget; nothing of that call reached EKS. */
export class CallBudgetExceeded extends Error {
  override readonly name = 'CallBudgetExceeded';

  constructor(
    readonly limit: number,
    readonly operation: string,
  ) {
    super(`The request reached its limit of ${limit} EKS calls before ${operation}.`);
  }
}

export class CallBudget {
  private used = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`A call budget must be a non-negative integer, received ${limit}.`);
  }

  /** Counts one call, or throws CallBudgetExceeded when `limit` calls were already made. */
  spend(operation: string): void {
    if (this.used >= this.limit) throw new CallBudgetExceeded(this.limit, operation);
    this.used += 1;
  }
}

/**
 * `inner` with every call counted against `budget`, for one request. A refused call is a
 * rejected promise like any failed call, so a DataLoader batch fails only that key.
 */
export function withCallBudget(inner: PodIdentityBackend, budget: CallBudget): PodIdentityBackend {
  return {
    async listClusters(region: string, maxResults: number, nextToken: string | null) {
      budget.spend('ListClusters');
      return inner.listClusters(region, maxResults, nextToken);
    },
    async describeCluster(key: ClusterKey) {
      budget.spend('DescribeCluster');
      return inner.describeCluster(key);
    },
    async listAssociations(region: string, clusterName: string, params: ListAssociationsParams) {
      budget.spend('ListPodIdentityAssociations');
      return inner.listAssociations(region, clusterName, params);
    },
    async describeAssociation(key: AssociationKey) {
      budget.spend('DescribePodIdentityAssociation');
      return inner.describeAssociation(key);
    },
    async createAssociation(params: CreateAssociationParams) {
      budget.spend('CreatePodIdentityAssociation');
      return inner.createAssociation(params);
    },
    async updateAssociation(params: UpdateAssociationParams) {
      budget.spend('UpdatePodIdentityAssociation');
      return inner.updateAssociation(params);
    },
    async deleteAssociation(key: AssociationKey) {
      budget.spend('DeletePodIdentityAssociation');
      return inner.deleteAssociation(key);
    },
  };
}
