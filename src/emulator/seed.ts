/**
 * Seeds: the JSON format that describes clusters, add-ons and associations (used by seed files,
 * the demo seed, `POST /_emulator/clusters` and `GET /_emulator/state`), its validation, and its
 * conversion into cluster snapshots for the store.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WireError, jsonType, quote } from './errors';
import { createPrng, derivedUuid, randomAssociationId, seededAssociationId } from './ids';
import {
  ADDON_STATUSES,
  CLUSTER_STATUSES,
  type AddonRecord,
  type AddonStatus,
  type AssociationRecord,
  type ClusterSnapshot,
  type ClusterStatus,
  type Tags,
} from './model';
import { RoleDirectory } from './roles';
import type { ClusterState, Store } from './store';
import {
  parseRoleArn,
  validateAddonName,
  validateAssociationId,
  validateClusterName,
  validateNamespace,
  validatePolicy,
  validateServiceAccount,
  validateTags,
} from './validation';

/** A time in a seed: an ISO-8601 string, or epoch seconds as on the EKS wire. */
export type SeedTime = string | number;

export interface SeedFile {
  /** Used when the emulator is not given an account id of its own. */
  accountId?: string;
  /**
   * ARNs of IAM roles whose path is not `/` (every other role lives at `/`; see roles.ts). Read on
   * every start, also with a state file: they stand for IAM, not for EKS state.
   */
  roles?: string[];
  clusters: SeedCluster[];
}

export interface SeedCluster {
  name: string;
  /** Defaults to us-east-1. */
  region?: string;
  version?: string;
  /**
   * A ClusterStatus (CREATING, ACTIVE, ...; default ACTIVE). Typed as string so seeds built by
   * helpers or read from JSON need no casts; it is checked when the seed is loaded.
   */
  status?: ClusterStatus | (string & NonNullable<unknown>);
  platformVersion?: string;
  tags?: Tags;
  createdAt?: SeedTime;
  addons?: SeedAddon[];
  associations?: SeedAssociation[];
}

export interface SeedAddon {
  name: string;
  version?: string;
  /** An AddonStatus (default ACTIVE); checked when the seed is loaded, like the cluster's status. */
  status?: AddonStatus | (string & NonNullable<unknown>);
  createdAt?: SeedTime;
  modifiedAt?: SeedTime;
}

export interface SeedAssociation {
  /** Generated when absent. */
  associationId?: string | null;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  targetRoleArn?: string | null;
  /** Generated when targetRoleArn is set and this is absent. */
  externalId?: string | null;
  disableSessionTags?: boolean;
  policy?: string | null;
  tags?: Tags;
  /** The name of an add-on of the same cluster that owns this association. */
  ownerAddon?: string | null;
  createdAt?: SeedTime;
  modifiedAt?: SeedTime;
}

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

export interface MaterializeOptions {
  accountId: string;
  associationLimit: number;
  /** Timestamp (epoch ms) for entries that give none. */
  defaultTime: number;
  /** `seeded`: ids from a fixed-seed PRNG, the same on every start; `random`: from the CSPRNG. */
  ids: 'seeded' | 'random';
}

const SEED_MEMBERS = ['accountId', 'roles', 'clusters'];
const CLUSTER_MEMBERS = ['name', 'region', 'version', 'status', 'platformVersion', 'tags', 'createdAt', 'addons', 'associations'];
const ADDON_MEMBERS = ['name', 'version', 'status', 'createdAt', 'modifiedAt'];
const ASSOCIATION_MEMBERS = [
  'associationId', 'namespace', 'serviceAccount', 'roleArn', 'targetRoleArn', 'externalId',
  'disableSessionTags', 'policy', 'tags', 'ownerAddon', 'createdAt', 'modifiedAt',
];
const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;
const IDS_SEED = 20260115;

