/**
 * The memory store's indexes. A table partition or a GSI bucket holds entries (one per stored item) and answers
 * a key-condition query in DynamoDB's order. Entries are kept as they come and put in order only when a query
 * asks, the order then kept until the bucket changes: the simulator writes items far more often than it queries
 * their partitions and buckets (most GSI buckets it never queries at all), and the first query after a change
 * orders only the entries its prefix selects (a case's open tasks among all its tasks and notifications).
 */
import { compareKeys, type Item, ordersLikeUtf8 } from '../item-store.ts';

/** A stored item: one entry per table item, shared by its partition and GSI buckets. pk and sk never change. */
export interface Entry {
  readonly pk: string;
  readonly sk: string;
  /** the current version, frozen; a write replaces it */
  item: Item;
  /** its size in DynamoDB bytes */
  size: number;
  /** its data (dataOf), frozen, once asked for: what every read of this version is given */
  data?: Item;
  /** when it was created, among the store's items (dump lists them in this order) */
  readonly seq: number;
}

interface Order {
  readonly entries: Entry[];
  readonly keys: string[];
  /** no key has a character from U+D800 up, so `<` orders them as UTF-8 bytes */
  readonly plain: boolean;
}

export class Bucket {
  private readonly members: Entry[] = [];
  /**
   * each member's sort key, at the same position: read once when it comes in (or its key changes), as reading it
   * from the items (of many shapes) on every query costs far more
   */
  private readonly memberKeys: string[] = [];
  private order: Order | undefined;
  /** a query has been answered since the last change: the next one orders and keeps the whole bucket */
  private queried = false;
  /** a table partition's members by sk (a GSI bucket has none: its entries are found through their partitions) */
  private readonly bySk: Map<string, Entry> | undefined;

  /**
   * `sortKey`: the attribute the bucket is ordered by (sk for a partition, a GSI's sort key); `keyed`: a table
   * partition, whose members are also found by sk
   */
  constructor(
    private readonly sortKey: string,
    keyed = false,
  ) {
    this.bySk = keyed ? new Map() : undefined;
  }

  get size(): number {
    return this.members.length;
  }

  /** the members, in no particular order */
  get entries(): readonly Entry[] {
    return this.members;
  }

  /** a table partition's member with this sk */
  find(sk: string): Entry | undefined {
    return this.bySk?.get(sk);
  }

  add(entry: Entry): void {
    this.members.push(entry);
    this.memberKeys.push(this.sortKeyOf(entry));
    this.bySk?.set(entry.sk, entry);
    this.changed();
  }

  remove(entry: Entry): void {
    const at = this.members.indexOf(entry);
    if (at < 0) return;
    this.bySk?.delete(entry.sk);
    const last = this.members.pop()!;
    const lastKey = this.memberKeys.pop()!;
    if (at < this.members.length) {
      this.members[at] = last;
      this.memberKeys[at] = lastKey;
    }
    this.changed();
  }

  /** a member's sort key has changed */
  reorder(entry: Entry): void {
    const at = this.members.indexOf(entry);
    if (at >= 0) this.memberKeys[at] = this.sortKeyOf(entry);
    this.changed();
  }

  /** The entries whose sort key begins with `prefix` (all without one), ascending. */
  range(prefix: string | undefined): Entry[] {
    if (this.order === undefined && prefix !== undefined && !this.queried) {
      this.queried = true;
      return this.sort(this.selected(prefix)).entries;
    }
    this.order ??= this.sort(this.members.map((_, position) => position));
    const { entries, keys, plain } = this.order;
    if (prefix === undefined) return entries.slice();
    const plainPrefix = plain && ordersLikeUtf8(prefix);
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const key = keys[middle]!;
      if (plainPrefix ? key < prefix : compareKeys(key, prefix) < 0) low = middle + 1;
      else high = middle;
    }
    const found: Entry[] = [];
    for (let i = low; i < keys.length && keys[i]!.startsWith(prefix); i++) found.push(entries[i]!);
    return found;
  }

  private changed(): void {
    this.order = undefined;
    this.queried = false;
  }

  private sortKeyOf(entry: Entry): string {
    return entry.item[this.sortKey] as string;
  }

  /** the positions of the members whose sort key begins with `prefix` */
  private selected(prefix: string): number[] {
    const positions: number[] = [];
    const keys = this.memberKeys;
    for (let position = 0; position < keys.length; position++) {
      if (keys[position]!.startsWith(prefix)) positions.push(position);
    }
    return positions;
  }

  /**
   * The members at these positions (sorted in place), by sort key as UTF-8 bytes, then pk, then sk: one total
   * order, whatever order the members came in.
   */
  private sort(positions: number[]): Order {
    const members = this.members;
    const keys = this.memberKeys;
    const plain = positions.every((position) => ordersLikeUtf8(keys[position]!));
    positions.sort((a, b) => {
      const left = keys[a]!;
      const right = keys[b]!;
      if (left !== right) return plain ? (left < right ? -1 : 1) : compareKeys(left, right);
      return compareKeys(members[a]!.pk, members[b]!.pk) || compareKeys(members[a]!.sk, members[b]!.sk);
    });
    return {
      entries: positions.map((position) => members[position]!),
      keys: positions.map((position) => keys[position]!),
      plain,
    };
  }
}

/** A partition holding a single entry keeps just the entry (most do: a task, an outbox record, a link use). */
export type Partition = Entry | Bucket;

/** The entries of a partition or bucket whose sort key begins with `prefix` (all without one), ascending. */
export function rangeOf(bucket: Partition, prefix: string | undefined): Entry[] {
  if (bucket instanceof Bucket) return bucket.range(prefix);
  return prefix === undefined || bucket.sk.startsWith(prefix) ? [bucket] : [];
}
