/**
 * In-memory state and its indexes. Each cluster keeps its associations in creation (seq) order,
 * plus per-namespace and per-service-account lists in the same order, so a filtered page is a
 * binary search plus a slice of the matching list: nothing is proportional to the region's size.
 */
import type { AddonRecord, AssociationRecord, ClusterInfo, ClusterSnapshot, IdempotencyRecord } from './model';

export interface AssociationFilter {
  namespace: string | null;
  serviceAccount: string | null;
}

export interface Page<T> {
  items: T[];
  /** Whether anything follows the last item of the page. */
  more: boolean;
}

export class ClusterState {
  readonly info: ClusterInfo;
  private readonly addons = new Map<string, AddonRecord>();
  private addonNames: string[] = [];
  private nextSeqValue: number;
  private readonly bySeq: AssociationRecord[] = [];
  private readonly byId = new Map<string, AssociationRecord>();
  private readonly byKey = new Map<string, AssociationRecord>();
  private readonly byNamespace = new Map<string, AssociationRecord[]>();
  private readonly byServiceAccount = new Map<string, AssociationRecord[]>();

  constructor(snapshot: ClusterSnapshot) {
    const { nextSeq, addons, associations, ...info } = snapshot;
    this.info = info;
    this.nextSeqValue = nextSeq;
    for (const addon of addons) this.addons.set(addon.name, addon);
    this.addonNames = [...this.addons.keys()].sort();
    for (const association of associations) this.insert(association);
  }

  get size(): number {
    return this.bySeq.length;
  }

  /** Hands out the next creation-order position. */
  takeSeq(): number {
    return this.nextSeqValue++;
  }

  association(id: string): AssociationRecord | undefined {
    return this.byId.get(id);
  }

  associationFor(namespace: string, serviceAccount: string): AssociationRecord | undefined {
    return this.byKey.get(keyOf(namespace, serviceAccount));
  }

  /** Adds a new association (its seq must be unused), keeping every index in seq order. */
  insert(record: AssociationRecord): void {
    if (this.byId.has(record.associationId)) {
      throw new Error(`association ${record.associationId} already exists in cluster ${this.info.name}`);
    }
    insertBySeq(this.bySeq, record);
    this.byId.set(record.associationId, record);
    this.byKey.set(keyOf(record.namespace, record.serviceAccount), record);
    insertBySeq(listFor(this.byNamespace, record.namespace), record);
    insertBySeq(listFor(this.byServiceAccount, record.serviceAccount), record);
    if (record.seq >= this.nextSeqValue) this.nextSeqValue = record.seq + 1;
  }

  /** Replaces the mutable members of an existing association (namespace and service account never change). */
  replace(record: AssociationRecord): void {
    const current = this.byId.get(record.associationId);
    if (!current || current.namespace !== record.namespace || current.serviceAccount !== record.serviceAccount) {
      throw new Error(`cannot replace association ${record.associationId} in cluster ${this.info.name}`);
    }
    Object.assign(current, record, { seq: current.seq });
  }

  remove(id: string): AssociationRecord | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    this.byId.delete(id);
    this.byKey.delete(keyOf(record.namespace, record.serviceAccount));
    removeBySeq(this.bySeq, record.seq);
    removeFromIndex(this.byNamespace, record.namespace, record.seq);
    removeFromIndex(this.byServiceAccount, record.serviceAccount, record.seq);
    return record;
  }

  /** Up to `limit` associations matching the filter whose seq is greater than `afterSeq`. */
  page(filter: AssociationFilter, afterSeq: number, limit: number): Page<AssociationRecord> {
    let source: readonly AssociationRecord[];
    if (filter.namespace !== null && filter.serviceAccount !== null) {
      const one = this.byKey.get(keyOf(filter.namespace, filter.serviceAccount));
      source = one ? [one] : [];
    } else if (filter.namespace !== null) {
      source = this.byNamespace.get(filter.namespace) ?? [];
    } else if (filter.serviceAccount !== null) {
      source = this.byServiceAccount.get(filter.serviceAccount) ?? [];
    } else {
      source = this.bySeq;
    }
    const start = firstAfter(source, afterSeq);
    const items = source.slice(start, start + limit);
    return { items, more: start + limit < source.length };
  }

  /** Every association, in creation order (a copy). */
  associations(): AssociationRecord[] {
    return [...this.bySeq];
  }

  addon(name: string): AddonRecord | undefined {
    return this.addons.get(name);
  }

  addonPage(afterName: string | null, limit: number): Page<AddonRecord> {
    return pageByName(this.addonNames, afterName, limit, (name) => this.addons.get(name));
  }

  /** Associations owned by an add-on. A scan of one cluster (at most its quota), only for DescribeAddon. */
  ownedBy(addonName: string): AssociationRecord[] {
    return this.bySeq.filter((association) => association.ownerAddon === addonName);
  }

  snapshot(): ClusterSnapshot {
    return {
      ...this.info,
      nextSeq: this.nextSeqValue,
      addons: this.addonNames.map((name) => this.addons.get(name)).filter(isDefined),
      associations: this.bySeq,
    };
  }
}

