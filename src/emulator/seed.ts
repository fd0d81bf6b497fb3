/**
 * Seeds: the JSON format that describes clusters, add-ons and associations (used by seed files,
 * the demo seed, `POST /_emulator/clusters` and `GET /_emulator/state`), its validation, and its
 * conversion into cluster snapshots for the store.
 */
import { randomUUID } from 'node:crypto';
import { jsonValueDocument, readJsonFile, type JsonDocument, type JsonSource } from '../json/document';
import {
  describe,
  readArray,
  readObject,
  readOptionalArray,
  readOptionalBoolean,
  readOptionalOneOf,
  readOptionalString,
  readString,
} from '../json/fields';
import { WireError } from './errors';
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

/** A seed, read and checked at its top level, with the document it came from for messages. */
export interface LoadedSeed {
  readonly file: SeedFile;
  readonly doc: SeedDocument;
}

/** Seeds and request bodies in the seed format: their problems are SeedErrors naming the path. */
export type SeedDocument = JsonDocument<SeedError>;

function seedSource(source: string): JsonSource<SeedError> {
  return { source, error: (message) => new SeedError(message) };
}

/** Reads a seed: `demo`, `none`, a path to a JSON seed file (whose problems name their line), or a seed object. */
export function loadSeed(seed: 'demo' | 'none' | SeedFile | string, demo: () => SeedFile): LoadedSeed {
  if (seed === 'demo') return checkSeedShape(jsonValueDocument(demo(), seedSource('demo seed')));
  if (seed === 'none') return checkSeedShape(jsonValueDocument({ clusters: [] }, seedSource('none seed')));
  if (typeof seed !== 'string') return checkSeedShape(jsonValueDocument(seed, seedSource('seed object')));
  return checkSeedShape(readJsonFile(seed, seedSource(`seed file ${seed}`)));
}

/** A document in the seed format, as a request body: `{"clusters": [...]}`; it has no lines. */
export function seedBody(value: unknown, source: string): SeedDocument {
  return jsonValueDocument(value, seedSource(source));
}

/** The top level of a seed; the clusters themselves are checked by `materializeClusters`. */
function checkSeedShape(doc: SeedDocument): LoadedSeed {
  const seed = readObject(doc, '', doc.value, SEED_MEMBERS);
  if (seed.accountId !== undefined && (typeof seed.accountId !== 'string' || !ACCOUNT_ID.test(seed.accountId))) {
    throw doc.problem('accountId', `must be a string of 12 digits, received ${describe(seed.accountId)}.`);
  }
  readArray(doc, 'clusters', seed.clusters);
  const loaded = { file: seed as unknown as SeedFile, doc };
  seedRoles(loaded);
  return loaded;
}

/** The roles a seed lists, checked: role ARNs, each name at one path only. */
export function seedRoles({ file, doc }: LoadedSeed): RoleDirectory {
  const roles = readOptionalArray(doc, 'roles', file.roles).map((value, index) => {
    const path = `roles[${index}]`;
    const role = checked(doc, path, () => parseRoleArn(readString(doc, path, value, ANY_STRING), 'roleArn'));
    if (role.path.split('/').some((segment) => segment === '.' || segment === '..')) {
      throw doc.problem(path, `a role path has no "." or ".." segment, received "${role.arn}".`);
    }
    return role;
  });
  return new RoleDirectory(roles, (role, earlier) => {
    throw doc.problem(
      `roles[${roles.indexOf(role)}]`,
      `names the role ${role.roleName} of account ${role.accountId} at ${role.path}, but roles lists it at ${earlier} too; a role has one path.`,
    );
  });
}

/**
 * Validates the `clusters` of a seed (or of a request body in the seed format) and turns them
 * into snapshots. Problems name the path: `clusters[1].associations[3].roleArn`.
 */
