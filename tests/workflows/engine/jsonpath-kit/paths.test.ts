import { describe, expect, it } from 'vitest';
import { StatesError } from '#engine/errors.ts';
import {
  applyResultPath,
  isValidPath,
  isValidReferencePath,
  type PathEnv,
  readPath,
} from '#engine/jsonpath-kit/index.ts';

const env: PathEnv = {
  context: {
    Execution: { Id: 'arn:exec', Input: { a: 1 } },
    State: { Name: 'S' },
    Map: { Item: { Index: 2 } },
  },
  variables: { limit: 3, user: { name: 'x', tags: ['a', 'b'] }, nothing: null },
};

/** Catch the StatesError a call throws (fails the test if it does not throw one). */
function errorOf(f: () => unknown): StatesError {
  try {
    f();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError');
}

describe('readPath: the spec and developer guide examples', () => {
  const input = { foo: 123, bar: ['a', 'b', 'c'], car: { cdr: true } };
  it('reference paths select a single node', () => {
    expect(readPath('$.foo', input, env)).toBe(123);
    expect(readPath('$.bar', input, env)).toEqual(['a', 'b', 'c']);
    expect(readPath('$.car.cdr', input, env)).toBe(true);
    expect(readPath('$', input, env)).toBe(input);
  });
  it('bracket notation for names with punctuation or spaces, also after a dot', () => {
    const doc = { abc: { 'def ghi': 1, 'a.b': 2 }, 'x-y': 3 };
    expect(readPath("$.abc.['def ghi']", doc, env)).toBe(1);
    expect(readPath("$['abc']['a.b']", doc, env)).toBe(2);
    expect(readPath('$["x-y"]', doc, env)).toBe(3);
  });
  it('indexes, negative indexes, slices and wildcards', () => {
    const doc = { vals: [0, 10, 20, 30, 40, 50] };
    expect(readPath('$.vals[0]', doc, env)).toBe(0);
    expect(readPath('$.vals[-1]', doc, env)).toBe(50);
    expect(readPath('$.vals[-3:]', doc, env)).toEqual([30, 40, 50]);
    expect(readPath('$.vals[1:3]', doc, env)).toEqual([10, 20]);
    expect(readPath('$.vals[:2]', doc, env)).toEqual([0, 10]);
    expect(readPath('$.vals[::2]', doc, env)).toEqual([0, 20, 40]);
    expect(readPath('$.vals[0,2]', doc, env)).toEqual([0, 20]);
    expect(readPath('$.vals[*]', doc, env)).toEqual(doc.vals);
    expect(readPath('$.*', { a: 1, b: 2 }, env)).toEqual([1, 2]);
  });
  it('recursive descent collects every match in document order', () => {
    const doc = { store: { book: [{ price: 8 }, { price: 12, x: { price: 1 } }], bicycle: { price: 20 } } };
    expect(readPath('$..price', doc, env)).toEqual([8, 12, 1, 20]);
    expect(readPath('$.store..price', doc, env)).toEqual([8, 12, 1, 20]);
    expect(readPath('$..book[0].price', doc, env)).toEqual([8]);
    expect(readPath('$..nothing', doc, env)).toEqual([]);
  });
  it('filters: comparisons, equality with strings, existence, && and ||, negation', () => {
    const doc = {
      items: [
        { id: 1, x: 0, s: 'v', flag: true },
        { id: 2, x: 5, s: 'w' },
        { id: 3, x: 9, s: 'v', flag: false },
      ],
    };
    const ids = (p: string) => (readPath(p, doc, env) as Array<{ id: number }>).map((i) => i.id);
    expect(ids('$.items[?(@.x > 1)]')).toEqual([2, 3]);
    expect(ids('$.items[?(@.x <= 5)]')).toEqual([1, 2]);
    expect(ids("$.items[?(@.s == 'v')]")).toEqual([1, 3]);
    expect(ids('$.items[?(@.s != "v")]')).toEqual([2]);
    expect(ids('$.items[?(@.flag)]')).toEqual([1, 3]); // Jayway: the field exists
    expect(ids('$.items[?(!@.flag)]')).toEqual([2]);
    expect(ids('$.items[?(@.flag == true)]')).toEqual([1]);
    expect(ids("$.items[?(@.x > 1 && @.s == 'v')]")).toEqual([3]);
    expect(ids('$.items[?(@.x == 0 || @.x == 9)]')).toEqual([1, 3]);
    expect(ids('$.items[?((@.x > 1 || @.flag) && @.id != 3)]')).toEqual([1, 2]);
    expect(ids('$.items[?(@.x > 4)]')).toEqual([2, 3]);
    expect(ids('$.items[?(@.s =~ /w/)]')).toEqual([2]);
    expect(readPath('$.items[?(@.x > 100)]', doc, env)).toEqual([]);
    expect(readPath('$.items[?(@.x > 1)].id', doc, env)).toEqual([2, 3]);
  });
  it('a filter may compare with the document root', () => {
    const doc = { min: 4, items: [{ x: 3 }, { x: 5 }] };
    expect(readPath('$.items[?(@.x > $.min)]', doc, env)).toEqual([{ x: 5 }]);
  });
  it('$$ reads the context object and $name a variable', () => {
    expect(readPath('$$.Execution.Id', {}, env)).toBe('arn:exec');
    expect(readPath('$$.Map.Item.Index', {}, env)).toBe(2);
    expect(readPath('$$', {}, env)).toBe(env.context);
    expect(readPath('$limit', {}, env)).toBe(3);
    expect(readPath('$user.name', {}, env)).toBe('x');
    expect(readPath('$user.tags[1]', {}, env)).toBe('b');
    expect(readPath('$user.tags[*]', {}, env)).toEqual(['a', 'b']);
    expect(readPath('$nothing', {}, env)).toBeNull();
  });
  it('no match on a definite path is States.Runtime naming the path (and the field)', () => {
    const e = errorOf(() => readPath('$.a.b', { a: {} }, env));
    expect(e.error).toBe('States.Runtime');
    expect(e.cause).toBe("Invalid path '$.a.b' : No results for path: $['a']['b']");
    const f = errorOf(() => readPath('$.x', {}, env, 'id.$'));
    expect(f.cause).toBe("The JSONPath '$.x' specified for the field 'id.$' could not be found in the input");
    expect(errorOf(() => readPath('$.a[3]', { a: [1] }, env)).error).toBe('States.Runtime');
    expect(errorOf(() => readPath('$.a.b', { a: 'str' }, env)).error).toBe('States.Runtime');
    expect(errorOf(() => readPath('$missing', {}, env)).cause).toContain(
      "the variable 'missing' is not defined",
    );
    expect(errorOf(() => readPath('$.a[', {}, env)).error).toBe('States.Runtime');
  });
});

describe('path validity', () => {
  it('paths and reference paths', () => {
    for (const p of ['$', '$.a', '$..a', '$.a[*]', '$.a[?(@.x > 1)]', '$$.Execution.Id', '$v.a', '$.a[1:2]'])
      expect(isValidPath(p), p).toBe(true);
    for (const p of ['a', '', '$.', '$.a[', '$.a[?(@.x >)]', '$[1:2:0]', '$.a b'])
      expect(isValidPath(p), p).toBe(false);
    for (const p of ['$', '$.a.b', "$['a b'][0]", '$$.Task.Token', '$v.x'])
      expect(isValidReferencePath(p), p).toBe(true);
    for (const p of ['$..a', '$.a[*]', '$.a[0,1]', '$.a[?(@.x)]', '$.a[1:]', 'x'])
      expect(isValidReferencePath(p), p).toBe(false);
  });
});

describe('applyResultPath', () => {
  it('the developer guide examples: replace, discard, combine', () => {
    const input = { comment: 'An input', details: 'Default example' };
    expect(applyResultPath(input, undefined, 'Hello')).toBe('Hello');
    expect(applyResultPath(input, '$', 'Hello')).toBe('Hello');
    expect(applyResultPath(input, null, 'Hello')).toBe(input);
    expect(applyResultPath(input, '$.taskresult', 'Hello')).toEqual({ ...input, taskresult: 'Hello' });
  });
  it('the spec example: an existing node is replaced, missing objects are created, the input is not mutated', () => {
    const input = { master: { detail: [1, 2, 3] } };
    expect(applyResultPath(input, '$.master.detail', 6)).toEqual({ master: { detail: 6 } });
    expect(input.master.detail).toEqual([1, 2, 3]);
    expect(applyResultPath({ a: 1 }, '$.x.y.z', true)).toEqual({ a: 1, x: { y: { z: true } } });
    expect(applyResultPath({ l: [1, 2] }, '$.l[1]', 9)).toEqual({ l: [1, 9] });
    expect(applyResultPath({}, "$['a b']", 1)).toEqual({ 'a b': 1 });
  });
  it('an impossible ResultPath is States.ResultPathMatchFailure', () => {
    for (const [input, rp] of [
      ['text', '$.a'],
      [{ a: 1 }, '$.a.b'],
      [{ a: null }, '$.a.b'],
      [{ l: [1] }, '$.l[5]'],
      [{ l: {} }, '$.l[0]'],
      [{}, '$.a[0]'],
      [{}, '$.a[*]'],
      [{}, '$$.Execution'],
    ] as const)
      expect(errorOf(() => applyResultPath(input, rp, 1)).error, rp).toBe('States.ResultPathMatchFailure');
  });
});
