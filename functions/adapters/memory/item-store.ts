/**
 * The ItemStore in memory, for the simulator: the table and its GSIs in maps, the same conditions evaluated, so
 * it refuses, orders and counts exactly as the DynamoDB store does, without an SDK call on the hot path. Like
 * dynalite, it never expires items (TTL).
 *
 * What it keeps is immutable (see versions.ts), and it hands that out: a read is given the frozen data kept per
 * version of an item, with no copy. Each item keeps its size, so nothing is measured twice.
 */
import {
  type Condition,
  deepCopy,
  deepFreeze,
  GSI_DEFINITIONS,
  gsiMembership,
  type Item,
  type ItemStore,
  indexKeys,
  inIndex,
  itemSizeBytes,
  type Key,
  type PutResult,
  type QueryInput,
  StatsCounter,
  type Update,
  updateGsiCount,
  type WriteResult,
} from '../item-store.ts';
import type { RepositoryStats } from '../repository.ts';
import { type IndexDefinition, TABLE_DEFINITION } from '../table-definition.ts';
import { Bucket, type Entry, type Partition, rangeOf } from './buckets.ts';
import { evaluate } from './conditions.ts';
import { applyUpdate, dataOfEntry, frozenData, updatedData } from './versions.ts';

const PAGE_BYTES = 1024 * 1024;

export class MemoryItemStore implements ItemStore {
  /**
   * pk -> its items: the one entry of a single-item partition (most are: a task, an outbox record), or a bucket
   * that also finds its members by sk. An item is found by the keys it has, with no key string built to look it up.
   */
  private readonly partitions = new Map<string, Partition>();
  /** index -> GSI pk -> its items */
  private readonly indexes = new Map<string, Map<string, Bucket>>(
    GSI_DEFINITIONS.map((index) => [index.indexName, new Map()]),
  );
  private readonly counter = new StatsCounter();
  /** the next item's creation number */
  private seq = 0;

  async get(key: Key): Promise<Item | undefined> {
    const entry = this.entryAt(key.pk, key.sk);
    this.counter.read(entry ? entry.size : 0, true);
    return entry ? dataOfEntry(entry) : undefined;
  }

  /** Takes the item over, and freezes it. */
  async put(item: Item, condition?: Condition): Promise<PutResult> {
    const entry = this.entryAt(item.pk, item.sk);
    const size = itemSizeBytes(item);
    if (condition && !evaluate(condition, entry?.item)) return this.refused(entry, size);
    // as DynamoDB: a write replacing an item is charged for the larger of the two
    this.counter.write(entry && entry.size > size ? entry.size : size, gsiMembership(item), false);
    const stored = deepFreeze(item);
    if (entry) this.replace(entry, stored, size);
    else this.insert({ pk: item.pk, sk: item.sk, item: stored, size, data: undefined, seq: this.seq++ });
    return { ok: true };
  }

  async update(key: Key, update: Update, condition: Condition): Promise<WriteResult> {
    const entry = this.entryAt(key.pk, key.sk);
    if (!evaluate(condition, entry?.item)) return this.refused(entry, entry ? entry.size : 0);
    const base = entry ? entry.item : { pk: key.pk, sk: key.sk };
    const [next, size] = applyUpdate(base, entry ? entry.size : itemSizeBytes(base), update);
    this.counter.write(entry && entry.size > size ? entry.size : size, updateGsiCount(next, update), false);
    if (!entry) {
      const created: Entry = { pk: key.pk, sk: key.sk, item: next, size, data: undefined, seq: this.seq++ };
      this.insert(created);
      return { ok: true, item: dataOfEntry(created) };
    }
    const data = entry.data && updatedData(entry.data, next, update);
    this.replace(entry, next, size);
    // An item nobody has read yet (an outbox record being marked sent) keeps no data: most are never read again,
    // and keeping each one's data would only grow the heap the collector walks. A read builds and keeps it.
    if (data === undefined) return { ok: true, item: frozenData(next) };
    entry.data = data;
    return { ok: true, item: dataOfEntry(entry) };
  }

  async delete(key: Key, condition?: Condition): Promise<boolean> {
    const entry = this.entryAt(key.pk, key.sk);
    if (condition && !evaluate(condition, entry?.item)) {
      this.counter.write(0, 0, true);
      return false;
    }
    this.counter.write(entry ? entry.size : 0, gsiMembership(entry?.item), false);
    if (entry) {
      const partition = this.partitions.get(key.pk);
      if (partition instanceof Bucket) partition.remove(entry);
      if (!(partition instanceof Bucket) || partition.size === 0) this.partitions.delete(key.pk);
      for (const index of GSI_DEFINITIONS) {
        if (inIndex(entry.item, index)) this.unindex(index, entry.item[index.partitionKey], entry);
      }
    }
    return true;
  }

