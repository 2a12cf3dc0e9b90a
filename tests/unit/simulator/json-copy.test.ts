import { describe, expect, it } from 'vitest';
import { jsonCopy } from '#local/json-copy.ts';

const viaJson = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
};

/** a seeded generator of values of the kinds a Lambda event can be built from, odd ones included */
function* values(seed: number, count: number): Generator<unknown> {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const leaf = (): unknown =>
    [
      'text',
      '',
      'üñí ✓',
      0,
      -0,
      1.5,
      -42,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      false,
      null,
      undefined,
      () => 1,
      new Date(Date.UTC(2027, 0, 4, 8)),
    ][Math.floor(random() * 15)];
  const make = (depth: number): unknown => {
    const pick = random();
    if (depth > 3 || pick < 0.4) return leaf();
    if (pick < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
    const out: Record<string, unknown> = {};
    for (const key of ['b', '2', 'a', '10', 'z'].slice(0, Math.floor(random() * 5)))
      out[key] = make(depth + 1);
    return out;
  };
  for (let i = 0; i < count; i++) yield make(0);
}

describe('jsonCopy', () => {
  it('gives what a JSON round trip gives, keys in the same order', () => {
    for (const value of values(7, 2000)) {
      const copied = jsonCopy(value);
      expect(copied).toEqual(viaJson(value));
      expect(JSON.stringify(copied)).toBe(JSON.stringify(value));
    }
  });

  it('copies: changing the copy leaves the original as it was', () => {
    const original = { task: { caseId: 'c1', tags: ['a'] }, n: 1 };
    const copied = jsonCopy(original) as typeof original;
    copied.task.tags.push('b');
    copied.task.caseId = 'c2';
    expect(original).toEqual({ task: { caseId: 'c1', tags: ['a'] }, n: 1 });
  });

  it('handles what is not plain data as JSON does: toJSON, class instances, null prototypes, -0', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly hidden = undefined,
      ) {}
    }
    const bare = Object.assign(Object.create(null), { k: 1 });
    const value = { at: new Date(0), p: new Point(1), bare, zero: -0, nested: [[-0]] };
    expect(jsonCopy(value)).toEqual(viaJson(value));
    expect(Object.is((jsonCopy(value) as { zero: number }).zero, 0)).toBe(true);
    expect(jsonCopy(undefined)).toBeUndefined();
    expect(() => jsonCopy({ n: 1n })).toThrow(TypeError);
  });
});
