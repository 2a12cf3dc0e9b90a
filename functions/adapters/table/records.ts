/**
 * What every aggregate module of the TableRepository shares: the store and options it works on, the
 * conversions between stored items and the records the port returns, and the common write conditions.
 */
import { type Condition, type Item, type ItemStore, type Key, withoutUndefined } from '../item-store.ts';
import type { RepositoryOptions } from '../repository.ts';

/** The single table as the aggregate modules see it. */
export interface Table {
  readonly store: ItemStore;
  readonly options: RepositoryOptions;
}

export const notExists: Condition = { notExists: 'pk' };
export const exists: Condition = { exists: 'pk' };

/**
 * An item's data (what a store returns) as the record the port gives out: the store's answer as it is, frozen
 * (see ItemStore). Records are values: a caller makes a new one (a spread, a patch) rather than changing one.
 */
export function toRecord<T>(data: Item): T {
  return data as T;
}

/**
 * A new item: the key, `entity`, then the record's and `extra`'s defined attributes (nested values copied,
 * undefined dropped at any depth), in that order. The item shares nothing with the caller's objects.
 */
export function itemOf(key: Key, entity: string, record: object, extra?: Item): Item {
  if (hasUndefined(record)) {
    const item: Item = { pk: key.pk, sk: key.sk, entity };
    assignDefined(item, record);
    if (extra) assignDefined(item, extra);
    return item;
  }
  // The common case, built as one literal: V8 keeps such an object's properties fast, where adding them one at
  // a time under computed names turns an item of more than about 16 attributes (a case, an e-mail's outbox
  // record) into a slow hash table ("dictionary mode") that every later copy of it pays for several times over.
  const item: Item = { pk: key.pk, sk: key.sk, entity, ...record, ...(extra && definedOf(extra)) };
  for (const name in item) {
    const value = item[name];
    if (typeof value === 'object' && value !== null) item[name] = withoutUndefined(value);
  }
  return item;
}

function hasUndefined(source: object): boolean {
  for (const name in source) if ((source as Item)[name] === undefined) return true;
  return false;
}

/** the defined attributes of a few (the keys an aggregate adds), as a new object */
function definedOf(source: Item): Item {
  const defined: Item = {};
  for (const name in source) if (source[name] !== undefined) defined[name] = source[name];
  return defined;
}

function assignDefined(item: Item, source: object): void {
  for (const name in source) {
    const value = (source as Item)[name];
    if (value !== undefined) item[name] = typeof value === 'object' ? withoutUndefined(value) : value;
  }
}

/**
 * Sorts records in place by the given keys, in order (string or number comparison). Each key is computed once
 * per record rather than once per comparison.
 */
export function sortBy<T>(records: T[], ...keys: ((record: T) => string | number)[]): T[] {
  if (records.length < 2) return records;
  const keyed = records.map((record) => ({ record, keys: keys.map((key) => key(record)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const left = a.keys[i]!;
      const right = b.keys[i]!;
      if (left < right) return -1;
      if (left > right) return 1;
    }
    return 0;
  });
  for (let i = 0; i < keyed.length; i++) records[i] = keyed[i]!.record;
  return records;
}