  async query(input: QueryInput): Promise<Item[]> {
    indexKeys(input.index); // an unknown index is an error
    const bucket =
      input.index === undefined
        ? this.partitions.get(input.partition)
        : this.indexes.get(input.index)?.get(input.partition);
    const found = bucket === undefined ? [] : rangeOf(bucket, input.beginsWith);
    if (input.ascending === false) found.reverse();
    let bytes = 0;
    for (const entry of found) bytes += entry.size;
    const consistent = input.index === undefined;
    const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
    for (let page = 0; page < pages; page++) {
      this.counter.read(Math.min(PAGE_BYTES, bytes - page * PAGE_BYTES), consistent);
    }
    return found.map(dataOfEntry);
  }

  stats(): RepositoryStats {
    return this.counter.snapshot();
  }

  resetStats(): void {
    this.counter.reset();
  }

  /**
   * Every stored item, as copies, partition by partition in the order they were created, each partition's items
   * in the order they were written (tests and the simulator's inspection only; not a request path).
   */
  dump(): Item[] {
    const byPartition = new Map<string, Item[]>([...this.partitions.keys()].map((pk) => [pk, []]));
    const entries = [...this.partitions.values()].flatMap((p) => (p instanceof Bucket ? p.entries : [p]));
    entries.sort((a, b) => a.seq - b.seq);
    for (const entry of entries) byPartition.get(entry.pk)!.push(deepCopy(entry.item));
    return [...byPartition.values()].flat();
  }

  /** As the DynamoDB store: the refused write costs a write, then a consistent read fetches the item. */
  private refused(existing: Entry | undefined, size: number): { ok: false; existing?: Item } {
    this.counter.write(size, 0, true);
    this.counter.read(existing ? existing.size : 0, true);
    return existing ? { ok: false, existing: dataOfEntry(existing) } : { ok: false };
  }

  /** the stored item with these keys */
  private entryAt(pk: string, sk: string): Entry | undefined {
    const partition = this.partitions.get(pk);
    if (partition === undefined) return undefined;
    if (partition instanceof Bucket) return partition.find(sk);
    return partition.sk === sk ? partition : undefined;
  }

  private insert(entry: Entry): void {
    const partition = this.partitions.get(entry.pk);
    if (partition === undefined) {
      this.partitions.set(entry.pk, entry);
    } else if (partition instanceof Bucket) {
      partition.add(entry);
    } else {
      const bucket = new Bucket(TABLE_DEFINITION.sortKey, true);
      bucket.add(partition);
      bucket.add(entry);
      this.partitions.set(entry.pk, bucket);
    }
    for (const index of GSI_DEFINITIONS) {
      if (inIndex(entry.item, index)) this.index(index, entry.item[index.partitionKey], entry);
    }
  }

  /** A new version of a stored item (same pk and sk, so the same partition): its GSI buckets follow its keys. */
  private replace(entry: Entry, item: Item, size: number): void {
    const old = entry.item;
    entry.item = item;
    entry.size = size;
    entry.data = undefined;
    for (const index of GSI_DEFINITIONS) {
      const was = inIndex(old, index) ? (old[index.partitionKey] as string) : undefined;
      const is = inIndex(item, index) ? (item[index.partitionKey] as string) : undefined;
      if (was !== undefined && was === is) {
        if (old[index.sortKey] !== item[index.sortKey])
          this.indexes.get(index.indexName)!.get(was)!.reorder(entry);
        continue;
      }
      if (was !== undefined) this.unindex(index, was, entry);
      if (is !== undefined) this.index(index, is, entry);
    }
  }

  private index(index: IndexDefinition, partition: string, entry: Entry): void {
    const buckets = this.indexes.get(index.indexName)!;
    let bucket = buckets.get(partition);
    if (!bucket) {
      bucket = new Bucket(index.sortKey);
      buckets.set(partition, bucket);
    }
    bucket.add(entry);
  }

  private unindex(index: IndexDefinition, partition: string, entry: Entry): void {
    const buckets = this.indexes.get(index.indexName)!;
    const bucket = buckets.get(partition);
    if (!bucket) return;
    bucket.remove(entry);
    if (bucket.size === 0) buckets.delete(partition);
  }
}
