/**
 * Seeds: the JSON format that describes clusters, add-ons and associations (used by seed files,
 * the demo seed, `POST /_emulator/clusters` and `GET /_emulator/state`), its validation, and its
 * conversion into cluster snapshots for the store.
 */
import { randomUUID } from 'node:crypto';
import { PolicyError, TrustPolicy } from '../iam/trustPolicy';
import { jsonValueDocument, readJsonFile, type JsonDocument, type JsonSource } from '../json/document';
import {
  describe,
  readArray,
  readObject,
  readOptionalArray,
  readOneOf,
  readOptionalBoolean,
  readOptionalOneOf,
  readOptionalString,
  readString,
} from '../json/fields';
import { isTemporaryKey, type AccessKeyOwner } from './credentials';
import { WireError } from './errors';
import { createPrng, derivedUuid, randomAssociationId, seededAssociationId } from './ids';
import {
  ADDON_ISSUE_CODES,
  ADDON_STATUSES,
  CLUSTER_STATUSES,
  type AddonIssue,
  type AddonIssueCode,
  type AddonRecord,
  type AddonStatus,
  type AssociationRecord,
  type AutoModeConfig,
  type ClusterSnapshot,
  type ClusterStatus,
  type Tags,
} from './model';
import {
  DEFAULT_MAX_SESSION_DURATION,
  MAX_SESSION_DURATION_RANGE,
  RoleDirectory,
  roleIdOf,
  type RoleDefinition,
} from './roles';
import type { AccountState, ClusterState, Store } from './store';
import {
  parseRoleArn,
  validateAddonName,
  validateAssociationId,
  validateClusterName,
  validateNamespace,
  validatePolicy,
  validateServiceAccount,
  validateTags,
  type ParsedRoleArn,
} from './validation';

/** A time in a seed: an ISO-8601 string, or epoch seconds as on the EKS wire. */
export type SeedTime = string | number;

/**
 * A seed of one account (the shape seeds had before accounts existed): its clusters are the
 * default account's. Every other account has no clusters.
 */
export interface SeedFile {
  /** Used when the emulator is not given an account id of its own. */
  accountId?: string;
  /** The emulated IAM's settings, for every account. */
  iam?: SeedIam;
  /**
   * IAM roles: role objects with their trust policy, or ARNs (a role with the default Pod
   * Identity trust policy, at the ARN's path). Read on every start, also with a state file: they
   * stand for IAM, not for EKS state.
   */
  roles?: SeedRole[];
  clusters: SeedCluster[];
}

/** A seed of several accounts; the first is the default account (see credentials.ts). */
export interface MultiAccountSeedFile {
  /** The emulated IAM's settings, for every account that does not give its own. */
  iam?: SeedIam;
  accounts: SeedAccount[];
}

/** The emulated IAM's settings (see roles.ts). */
export interface SeedIam {
  /**
   * True: only the roles the seed lists exist. False (the default): a role the seed does not
   * list exists too, at the path `/`, trusting pods.eks.amazonaws.com.
   */
  strict?: boolean;
}

export type Seed = SeedFile | MultiAccountSeedFile;

export interface SeedAccount {
  /** 12 digits. */
  accountId: string;
  /** A name for people (`payments`); unique in the seed. */
  name?: string;
  /** Long-term access key ids that belong to this account (as its root, or as the IAM user named). */
  accessKeys?: SeedAccessKey[];
  /** This account's IAM settings; the seed's top-level `iam` otherwise. */
  iam?: SeedIam;
  /** This account's IAM roles (as in SeedFile.roles, but every one of this account). */
  roles?: SeedRole[];
  clusters?: SeedCluster[];
}

export type SeedAccessKey = string | { accessKeyId: string; userName?: string };

/** A role ARN (a role with the default Pod Identity trust policy, at its path), or a role object. */
export type SeedRole = string | SeedRoleDefinition;

