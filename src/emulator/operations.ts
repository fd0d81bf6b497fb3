/**
 * The EKS operations. Each validates its input, reads the store, and for a mutation builds a
 * StateChange, applies it and hands it back so the server can make it durable before answering.
 */
import { randomUUID } from 'node:crypto';
import { requirePodIdentityRole, requireTargetRole, type AssociationSubject } from './associationRoles';
import { applyChange, type StateChange } from './changes';
import { WireError, invalidParameter, invalidRequest, notFound } from './errors';
import { randomAssociationId } from './ids';
import type { AssociationRecord, IdempotencyRecord, OperationName } from './model';
import type { PageTokens, TokenScope } from './pagination';
import type { RoleDirectory } from './roles';
import type { AccountState, ClusterState, Store } from './store';
import { listTagsForResource, tagResource, untagResource } from './tagOperations';
import {
  BodyReader,
  parseMaxResults,
  parseRoleArn,
  policyRequiresDisabledSessionTags,
  validateAddonName,
  validateAssociationId,
  validateClusterName,
  validateNamespace,
  validatePolicy,
  validateServiceAccount,
} from './validation';
import * as wire from './wire';

export interface OperationContext {
  /** Every account's state: changes are applied to it. */
  store: Store;
  /** The account of the request's credentials: the only one it sees. */
  accountId: string;
  account: AccountState;
  /** The emulated IAM's roles, which Create and Update check (see associationRoles.ts). */
  roles: RoleDirectory;
  tokens: PageTokens;
  associationLimit: number;
  now(): number;
}

export interface OperationRequest {
  operation: OperationName;
  region: string;
  /** Percent-decoded path labels, in path order. */
  labels: string[];
  query: URLSearchParams;
  /** The parsed JSON body; `{}` when there is none. */
  body: Record<string, unknown>;
}

export interface OperationResult {
  body: unknown;
  /** The change that was applied, for the journal; null for reads and idempotent replays. */
  change: StateChange | null;
  /** Set when this answers a repeat of an earlier request with the same clientRequestToken. */
  replayed?: true;
}

type Handler = (ctx: OperationContext, request: OperationRequest) => OperationResult;

