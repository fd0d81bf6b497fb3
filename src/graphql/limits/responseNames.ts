/**
 * The response names of one selection set, fragments included, for two bounds on what
 * graphql-js's OverlappingFieldsCanBeMerged rule (and execution's field merging) does with it:
 *
 * - `repeat`: the most fields that can merge at one response path below the set. Fields with
 *   the same response name are compared pairwise, and their sub-selections merged, so k copies
 *   of `a { b }` put k fields at `a` and k at `a.b`; k copies of `a { b b }` put 2k at `a.b`.
 * - `pairs`: a bound of the sum over response paths of (fields merged there)^2, the pairs that
 *   rule compares (plus one per path).
 *
 * A fragment hands its names to every set that spreads it. To keep that linear in the document,
 * a fragment with more than EXPORT_LIMIT names hands them over folded into BUCKETS buckets by a
 * hash of the name: names that share a bucket count as one name, which only over-estimates.
 */
import { add, mul } from './saturating';

const EXPORT_LIMIT = 64;
const BUCKETS = 64;

export interface NameEntry {
  /** Fields with this response name (or in this bucket). */
  count: number;
  /** The largest `repeat` of their sub-selections (1 for leaves). */
  subRepeat: number;
  /** The largest `pairs` of their sub-selections (0 for leaves). */
  subPairs: number;
}

export class ResponseNames {
  private byName: Map<string, NameEntry> | null = new Map();
  private byBucket: NameEntry[] | null = null;

  get size(): number {
    return this.byName ? this.byName.size : BUCKETS;
  }

  add(name: string, entry: NameEntry): void {
    if (this.byName) {
      const known = this.byName.get(name);
      if (known) combine(known, entry);
      else this.byName.set(name, { ...entry });
    } else {
      combine((this.byBucket as NameEntry[])[bucketOf(name)] as NameEntry, entry);
    }
  }

  /** Adds the names a spread fragment hands over; returns the entries visited (work done). */
  merge(other: ResponseNames): number {
    if (other.byBucket) {
      let work = this.toBuckets();
      const mine = this.byBucket as NameEntry[];
      for (let i = 0; i < BUCKETS; i += 1) combine(mine[i] as NameEntry, other.byBucket[i] as NameEntry);
      return work + BUCKETS;
    }
    const names = other.byName as Map<string, NameEntry>;
    for (const [name, entry] of names) this.add(name, entry);
    return names.size;
  }

  repeat(): number {
    let max = 1;
    for (const entry of this.entries()) max = Math.max(max, mul(entry.count, entry.subRepeat));
    return max;
  }

  pairs(): number {
    let sum = 0;
    for (const entry of this.entries()) sum = add(sum, mul(mul(entry.count, entry.count), add(1, entry.subPairs)));
    return sum;
  }

  /** What a fragment hands to the sets that spread it: itself, or folded into buckets. */
  exported(): ResponseNames {
    if (this.byName && this.byName.size <= EXPORT_LIMIT) return this;
    const folded = new ResponseNames();
    folded.merge(this);
    folded.toBuckets();
    return folded;
  }

  private entries(): Iterable<NameEntry> {
    return this.byName ? this.byName.values() : (this.byBucket as NameEntry[]);
  }

  /** Switches to buckets; returns the entries moved. */
  private toBuckets(): number {
    if (this.byBucket) return 0;
    const buckets = Array.from({ length: BUCKETS }, (): NameEntry => ({ count: 0, subRepeat: 1, subPairs: 0 }));
    const names = this.byName as Map<string, NameEntry>;
    for (const [name, entry] of names) combine(buckets[bucketOf(name)] as NameEntry, entry);
    this.byBucket = buckets;
    this.byName = null;
    return names.size;
  }
}

function combine(into: NameEntry, entry: NameEntry): void {
  into.count = add(into.count, entry.count);
  into.subRepeat = Math.max(into.subRepeat, entry.subRepeat);
  into.subPairs = Math.max(into.subPairs, entry.subPairs);
}

/** FNV-1a of the name, folded into a bucket. */
function bucketOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}