export interface SeedRoleDefinition {
  /** The role's name, in the account it is listed under (or the seed's account); or give `arn`. */
  roleName?: string;
  arn?: string;
  /** With roleName: `/` (default) or `/segment/.../`. */
  path?: string;
  /** The AssumeRolePolicyDocument: a JSON object, or its JSON text; required unless `deleted`. */
  trustPolicy?: unknown;
  /** Seconds, 3600-43200; default 3600. */
  maxSessionDuration?: number;
  /** Up to 1000 characters. */
  description?: string;
  /** IAM tags, as EKS's: at most 50, key 1-128 and value at most 256 characters, no `aws:` prefix. */
  tags?: Tags;
  /** Default: the emulator's start time. */
  createDate?: SeedTime;
  /**
   * True: the role does not exist (it was deleted after associations named it): in a lenient
   * account, a name that does not exist. Then only roleName (or arn) and path may be given.
   */
  deleted?: boolean;
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
  /**
   * EKS Auto Mode (compute, block storage and load balancing managed by EKS; the Pod Identity
   * agent built in): `true`, or its node pools and node role. Default: off.
   */
  autoMode?: boolean | SeedAutoMode;
  addons?: SeedAddon[];
  associations?: SeedAssociation[];
}

export interface SeedAutoMode {
  /** Default `["general-purpose", "system"]`. */
  nodePools?: string[];
  /** Default `arn:<partition>:iam::<account>:role/AmazonEKSAutoNodeRole`. */
  nodeRoleArn?: string;
}

export interface SeedAddon {
  name: string;
  version?: string;
  /** An AddonStatus (default ACTIVE); checked when the seed is loaded, like the cluster's status. */
  status?: AddonStatus | (string & NonNullable<unknown>);
  /** What DescribeAddon's `health.issues` lists (a DEGRADED add-on usually says why). */
  healthIssues?: SeedAddonIssue[];
  createdAt?: SeedTime;
  modifiedAt?: SeedTime;
}