/** Reads a seed: `demo`, `none`, a path to a JSON seed file, or a seed object. */
export function resolveSeed(seed: 'demo' | 'none' | SeedFile | string, demo: () => SeedFile): SeedFile {
  if (seed === 'demo') return demo();
  if (seed === 'none') return { clusters: [] };
  if (typeof seed !== 'string') return checkSeedShape(seed, 'seed object');
  let text: string;
  try {
    text = readFileSync(seed, 'utf8');
  } catch (error) {
    throw new SeedError(`Cannot read seed file ${seed}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`Seed file ${seed} is not valid JSON: ${(error as Error).message}`);
  }
  return checkSeedShape(parsed, `seed file ${seed}`);
}

/** The top level of a seed; the clusters themselves are checked by `materializeClusters`. */
export function checkSeedShape(value: unknown, source: string): SeedFile {
  const seed = object(value, source);
  unknownMembers(seed, SEED_MEMBERS, source);
  if (seed.accountId !== undefined && (typeof seed.accountId !== 'string' || !ACCOUNT_ID.test(seed.accountId))) {
    throw new SeedError(`${source}: accountId must be a string of 12 digits; received ${quote(seed.accountId)}.`);
  }
  if (!Array.isArray(seed.clusters)) {
    throw new SeedError(`${source}: clusters must be an array; received ${jsonType(seed.clusters)}.`);
  }
  seedRoles(value as SeedFile, source);
  return value as SeedFile;
}

/** The roles a seed lists, checked: role ARNs, each name at one path only. */
export function seedRoles(seed: SeedFile, source: string): RoleDirectory {
  const roles = array(seed.roles, 'roles', source).map((value, index) => {
    const where = `${source}: roles[${index}]`;
    const role = rule(where, () => parseRoleArn(string(value, 'roles[]', where), 'roleArn'));
    if (role.path.split('/').some((segment) => segment === '.' || segment === '..')) {
      throw new SeedError(`${where}: a role path has no "." or ".." segment; received ${quote(role.arn)}.`);
    }
    return role;
  });
  return new RoleDirectory(roles, (role, earlier) => {
    throw new SeedError(`${source}: roles lists the role ${role.roleName} of account ${role.accountId} at two paths (${earlier} and ${role.path}); a role has one path.`);
  });
}

/** Validates seed clusters and turns them into snapshots. Errors name the cluster and association index. */
export function materializeClusters(
  clusters: readonly unknown[],
  options: MaterializeOptions,
  source: string,
): ClusterSnapshot[] {
  const random = createPrng(IDS_SEED);
  const nextId = options.ids === 'seeded' ? () => seededAssociationId(random) : randomAssociationId;
  const nextUuid = options.ids === 'seeded' ? () => derivedUuid('external-id', String(random())) : randomUUID;
  const seen = new Set<string>();
  return clusters.map((cluster, index) => {
    const where = `${source}: clusters[${index}]`;
    const snapshot = materializeCluster(cluster, options, where, nextId, nextUuid);
    const key = `${snapshot.region}/${snapshot.name}`;
    if (seen.has(key)) throw new SeedError(`${where}: cluster ${snapshot.name} appears twice in region ${snapshot.region}.`);
    seen.add(key);
    return snapshot;
  });
}

function materializeCluster(
  value: unknown,
  options: MaterializeOptions,
  where: string,
  nextId: () => string,
  nextUuid: () => string,
): ClusterSnapshot {
  const input = object(value, where);
  unknownMembers(input, CLUSTER_MEMBERS, where);
  const name = rule(where, () => validateClusterName(string(input.name, 'name', where)));
  const at = `${where} (${name})`;
  const region = optionalString(input.region, 'region', at) ?? 'us-east-1';
  if (!REGION.test(region)) throw new SeedError(`${at}: region must look like us-east-1; received ${quote(region)}.`);
  const createdAt = time(input.createdAt, 'createdAt', at) ?? options.defaultTime;
  const status = oneOf(input.status, CLUSTER_STATUSES, 'status', at) ?? 'ACTIVE';

  const addons: AddonRecord[] = array(input.addons, 'addons', at).map((addonValue, addonIndex) => {
    const addonWhere = `${at}.addons[${addonIndex}]`;
    const addon = object(addonValue, addonWhere);
    unknownMembers(addon, ADDON_MEMBERS, addonWhere);
    const addonName = rule(addonWhere, () => validateAddonName(string(addon.name, 'name', addonWhere), name));
    const addonCreated = time(addon.createdAt, 'createdAt', addonWhere) ?? createdAt;
    return {
      name: addonName,
      version: optionalString(addon.version, 'version', addonWhere) ?? 'v1.0.0-eksbuild.1',
      status: oneOf(addon.status, ADDON_STATUSES, 'status', addonWhere) ?? 'ACTIVE',
      createdAt: addonCreated,
      modifiedAt: time(addon.modifiedAt, 'modifiedAt', addonWhere) ?? addonCreated,
      arnId: derivedUuid(options.accountId, region, name, addonName),
    };
  });
  const addonNames = new Set<string>();
  for (const addon of addons) {
    if (addonNames.has(addon.name)) throw new SeedError(`${at}: add-on ${addon.name} appears twice.`);
    addonNames.add(addon.name);
  }

  const associationInputs = array(input.associations, 'associations', at);
  if (associationInputs.length > options.associationLimit) {
    throw new SeedError(`${at}: ${associationInputs.length} associations exceed the association limit of ${options.associationLimit} per cluster.`);
  }
  const ids = new Set<string>();
  const keys = new Map<string, number>();
  const explicitIds = new Set<string>();
  for (const association of associationInputs) {
    const id = (association as { associationId?: unknown } | null)?.associationId;
    if (typeof id === 'string') explicitIds.add(id);
  }
  const associations = associationInputs.map((associationValue, associationIndex) => {
    const associationWhere = `${at}.associations[${associationIndex}]`;
    const record = materializeAssociation(associationValue, associationIndex + 1, associationWhere, {
      clusterName: name,
      addonNames,
      createdAt: options.defaultTime,
      nextId: () => {
        for (;;) {
          const id = nextId();
          if (!explicitIds.has(id) && !ids.has(id)) return id;
        }
      },
      nextUuid,
    });
    if (ids.has(record.associationId)) throw new SeedError(`${associationWhere}: associationId ${record.associationId} is used twice.`);
    ids.add(record.associationId);
    const key = `${record.namespace} ${record.serviceAccount}`;
    const earlier = keys.get(key);
    if (earlier !== undefined) {
      throw new SeedError(`${associationWhere}: namespace ${record.namespace} and service account ${record.serviceAccount} already have an association (associations[${earlier}]).`);
    }
    keys.set(key, associationIndex);
    return record;
  });

  return {
    region,
    name,
    version: optionalString(input.version, 'version', at) ?? '1.31',
    status,
    platformVersion: optionalString(input.platformVersion, 'platformVersion', at) ?? 'eks.1',
    tags: input.tags === undefined ? {} : rule(at, () => validateTags(input.tags)),
    createdAt,
    nextSeq: associations.length + 1,
    addons,
    associations,
  };
}

interface AssociationContext {
  clusterName: string;
  addonNames: ReadonlySet<string>;
  createdAt: number;
  nextId(): string;
  nextUuid(): string;
}

function materializeAssociation(value: unknown, seq: number, where: string, ctx: AssociationContext): AssociationRecord {
  const input = object(value, where);
  unknownMembers(input, ASSOCIATION_MEMBERS, where);
  const explicitId = optionalString(input.associationId, 'associationId', where);
  const associationId = explicitId === undefined ? ctx.nextId() : rule(where, () => validateAssociationId(explicitId, ctx.clusterName));
  const namespace = rule(where, () => validateNamespace(string(input.namespace, 'namespace', where)));
  const serviceAccount = rule(where, () => validateServiceAccount(string(input.serviceAccount, 'serviceAccount', where)));
  const roleArn = rule(where, () => parseRoleArn(string(input.roleArn, 'roleArn', where), 'roleArn').arn);
  const targetRaw = optionalString(input.targetRoleArn, 'targetRoleArn', where);
  const targetRoleArn = targetRaw ? rule(where, () => parseRoleArn(targetRaw, 'targetRoleArn').arn) : null;
  const disableSessionTags = optionalBoolean(input.disableSessionTags, 'disableSessionTags', where) ?? false;
  const policyRaw = optionalString(input.policy, 'policy', where);
  const policy = policyRaw ? rule(where, () => validatePolicy(policyRaw)) : null;
  if (policy !== null && !disableSessionTags) throw new SeedError(`${where}: policy can only be set when disableSessionTags is true.`);
  const ownerAddon = optionalString(input.ownerAddon, 'ownerAddon', where) ?? null;
  if (ownerAddon !== null && !ctx.addonNames.has(ownerAddon)) {
    throw new SeedError(`${where}: ownerAddon ${quote(ownerAddon)} is not an add-on of cluster ${ctx.clusterName}; add it to the cluster's addons.`);
  }
  const createdAt = time(input.createdAt, 'createdAt', where) ?? ctx.createdAt;
  const externalId = targetRoleArn === null ? null : (optionalString(input.externalId, 'externalId', where) ?? ctx.nextUuid());
  return {
    seq,
    associationId,
    namespace,
    serviceAccount,
    roleArn,
    targetRoleArn,
    externalId,
    disableSessionTags,
    policy,
    tags: input.tags === undefined || input.tags === null ? {} : rule(where, () => validateTags(input.tags)),
    ownerAddon,
    createdAt,
    modifiedAt: time(input.modifiedAt, 'modifiedAt', where) ?? createdAt,
  };
}

/** The current state in the seed format: what `GET /_emulator/state` answers; it loads back as a seed. */
export function exportState(store: Store, filter: { region: string | null; cluster: string | null }): Required<Pick<SeedFile, 'accountId' | 'clusters'>> {
  const clusters = store
    .clusters()
    .filter((cluster) => (filter.region === null || cluster.info.region === filter.region) && (filter.cluster === null || cluster.info.name === filter.cluster))
    .map(exportCluster);
  return { accountId: store.accountId, clusters };
}

function exportCluster(cluster: ClusterState): SeedCluster {
  const snapshot = cluster.snapshot();
  return {
    name: snapshot.name,
    region: snapshot.region,
    version: snapshot.version,
    status: snapshot.status,
    platformVersion: snapshot.platformVersion,
    tags: { ...snapshot.tags },
    createdAt: iso(snapshot.createdAt),
    addons: snapshot.addons.map((addon) => ({
      name: addon.name,
      version: addon.version,
      status: addon.status,
      createdAt: iso(addon.createdAt),
      modifiedAt: iso(addon.modifiedAt),
    })),
    associations: snapshot.associations.map((record) => ({
      associationId: record.associationId,
      namespace: record.namespace,
      serviceAccount: record.serviceAccount,
      roleArn: record.roleArn,
      targetRoleArn: record.targetRoleArn,
      externalId: record.externalId,
      disableSessionTags: record.disableSessionTags,
      policy: record.policy,
      tags: { ...record.tags },
      ownerAddon: record.ownerAddon,
      createdAt: iso(record.createdAt),
      modifiedAt: iso(record.modifiedAt),
    })),
  };
}

// --- small typed readers that report where a seed is wrong ------------------------------------

function rule<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof WireError) throw new SeedError(`${where}: ${error.message}`);
    throw error;
  }
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SeedError(`${where}: must be a JSON object; received ${jsonType(value)}.`);
  }
  return value as Record<string, unknown>;
}

function unknownMembers(value: Record<string, unknown>, known: readonly string[], where: string): void {
  for (const member of Object.keys(value)) {
    if (!known.includes(member)) {
      throw new SeedError(`${where}: unknown member ${quote(member)}; known members are ${known.join(', ')}.`);
    }
  }
}

function array(value: unknown, member: string, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SeedError(`${where}: ${member} must be an array; received ${jsonType(value)}.`);
  return value;
}

function string(value: unknown, member: string, where: string): string {
  if (typeof value !== 'string') throw new SeedError(`${where}: ${member} must be a string; received ${jsonType(value)}.`);
  return value;
}

function optionalString(value: unknown, member: string, where: string): string | undefined {
  return value === undefined || value === null ? undefined : string(value, member, where);
}

function optionalBoolean(value: unknown, member: string, where: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new SeedError(`${where}: ${member} must be a boolean; received ${jsonType(value)}.`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], member: string, where: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new SeedError(`${where}: ${member} must be one of ${allowed.join(', ')}; received ${quote(value)}.`);
  }
  return value as T;
}

function time(value: unknown, member: string, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) {
    throw new SeedError(`${where}: ${member} must be an ISO-8601 date string or epoch seconds; received ${quote(value)}.`);
  }
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
