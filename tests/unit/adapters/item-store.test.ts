/**
 * The single-table primitives' shared arithmetic: item sizes (what the request units are estimated from) and
 * DynamoDB's key order, which both stores must reproduce exactly.
 */
import { describe, expect, it } from 'vitest';
import {
  compareKeys,
  dataOf,
  deepCopy,
  itemSizeBytes,
  ordersLikeUtf8,
  withoutUndefined,
} from '#adapters/item-store.ts';

describe('itemSizeBytes', () => {
  it.each([
    [{ a: 'é' }, 3], // UTF-8 bytes of name and value
    [{ ñame: 'x' }, 6],
    [{ n: 0 }, 3], // numbers: significant digits / 2 + 1
    [{ n: -42 }, 3],
    [{ n: 12345 }, 5],
    [{ n: -1.5 }, 3],
    [{ n: 0.000001 }, 6],
    [{ n: 1e-7 }, 4],
    [{ n: Number.MAX_SAFE_INTEGER }, 10],
    [{ n: 2 ** 60 }, 12],
    [{ n: 1e21 }, 5],
    [{ b: true, z: null, u: undefined }, 4], // undefined is not stored
    [{ m: { x: 1, y: undefined } }, 9], // a map: 3 + its entries + a byte per key
    [{ l: [1, 'ab'] }, 10], // a list: 3 + a byte and the value per element
  ])('measures %j as %i bytes', (item, bytes) => {
    expect(itemSizeBytes(item)).toBe(bytes);
  });
});

describe('compareKeys', () => {
  it('orders by UTF-8 bytes, where JavaScript string order differs from U+D800 up', () => {
    const keys = ['A\u{1F600}', 'A\uFF61', 'A\uE000', 'A\uD7FF', 'A\u00e9', 'Ab', 'A'];
    const byBytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
    expect(byBytes.at(-1)).toBe('A\u{1F600}'); // JavaScript's `<` would put it before U+E000
    expect(ordersLikeUtf8('CASE#2027-01-04T09:00:00.000Z#é')).toBe(true);
    expect(ordersLikeUtf8('A\u{1F600}')).toBe(false);
  });
});

describe('dataOf', () => {
  it('leaves out the keys, entity and TTL, and keeps the rest in order', () => {
    const item = { pk: 'P', sk: 'S', entity: 'TASK', b: 1, gsi1pk: 'G', a: 2, gsi2sk: 'H', expiresAt: 9 };
    expect(Object.entries(dataOf(item))).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });
});

describe('deepCopy and withoutUndefined', () => {
  const nested = Object.freeze({
    s: 'x',
    n: 1,
    z: null,
    m: Object.freeze({ a: Object.freeze([1, Object.freeze({ b: 'c', u: undefined }), null]), u: undefined }),
    l: Object.freeze([Object.freeze([2]), 'y']),
  });

  it('deepCopy copies every object and array, sharing nothing, keeping undefined and order', () => {
    const copy = deepCopy(nested);
    expect(copy).toStrictEqual(nested);
    expect(Object.keys(copy.m)).toEqual(['a', 'u']);
    expect(copy.m).not.toBe(nested.m);
    expect(copy.m.a).not.toBe(nested.m.a);
    expect(copy.m.a[1]).not.toBe(nested.m.a[1]);
    expect(copy.l[0]).not.toBe(nested.l[0]);
    expect(Object.isFrozen(copy.m.a)).toBe(false);
    expect(deepCopy('s')).toBe('s');
    expect(deepCopy(null)).toBe(null);
  });

  it('withoutUndefined drops undefined attributes at any depth in a fresh copy', () => {
    const copy = withoutUndefined(nested);
    expect(copy).toStrictEqual({ s: 'x', n: 1, z: null, m: { a: [1, { b: 'c' }, null] }, l: [[2], 'y'] });
    expect(copy.m.a).not.toBe(nested.m.a);
    expect(copy.l[0]).not.toBe(nested.l[0]);
    expect(withoutUndefined(undefined)).toBe(undefined);
  });
});