/** One account's clusters (in every region) and its idempotency records. */
export class AccountState {
  private readonly regions = new Map<string, { clusters: Map<string, ClusterState>; names: string[] }>();
  readonly idempotency = new Map<string, IdempotencyRecord>();

  constructor(readonly accountId: string) {}

  cluster(region: string, name: string): ClusterState | undefined {
    return this.regions.get(region)?.clusters.get(name);
  }

  addCluster(snapshot: ClusterSnapshot): ClusterState {
    let region = this.regions.get(snapshot.region);
    if (!region) {
      region = { clusters: new Map(), names: [] };
      this.regions.set(snapshot.region, region);
    }
    if (region.clusters.has(snapshot.name)) {
      throw new Error(`cluster ${snapshot.name} already exists in ${snapshot.region} (account ${this.accountId})`);
    }
    const cluster = new ClusterState(snapshot);
    region.clusters.set(snapshot.name, cluster);
    region.names.splice(lowerBound(region.names, snapshot.name), 0, snapshot.name);
    return cluster;
  }

  clusterPage(region: string, afterName: string | null, limit: number): Page<ClusterState> {
    const state = this.regions.get(region);
    if (!state) return { items: [], more: false };
    return pageByName(state.names, afterName, limit, (name) => state.clusters.get(name));
  }

  /** Every cluster, ordered by region then name. */
  clusters(): ClusterState[] {
    const out: ClusterState[] = [];
    for (const region of [...this.regions.keys()].sort()) {
      const state = this.regions.get(region);
      if (state) out.push(...state.names.map((name) => state.clusters.get(name)).filter(isDefined));
    }
    return out;
  }
}

/**
 * The state of every account. An account nothing was added to has no clusters: reading it gives
 * an empty state that is not kept, so requests signed for arbitrary accounts cost no memory.
 */
export class Store {
  private readonly byAccount = new Map<string, AccountState>();

  /** `defaultAccountId`: the account of static credentials that name no account of their own. */
  constructor(readonly defaultAccountId: string) {}

  /** The state of an account, empty when it has none. */
  account(accountId: string): AccountState {
    return this.byAccount.get(accountId) ?? new AccountState(accountId);
  }

  /** The state of an account, made (and kept) if it has none yet: for adding clusters. */
  ensureAccount(accountId: string): AccountState {
    let account = this.byAccount.get(accountId);
    if (!account) {
      account = new AccountState(accountId);
      this.byAccount.set(accountId, account);
    }
    return account;
  }

  /** Every account that holds state, the default account first, then by id. */
  accounts(): AccountState[] {
    return [...this.byAccount.values()].sort((a, b) =>
      a.accountId === this.defaultAccountId
        ? -1
        : b.accountId === this.defaultAccountId
          ? 1
          : a.accountId < b.accountId
            ? -1
            : 1,
    );
  }

  clear(): void {
    this.byAccount.clear();
  }
}

function keyOf(namespace: string, serviceAccount: string): string {
  // Neither a namespace nor a service account name can contain a space.
  return `${namespace} ${serviceAccount}`;
}

function listFor(index: Map<string, AssociationRecord[]>, key: string): AssociationRecord[] {
  let list = index.get(key);
  if (!list) {
    list = [];
    index.set(key, list);
  }
  return list;
}

function removeFromIndex(index: Map<string, AssociationRecord[]>, key: string, seq: number): void {
  const list = index.get(key);
  if (!list) return;
  removeBySeq(list, seq);
  if (list.length === 0) index.delete(key);
}

/** Index of the first record whose seq is greater than `seq` (binary search). */
function firstAfter(list: readonly AssociationRecord[], seq: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list[mid] as AssociationRecord).seq <= seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insertBySeq(list: AssociationRecord[], record: AssociationRecord): void {
  const last = list[list.length - 1];
  // Creation appends (seq is the new maximum); only replays of odd journals take the slow path.
  if (!last || last.seq < record.seq) list.push(record);
  else list.splice(firstAfter(list, record.seq), 0, record);
}

function removeBySeq(list: AssociationRecord[], seq: number): void {
  const index = firstAfter(list, seq - 1);
  if (list[index]?.seq === seq) list.splice(index, 1);
}

/** Index of the first name not less than `name` (binary search over a sorted array). */
function lowerBound(names: readonly string[], name: string): number {
  let low = 0;
  let high = names.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((names[mid] as string) < name) low = mid + 1;
    else high = mid;
  }
  return low;
}

function pageByName<T>(
  names: readonly string[],
  afterName: string | null,
  limit: number,
  lookup: (name: string) => T | undefined,
): Page<T> {
  let start = afterName === null ? 0 : lowerBound(names, afterName);
  if (afterName !== null && names[start] === afterName) start++;
  const items = names
    .slice(start, start + limit)
    .map(lookup)
    .filter(isDefined);
  return { items, more: start + limit < names.length };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
