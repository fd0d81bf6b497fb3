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
  private byBucket: Buckets | null = null;

  get size(): number {
    return this.byName ? this.byName.size : BUCKETS;
  }

  /** A copy to add to (a set that starts with a spread borrows the fragment's names until then). */
  copy(): ResponseNames {
    const copy = new ResponseNames();
    copy.merge(this);
    return copy;
  }

  add(name: string, entry: NameEntry): void {
    if (this.byBucket) {
      this.byBucket.add(bucketOf(name), entry.count, entry.subRepeat, entry.subPairs);
      return;
    }
    const names = this.byName as Map<string, NameEntry>;
    const known = names.get(name);
    if (known) combine(known, entry);
    else names.set(name, { ...entry });
  }

  /** Adds the names a spread fragment hands over; returns the entries visited (work done). */
  merge(other: ResponseNames): number {
    if (other.byBucket) {
      const work = this.toBuckets();
      (this.byBucket as Buckets).addAll(other.byBucket);
      return work + BUCKETS;
    }
    const names = other.byName as Map<string, NameEntry>;
    for (const [name, entry] of names) this.add(name, entry);
    return names.size;
  }

  repeat(): number {
    if (this.byBucket) return this.byBucket.repeat();
    let max = 1;
    for (const entry of (this.byName as Map<string, NameEntry>).values())
      max = Math.max(max, mul(entry.count, entry.subRepeat));
    return max;
  }

  pairs(): number {
    if (this.byBucket) return this.byBucket.pairs();
    let sum = 0;
    for (const entry of (this.byName as Map<string, NameEntry>).values())
      sum = add(sum, pairsOf(entry.count, entry.subPairs));
    return sum;
  }

  /** What a fragment hands to the sets that spread it: itself, or folded into buckets. */
  exported(): ResponseNames {
    if (this.byBucket || (this.byName as Map<string, NameEntry>).size <= EXPORT_LIMIT) return this;
    const folded = new ResponseNames();
    folded.byName = this.byName;
    folded.toBuckets();
    return folded;
  }

  /** Switches to buckets; returns the entries moved. */
  private toBuckets(): number {
    if (this.byBucket) return 0;
    const buckets = new Buckets();
    const names = this.byName as Map<string, NameEntry>;
    for (const [name, entry] of names) buckets.add(bucketOf(name), entry.count, entry.subRepeat, entry.subPairs);
    this.byBucket = buckets;
    this.byName = null;
    return names.size;
  }
}

/** Entries folded by bucket, in flat arrays (a chain of fragments merges them once per link). */
class Buckets {
  private readonly count = new Float64Array(BUCKETS);
  private readonly subRepeat = new Float64Array(BUCKETS).fill(1);
  private readonly subPairs = new Float64Array(BUCKETS);

  add(bucket: number, count: number, subRepeat: number, subPairs: number): void {
    this.count[bucket] = add(this.count[bucket] as number, count);
    if (subRepeat > (this.subRepeat[bucket] as number)) this.subRepeat[bucket] = subRepeat;
    if (subPairs > (this.subPairs[bucket] as number)) this.subPairs[bucket] = subPairs;
  }

  addAll(other: Buckets): void {
    for (let i = 0; i < BUCKETS; i += 1)
      this.add(i, other.count[i] as number, other.subRepeat[i] as number, other.subPairs[i] as number);
  }

  repeat(): number {
    let max = 1;
    for (let i = 0; i < BUCKETS; i += 1) max = Math.max(max, mul(this.count[i] as number, this.subRepeat[i] as number));
    return max;
  }

  pairs(): number {
    let sum = 0;
    for (let i = 0; i < BUCKETS; i += 1) sum = add(sum, pairsOf(this.count[i] as number, this.subPairs[i] as number));
    return sum;
  }
}

/** Fields merged at a path compare pairwise there, and each pair's sub-selections below. */
function pairsOf(count: number, subPairs: number): number {
  return mul(mul(count, count), add(1, subPairs));
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