export interface SeedAddonIssue {
  /** An AddonIssueCode of the EKS API (`InsufficientNumberOfReplicas`, `AccessDenied`, ...). */
  code: AddonIssueCode | (string & NonNullable<unknown>);
  message: string;
  resourceIds?: string[];
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

const SEED_MEMBERS = ['accountId', 'iam', 'roles', 'clusters'];
const MULTI_ACCOUNT_SEED_MEMBERS = ['iam', 'accounts'];
const ACCOUNT_MEMBERS = ['accountId', 'name', 'accessKeys', 'iam', 'roles', 'clusters'];
const IAM_MEMBERS = ['strict'];
const ROLE_MEMBERS = [
  'roleName',
  'arn',
  'path',
  'trustPolicy',
  'maxSessionDuration',
  'description',
  'tags',
  'createDate',
  'deleted',
];
const DELETED_ROLE_MEMBERS = ['roleName', 'arn', 'path', 'deleted'];
const ACCESS_KEY_MEMBERS = ['accessKeyId', 'userName'];
const CLUSTER_MEMBERS = [
  'name',
  'region',
  'version',
  'status',
  'platformVersion',
  'tags',
  'createdAt',
  'autoMode',
  'addons',
  'associations',
];
const AUTO_MODE_MEMBERS = ['nodePools', 'nodeRoleArn'];
const DEFAULT_NODE_POOLS = ['general-purpose', 'system'];
const ADDON_MEMBERS = ['name', 'version', 'status', 'healthIssues', 'createdAt', 'modifiedAt'];
const ADDON_ISSUE_MEMBERS = ['code', 'message', 'resourceIds'];
const ASSOCIATION_MEMBERS = [
  'associationId',
  'namespace',
  'serviceAccount',
  'roleArn',
  'targetRoleArn',
  'externalId',
  'disableSessionTags',
  'policy',
  'tags',
  'ownerAddon',
  'createdAt',
  'modifiedAt',
];
const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;
const IDS_SEED = 20260115;
const DEFAULT_ACCOUNT = '000000000000';
const IAM_NAME = /^[\w+=,.@-]+$/;
const ROLE_PATH = /^\/(?:[\w+=,.@-]+\/)*$/;
const ACCESS_KEY = /^[\w+=,.@-]{1,128}$/;
const ACCOUNT_NAME = /^[\w.-]{1,64}$/;

/** A seed as read: the document it came from, for messages. */
export interface LoadedSeed {
  readonly doc: SeedDocument;
}

/** Seeds and request bodies in the seed format: their problems are SeedErrors naming the path. */
export type SeedDocument = JsonDocument<SeedError>;

/** A checked seed: everything but the clusters, which `materializeClusters` checks as it builds them. */
export interface SeedModel {
  readonly doc: SeedDocument;
  readonly defaultAccountId: string;
  /** The default account first. */
  readonly accounts: readonly SeedAccountModel[];
  readonly roles: RoleDirectory;
  readonly accessKeys: ReadonlyMap<string, AccessKeyOwner>;
}

export interface SeedAccountModel {
  accountId: string;
  name: string | null;
  /** The account's clusters as given, and their path in the seed (`clusters`, `accounts[2].clusters`). */
  clusters: ClusterList;
}

/** Seed clusters not yet checked, and where they are in their document. */
export interface ClusterList {
  path: string;
  clusters: readonly unknown[];
}

function seedSource(source: string): JsonSource<SeedError> {
  return { source, error: (message) => new SeedError(message) };
}

/** Reads a seed: `demo`, `none`, a path to a JSON seed file (whose problems name their line), or a seed object. */
export function loadSeed(seed: Seed | string, demo: () => Seed): LoadedSeed {
  if (seed === 'demo') return checkSeedShape(jsonValueDocument(demo(), seedSource('demo seed')));
  if (seed === 'none') return checkSeedShape(jsonValueDocument({ clusters: [] }, seedSource('none seed')));
  if (typeof seed !== 'string') return checkSeedShape(jsonValueDocument(seed, seedSource('seed object')));
  return checkSeedShape(readJsonFile(seed, seedSource(`seed file ${seed}`)));
}

/** A document in the seed format, as a request body: `{"clusters": [...]}`; it has no lines. */
export function seedBody(value: unknown, source: string): SeedDocument {
  return jsonValueDocument(value, seedSource(source));
}

/** Checks a seed (all but its clusters, which `materializeClusters` checks). */
function checkSeedShape(doc: SeedDocument): LoadedSeed {
  const loaded = { doc };
  readSeed(loaded, undefined);
  return loaded;
}

/**
 * Checks a seed and reads its accounts, roles and access keys. `accountOverride` (the emulator's
 * `accountId` option) is the default account's id: the seed's `accountId`, or its first account,
 * takes that id.
 */
export function readSeed({ doc }: LoadedSeed, accountOverride: string | undefined): SeedModel {
  const definitions: Array<{ definition: RoleDefinition; path: string }> = [];
  const accessKeys = new Map<string, AccessKeyOwner>();
  const strictAccounts = new Map<string, boolean>();
  let accounts: SeedAccountModel[];
  const top = readObject(doc, '', doc.value);
  const strict = readIamStrict(doc, 'iam', top.iam) ?? false;
  if (top.accounts !== undefined) {
    readObject(doc, '', doc.value, MULTI_ACCOUNT_SEED_MEMBERS);
    const list = readArray(doc, 'accounts', top.accounts);
    if (list.length === 0)
      throw doc.problem('accounts', 'must list at least one account; the first is the default account.');
    const ids = new Map<string, number>();
    const names = new Map<string, number>();
    accounts = list.map((accountValue, index) => {
      const at = `accounts[${index}]`;
      const account = readObject(doc, at, accountValue, ACCOUNT_MEMBERS);
      const seeded = readAccountId(doc, `${at}.accountId`, account.accountId);
      const accountId = index === 0 && accountOverride !== undefined ? accountOverride : seeded;
      const earlier = ids.get(accountId);
      if (earlier !== undefined) {
        const renamed =
          earlier === 0 && accountOverride === accountId
            ? ' (the default account, renamed by the accountId option)'
            : '';
        throw doc.problem(
          `${at}.accountId`,
          `account ${accountId} is already ${doc.where(`accounts[${earlier}]`)}${renamed}; an account is listed once.`,
        );
      }
      ids.set(accountId, index);
      const name = readOptionalString(doc, `${at}.name`, account.name) ?? null;
      if (name !== null) {
        if (!ACCOUNT_NAME.test(name))
          throw doc.problem(`${at}.name`, `must be 1-64 letters, digits, '_', '-' or '.', received ${describe(name)}.`);
        const sameName = names.get(name);
        if (sameName !== undefined)
          throw doc.problem(
            `${at}.name`,
            `"${name}" is already the name of ${doc.where(`accounts[${sameName}]`)}; names are unique.`,
          );
        names.set(name, index);
      }
      readOptionalArray(doc, `${at}.accessKeys`, account.accessKeys).forEach((key, keyIndex) => {
        readAccessKey(doc, `${at}.accessKeys[${keyIndex}]`, key, accountId, accessKeys);
      });
      const accountStrict = readIamStrict(doc, `${at}.iam`, account.iam);
      if (accountStrict !== undefined) strictAccounts.set(accountId, accountStrict);
      readOptionalArray(doc, `${at}.roles`, account.roles).forEach((role, roleIndex) => {
        const path = `${at}.roles[${roleIndex}]`;
        const definition = readRole(doc, path, role, accountId);
        if (definition.role.accountId !== accountId) {
          throw doc.problem(
            path,
            `the role ${definition.role.arn} is of account ${definition.role.accountId}; list it under that account.`,
          );
        }
        definitions.push({ definition, path });
      });
      return {
        accountId,
        name,
        clusters: { path: `${at}.clusters`, clusters: readOptionalArray(doc, `${at}.clusters`, account.clusters) },
      };
    });
  } else {
    const seed = readObject(doc, '', doc.value, SEED_MEMBERS);
    const accountId =
      accountOverride ??
      (seed.accountId === undefined ? DEFAULT_ACCOUNT : readAccountId(doc, 'accountId', seed.accountId));
    readOptionalArray(doc, 'roles', seed.roles).forEach((role, index) => {
      const path = `roles[${index}]`;
      definitions.push({ definition: readRole(doc, path, role, accountId), path });
    });
    accounts = [
      { accountId, name: null, clusters: { path: 'clusters', clusters: readArray(doc, 'clusters', seed.clusters) } },
    ];
  }
  const defaultAccountId = (accounts[0] as SeedAccountModel).accountId;
  const paths = new Map(definitions.map((entry) => [entry.definition, entry.path]));
  const roles = new RoleDirectory(
    definitions.map((entry) => entry.definition),
    (definition, earlier) => {
      const { roleName, accountId, path } = definition.role;
      const where = paths.get(definition) ?? '';
      if (earlier.role.path !== path) {
        throw doc.problem(
          where,
          `names the role ${roleName} of account ${accountId} at ${path}, but roles lists it at ${earlier.role.path} too; a role has one path.`,
        );
      }
      throw doc.problem(
        where,
        `names the role ${roleName} of account ${accountId}, which ${doc.where(paths.get(earlier) ?? '')} lists already; a role is listed once.`,
      );
    },
    { strict, accounts: strictAccounts },
  );
  return { doc, defaultAccountId, accounts, roles, accessKeys };
}

/** `iam: {strict}`: whether only the roles listed exist; undefined when not said. */
function readIamStrict(doc: SeedDocument, path: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  const iam = readObject(doc, path, value, IAM_MEMBERS);
  return readOptionalBoolean(doc, `${path}.strict`, iam.strict);
}

function readAccountId(doc: SeedDocument, path: string, value: unknown): string {
  if (typeof value !== 'string' || !ACCOUNT_ID.test(value))
    throw doc.problem(path, `must be a string of 12 digits, received ${describe(value)}.`);
  return value;
}

function readAccessKey(
  doc: SeedDocument,
  path: string,
  value: unknown,
  accountId: string,
  keys: Map<string, AccessKeyOwner>,
): void {
  let accessKeyId: string;
  let userName: string | null = null;
  if (typeof value === 'string') {
    accessKeyId = value;
  } else {
    const key = readObject(doc, path, value, ACCESS_KEY_MEMBERS);
    accessKeyId = readString(doc, `${path}.accessKeyId`, key.accessKeyId);
    userName = readOptionalString(doc, `${path}.userName`, key.userName) ?? null;
    if (userName !== null && (userName.length > 64 || !IAM_NAME.test(userName))) {
      throw doc.problem(
        `${path}.userName`,
        `an IAM user name is 1-64 characters of [\\w+=,.@-], received ${describe(userName)}.`,
      );
    }
  }
  if (!ACCESS_KEY.test(accessKeyId))
    throw doc.problem(path, `an access key id is 1-128 characters of [\\w+=,.@-], received ${describe(accessKeyId)}.`);
  if (isTemporaryKey(accessKeyId))
    throw doc.problem(
      path,
      `access key ids starting ASIA are temporary credentials, issued by STS, received ${describe(accessKeyId)}.`,
    );
  if (ACCOUNT_ID.test(accessKeyId))
    throw doc.problem(
      path,
      `an access key id of 12 digits always means that account, received ${describe(accessKeyId)}.`,
    );
  const earlier = keys.get(accessKeyId);
  if (earlier)
    throw doc.problem(
      path,
      `the access key ${accessKeyId} already belongs to account ${earlier.accountId}; a key belongs to one account.`,
    );
  keys.set(accessKeyId, { accountId, userName });
}

/** A role ARN, or a role object; `accountId` is the account a role given by name belongs to. */
function readRole(doc: SeedDocument, path: string, value: unknown, accountId: string): RoleDefinition {
  if (typeof value === 'string') {
    const role = roleArnOf(doc, path, value);
    return {
      role,
      roleId: roleIdOf(role.accountId, role.roleName),
      trustPolicy: null,
      maxSessionDuration: DEFAULT_MAX_SESSION_DURATION,
      description: null,
      tags: {},
      createDate: null,
      deleted: false,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw doc.problem(
      path,
      `must be a string, received ${describe(value)}. A role is given by its ARN, or as an object with its trustPolicy.`,
    );
  }
  const input = readObject(doc, path, value, ROLE_MEMBERS);
  const roleName = readOptionalString(doc, `${path}.roleName`, input.roleName);
  const arn = readOptionalString(doc, `${path}.arn`, input.arn);
  const rolePath = readOptionalString(doc, `${path}.path`, input.path);
  if ((roleName === undefined) === (arn === undefined))
    throw doc.problem(path, "give the role's roleName or its arn (one of them).");
  let role: ParsedRoleArn;
  if (arn !== undefined) {
    role = roleArnOf(doc, `${path}.arn`, arn);
    if (rolePath !== undefined && rolePath !== role.path)
      throw doc.problem(`${path}.path`, `the arn gives the path ${role.path}, received ${describe(rolePath)}.`);
  } else {
    const name = roleName as string;
    if (name.length > 64 || !IAM_NAME.test(name))
      throw doc.problem(
        `${path}.roleName`,
        `a role name is 1-64 characters of [\\w+=,.@-], received ${describe(name)}.`,
      );
    const at = rolePath ?? '/';
    if (at.length > 512 || !ROLE_PATH.test(at))
      throw doc.problem(
        `${path}.path`,
        `a role path is / or /segment/.../ (segments of [\\w+=,.@-]), received ${describe(at)}.`,
      );
    role = roleArnOf(doc, `${path}.roleName`, `arn:aws:iam::${accountId}:role${at}${name}`);
  }
  if (readOptionalBoolean(doc, `${path}.deleted`, input.deleted) === true) {
    const extra = Object.keys(input).find((key) => !DELETED_ROLE_MEMBERS.includes(key));
    if (extra !== undefined)
      throw doc.problem(`${path}.${extra}`, 'a deleted role has nothing but its roleName (or arn) and path.');
    return {
      role,
      roleId: roleIdOf(role.accountId, role.roleName),
      trustPolicy: null,
      maxSessionDuration: DEFAULT_MAX_SESSION_DURATION,
      description: null,
      tags: {},
      createDate: null,
      deleted: true,
    };
  }
  if (input.trustPolicy === undefined || input.trustPolicy === null) {
    throw doc.problem(
      `${path}.trustPolicy`,
      'a role object needs its trust policy (a role listed only for its path is given by its ARN).',
    );
  }
  let trustPolicy: TrustPolicy;
  try {
    trustPolicy = TrustPolicy.parse(input.trustPolicy);
  } catch (error) {
    if (error instanceof PolicyError) throw doc.problem(`${path}.trustPolicy${error.path}`, error.message);
    throw error;
  }
  const maxSessionDuration = input.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION;
  const { min, max } = MAX_SESSION_DURATION_RANGE;
  if (
    typeof maxSessionDuration !== 'number' ||
    !Number.isInteger(maxSessionDuration) ||
    maxSessionDuration < min ||
    maxSessionDuration > max
  ) {
    throw doc.problem(
      `${path}.maxSessionDuration`,
      `must be a whole number of seconds from ${min} to ${max}, received ${describe(maxSessionDuration)}.`,
    );
  }
  const description = readOptionalString(doc, `${path}.description`, input.description, ANY_STRING) ?? null;
  if (description !== null && description.length > 1000)
    throw doc.problem(`${path}.description`, `must be at most 1000 characters, received ${description.length}.`);
  return {
    role,
    roleId: roleIdOf(role.accountId, role.roleName),
    trustPolicy,
    maxSessionDuration,
    description,
    tags: input.tags === undefined ? {} : checked(doc, `${path}.tags`, () => validateTags(input.tags)),
    createDate: readTime(doc, `${path}.createDate`, input.createDate) ?? null,
    deleted: false,
  };
}

function roleArnOf(doc: SeedDocument, path: string, value: string): ParsedRoleArn {
  const role = checked(doc, path, () => parseRoleArn(value, 'roleArn'));
  if (role.path.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw doc.problem(path, `a role path has no "." or ".." segment, received "${role.arn}".`);
  }
  return role;
}

/**
 * Validates the `clusters` of a seed (or of a request body in the seed format), by default those
 * at the top of the document, and turns them into snapshots. Problems name the path:
 * `clusters[1].associations[3].roleArn`, `accounts[2].clusters[0].name`.
 */
export function materializeClusters(
  doc: SeedDocument,
  options: MaterializeOptions,
  list?: ClusterList,
): ClusterSnapshot[] {
  const { path: listPath, clusters } = list ?? {
    path: 'clusters',
    clusters: readArray(doc, 'clusters', readObject(doc, '', doc.value).clusters),
  };
  const random = createPrng(IDS_SEED);
  const nextId = options.ids === 'seeded' ? () => seededAssociationId(random) : randomAssociationId;
  const nextUuid = options.ids === 'seeded' ? () => derivedUuid('external-id', String(random())) : randomUUID;
  const seen = new Set<string>();
  return clusters.map((cluster, index) => {
    const path = `${listPath}[${index}]`;
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
  const name = checked(doc, `${at}.name`, () =>
    validateClusterName(readString(doc, `${at}.name`, input.name, ANY_STRING)),
  );
  const region = readOptionalString(doc, `${at}.region`, input.region, ANY_STRING) ?? 'us-east-1';
  if (!REGION.test(region))
    throw doc.problem(`${at}.region`, `must look like us-east-1, received ${describe(region)}.`);
  const createdAt = readTime(doc, `${at}.createdAt`, input.createdAt) ?? options.defaultTime;
  const status = readOptionalOneOf(doc, `${at}.status`, input.status, CLUSTER_STATUSES) ?? 'ACTIVE';

  const addonNames = new Set<string>();
  const addons: AddonRecord[] = readOptionalArray(doc, `${at}.addons`, input.addons).map((addonValue, addonIndex) => {
    const addonAt = `${at}.addons[${addonIndex}]`;
    const addon = readObject(doc, addonAt, addonValue, ADDON_MEMBERS);
    const addonName = checked(doc, `${addonAt}.name`, () =>
      validateAddonName(readString(doc, `${addonAt}.name`, addon.name, ANY_STRING), name),
    );
    if (addonNames.has(addonName)) throw doc.problem(addonAt, `add-on ${addonName} appears twice.`);
    addonNames.add(addonName);
    const addonCreated = readTime(doc, `${addonAt}.createdAt`, addon.createdAt) ?? createdAt;
    const healthIssues = readOptionalArray(doc, `${addonAt}.healthIssues`, addon.healthIssues).map((issue, i) =>
      readAddonIssue(doc, `${addonAt}.healthIssues[${i}]`, issue),
    );
    return {
      name: addonName,
      version: readOptionalString(doc, `${addonAt}.version`, addon.version, ANY_STRING) ?? 'v1.0.0-eksbuild.1',
      status: readOptionalOneOf(doc, `${addonAt}.status`, addon.status, ADDON_STATUSES) ?? 'ACTIVE',
      ...(healthIssues.length > 0 ? { healthIssues } : {}),
      createdAt: addonCreated,
      modifiedAt: readTime(doc, `${addonAt}.modifiedAt`, addon.modifiedAt) ?? addonCreated,
      arnId: derivedUuid(options.accountId, region, name, addonName),
    };
  });

  const associationInputs = readOptionalArray(doc, `${at}.associations`, input.associations);
  if (associationInputs.length > options.associationLimit) {
    throw doc.problem(
      `${at}.associations`,
      `${associationInputs.length} associations exceed the association limit of ${options.associationLimit} per cluster.`,
    );
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
    if (ids.has(record.associationId))
      throw doc.problem(`${associationAt}.associationId`, `associationId ${record.associationId} is used twice.`);
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
    ...readAutoMode(doc, `${at}.autoMode`, input.autoMode),
    nextSeq: associations.length + 1,
    addons,
    associations,
  };
}

/** `autoMode`: true, false, or `{nodePools, nodeRoleArn}`; the record's member only when on. */
function readAutoMode(doc: SeedDocument, path: string, value: unknown): { autoMode?: AutoModeConfig } {
  if (value === undefined || value === null || value === false) return {};
  if (value === true) return { autoMode: { nodePools: [...DEFAULT_NODE_POOLS], nodeRoleArn: null } };
  if (typeof value !== 'object' || Array.isArray(value))
    throw doc.problem(path, `must be true, false or {"nodePools", "nodeRoleArn"}, received ${describe(value)}.`);
  const input = readObject(doc, path, value, AUTO_MODE_MEMBERS);
  const nodePools =
    input.nodePools === undefined
      ? [...DEFAULT_NODE_POOLS]
      : readArray(doc, `${path}.nodePools`, input.nodePools).map((pool, i) =>
          readString(doc, `${path}.nodePools[${i}]`, pool),
        );
  const roleRaw = readOptionalString(doc, `${path}.nodeRoleArn`, input.nodeRoleArn);
  const nodeRoleArn =
    roleRaw === undefined ? null : checked(doc, `${path}.nodeRoleArn`, () => parseRoleArn(roleRaw, 'roleArn').arn);
  return { autoMode: { nodePools, nodeRoleArn } };
}

function readAddonIssue(doc: SeedDocument, path: string, value: unknown): AddonIssue {
  const input = readObject(doc, path, value, ADDON_ISSUE_MEMBERS);
  return {
    code: readOneOf(doc, `${path}.code`, input.code, ADDON_ISSUE_CODES),
    message: readString(doc, `${path}.message`, input.message),
    resourceIds: readOptionalArray(doc, `${path}.resourceIds`, input.resourceIds).map((id, i) =>
      readString(doc, `${path}.resourceIds[${i}]`, id),
    ),
  };
}

interface AssociationContext {
  clusterName: string;
  addonNames: ReadonlySet<string>;
  createdAt: number;
  nextId(): string;
  nextUuid(): string;
}

function materializeAssociation(
  doc: SeedDocument,
  at: string,
  value: unknown,
  seq: number,
  ctx: AssociationContext,
): AssociationRecord {
  const input = readObject(doc, at, value, ASSOCIATION_MEMBERS);
  const plain = (key: string) => readString(doc, `${at}.${key}`, input[key], ANY_STRING);
  const optional = (key: string) => readOptionalString(doc, `${at}.${key}`, input[key], ANY_STRING);
  const explicitId = optional('associationId');
  const associationId =
    explicitId === undefined
      ? ctx.nextId()
      : checked(doc, `${at}.associationId`, () => validateAssociationId(explicitId, ctx.clusterName));
  const namespace = checked(doc, `${at}.namespace`, () => validateNamespace(plain('namespace')));
  const serviceAccount = checked(doc, `${at}.serviceAccount`, () => validateServiceAccount(plain('serviceAccount')));
  const roleArn = checked(doc, `${at}.roleArn`, () => parseRoleArn(plain('roleArn'), 'roleArn').arn);
  const targetRaw = optional('targetRoleArn');
  const targetRoleArn = targetRaw
    ? checked(doc, `${at}.targetRoleArn`, () => parseRoleArn(targetRaw, 'targetRoleArn').arn)
    : null;
  const disableSessionTags = readOptionalBoolean(doc, `${at}.disableSessionTags`, input.disableSessionTags) ?? false;
  const policyRaw = optional('policy');
  const policy = policyRaw ? checked(doc, `${at}.policy`, () => validatePolicy(policyRaw)) : null;
  if (policy !== null && !disableSessionTags)
    throw doc.problem(`${at}.policy`, 'can only be set when disableSessionTags is true.');
  const ownerAddon = optional('ownerAddon') ?? null;
  if (ownerAddon !== null && !ctx.addonNames.has(ownerAddon)) {
    throw doc.problem(
      `${at}.ownerAddon`,
      `"${ownerAddon}" is not an add-on of cluster ${ctx.clusterName}; add it to the cluster's addons.`,
    );
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
    tags:
      input.tags === undefined || input.tags === null ? {} : checked(doc, `${at}.tags`, () => validateTags(input.tags)),
    ownerAddon,
    createdAt,
    modifiedAt: readTime(doc, `${at}.modifiedAt`, input.modifiedAt) ?? createdAt,
  };
}

/** One account's state in the seed format: what `GET /_emulator/state` answers; it loads back as a seed. */
export function exportState(
  account: AccountState,
  filter: { region: string | null; cluster: string | null },
): Required<Pick<SeedFile, 'accountId' | 'clusters'>> {
  const clusters = account
    .clusters()
    .filter(
      (cluster) =>
        (filter.region === null || cluster.info.region === filter.region) &&
        (filter.cluster === null || cluster.info.name === filter.cluster),
    )
    .map(exportCluster);
  return { accountId: account.accountId, clusters };
}

/**
 * Every account's state in the multi-account seed format (`GET /_emulator/state?account=all`):
 * the default account first, then every other account of the seed or holding state, by id.
 */
export function exportAllAccounts(
  store: Store,
  names: ReadonlyMap<string, string | null>,
  filter: { region: string | null; cluster: string | null },
): { accounts: Array<{ accountId: string; name?: string; clusters: SeedCluster[] }> } {
  const others = new Set([...names.keys(), ...store.accounts().map((account) => account.accountId)]);
  others.delete(store.defaultAccountId);
  return {
    accounts: [store.defaultAccountId, ...[...others].sort()].map((accountId) => {
      const name = names.get(accountId) ?? null;
      return {
        accountId,
        ...(name === null ? {} : { name }),
        clusters: exportState(store.account(accountId), filter).clusters,
      };
    }),
  };
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
    ...(snapshot.autoMode
      ? {
          autoMode: {
            nodePools: [...snapshot.autoMode.nodePools],
            ...(snapshot.autoMode.nodeRoleArn === null ? {} : { nodeRoleArn: snapshot.autoMode.nodeRoleArn }),
          },
        }
      : {}),
    addons: snapshot.addons.map((addon) => ({
      name: addon.name,
      version: addon.version,
      status: addon.status,
      ...(addon.healthIssues?.length
        ? { healthIssues: addon.healthIssues.map((issue) => ({ ...issue, resourceIds: [...issue.resourceIds] })) }
        : {}),
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
  if (!Number.isFinite(ms))
    throw doc.problem(path, `must be an ISO-8601 date string or epoch seconds, received ${describe(value)}.`);
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
