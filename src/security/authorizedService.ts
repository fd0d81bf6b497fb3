/**
 * The one place where the policy is enforced: a `PodIdentityBackend` that wraps the one below it
 * (the EKS service, or the shared cache over it) for one caller. Resolvers and loaders get only
 * this, so every query and mutation goes through it.
 *
 * - Reads of what the caller may not read behave as if it did not exist: a denied cluster or
 *   association is null (not found), and its lists are not found.
 * - Lists hold only what the caller may read (see `readPermittedPage` for why paging stays exact).
 * - A denied change throws `ForbiddenError` before any mutating EKS call. Update and delete learn
 *   the association's namespace and roles from a Describe first, unless the caller may act on
 *   every association of the cluster anyway; an association the caller may neither read nor
 *   change is not found, exactly as one that does not exist.
 */
import { EksError } from '../eks/errors';
import type { PodIdentityBackend } from '../eks/operations';
import type {
  AddonDetail,
  RoleDetail,
  AccountRegion,
  AssociationDetail,
  AssociationKey,
  AssociationSummary,
  AssociationTarget,
  ClusterDetail,
  ClusterKey,
  CreateAssociationParams,
  EksPage,
  ListAssociationsParams,
  Tags,
  UpdateAssociationParams,
} from '../eks/types';
import { ForbiddenError } from './forbidden';
import { scopeIncludes, type NamespaceRef, type Permissions, type Scope } from './permissions';
import { RAW_PAGE_SIZE, readPermittedPage } from './permittedPages';
import type { Action } from './policy';

/** What never changes of an association once created, and so may be checked against again. */
interface Placement {
  associationArn: string;
  namespace: string;
}

export class AuthorizedPodIdentityService implements PodIdentityBackend {
  /**
   * The ARN and namespace of each association this request has seen (one service per request):
   * a tag change checks them without a Describe of its own when the association was read
   * already, as it is for the tags it changes. Both are immutable, so they cannot go stale.
   */
  private readonly placements = new Map<string, Placement>();

  constructor(
    private readonly inner: PodIdentityBackend,
    private readonly permissions: Permissions,
  ) {}

  async listClusters(at: AccountRegion, maxResults: number, nextToken: string | null): Promise<EksPage<string>> {
    const scope = this.permissions.clusters('read', at);
    switch (scope.kind) {
      case 'all':
        return this.inner.listClusters(at, maxResults, nextToken);
      case 'none':
        return { items: [], nextToken: null };
      case 'some':
        return readPermittedPage(
          (token) => this.inner.listClusters(at, RAW_PAGE_SIZE, token),
          scope.includes,
          nextToken,
          maxResults,
          'ListClusters',
        );
      default:
        return unknownScope(scope);
    }
  }

  async describeCluster(key: ClusterKey): Promise<ClusterDetail | null> {
    if (!this.mayReadCluster(key, key.name)) return null;
    return this.inner.describeCluster(key);
  }

  async listAssociations(
    at: AccountRegion,
    clusterName: string,
    params: ListAssociationsParams,
  ): Promise<EksPage<AssociationSummary>> {
    if (!this.mayReadCluster(at, clusterName)) throw clusterNotFound(clusterName, 'ListPodIdentityAssociations');
    const scope = this.readableNamespaces(at, clusterName, params.namespace);
    switch (scope.kind) {
      case 'all':
        return this.inner.listAssociations(at, clusterName, params);
      case 'none':
        // The caller may read the cluster but not this namespace: an empty list, yet still one
        // call, since callers learn from it whether the cluster exists (see `findCluster`).
        await this.inner.listAssociations(at, clusterName, { ...params, maxResults: 1, nextToken: null });
        return { items: [], nextToken: null };
      case 'some':
        return readPermittedPage(
          (token) =>
            this.inner.listAssociations(at, clusterName, { ...params, maxResults: RAW_PAGE_SIZE, nextToken: token }),
          (summary) => scope.includes(summary.namespace),
          params.nextToken,
          params.maxResults,
          'ListPodIdentityAssociations',
        );
      default:
        return unknownScope(scope);
    }
  }

  async describeAssociation(key: AssociationKey): Promise<AssociationDetail | null> {
    if (!this.mayReadCluster(key, key.clusterName)) return null;
    const scope = this.permissions.namespaces('read', key, key.clusterName);
    const detail = this.learn(await this.inner.describeAssociation(key));
    return detail && scopeIncludes(scope, detail.namespace) ? detail : null;
  }