/** Every operation of the table in model.ts has its handler: the compiler checks the list. */
const HANDLERS: Record<OperationName, Handler> = {
  CreatePodIdentityAssociation: createAssociation,
  DescribePodIdentityAssociation: describeAssociation,
  ListPodIdentityAssociations: listAssociations,
  UpdatePodIdentityAssociation: updateAssociation,
  DeletePodIdentityAssociation: deleteAssociation,
  ListClusters: listClusters,
  DescribeCluster: describeCluster,
  ListAddons: listAddons,
  DescribeAddon: describeAddon,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

export function executeOperation(ctx: OperationContext, request: OperationRequest): OperationResult {
  return HANDLERS[request.operation](ctx, request);
}

function createAssociation(ctx: OperationContext, request: OperationRequest): OperationResult {
  const clusterName = validateClusterName(label(request, 0));
  const body = new BodyReader(request.body);
  const namespace = validateNamespace(body.requiredString('namespace'));
  const serviceAccount = validateServiceAccount(body.requiredString('serviceAccount'));
  const role = parseRoleArn(body.requiredString('roleArn'), 'roleArn');
  const targetRaw = body.optionalString('targetRoleArn');
  const target = targetRaw ? parseRoleArn(targetRaw, 'targetRoleArn') : null;
  const disableSessionTags = body.optionalBoolean('disableSessionTags') ?? false;
  const policyRaw = body.optionalString('policy');
  const policy = policyRaw ? validatePolicy(policyRaw) : null;
  if (policy !== null && !disableSessionTags) policyRequiresDisabledSessionTags();
  const tags = body.optionalTags('tags') ?? {};
  const token = body.clientRequestToken();

  const cluster = requireCluster(ctx, request.region, clusterName);
  const parameters = {
    namespace,
    serviceAccount,
    roleArn: role.arn,
    targetRoleArn: target?.arn ?? null,
    disableSessionTags,
    policy,
    tags,
  };
  const idempotency = checkToken(ctx, [request.region, clusterName, request.operation, token], parameters);
  if (idempotency.replay) return { body: idempotency.replay, change: null, replayed: true };

  const subject: AssociationSubject = {
    region: request.region,
    accountId: ctx.accountId,
    clusterName,
    namespace,
    serviceAccount,
    disableSessionTags,
  };
  requirePodIdentityRole(ctx.roles, role, subject);
  if (target) requireTargetRole(ctx.roles, target, role, subject);
  const existing = cluster.associationFor(namespace, serviceAccount);
  if (existing) {
    throw new WireError('ResourceInUseException', `Association already exists: ${existing.associationId}`, {
      clusterName,
    });
  }
  if (cluster.size >= ctx.associationLimit) {
    throw new WireError(
      'ResourceLimitExceededException',
      `Cluster ${clusterName} already has ${cluster.size} pod identity associations, the limit per cluster is ${ctx.associationLimit}; delete one before creating another.`,
      { clusterName },
    );
  }

  const now = ctx.now();
  const record: AssociationRecord = {
    seq: cluster.takeSeq(),
    associationId: uniqueAssociationId(cluster),
    namespace,
    serviceAccount,
    roleArn: role.arn,
    targetRoleArn: target?.arn ?? null,
    externalId: target ? randomUUID() : null,
    disableSessionTags,
    policy,
    tags,
    ownerAddon: null,
    createdAt: now,
    modifiedAt: now,
  };
  return putAssociation(ctx, request.region, cluster, record, idempotency);
}

function describeAssociation(ctx: OperationContext, request: OperationRequest): OperationResult {
  const clusterName = validateClusterName(label(request, 0));
  const associationId = validateAssociationId(label(request, 1), clusterName);
  const cluster = requireCluster(ctx, request.region, clusterName);
  const record = requireAssociation(cluster, associationId);
  return { body: { association: wire.association(wireContext(ctx, request.region, cluster), record) }, change: null };
}

function listAssociations(ctx: OperationContext, request: OperationRequest): OperationResult {
  const clusterName = validateClusterName(label(request, 0));
  const namespace = queryValue(request, 'namespace');
  const serviceAccount = queryValue(request, 'serviceAccount');
  if (namespace !== null) validateNamespace(namespace);
  if (serviceAccount !== null) validateServiceAccount(serviceAccount);
  const limit = parseMaxResults(request.query.get('maxResults'));
  const scope: TokenScope = {
    operation: request.operation,
    account: ctx.accountId,
    region: request.region,
    cluster: clusterName,
    namespace,
    serviceAccount,
  };
  const nextToken = queryValue(request, 'nextToken');
  const afterSeq = nextToken === null ? -1 : ctx.tokens.decodeSeq(nextToken, scope);
  const cluster = requireCluster(ctx, request.region, clusterName);

  const page = cluster.page({ namespace, serviceAccount }, afterSeq, limit);
  const context = wireContext(ctx, request.region, cluster);
  const last = page.items[page.items.length - 1];
  return {
    body: {
      associations: page.items.map((record) => wire.associationSummary(context, record)),
      ...(page.more && last ? { nextToken: ctx.tokens.encode(scope, last.seq) } : {}),
    },
    change: null,
  };
}

const UPDATABLE_MEMBERS = ['roleArn', 'targetRoleArn', 'disableSessionTags', 'policy'] as const;

function updateAssociation(ctx: OperationContext, request: OperationRequest): OperationResult {
  const clusterName = validateClusterName(label(request, 0));
  const associationId = validateAssociationId(label(request, 1), clusterName);
  const body = new BodyReader(request.body);
  const roleRaw = body.optionalString('roleArn');
  const role = roleRaw === undefined ? undefined : parseRoleArn(roleRaw, 'roleArn');
  // An empty targetRoleArn or policy clears it.
  const targetRaw = body.optionalString('targetRoleArn');
  const target = targetRaw ? parseRoleArn(targetRaw, 'targetRoleArn') : targetRaw === '' ? null : undefined;
  const disableSessionTags = body.optionalBoolean('disableSessionTags');
  const policyRaw = body.optionalString('policy');
  const policy = policyRaw ? validatePolicy(policyRaw) : policyRaw === '' ? null : undefined;
  if (!UPDATABLE_MEMBERS.some((member) => body.has(member))) {
    throw invalidParameter(
      `At least one of ${UPDATABLE_MEMBERS.join(', ')} must be provided to update an association; received none.`,
      { clusterName },
    );
  }
  const token = body.clientRequestToken();

  const cluster = requireCluster(ctx, request.region, clusterName);
  const parameters = { roleArn: roleRaw, targetRoleArn: targetRaw, disableSessionTags, policy: policyRaw };
  const idempotency = checkToken(
    ctx,
    [request.region, clusterName, request.operation, token, associationId],
    parameters,
  );
  if (idempotency.replay) return { body: idempotency.replay, change: null, replayed: true };

  const existing = requireAssociation(cluster, associationId);
  requireNotOwned(ctx, request.region, cluster, existing);
  const subject: AssociationSubject = {
    region: request.region,
    accountId: ctx.accountId,
    clusterName,
    namespace: existing.namespace,
    serviceAccount: existing.serviceAccount,
    disableSessionTags: disableSessionTags ?? existing.disableSessionTags,
  };
  if (role) requirePodIdentityRole(ctx.roles, role, subject);
  if (target) requireTargetRole(ctx.roles, target, role ?? parseRoleArn(existing.roleArn, 'roleArn'), subject);

  const next: AssociationRecord = { ...existing, modifiedAt: later(existing.modifiedAt, ctx.now()) };
  if (role) next.roleArn = role.arn;
  if (target === null) {
    next.targetRoleArn = null;
    next.externalId = null;
  } else if (target) {
    next.targetRoleArn = target.arn;
    // The external id stays stable while a target role stays set: the target role's trust policy may pin it.
    next.externalId = existing.externalId ?? randomUUID();
  }
  if (disableSessionTags !== undefined) next.disableSessionTags = disableSessionTags;
  if (policy !== undefined) next.policy = policy;
  if (next.policy !== null && !next.disableSessionTags) {
    throw invalidParameter(
      'The parameter policy can only be set when disableSessionTags is true; this update would leave a policy on an association whose disableSessionTags is false.',
      { clusterName },
    );
  }
  return putAssociation(ctx, request.region, cluster, next, idempotency);
}

function deleteAssociation(ctx: OperationContext, request: OperationRequest): OperationResult {
  const clusterName = validateClusterName(label(request, 0));
  const associationId = validateAssociationId(label(request, 1), clusterName);
  const cluster = requireCluster(ctx, request.region, clusterName);
  const existing = requireAssociation(cluster, associationId);
  requireNotOwned(ctx, request.region, cluster, existing);
  const removed: AssociationRecord = { ...existing, modifiedAt: later(existing.modifiedAt, ctx.now()) };
  const body = { association: wire.association(wireContext(ctx, request.region, cluster), removed) };
  const change: StateChange = {
    type: 'deleteAssociation',
    accountId: ctx.accountId,
    region: request.region,
    cluster: clusterName,
    associationId,
  };
  applyChange(ctx.store, change);
  return { body, change };
}

function listClusters(ctx: OperationContext, request: OperationRequest): OperationResult {
  // `include` (e.g. include=all for EKS Anywhere clusters) is accepted and ignored: every emulated cluster is listed.
  const limit = parseMaxResults(request.query.get('maxResults'));
  const scope: TokenScope = {
    operation: request.operation,
    account: ctx.accountId,
    region: request.region,
    cluster: null,
    namespace: null,
    serviceAccount: null,
  };
  const nextToken = queryValue(request, 'nextToken');
  const after = nextToken === null ? null : ctx.tokens.decodeName(nextToken, scope);
  const page = ctx.account.clusterPage(request.region, after, limit);
  const last = page.items[page.items.length - 1];
  return {
    body: {
      clusters: page.items.map((cluster) => cluster.info.name),
      ...(page.more && last ? { nextToken: ctx.tokens.encode(scope, last.info.name) } : {}),
    },
    change: null,
  };
}

function describeCluster(ctx: OperationContext, request: OperationRequest): OperationResult {
  const clusterName = validateClusterName(label(request, 0));
  const cluster = requireCluster(ctx, request.region, clusterName);
  return { body: { cluster: wire.cluster(ctx.accountId, cluster.info) }, change: null };
}

function listAddons(ctx: OperationContext, request: OperationRequest): OperationResult {
  const clusterName = validateClusterName(label(request, 0));
  const limit = parseMaxResults(request.query.get('maxResults'));
  const scope: TokenScope = {
    operation: request.operation,
    account: ctx.accountId,
    region: request.region,
    cluster: clusterName,
    namespace: null,
    serviceAccount: null,
  };
  const nextToken = queryValue(request, 'nextToken');
  const after = nextToken === null ? null : ctx.tokens.decodeName(nextToken, scope);
  const cluster = requireCluster(ctx, request.region, clusterName);
  const page = cluster.addonPage(after, limit);
  const last = page.items[page.items.length - 1];
  return {
    body: {
      addons: page.items.map((addon) => addon.name),
      ...(page.more && last ? { nextToken: ctx.tokens.encode(scope, last.name) } : {}),
    },
    change: null,
  };
}

function describeAddon(ctx: OperationContext, request: OperationRequest): OperationResult {
  const clusterName = validateClusterName(label(request, 0));
  const addonName = validateAddonName(label(request, 1), clusterName);
  const cluster = requireCluster(ctx, request.region, clusterName);
  const addon = cluster.addon(addonName);
  if (!addon) throw notFound(`No addon: ${addonName} found in cluster: ${clusterName}.`, { clusterName, addonName });
  const context = wireContext(ctx, request.region, cluster);
  const owned = cluster
    .ownedBy(addonName)
    .map((record) => wire.associationSummary(context, record).associationArn as string);
  return { body: { addon: wire.addon(context, addon, owned) }, change: null };
}

// --- helpers -------------------------------------------------------------------------------

/** Applies a create or update, remembering its response under its client token (if any). */
function putAssociation(
  ctx: OperationContext,
  region: string,
  cluster: ClusterState,
  association: AssociationRecord,
  token: TokenCheck,
): OperationResult {
  const body = { association: wire.association(wireContext(ctx, region, cluster), association) };
  const change: StateChange = {
    type: 'putAssociation',
    accountId: ctx.accountId,
    region,
    cluster: cluster.info.name,
    association,
    idempotency: token.record(body),
  };
  applyChange(ctx.store, change);
  return { body, change };
}

interface TokenCheck {
  /** The original response when this is a repeat of an earlier request with the same token. */
  replay: unknown;
  /** The record to keep for this request's token, given its response; null without a token. */
  record(response: unknown): IdempotencyRecord | null;
}

function checkToken(
  ctx: OperationContext,
  scope: [string, string, OperationName, string | undefined, ...string[]],
  parameters: Record<string, unknown>,
): TokenCheck {
  const token = scope[3];
  if (token === undefined) return { replay: undefined, record: () => null };
  const key = JSON.stringify(scope);
  const fingerprint = canonicalJson(parameters);
  const earlier = ctx.account.idempotency.get(key);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) {
      throw invalidRequest(
        `The clientRequestToken ${token} was already used for a ${scope[2]} request with different parameters; use a new token for a different request.`,
        { clusterName: scope[1] },
      );
    }
    return { replay: earlier.response, record: () => null };
  }
  return { replay: undefined, record: (response) => ({ key, fingerprint, response, at: ctx.now() }) };
}