export function materializeClusters(doc: SeedDocument, options: MaterializeOptions): ClusterSnapshot[] {
  const clusters = readArray(doc, 'clusters', readObject(doc, '', doc.value).clusters);
  const random = createPrng(IDS_SEED);
  const nextId = options.ids === 'seeded' ? () => seededAssociationId(random) : randomAssociationId;
  const nextUuid = options.ids === 'seeded' ? () => derivedUuid('external-id', String(random())) : randomUUID;
  const seen = new Set<string>();
  return clusters.map((cluster, index) => {
    const path = `clusters[${index}]`;
    const snapshot = materializeCluster(doc, path, cluster, options, nextId, nextUuid);
    const key = `${snapshot.region}/${snapshot.name}`;
    if (seen.has(key)) throw doc.problem(path, `cluster ${snapshot.name} appears twice in region ${snapshot.region}.`);
    seen.add(key);
    return snapshot;
  });
}

function materializeCluster(
  doc: SeedDocument,
  at: string,
  value: unknown,
  options: MaterializeOptions,
  nextId: () => string,
  nextUuid: () => string,
): ClusterSnapshot {
  const input = readObject(doc, at, value, CLUSTER_MEMBERS);
  const name = checked(doc, `${at}.name`, () => validateClusterName(readString(doc, `${at}.name`, input.name, ANY_STRING)));
  const region = readOptionalString(doc, `${at}.region`, input.region, ANY_STRING) ?? 'us-east-1';
  if (!REGION.test(region)) throw doc.problem(`${at}.region`, `must look like us-east-1, received ${describe(region)}.`);
  const createdAt = readTime(doc, `${at}.createdAt`, input.createdAt) ?? options.defaultTime;
  const status = readOptionalOneOf(doc, `${at}.status`, input.status, CLUSTER_STATUSES) ?? 'ACTIVE';

  const addonNames = new Set<string>();
  const addons: AddonRecord[] = readOptionalArray(doc, `${at}.addons`, input.addons).map((addonValue, addonIndex) => {
    const addonAt = `${at}.addons[${addonIndex}]`;
    const addon = readObject(doc, addonAt, addonValue, ADDON_MEMBERS);
    const addonName = checked(doc, `${addonAt}.name`, () => validateAddonName(readString(doc, `${addonAt}.name`, addon.name, ANY_STRING), name));
    if (addonNames.has(addonName)) throw doc.problem(addonAt, `add-on ${addonName} appears twice.`);
    addonNames.add(addonName);
    const addonCreated = readTime(doc, `${addonAt}.createdAt`, addon.createdAt) ?? createdAt;
    return {
      name: addonName,
      version: readOptionalString(doc, `${addonAt}.version`, addon.version, ANY_STRING) ?? 'v1.0.0-eksbuild.1',
      status: readOptionalOneOf(doc, `${addonAt}.status`, addon.status, ADDON_STATUSES) ?? 'ACTIVE',
      createdAt: addonCreated,
      modifiedAt: readTime(doc, `${addonAt}.modifiedAt`, addon.modifiedAt) ?? addonCreated,
      arnId: derivedUuid(options.accountId, region, name, addonName),
    };
  });

  const associationInputs = readOptionalArray(doc, `${at}.associations`, input.associations);
  if (associationInputs.length > options.associationLimit) {
    throw doc.problem(`${at}.associations`, `${associationInputs.length} associations exceed the association limit of ${options.associationLimit} per cluster.`);
  }
  const ids = new Set<string>();
  const keys = new Map<string, number>();
  const explicitIds = new Set<string>();
  for (const association of associationInputs) {
    const id = (association as { associationId?: unknown } | null)?.associationId;
    if (typeof id === 'string') explicitIds.add(id);
  }
  const associations = associationInputs.map((associationValue, associationIndex) => {
    const associationAt = `${at}.associations[${associationIndex}]`;
    const record = materializeAssociation(doc, associationAt, associationValue, associationIndex + 1, {
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
    if (ids.has(record.associationId)) throw doc.problem(`${associationAt}.associationId`, `associationId ${record.associationId} is used twice.`);
    ids.add(record.associationId);
    const key = `${record.namespace} ${record.serviceAccount}`;
    const earlier = keys.get(key);
    if (earlier !== undefined) {
      throw doc.problem(
        associationAt,
        `namespace ${record.namespace} and service account ${record.serviceAccount} already have an association (${doc.where(`${at}.associations[${earlier}]`)}).`,
      );
    }
    keys.set(key, associationIndex);
    return record;
  });

  return {
    region,
    name,
    version: readOptionalString(doc, `${at}.version`, input.version, ANY_STRING) ?? '1.31',
    status,
    platformVersion: readOptionalString(doc, `${at}.platformVersion`, input.platformVersion, ANY_STRING) ?? 'eks.1',
    tags: input.tags === undefined ? {} : checked(doc, `${at}.tags`, () => validateTags(input.tags)),
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

function materializeAssociation(doc: SeedDocument, at: string, value: unknown, seq: number, ctx: AssociationContext): AssociationRecord {
  const input = readObject(doc, at, value, ASSOCIATION_MEMBERS);
  const plain = (key: string) => readString(doc, `${at}.${key}`, input[key], ANY_STRING);
  const optional = (key: string) => readOptionalString(doc, `${at}.${key}`, input[key], ANY_STRING);
  const explicitId = optional('associationId');
  const associationId = explicitId === undefined ? ctx.nextId() : checked(doc, `${at}.associationId`, () => validateAssociationId(explicitId, ctx.clusterName));
  const namespace = checked(doc, `${at}.namespace`, () => validateNamespace(plain('namespace')));
  const serviceAccount = checked(doc, `${at}.serviceAccount`, () => validateServiceAccount(plain('serviceAccount')));
  const roleArn = checked(doc, `${at}.roleArn`, () => parseRoleArn(plain('roleArn'), 'roleArn').arn);
  const targetRaw = optional('targetRoleArn');
  const targetRoleArn = targetRaw ? checked(doc, `${at}.targetRoleArn`, () => parseRoleArn(targetRaw, 'targetRoleArn').arn) : null;
  const disableSessionTags = readOptionalBoolean(doc, `${at}.disableSessionTags`, input.disableSessionTags) ?? false;
  const policyRaw = optional('policy');
  const policy = policyRaw ? checked(doc, `${at}.policy`, () => validatePolicy(policyRaw)) : null;
  if (policy !== null && !disableSessionTags) throw doc.problem(`${at}.policy`, 'can only be set when disableSessionTags is true.');
  const ownerAddon = optional('ownerAddon') ?? null;
  if (ownerAddon !== null && !ctx.addonNames.has(ownerAddon)) {
    throw doc.problem(`${at}.ownerAddon`, `"${ownerAddon}" is not an add-on of cluster ${ctx.clusterName}; add it to the cluster's addons.`);
  }
  const createdAt = readTime(doc, `${at}.createdAt`, input.createdAt) ?? ctx.createdAt;
  const externalId = targetRoleArn === null ? null : (optional('externalId') ?? ctx.nextUuid());
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
    tags: input.tags === undefined || input.tags === null ? {} : checked(doc, `${at}.tags`, () => validateTags(input.tags)),
    ownerAddon,
    createdAt,
    modifiedAt: readTime(doc, `${at}.modifiedAt`, input.modifiedAt) ?? createdAt,
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

/** Seeds hold strings as EKS takes them: empty ones are refused by the rule of each member, if at all. */
const ANY_STRING = { nonEmpty: false };

/** Runs an EKS rule (src/emulator/validation.ts) on a value; what it refuses becomes a problem at `path`. */
function checked<T>(doc: SeedDocument, path: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof WireError) throw doc.problem(path, error.message);
    throw error;
  }
}

/** A time: an ISO-8601 string or epoch seconds, as epoch ms; absent reads as undefined. */
function readTime(doc: SeedDocument, path: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw doc.problem(path, `must be an ISO-8601 date string or epoch seconds, received ${describe(value)}.`);
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
