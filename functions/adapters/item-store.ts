/**
 * The few single-table primitives the repository is written on: get, conditional put, conditional update,
 * conditional delete and key-condition query. Two stores implement them (DynamoDB, memory), so the repository's
 * logic exists once and both adapters behave the same. Conditions and updates are small data structures that
 * the DynamoDB store turns into expressions and the memory store evaluates.
 *
 * What goes in is handed over: the caller does not change an item given to `put`, or an update's `set` values,
 * afterwards. What comes out (get, query, an update's result, a refused write's `existing`) is the item's data,
 * without its bookkeeping attributes (keys, `entity`, TTL), deeply frozen: a value, as the records' types (read-only
 * throughout) say. The repository gives it out as the record (`toRecord`) with no copy. The memory store hands out
 * the frozen data it keeps, shared by every read of an item's version; the DynamoDB store freezes what it
 * unmarshals, so a caller that tries to change a record fails the same way on both.
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

/** A refused conditional write brings the item's data as it is (consistent read), if there is one. */
export type PutResult = { readonly ok: true } | { readonly ok: false; readonly existing?: Item };

/** A successful update brings the item's new data. */
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
  /** takes the item over: the caller does not change it afterwards */
  put(item: Item, condition?: Condition): Promise<PutResult>;
  /** always conditional: an unconditional update would create an item */
  update(key: Key, update: Update, condition: Condition): Promise<WriteResult>;
  delete(key: Key, condition?: Condition): Promise<boolean>;
  /** every page; table queries are strongly consistent, GSI queries eventually consistent */
  query(input: QueryInput): Promise<Item[]>;
  stats(): RepositoryStats;
  resetStats(): void;
}

/** for-in with hasOwnProperty is a pattern V8 compiles to a fast own-property walk (Object.hasOwn is slower) */
const own = Object.prototype.hasOwnProperty;

export const GSI_DEFINITIONS = TABLE_DEFINITION.globalSecondaryIndexes;

export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE_DEFINITION.partitionKey,
  TABLE_DEFINITION.sortKey,
  ...GSI_DEFINITIONS.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/** Attributes the table keeps for itself: the keys, `entity` and the TTL. They are not part of an item's data. */
export const BOOKKEEPING_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...KEY_ATTRIBUTES,
  'entity',
  TABLE_DEFINITION.timeToLiveAttribute,
]);

/**
 * An item's data: its attributes without the bookkeeping ones, in their order (a new object; values shared).
 * Rest destructuring builds it in one step with V8's fast properties: an object given attributes one at a time
 * under computed names turns into a slow hash table ("dictionary mode") past about 16 of them (a case has 20),
 * and every later copy of it then costs about ten times as much.
 */
export function dataOf(item: Item): Item {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, entity, expiresAt, ...data } = item;
  return data;
}

/** the names dataOf leaves out, spelled out there: they must be the bookkeeping attributes */
const DATA_OF_LEAVES_OUT = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'expiresAt'];
if (
  DATA_OF_LEAVES_OUT.length !== BOOKKEEPING_ATTRIBUTES.size ||
  !DATA_OF_LEAVES_OUT.every((name) => BOOKKEEPING_ATTRIBUTES.has(name))
) {
  throw new Error('dataOf does not leave out exactly the bookkeeping attributes of TABLE_DEFINITION');
}

const TABLE_KEYS = { partitionKey: TABLE_DEFINITION.partitionKey, sortKey: TABLE_DEFINITION.sortKey };
const INDEX_KEYS = new Map(GSI_DEFINITIONS.map((index) => [index.indexName, index]));

export function indexKeys(index: string | undefined): { partitionKey: string; sortKey: string } {
  if (index === undefined) return TABLE_KEYS;
  const definition = INDEX_KEYS.get(index);
  if (!definition) throw new Error(`unknown index ${index}`);
  return definition;
}

/** DynamoDB's item size: attribute names plus values (UTF-8 strings, numbers ~ digits / 2 + 1, 3 bytes per map/list). */
export function itemSizeBytes(item: Item): number {
  let size = 0;
  for (const name in item) {
    if (own.call(item, name)) size += attributeSize(name, item[name]);
  }
  return size;
}

/** One attribute's share of itemSizeBytes (0 when undefined): sizes add up, so an update can adjust a size. */
export function attributeSize(name: string, value: unknown): number {
  return value === undefined ? 0 : nameSize(name) + valueSize(value);
}

