import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StatesError } from '#engine/errors.ts';
import { evaluateIntrinsic, type PathEnv } from '#engine/jsonpath-kit/index.ts';

const env: PathEnv = { context: { Execution: { Name: 'run-1' } }, variables: { who: 'World', n: 4 } };
const ev = (expr: string, input: unknown = {}, e: PathEnv = env) => evaluateIntrinsic(expr, input, e);

function failure(expr: string, input: unknown = {}): StatesError {
  try {
    ev(expr, input);
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`expected ${expr} to fail`);
}
const refuses = (expr: string, input: unknown = {}) =>
  expect(failure(expr, input).error, expr).toBe('States.IntrinsicFailure');

describe('intrinsic function syntax', () => {
  it('string literals with escapes, numbers, booleans, null', () => {
    expect(ev("States.Array('it\\'s', 'a\\\\b', 'x{y}', 1, -2.5, 1e3, true, false, null)")).toEqual([
      "it's",
      'a\\b',
      'x{y}',
      1,
      -2.5,
      1000,
      true,
      false,
      null,
    ]);
    expect(ev('States.Array()')).toEqual([]);
    expect(ev("States.Array( 'a' ,  1 )")).toEqual(['a', 1]);
  });
  it('path arguments on the input, the context object and variables, including filters and brackets', () => {
    const input = { a: { b: [1, 2] }, 'x,y': 5, items: [{ v: 1 }, { v: 7 }] };
    expect(ev("States.Array($.a.b[0], $$.Execution.Name, $who, $['x,y'])", input)).toEqual([
      1,
      'run-1',
      'World',
      5,
    ]);
    expect(ev('States.ArrayLength($.items[?(@.v > 2)])', input)).toBe(1);
  });
  it('nested calls (the developer guide example with nine nested functions)', () => {
    const input = {
      ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:123:image-recipe/my-recipe.v1/1.0.2' },
    };
    const expr =
      "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 2))";
    expect(ev(expr, input)).toBe('1.0.2');
  });
  it('syntax errors, unknown functions and nesting beyond 10 are refused', () => {
    refuses("States.Format('a'");
    refuses("States.Format('a' 'b')");
    refuses("States.Array('\\q')");
    refuses('States.Nope(1)');
    refuses('Format(1)');
    refuses(`${'States.Array('.repeat(11)}1${')'.repeat(11)}`);
    expect(ev(`${'States.Array('.repeat(10)}1${')'.repeat(10)}`)).toEqual([[[[[[[[[[1]]]]]]]]]]);
  });
  it('a path argument that finds nothing is States.Runtime', () => {
    expect(failure('States.Array($.missing)').error).toBe('States.Runtime');
  });
});

describe('States.Format', () => {
  it('replaces each {} in order; escaped braces stay literal', () => {
    expect(ev("States.Format('Hello, my name is {}.', $who)")).toBe('Hello, my name is World.');
    expect(ev("States.Format('{} + {} = {}', 1, 2.5, true)")).toBe('1 + 2.5 = true');
    expect(ev("States.Format('v={}', null)")).toBe('v=null');
    expect(ev("States.Format('literal \\{\\} and {}', 'x')")).toBe('literal {} and x');
    expect(ev('States.Format($.t, 7)', { t: 'n={}' })).toBe('n=7');
  });
  it('refuses a count mismatch, a non-string template and object values', () => {
    refuses("States.Format('{} {}', 1)");
    refuses("States.Format('{}', 1, 2)");
    refuses('States.Format(1)');
    refuses("States.Format('{}', $.o)", { o: { a: 1 } });
    refuses('States.Format()');
  });
});

describe('JSON functions', () => {
  it('StringToJson and JsonToString', () => {
    expect(ev('States.StringToJson($.s)', { s: '{"number": 20}' })).toEqual({ number: 20 });
    expect(ev('States.JsonToString($.d)', { d: { name: 'Foo', zip: '98119' } })).toBe(
      '{"name":"Foo","zip":"98119"}',
    );
    refuses('States.StringToJson($.s)', { s: '{bad' });
    refuses('States.StringToJson(1)');
    refuses('States.JsonToString()');
    refuses("States.JsonToString('a', 'b')");
  });
  it('JsonMerge is shallow; deep merging is refused as on AWS', () => {
    const input = { a: { a1: 1, nested: { x: 1 } }, b: { b1: 2, nested: { y: 2 } } };
    expect(ev('States.JsonMerge($.a, $.b, false)', input)).toEqual({ a1: 1, b1: 2, nested: { y: 2 } });
    expect(input.a).toEqual({ a1: 1, nested: { x: 1 } });
    refuses('States.JsonMerge($.a, $.b, true)', input);
    refuses('States.JsonMerge($.a, 1, false)', input);
    refuses("States.JsonMerge($.a, $.b, 'false')", input);
    refuses('States.JsonMerge($.a, $.b)', input);
  });
});