  async createAssociation(params: CreateAssociationParams): Promise<AssociationDetail> {
    const at = namespaceOf(params, params.namespace);
    this.checkNamespace('create', at);
    this.checkRoles('create', at, [params.roleArn, params.targetRoleArn ?? null]);
    return this.learn(await this.inner.createAssociation(params));
  }

  async updateAssociation(params: UpdateAssociationParams): Promise<AssociationDetail> {
    const current = await this.currentUnlessUnrestricted('update', params);
    if (current) {
      const at = namespaceOf(params, current.namespace);
      this.checkNamespace('update', at);
      // The roles the association binds once updated: a change of only the session policy or
      // tags setting still needs the right to bind its roles, or it could widen another team's.
      const roleArn = params.roleArn ?? current.roleArn;
      const targetRoleArn = params.targetRoleArn === undefined ? current.targetRoleArn : params.targetRoleArn || null;
      this.checkRoles('update', at, [roleArn, targetRoleArn]);
    }
    return this.learn(await this.inner.updateAssociation(params));
  }

  async deleteAssociation(key: AssociationKey): Promise<AssociationDetail> {
    const current = await this.currentUnlessUnrestricted('delete', key);
    if (current) this.checkNamespace('delete', namespaceOf(key, current.namespace));
    return this.inner.deleteAssociation(key);
  }

  async tagAssociation(target: AssociationTarget, tags: Tags): Promise<void> {
    return this.inner.tagAssociation(await this.changeableTarget('tag', target), tags);
  }

  async untagAssociation(target: AssociationTarget, tagKeys: readonly string[]): Promise<void> {
    return this.inner.untagAssociation(await this.changeableTarget('tag', target), tagKeys);
  }

  async listAssociationTags(target: AssociationTarget): Promise<Tags> {
    if (!this.mayReadCluster(target, target.clusterName)) throw associationNotFound(target);
    if (!this.permissions.unrestricted('read', target, target.clusterName)) {
      const placed = await this.placementOf(target);
      const scope = this.permissions.namespaces('read', target, target.clusterName);
      if (!placed || placed.associationArn !== target.associationArn || !scopeIncludes(scope, placed.namespace)) {
        throw associationNotFound(target);
      }
    }
    return this.inner.listAssociationTags(target);
  }

  async describeAddon(key: ClusterKey, addonName: string): Promise<AddonDetail | null> {
    if (!this.mayReadCluster(key, key.name)) return null;
    return this.inner.describeAddon(key, addonName);
  }

  /**
   * Roles are IAM's, not the policy's: the only reads of them are the diagnosis of associations
   * the caller may read (the resolvers ask for nothing else), so they pass.
   */
  async getRole(accountId: string, roleName: string): Promise<RoleDetail | null> {
    return this.inner.getRole(accountId, roleName);
  }

  /**
   * The association a tag change names, once the caller may change it: as for update, its
   * namespace is learnt from a Describe unless the caller may tag every association of the
   * cluster. The ARN must be that association's, so a change reaches only what was checked.
   */
  private async changeableTarget(action: Action, target: AssociationTarget): Promise<AssociationTarget> {
    const placed = await this.placementUnlessUnrestricted(action, target);
    if (placed) {
      if (placed.associationArn !== target.associationArn) throw associationNotFound(target);
      this.checkNamespace(action, namespaceOf(target, placed.namespace));
    }
    return target;
  }

  /** As `currentUnlessUnrestricted`, from what this request has seen of the association when it can. */
  private async placementUnlessUnrestricted(action: Action, key: AssociationKey): Promise<Placement | null> {
    const known = this.placements.get(placementKey(key));
    if (!known) return this.currentUnlessUnrestricted(action, key);
    if (this.mayChangeAll(action, key)) return null;
    if (this.hidden(action, key, known.namespace)) throw associationNotFound(key);
    return known;
  }

  private async placementOf(key: AssociationKey): Promise<Placement | null> {
    return this.placements.get(placementKey(key)) ?? this.learn(await this.inner.describeAssociation(key));
  }

  /** Remembers the placement of an association EKS just answered; returns it unchanged. */
  private learn<T extends AssociationDetail | null>(detail: T): T {
    if (detail)
      this.placements.set(placementKey(detail), { associationArn: detail.associationArn, namespace: detail.namespace });
    return detail;
  }