function requireCluster(ctx: OperationContext, region: string, name: string): ClusterState {
  const cluster = ctx.account.cluster(region, name);
  if (!cluster) throw notFound(`No cluster found for name: ${name}.`, { clusterName: name });
  return cluster;
}

function requireAssociation(cluster: ClusterState, associationId: string): AssociationRecord {
  const record = cluster.association(associationId);
  if (!record) {
    throw notFound(
      `No Pod Identity Association found for associationId: ${associationId} in cluster: ${cluster.info.name}.`,
      { clusterName: cluster.info.name },
    );
  }
  return record;
}

function requireNotOwned(
  ctx: OperationContext,
  region: string,
  cluster: ClusterState,
  record: AssociationRecord,
): void {
  if (record.ownerAddon === null) return;
  const addon = cluster.addon(record.ownerAddon);
  const arn = addon ? ` (${wire.addonArnOf(wireContext(ctx, region, cluster), addon)})` : '';
  throw invalidRequest(
    `Pod Identity Association ${record.associationId} is managed by the add-on ${record.ownerAddon}${arn}; change or remove it through that add-on instead.`,
    { clusterName: cluster.info.name, addonName: record.ownerAddon },
  );
}

function uniqueAssociationId(cluster: ClusterState): string {
  for (;;) {
    const id = randomAssociationId();
    if (!cluster.association(id)) return id;
  }
}

function wireContext(ctx: OperationContext, region: string, cluster: ClusterState): wire.WireContext {
  return {
    region,
    accountId: ctx.accountId,
    cluster: cluster.info.name,
    addonArnId: (name) => cluster.addon(name)?.arnId,
  };
}

function label(request: OperationRequest, index: number): string {
  const value = request.labels[index];
  if (value === undefined) throw new Error(`route for ${request.operation} lacks path label ${index}`);
  return value;
}

/** A query parameter; an empty value counts as absent. */
function queryValue(request: OperationRequest, name: string): string | null {
  const value = request.query.get(name);
  return value === null || value === '' ? null : value;
}

/** A timestamp strictly after `previous`, so modifiedAt visibly advances even within one millisecond. */
function later(previous: number, now: number): number {
  return Math.max(now, previous + 1);
}

/** JSON with sorted object keys and undefined members dropped: equal parameters give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
