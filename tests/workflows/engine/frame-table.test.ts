import { describe, expect, it } from 'vitest';
import { FrameTable } from '#engine/frame-table.ts';
import type { Frame } from '#engine/types.ts';

const frame = (id: number) => ({ id }) as Frame;

describe('FrameTable', () => {
  it("answers as the Map of an execution's frames did: the top level (id 0) and the others", () => {
    const table = new FrameTable();
    expect(table.size).toBe(0);
    expect(table.get(0)).toBeUndefined();
    table.set(0, frame(0)).set(3, frame(3)).set(1, frame(1));
    expect(table.size).toBe(3);
    expect(table.values().map((f) => f.id)).toEqual([0, 3, 1]);
    expect([table.has(0), table.has(1), table.has(2)]).toEqual([true, true, false]);
    expect(table.delete(3)).toBe(true);
    expect(table.delete(3)).toBe(false);
    expect(table.get(3)).toBeUndefined();
    expect(table.delete(0)).toBe(true);
    expect(table.values().map((f) => f.id)).toEqual([1]);
    table.clear();
    expect(table.size).toBe(0);
    expect(
      FrameTable.of([frame(0), frame(2)])
        .values()
        .map((f) => f.id),
    ).toEqual([0, 2]);
  });

  it('gives a copy of the frames, so a frame can be deleted while going through them', () => {
    const table = FrameTable.of([frame(0), frame(1), frame(2)]);
    for (const f of table.values()) table.delete(f.id);
    expect(table.size).toBe(0);
  });
});
