/** DynamoDB's condition expressions, evaluated on an item in memory. */
import type { Condition, Item } from '../item-store.ts';

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