describe('array functions', () => {
  it('Array', () => {
    expect(ev('States.Array($.Id)', { Id: 123456 })).toEqual([123456]);
  });
  it('ArrayPartition', () => {
    expect(ev('States.ArrayPartition($.a, 4)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
    expect(ev('States.ArrayPartition($.a, 2.4)', { a: [1, 2, 3] })).toEqual([[1, 2], [3]]);
    refuses('States.ArrayPartition($.a, 0)', { a: [1] });
    refuses('States.ArrayPartition($.a, -1)', { a: [1] });
    refuses("States.ArrayPartition('x', 1)");
  });
  it('ArrayContains (deep equality)', () => {
    const input = { a: [1, { k: [2] }, 'x'] };
    expect(ev('States.ArrayContains($.a, 1)', input)).toBe(true);
    expect(ev('States.ArrayContains($.a, $.v)', { ...input, v: { k: [2] } })).toBe(true);
    expect(ev("States.ArrayContains($.a, 'y')", input)).toBe(false);
    refuses('States.ArrayContains(1, 1)');
    refuses('States.ArrayContains($.a)', input);
  });
  it('ArrayRange (at most 1000 items)', () => {
    expect(ev('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(ev('States.ArrayRange(10, 0, -5)')).toEqual([10, 5, 0]);
    expect(ev('States.ArrayRange(5, 1, 1)')).toEqual([]);
    expect((ev('States.ArrayRange(1, 1000, 1)') as number[]).length).toBe(1000);
    refuses('States.ArrayRange(0, 1000, 1)');
    refuses('States.ArrayRange(1, 9, 0)');
    refuses('States.ArrayRange(1.5, 9, 1)');
    refuses('States.ArrayRange(1, 9)');
  });
  it('ArrayGetItem', () => {
    expect(
      ev('States.ArrayGetItem($.inputArray, $.index)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 }),
    ).toBe(6);
    refuses('States.ArrayGetItem($.a, 3)', { a: [1] });
    refuses('States.ArrayGetItem($.a, -1)', { a: [1] });
    refuses('States.ArrayGetItem($.a, 0.5)', { a: [1] });
    refuses("States.ArrayGetItem('a', 0)");
  });
  it('ArrayLength', () => {
    expect(ev('States.ArrayLength($.a)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe(9);
    refuses('States.ArrayLength($.a)', { a: { x: 1 } });
  });
  it('ArrayUnique (keeps the first of equal values)', () => {
    expect(ev('States.ArrayUnique($.a)', { a: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual([1, 2, 3, 4]);
    expect(ev('States.ArrayUnique($.a)', { a: [{ x: 1 }, { x: 1 }, 'x'] })).toEqual([{ x: 1 }, 'x']);
    refuses("States.ArrayUnique('abc')");
  });
});

describe('encoding and hashing', () => {
  it('Base64Encode and Base64Decode (UTF-8; at most 10,000 characters)', () => {
    expect(ev("States.Base64Encode('Data to encode')")).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(ev("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).toBe('Data to encode');
    expect(ev('States.Base64Decode(States.Base64Encode($.s))', { s: 'héllo €' })).toBe('héllo €');
    refuses('States.Base64Encode($.s)', { s: 'a'.repeat(10_001) });
    refuses("States.Base64Decode('not base64!')");
    refuses('States.Base64Encode(1)');
  });
  it('Hash with every algorithm', () => {
    const data = 'input data';
    for (const [alg, node] of [
      ['MD5', 'md5'],
      ['SHA-1', 'sha1'],
      ['SHA-256', 'sha256'],
      ['SHA-384', 'sha384'],
      ['SHA-512', 'sha512'],
    ])
      expect(ev(`States.Hash($.d, '${alg}')`, { d: data })).toBe(
        createHash(node!).update(data).digest('hex'),
      );
    expect(ev("States.Hash('input data', 'SHA-1')")).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
    refuses("States.Hash('x', 'SHA-224')");
    refuses("States.Hash(null, 'MD5')");
    refuses("States.Hash($.s, 'MD5')", { s: 'a'.repeat(10_001) });
  });
});

describe('math, strings and UUID', () => {
  it('MathAdd (integers; non-integers rounded; 32-bit range)', () => {
    expect(ev('States.MathAdd($.value1, $.step)', { value1: 111, step: -1 })).toBe(110);
    expect(ev('States.MathAdd(1.6, 2)')).toBe(4);
    refuses('States.MathAdd(2147483648, 1)');
    refuses("States.MathAdd('1', 2)");
    refuses('States.MathAdd(1)');
  });
  it('MathRandom: start inclusive, end exclusive; env.random and the seed make it deterministic', () => {
    const fixed: PathEnv = { ...env, random: () => 0.5 };
    expect(ev('States.MathRandom(1, 999)', {}, fixed)).toBe(500);
    expect(ev('States.MathRandom(0, 10)', {}, { ...env, random: () => 0.999999 })).toBe(9);
    expect(ev('States.MathRandom(0, 10)', {}, { ...env, random: () => 0 })).toBe(0);
    const seeded = ev('States.MathRandom(1, 1000000, 42)');
    expect(ev('States.MathRandom(1, 1000000, 42)')).toBe(seeded);
    for (let i = 0; i < 50; i++) {
      const v = ev('States.MathRandom(3, 6)') as number;
      expect(v >= 3 && v < 6 && Number.isInteger(v)).toBe(true);
    }
    refuses('States.MathRandom(5, 5)');
    refuses("States.MathRandom('1', 5)");
    refuses('States.MathRandom(1)');
    refuses('States.MathRandom(1, 5, 1.5)');
  });
  it('StringSplit: each character of the delimiter splits (the developer guide examples)', () => {
    expect(
      ev('States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' }),
    ).toEqual(['1', '2', '3', '4', '5']);
    expect(
      ev('States.StringSplit($.inputString, $.splitter)', {
        inputString: 'This.is+a,test=string',
        splitter: '.+,=',
      }),
    ).toEqual(['This', 'is', 'a', 'test', 'string']);
    refuses("States.StringSplit(1, ',')");
    refuses("States.StringSplit('a')");
  });
  it('UUID: a version 4 UUID, from env.random when given', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ev('States.UUID()')).toMatch(v4);
    const fixed: PathEnv = { ...env, random: () => 0.25 };
    expect(ev('States.UUID()', {}, fixed)).toBe('40404040-4040-4040-8040-404040404040');
    refuses('States.UUID(1)');
  });
});
