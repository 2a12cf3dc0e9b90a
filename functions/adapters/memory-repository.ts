/**
 * The repository in memory, for the simulator: the same TableRepository logic over a store that keeps the
 * table and its GSIs in maps and evaluates the same conditions, so it refuses, orders and counts exactly as
 * the DynamoDB adapter does, without an SDK call on the hot path. Like dynalite, it never expires items (TTL).
 */
import {
  type Condition,
  compareKeys,
  gsiMembership,
  type Item,
  type ItemStore,
  indexKeys,
  itemSizeBytes,
  type Key,
  type QueryInput,
  StatsCounter,
  type Update,
  updateGsiCount,
  type WriteResult,
} from './item-store.ts';
import type { RepositoryOptions, RepositoryStats } from './repository.ts';
import { TABLE_DEFINITION } from './table-definition.ts';
import { TableRepository } from './table-repository.ts';

const PAGE_BYTES = 1024 * 1024;

export class MemoryItemStore implements ItemStore {
  /** pk -> sk -> item */
  private readonly table = new Map<string, Map<string, Item>>();
  /** index -> gsi pk -> "pk\u0000sk" -> item */
  private readonly indexes = new Map<string, Map<string, Map<string, Item>>>(
    TABLE_DEFINITION.globalSecondaryIndexes.map((index) => [index.indexName, new Map()]),
  );
  private readonly counter = new StatsCounter();
  /** partitions and index buckets sorted by their sort key, dropped when they change */
  private readonly sortedCache = new WeakMap<Map<string, Item>, Item[]>();
  /** item sizes, computed once per stored item */
  private readonly sizes = new WeakMap<Item, number>();

  async get(key: Key): Promise<Item | undefined> {
    const item = this.find(key);
    this.counter.read(item ? this.sizeOf(item) : 0, true);
    return item ? copy(item) : undefined;
  }

  async put(item: Item, condition?: Condition): Promise<WriteResult> {
    const key = { pk: item.pk, sk: item.sk } as Key;
    const old = this.find(key);
    const size = itemSizeBytes(item);
    if (condition && !evaluate(condition, old)) return this.refused(key, size);
    this.counter.write(size, gsiMembership(item), false);
    const stored = copy(item);
    this.store(key, old, stored);
    return { ok: true, item: copy(stored) };
  }

  async update(key: Key, update: Update, condition: Condition): Promise<WriteResult> {
    const old = this.find(key);
    if (!evaluate(condition, old)) return this.refused(key, old ? this.sizeOf(old) : 0);
    const next: Item = old ? copy(old) : { pk: key.pk, sk: key.sk };
    for (const [name, value] of Object.entries(update.set ?? {})) next[name] = copy(value);
    for (const name of update.remove ?? []) delete next[name];
    for (const [name, amount] of Object.entries(update.add ?? {})) next[name] = (next[name] ?? 0) + amount;
    this.counter.write(itemSizeBytes(next), updateGsiCount(next, update), false);
    this.store(key, old, next);
    return { ok: true, item: copy(next) };
  }

  async delete(key: Key, condition?: Condition): Promise<boolean> {
    const old = this.find(key);
    if (condition && !evaluate(condition, old)) {
      this.counter.write(0, 0, true);
      return false;
    }
    this.counter.write(old ? this.sizeOf(old) : 0, gsiMembership(old), false);
    if (old) {
      this.unindex(old);
      const partition = this.table.get(key.pk)!;
      partition.delete(key.sk);
      this.sortedCache.delete(partition);
      if (partition.size === 0) this.table.delete(key.pk);
    }
    return true;
  }

  async query(input: QueryInput): Promise<Item[]> {
    const { sortKey } = indexKeys(input.index);
    const bucket =
      input.index === undefined
        ? this.table.get(input.partition)
        : this.indexes.get(input.index)?.get(input.partition);
    const prefix = input.beginsWith;
    const found: Item[] = [];
    for (const item of bucket ? this.sorted(bucket, sortKey) : []) {
      if (prefix === undefined || (item[sortKey] as string).startsWith(prefix)) found.push(item);
    }
    if (input.ascending === false) found.reverse();
    const bytes = found.reduce((sum, item) => sum + this.sizeOf(item), 0);
    const consistent = input.index === undefined;
    const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
    for (let page = 0; page < pages; page++) {
      this.counter.read(Math.min(PAGE_BYTES, bytes - page * PAGE_BYTES), consistent);
    }
    return found.map((item) => copy(item));
  }