  /** With a namespace filter, the list is either all readable or none of it. */
  private readableNamespaces(at: AccountRegion, clusterName: string, namespace: string | undefined): Scope {
    const scope = this.permissions.namespaces('read', at, clusterName);
    if (namespace === undefined) return scope;
    return scopeIncludes(scope, namespace) ? { kind: 'all' } : { kind: 'none' };
  }

  private mayReadCluster(at: AccountRegion, clusterName: string): boolean {
    return scopeIncludes(this.permissions.clusters('read', at), clusterName);
  }

  /**
   * The association an update or delete would change, to check its namespace and roles; null
   * when the caller may change every association of the cluster. A caller who may change none
   * is refused before any call, so that it learns nothing of the cluster. One that may neither
   * read nor change this association is answered as if it did not exist (the same error, so the
   * same payload), not FORBIDDEN: that would tell it the association exists, and its namespace.
   */
  private async currentUnlessUnrestricted(action: Action, key: AssociationKey): Promise<AssociationDetail | null> {
    if (this.mayChangeAll(action, key)) return null;
    const current = this.learn(await this.inner.describeAssociation(key));
    if (!current || this.hidden(action, key, current.namespace)) throw associationNotFound(key);
    return current;
  }

  /** Whether the caller may `action` every association of the cluster; refused when it may none. */
  private mayChangeAll(action: Action, key: AssociationKey): boolean {
    if (this.permissions.unrestricted(action, key, key.clusterName)) return true;
    if (this.permissions.namespaces(action, key, key.clusterName).kind === 'none') {
      throw new ForbiddenError(
        `${this.who()} may not ${action} associations in cluster "${key.clusterName}" (${where(key)}).`,
        action,
      );
    }
    return false;
  }

  /** What the caller may neither read nor `action` does not exist for it. */
  private hidden(action: Action, key: AssociationKey, namespace: string): boolean {
    return (
      !scopeIncludes(this.permissions.namespaces('read', key, key.clusterName), namespace) &&
      !scopeIncludes(this.permissions.namespaces(action, key, key.clusterName), namespace)
    );
  }

  private checkNamespace(action: Action, at: NamespaceRef): void {
    if (!scopeIncludes(this.permissions.namespaces(action, at, at.clusterName), at.namespace)) {
      throw new ForbiddenError(
        `${this.who()} may not ${action} associations in namespace "${at.namespace}" of cluster "${at.clusterName}" (${where(at)}).`,
        action,
      );
    }
  }

  private checkRoles(action: Action, at: NamespaceRef, roleArns: Array<string | null>): void {
    for (const roleArn of roleArns) {
      if (roleArn === null || this.permissions.mayBindRole(action, at, roleArn)) continue;
      throw new ForbiddenError(
        `${this.who()} may not bind the role ${roleArn} to service accounts in namespace "${at.namespace}" of cluster "${at.clusterName}" (${where(at)}).`,
        action,
        roleArn,
      );
    }
  }

  private who(): string {
    return `The caller "${this.permissions.caller.subject}"`;
  }
}

/** The namespace of a cluster the key names. */
function namespaceOf(key: AccountRegion & { clusterName: string }, namespace: string): NamespaceRef {
  return { accountId: key.accountId, region: key.region, clusterName: key.clusterName, namespace };
}

/** Where a cluster is, for messages: its region and account. */
function where(at: AccountRegion): string {
  return `${at.region}, account ${at.accountId}`;
}

/** The answer EKS gives for a missing cluster, so callers treat a denied one alike. */
function clusterNotFound(clusterName: string, operation: string): EksError {
  return new EksError(
    'NotFound',
    `No cluster found for name: ${clusterName}.`,
    'ResourceNotFoundException',
    operation,
    null,
    404,
    false,
  );
}

function associationNotFound(key: AssociationKey): EksError {
  return new EksError(
    'NotFound',
    `No association found for id: ${key.associationId}.`,
    'ResourceNotFoundException',
    'DescribePodIdentityAssociation',
    null,
    404,
    false,
  );
}

function unknownScope(scope: never): never {
  throw new Error(`Unknown scope ${JSON.stringify(scope)}`);
}

function placementKey(key: AssociationKey): string {
  return `${key.accountId}\u0000${key.region}\u0000${key.clusterName}\u0000${key.associationId}`;
}
