/**
 * The few single-table primitives the repository is written on: get, conditional put, conditional update,
 * conditional delete and key-condition query. Two stores implement them (DynamoDB, memory), so the repository's
 * logic exists once and both adapters behave the same. Conditions and updates are small data structures that
 * the DynamoDB store turns into expressions and the memory store evaluates.
 */

import type { RepositoryStats } from './repository.ts';
import { TABLE_DEFINITION } from './table-definition.ts';

// biome-ignore lint/suspicious/noExplicitAny: stored items are schemaless documents
export type Item = Record<string, any>;

export interface Key {
  readonly pk: string;
  readonly sk: string;
}

export type Condition =
  | { readonly exists: string }
  | { readonly notExists: string }
  | { readonly equals: readonly [string, unknown] }
  | { readonly notEquals: readonly [string, unknown] }
  | { readonly and: readonly Condition[] }
  | { readonly or: readonly Condition[] };

export interface Update {
  readonly set?: Item;
  readonly remove?: readonly string[];
  /** numeric increments */
  readonly add?: Readonly<Record<string, number>>;
}

/** A refused conditional write brings the item as it is (consistent read), if there is one. */
export type WriteResult =
  | { readonly ok: true; readonly item: Item }
  | { readonly ok: false; readonly existing?: Item };

export interface QueryInput {
  /** undefined = the table; else a GSI name */
  readonly index?: string;
  readonly partition: string;
  readonly beginsWith?: string;
  /** default true (ascending) */
  readonly ascending?: boolean;
}

export interface ItemStore {
  get(key: Key): Promise<Item | undefined>;
  put(item: Item, condition?: Condition): Promise<WriteResult>;
  /** always conditional: an unconditional update would create an item */
  update(key: Key, update: Update, condition: Condition): Promise<WriteResult>;
  delete(key: Key, condition?: Condition): Promise<boolean>;
  /** every page; table queries are strongly consistent, GSI queries eventually consistent */
  query(input: QueryInput): Promise<Item[]>;
  stats(): RepositoryStats;
  resetStats(): void;
}

export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE_DEFINITION.partitionKey,
  TABLE_DEFINITION.sortKey,
  ...TABLE_DEFINITION.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];

export function indexKeys(index: string | undefined): { partitionKey: string; sortKey: string } {
  if (index === undefined)
    return { partitionKey: TABLE_DEFINITION.partitionKey, sortKey: TABLE_DEFINITION.sortKey };
  const definition = TABLE_DEFINITION.globalSecondaryIndexes.find(
    (candidate) => candidate.indexName === index,
  );
  if (!definition) throw new Error(`unknown index ${index}`);
  return definition;
}

/** DynamoDB's item size: attribute names plus values (UTF-8 strings, numbers ~ digits / 2 + 1, 3 bytes per map/list). */
export function itemSizeBytes(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += Buffer.byteLength(name) + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, entry) => sum + 1 + valueSize(entry), 0);
  if (typeof value === 'object') return 3 + itemSizeBytes(value as Item) + Object.keys(value).length;
  return 0;
}

/** Counts calls and estimates request units the way DynamoDB on-demand bills them. */
export class StatsCounter {
  private current: RepositoryStats = emptyStats();

  read(bytes: number, consistent: boolean): void {
    this.current.reads += 1;
    const units = Math.max(1, Math.ceil(bytes / 4096));
    this.current.readUnits += consistent ? units : units / 2;
  }

  /** `gsiCount`: the GSIs the old or new item is in (each is written too) */
  write(bytes: number, gsiCount: number, refused: boolean): void {
    this.current.writes += 1;
    const units = Math.max(1, Math.ceil(bytes / 1024));
    if (refused) {
      this.current.conditionalFailures += 1;
      this.current.writeUnits += units;
      return;
    }
    this.current.writeUnits += units * (1 + gsiCount);
  }

  snapshot(): RepositoryStats {
    return { ...this.current };
  }

  reset(): void {
    this.current = emptyStats();
  }
}

function emptyStats(): RepositoryStats {
  return { reads: 0, writes: 0, conditionalFailures: 0, readUnits: 0, writeUnits: 0 };
}

/** The GSIs an item appears in (both key attributes present). */
export function gsiMembership(item: Item | undefined): number {
  if (!item) return 0;
  return TABLE_DEFINITION.globalSecondaryIndexes.filter(
    (index) => typeof item[index.partitionKey] === 'string' && typeof item[index.sortKey] === 'string',
  ).length;
}

/** Removes undefined values at any depth, as the DocumentClient's removeUndefinedValues does. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry) => withoutUndefined(entry)) as T;
  if (value !== null && typeof value === 'object') {
    const result: Item = {};
    for (const [name, entry] of Object.entries(value)) {
      if (entry !== undefined) result[name] = withoutUndefined(entry);
    }
    return result as T;
  }
  return value;
}

/** The GSIs an update writes to: those the new item is in, and those whose keys it removes. */
export function updateGsiCount(updated: Item | undefined, update: Update): number {
  const removed = new Set(update.remove ?? []);
  return TABLE_DEFINITION.globalSecondaryIndexes.filter(
    (index) =>
      (updated &&
        typeof updated[index.partitionKey] === 'string' &&
        typeof updated[index.sortKey] === 'string') ||
      removed.has(index.partitionKey),
  ).length;
}

/** DynamoDB orders string keys by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (!isAscii(a) || !isAscii(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}