/**
 * An attribute name's UTF-8 size. Names are ASCII in practice, and an ASCII name's size is its length: checking
 * its few characters costs less than looking it up (sizing every write looks up thousands of names a journey).
 */
function nameSize(name: string): number {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 0x7f) return Buffer.byteLength(name);
  return name.length;
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return numberSize(value);
  if (value === null || typeof value === 'boolean') return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, entry) => sum + 1 + valueSize(entry), 0);
  if (typeof value === 'object') {
    let size = 3;
    for (const name in value) {
      if (!own.call(value, name)) continue;
      const entry = (value as Item)[name];
      size += 1 + (entry === undefined ? 0 : nameSize(name) + valueSize(entry));
    }
    return size;
  }
  return 0;
}

/** significant digits / 2 + 1: integers counted without a string, others by their decimal form */
function numberSize(value: number): number {
  let magnitude = Math.abs(value);
  if (Number.isSafeInteger(magnitude)) {
    let digits = 1;
    while (magnitude >= 10) {
      magnitude = Math.floor(magnitude / 10);
      digits++;
    }
    return Math.ceil(digits / 2) + 1;
  }
  return Math.ceil(String(magnitude).replace(/[.-]/g, '').length / 2) + 1;
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

/** Whether an item is in a GSI (both key attributes are strings). */
export function inIndex(item: Item, index: { partitionKey: string; sortKey: string }): boolean {
  return typeof item[index.partitionKey] === 'string' && typeof item[index.sortKey] === 'string';
}

/** The GSIs an item appears in. */
export function gsiMembership(item: Item | undefined): number {
  if (!item) return 0;
  let count = 0;
  for (const index of GSI_DEFINITIONS) if (inIndex(item, index)) count++;
  return count;
}

/** Removes undefined values at any depth, as the DocumentClient's removeUndefinedValues does: a fresh copy. */
export function withoutUndefined<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (definedOnly(value) as T);
}

/** withoutUndefined of an object or array: primitives are taken as they are, without a call each. */
function definedOnly(value: object): unknown {
  if (Array.isArray(value)) {
    const length = value.length;
    const result: unknown[] = new Array(length);
    for (let i = 0; i < length; i++) {
      const entry: unknown = value[i];
      result[i] = typeof entry === 'object' && entry !== null ? definedOnly(entry) : entry;
    }
    return result;
  }
  const result: Item = {};
  // for…in over a plain object: its keys come from its shape's cache, with no array made per call
  for (const name in value) {
    const entry = (value as Item)[name];
    if (entry !== undefined)
      result[name] = typeof entry === 'object' && entry !== null ? definedOnly(entry) : entry;
  }
  return result;
}

/** Freezes a value and everything in it (already frozen parts are left as they are). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) for (const entry of value) deepFreeze(entry);
  else for (const name in value) if (own.call(value, name)) deepFreeze((value as Item)[name]);
  return Object.freeze(value);
}

/** A deep copy of a stored document (plain objects, arrays, primitives). */
export function deepCopy<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (copyObject(value) as T);
}

/** deepCopy of an object or array: primitives are taken as they are, without a call each (the common case). */
function copyObject(value: object): unknown {
  if (Array.isArray(value)) {
    const length = value.length;
    const result: unknown[] = new Array(length);
    for (let i = 0; i < length; i++) {
      const entry: unknown = value[i];
      result[i] = typeof entry === 'object' && entry !== null ? copyObject(entry) : entry;
    }
    return result;
  }
  const result: Item = {};
  for (const name in value) {
    if (!own.call(value, name)) continue;
    const entry = (value as Item)[name];
    result[name] = typeof entry === 'object' && entry !== null ? copyObject(entry) : entry;
  }
  return result;
}

/** The GSIs an update writes to: those the new item is in, and those whose keys it removes. */
export function updateGsiCount(updated: Item | undefined, update: Update): number {
  const removed = update.remove;
  let count = 0;
  for (const index of GSI_DEFINITIONS) {
    if ((updated && inIndex(updated, index)) || removed?.includes(index.partitionKey)) count++;
  }
  return count;
}

/** UTF-16 code units from U+D800 up: only there does JavaScript's string order differ from UTF-8 byte order */
const ORDER_DIFFERS = /[\uD800-\uFFFF]/;

/** Whether JavaScript's `<` orders this string among others like it as DynamoDB does (by UTF-8 bytes). */
export function ordersLikeUtf8(value: string): boolean {
  return !ORDER_DIFFERS.test(value);
}

/** DynamoDB orders string keys by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (ORDER_DIFFERS.test(a) || ORDER_DIFFERS.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}