  stats(): RepositoryStats {
    return this.counter.snapshot();
  }

  resetStats(): void {
    this.counter.reset();
  }

  /** Every stored item (tests and the simulator's inspection only; not a request path). */
  dump(): Item[] {
    return [...this.table.values()].flatMap((partition) => [...partition.values()].map((item) => copy(item)));
  }

  private refused(key: Key, size: number): WriteResult {
    // as the DynamoDB store: the refused write costs a write, then a consistent read fetches the item
    this.counter.write(size, 0, true);
    const existing = this.find(key);
    this.counter.read(existing ? this.sizeOf(existing) : 0, true);
    return existing ? { ok: false, existing: copy(existing) } : { ok: false };
  }

  private sizeOf(item: Item): number {
    let size = this.sizes.get(item);
    if (size === undefined) {
      size = itemSizeBytes(item);
      this.sizes.set(item, size);
    }
    return size;
  }

  private sorted(bucket: Map<string, Item>, sortKey: string): Item[] {
    let list = this.sortedCache.get(bucket);
    if (!list) {
      list = [...bucket.values()].sort(
        (a, b) => compareKeys(a[sortKey], b[sortKey]) || compareKeys(a.pk, b.pk) || compareKeys(a.sk, b.sk),
      );
      this.sortedCache.set(bucket, list);
    }
    return list;
  }

  private find(key: Key): Item | undefined {
    return this.table.get(key.pk)?.get(key.sk);
  }

  private store(key: Key, old: Item | undefined, item: Item): void {
    if (old) this.unindex(old);
    let partition = this.table.get(key.pk);
    if (!partition) {
      partition = new Map();
      this.table.set(key.pk, partition);
    }
    partition.set(key.sk, item);
    this.sortedCache.delete(partition);
    for (const index of TABLE_DEFINITION.globalSecondaryIndexes) {
      const indexPk = item[index.partitionKey];
      if (typeof indexPk !== 'string' || typeof item[index.sortKey] !== 'string') continue;
      const entries = this.indexes.get(index.indexName)!;
      let bucket = entries.get(indexPk);
      if (!bucket) {
        bucket = new Map();
        entries.set(indexPk, bucket);
      }
      bucket.set(`${key.pk}\u0000${key.sk}`, item);
      this.sortedCache.delete(bucket);
    }
  }

  private unindex(item: Item): void {
    for (const index of TABLE_DEFINITION.globalSecondaryIndexes) {
      const indexPk = item[index.partitionKey];
      if (typeof indexPk !== 'string') continue;
      const bucket = this.indexes.get(index.indexName)!.get(indexPk);
      bucket?.delete(`${item.pk}\u0000${item.sk}`);
      if (bucket) this.sortedCache.delete(bucket);
      if (bucket?.size === 0) this.indexes.get(index.indexName)!.delete(indexPk);
    }
  }
}

/** A deep copy of a stored document (plain objects, arrays, primitives): callers never share stored state. */
function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const result: Item = {};
  for (const name in value) result[name] = copy((value as Item)[name]);
  return result as T;
}

/** DynamoDB condition semantics: a missing attribute exists not, equals nothing, and differs from everything. */
export function evaluate(condition: Condition, item: Item | undefined): boolean {
  if ('exists' in condition) return item?.[condition.exists] !== undefined;
  if ('notExists' in condition) return item?.[condition.notExists] === undefined;
  if ('equals' in condition) {
    const [name, value] = condition.equals;
    return item?.[name] !== undefined && sameValue(item[name], value);
  }
  if ('notEquals' in condition) {
    const [name, value] = condition.notEquals;
    return item?.[name] === undefined || !sameValue(item[name], value);
  }
  if ('and' in condition) return condition.and.every((part) => evaluate(part, item));
  return condition.or.some((part) => evaluate(part, item));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The repository in memory: `new MemoryRepository()`; `store` exposes dump() for inspection. */
export class MemoryRepository extends TableRepository {
  constructor(
    options: RepositoryOptions = {},
    readonly memory: MemoryItemStore = new MemoryItemStore(),
  ) {
    super(memory, options);
  }
}
