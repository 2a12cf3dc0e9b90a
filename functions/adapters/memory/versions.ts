/**
 * Versions of a stored item in the memory store. A stored item is frozen and never changed: an update makes a
 * new version (sharing the unchanged values, which are frozen too) with its size worked out from the old one, and
 * its data (what a read is given) is built once per version, from the previous version's data where it can be.
 */
import {
  attributeSize,
  BOOKKEEPING_ATTRIBUTES,
  dataOf,
  deepFreeze,
  type Item,
  type Update,
} from '../item-store.ts';
import type { Entry } from './buckets.ts';

/** for-in with hasOwnProperty is a pattern V8 compiles to a fast own-property walk (Object.hasOwn is slower) */
const own = Object.prototype.hasOwnProperty;

/**
 * The item after an update, as a new frozen item (the old one is left as it is), and its size, adjusted from the
 * old size by the attributes the update names (sizes add up per attribute, so this is what measuring would give).
 * Attributes keep their place, new ones follow in the order set, then add; removed ones go. Set values are
 * taken over.
 */
export function applyUpdate(old: Item, oldSize: number, update: Update): [item: Item, size: number] {
  const { set, remove, add } = update;
  let size = oldSize;
  let next: Item;
  if (!remove?.length) {
    if (set) {
      for (const name in set) {
        if (!own.call(set, name)) continue;
        const value = deepFreeze(set[name]);
        size += attributeSize(name, value) - attributeSize(name, own.call(old, name) ? old[name] : undefined);
      }
    }
    // One literal: set attributes replace in place or follow, and the new version keeps V8's fast properties
    // (see dataOf), where adding them one at a time to a copy can turn it into a slow hash table.
    next = { ...old, ...set };
  } else {
    next = {};
    for (const name in old) {
      if (!own.call(old, name)) continue;
      if (remove.includes(name)) {
        size -= attributeSize(name, old[name]);
      } else if (set && own.call(set, name)) {
        const value = deepFreeze(set[name]);
        size += attributeSize(name, value) - attributeSize(name, old[name]);
        next[name] = value;
      } else {
        next[name] = old[name];
      }
    }
    if (set) {
      for (const name in set) {
        if (!own.call(set, name) || own.call(old, name) || remove.includes(name)) continue;
        const value = deepFreeze(set[name]);
        size += attributeSize(name, value);
        next[name] = value;
      }
    }
  }
  if (add) {
    for (const [name, amount] of Object.entries(add)) {
      const before = own.call(next, name) ? next[name] : undefined;
      next[name] = (next[name] ?? 0) + amount;
      size += attributeSize(name, next[name]) - attributeSize(name, before);
    }
  }
  return [Object.freeze(next), size];
}

/**
 * The new item's data from the old item's data, when the update removes none of it: a fast clone with the
 * updated attributes replaced or added, in the order dataOf(next) would give. undefined = build it from `next`.
 */
export function updatedData(data: Item, next: Item, update: Update): Item | undefined {
  if (update.remove?.some((name) => !BOOKKEEPING_ATTRIBUTES.has(name))) return undefined;
  const changed: Item = {};
  for (const names of [update.set, update.add]) {
    if (!names) continue;
    for (const name in names) {
      if (own.call(names, name) && !BOOKKEEPING_ATTRIBUTES.has(name)) changed[name] = next[name];
    }
  }
  // one literal, for fast properties (see applyUpdate)
  return Object.freeze({ ...data, ...changed });
}

/**
 * The entry's data (dataOf its item), frozen: built once per version, on the first read, and handed to every
 * reader of that version. Its nested values are the stored ones, frozen too, so no answer can change the store.
 */
export function dataOfEntry(entry: Entry): Item {
  let data = entry.data;
  if (data === undefined) {
    data = frozenData(entry.item);
    entry.data = data;
  }
  return data;
}

/** A version's data, frozen, for a version that keeps none (see dataOfEntry). */
export function frozenData(item: Item): Item {
  return Object.freeze(dataOf(item));
}
