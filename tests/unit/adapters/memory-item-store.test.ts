/**
 * The memory store underneath MemoryRepository: what the contract suite cannot see through the port. It keeps
 * DynamoDB's key order in its sorted partitions and GSI buckets, counts an updated item at its true size without
 * measuring it again, freezes what it keeps and hands that out, frozen.
 */
import { describe, expect, it } from 'vitest';
import { itemSizeBytes, type Update } from '#adapters/item-store.ts';
import { MemoryItemStore } from '#adapters/memory-repository.ts';

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('MemoryItemStore', () => {
  it('orders partitions and GSI buckets by UTF-8 bytes, also after a key JavaScript orders otherwise goes', async () => {
    const store = new MemoryItemStore();
    const keys = ['A\uE000', 'A\u{1F600}', 'Ab', 'A\uFF61x', 'A', 'A\uD7FF', 'A\uFF61y'];
    const put = (key: string) => store.put({ pk: 'P', sk: key, gsi1pk: 'G', gsi1sk: key, key });
    for (const key of keys) await put(key);
    const inPartition = async (beginsWith?: string) =>
      (await store.query({ partition: 'P', beginsWith })).map((data) => data.key);
    const inGsi = async (beginsWith?: string) =>
      (await store.query({ index: 'GSI1', partition: 'G', beginsWith })).map((data) => data.key);

    const sorted = [...keys].sort(byBytes);
    expect(await inPartition()).toEqual(sorted);
    expect(await inGsi()).toEqual(sorted);
    expect(await inGsi('A\uFF61')).toEqual(['A\uFF61x', 'A\uFF61y']);
    expect(await inPartition('A\uD83D')).toEqual(['A\u{1F600}']);
    expect((await store.query({ partition: 'P', ascending: false })).map((data) => data.key)).toEqual(
      [...sorted].reverse(),
    );

    // with no key left that `<` orders otherwise, plain string comparison takes over: the order must not change
    await store.delete({ pk: 'P', sk: 'A\u{1F600}' });
    await put('Aa');
    const plain = [...keys.filter((key) => key !== 'A\u{1F600}'), 'Aa'].sort(byBytes);
    expect(await inPartition()).toEqual(plain);
    expect(await inGsi()).toEqual(plain);
  });

  it('answers a prefix query the same whether it orders only what the prefix selects or the whole bucket', async () => {
    const store = new MemoryItemStore();
    const keys = ['T#b', 'X#a', 'T#\u{1F600}', 'T#\uFF61', 'T#a', 'U#c'];
    for (const key of keys) await store.put({ pk: `K#${key}`, sk: 'K', gsi2pk: 'C', gsi2sk: key, key });
    const open = async () =>
      (await store.query({ index: 'GSI2', partition: 'C', beginsWith: 'T#' })).map((data) => data.key);
    const expected = ['T#a', 'T#b', 'T#\uFF61', 'T#\u{1F600}'];
    expect(await open()).toEqual(expected); // first query after the writes: the selected entries only
    expect(await open()).toEqual(expected); // the second: the whole bucket, ordered and kept
    expect(await open()).toEqual(expected); // from the kept order
    await store.update({ pk: 'K#T#b', sk: 'K' }, { set: { gsi2sk: 'T#0' } }, { exists: 'pk' });
    const moved = ['T#b', 'T#a', 'T#\uFF61', 'T#\u{1F600}']; // T#b now sorts as T#0
    expect(await open()).toEqual(moved);
    expect(await open()).toEqual(moved);
  });

  it('queries a partition as it grows from one item to many and shrinks again', async () => {
    const store = new MemoryItemStore();
    await store.put({ pk: 'CASE#1', sk: 'CASE', key: 'CASE' });
    const keysOf = async (beginsWith?: string) =>
      (await store.query({ partition: 'CASE#1', beginsWith })).map((data) => data.key);
    expect(await keysOf()).toEqual(['CASE']);
    expect(await keysOf('CA')).toEqual(['CASE']);
    expect(await keysOf('APPT#')).toEqual([]);
    await store.put({ pk: 'CASE#1', sk: 'APPT#b', key: 'APPT#b' });
    await store.put({ pk: 'CASE#1', sk: 'APPT#a', key: 'APPT#a' });
    expect(await keysOf()).toEqual(['APPT#a', 'APPT#b', 'CASE']);
    expect(await keysOf('APPT#')).toEqual(['APPT#a', 'APPT#b']);
    await store.delete({ pk: 'CASE#1', sk: 'APPT#a' });
    await store.delete({ pk: 'CASE#1', sk: 'CASE' });
    expect(await keysOf()).toEqual(['APPT#b']);
    await store.delete({ pk: 'CASE#1', sk: 'APPT#b' });
    expect(await keysOf()).toEqual([]);
    expect(store.dump()).toEqual([]);
  });

  it('moves an item between GSI buckets when an update changes or removes its GSI keys', async () => {
    const store = new MemoryItemStore();
    await store.put({ pk: 'T#1', sk: 'T', gsi1pk: 'OPEN', gsi1sk: 'b', n: 1 });
    await store.put({ pk: 'T#2', sk: 'T', gsi1pk: 'OPEN', gsi1sk: 'a', n: 2 });
    const bucket = async (partition: string) =>
      (await store.query({ index: 'GSI1', partition })).map((data) => data.n);
    expect(await bucket('OPEN')).toEqual([2, 1]);
    await store.update({ pk: 'T#2', sk: 'T' }, { set: { gsi1sk: 'c' } }, { exists: 'pk' });
    expect(await bucket('OPEN')).toEqual([1, 2]);
    await store.update({ pk: 'T#1', sk: 'T' }, { set: { gsi1pk: 'DONE' } }, { exists: 'pk' });
    expect(await bucket('OPEN')).toEqual([2]);
    expect(await bucket('DONE')).toEqual([1]);
    await store.update({ pk: 'T#1', sk: 'T' }, { remove: ['gsi1pk', 'gsi1sk'] }, { exists: 'pk' });
    expect(await bucket('DONE')).toEqual([]);
    await store.delete({ pk: 'T#2', sk: 'T' });
    expect(await bucket('OPEN')).toEqual([]);
  });

  it("answers an update with the new data in the attributes' order, whether the old data was read or not", async () => {
    for (const readFirst of [false, true]) {
      const store = new MemoryItemStore();
      const key = { pk: 'P', sk: 'S' };
      await store.put({ ...key, entity: 'X', a: 1, gsi1pk: 'G', gsi1sk: 'g', b: 2, c: 3 });
      if (readFirst) await store.get(key);
      const updates: Update[] = [
        { set: { b: 20, d: 4, gsi1sk: 'h' }, add: { e: 1 } },
        { set: { a: 10 }, remove: ['c', 'gsi1pk', 'gsi1sk'] },
        { set: { f: 'x' }, add: { e: 1, a: 1 } },
      ];
      for (const update of updates) {
        const written = await store.update(key, update, { exists: 'pk' });
        const read = await store.get(key);
        expect(written.ok && Object.entries(written.item)).toEqual(Object.entries(read!));
        if (readFirst) await store.get(key);
      }
      expect(Object.entries((await store.get(key))!)).toEqual([
        ['a', 11],
        ['b', 20],
        ['d', 4],
        ['e', 2],
        ['f', 'x'],
      ]);
      expect(Object.keys(store.dump()[0]!)).toEqual(['pk', 'sk', 'entity', 'a', 'b', 'd', 'e', 'f']);
    }
  });

  it('counts an updated item at the size it would be measured at, across the 1 KB write-unit boundary (a write is charged for the larger of before and after)', async () => {
    const store = new MemoryItemStore();
    const key = { pk: 'P', sk: 'S' };
    const exists = { exists: 'pk' } as const;
    const unitsOf = async (write: () => Promise<unknown>) => {
      const before = store.stats().writeUnits;
      await write();
      return store.stats().writeUnits - before;
    };
    // pk 3 + sk 3 + "body" 4 + 1014 = exactly 1024 bytes: one write unit
    expect(await unitsOf(() => store.put({ ...key, body: 'x'.repeat(1014) }))).toBe(1);
    expect(await unitsOf(() => store.update(key, { set: { note: 'y' } }, exists))).toBe(2); // 1029
    expect(await unitsOf(() => store.update(key, { remove: ['note'] }, exists))).toBe(2); // 1029 before, 1024
    expect(await unitsOf(() => store.update(key, { add: { n: 1 } }, exists))).toBe(2); // + "n" 1 + 2
    expect(await unitsOf(() => store.update(key, { set: { body: 'x'.repeat(1000) } }, exists))).toBe(2); // 1027
    expect(await unitsOf(() => store.update(key, { add: { n: 99 } }, exists))).toBe(1); // 1013, then 100: 1014
    // a name both set and removed ends up removed, and counts as such
    expect(
      await unitsOf(() => store.update(key, { set: { gone: 'z'.repeat(100) }, remove: ['gone'] }, exists)),
    ).toBe(1);
    const [stored] = store.dump();
    expect(stored).toEqual({ pk: 'P', sk: 'S', body: 'x'.repeat(1000), n: 100 });
    // the size it kept is the size it reads at: a refused write costs the stored item's write units
    const refused = await unitsOf(() => store.update(key, { set: { n: 0 } }, { notExists: 'pk' }));
    expect(refused).toBe(Math.ceil(itemSizeBytes(stored!) / 1024));
  });

  it('freezes what it keeps, and hands it out frozen: changing a handed-over item or an answer fails', async () => {
    const store = new MemoryItemStore();
    const key = { pk: 'P', sk: 'S' };
    const item = { ...key, list: [1], map: { a: 'b' }, deep: [{ n: 1 }] };
    await store.put(item);
    expect(() => item.list.push(2)).toThrow(TypeError);
    const exists = { exists: 'pk' } as const;
    const written = await store.update(key, { set: { s: 'x' } }, exists); // before the first read: no data kept
    const read = await store.get(key); // builds the data it keeps
    const again = await store.update(key, { set: { s: 'y' } }, exists); // from the data it keeps
    const refused = await store.put({ ...key }, { notExists: 'pk' });
    const [listed] = await store.query({ partition: 'P' });
    const answers = [
      written.ok && written.item,
      read,
      again.ok && again.item,
      !refused.ok && refused.existing,
      listed,
    ];
    for (const answer of answers) {
      expect(answer).toMatchObject({ list: [1], map: { a: 'b' }, deep: [{ n: 1 }] });
      const data = answer as {
        list: number[];
        map: Record<string, string>;
        deep: { n: number }[];
        s: string;
      };
      expect(() => data.list.push(2)).toThrow(TypeError);
      expect(() => {
        data.map.a = 'c';
      }).toThrow(TypeError);
      expect(() => {
        data.deep[0]!.n = 2;
      }).toThrow(TypeError);
      expect(() => {
        data.s = 'z';
      }).toThrow(TypeError);
    }
    expect(store.dump()).toEqual([{ ...key, list: [1], map: { a: 'b' }, deep: [{ n: 1 }], s: 'y' }]);
    expect(await store.get(key)).toEqual({ list: [1], map: { a: 'b' }, deep: [{ n: 1 }], s: 'y' });
  });
});
