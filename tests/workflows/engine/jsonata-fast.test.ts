import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { evaluateFast, NOT_FAST } from '#engine/jsonata-fast.ts';

const bindings = {
  n: 39,
  s: 'done',
  f: 1.5,
  flag: true,
  nul: null,
  list: [1, 2],
  obj: { a: { b: 7 }, arr: [{ x: 1 }], str: 'v' },
  states: {
    input: { every: 583200, name: 'x', nested: { deep: { v: 0 } }, items: [1, 2, 3] },
    context: { State: { RetryCount: 2 } },
  },
};

const expressions = [
  '$n + 1',
  '$n - 1',
  '$n * 2',
  '$n / 4',
  '$n < 40',
  '$n <= 39',
  '$n > 40',
  '$n >= 39',
  '$n = 39',
  '$n != 39',
  '$s = "done"',
  "$s != 'other'",
  '$flag = true',
  '$f * 2',
  '$states.input.every',
  '$states.input.name',
  '$states.input.nested.deep.v',
  '$states.input.nested',
  '$states.context.State.RetryCount',
  '$obj.a.b + 3',
  '$obj.str',
  '42',
  '"text"',
  'true',
  '$n',
  "$type($n) = 'number'",
  "$type($s) = 'number'",
  "$type($nul) = 'null'",
  "$type($obj.a) != 'object'",
  "$type($flag) = 'boolean'",
  '$exists($states.input.name) ? $states.input.name : $states.input',
  '$exists($states.input.nope) ? $states.input.nope : $states.input',
  '$exists($nul) ? $nul : 1',
  '$exists($missing) ? 1 : "no"',
  '$exists($n.deeper) ? 1 : 2',
  "$s in ['done', 'other']",
  "$s in ['other']",
  '$n in [38, 39]',
  "$n in ['39']",
  "$states.input.nope in ['x']",
  "$n.deeper in ['x']",
  // these fall back to jsonata:
  "$type($missing) = 'number'",
  "$type($list) = 'array'",
  '$exists($list) ? 1 : 2',
  '$exists($obj.arr.x) ? 1 : 2',
  '$exists($states.input.nope) ? $states.input.nope : $missing',
  "$obj in ['x']",
  '$list in [1]',
  '$states.input.items',
  '$states.input.items.x',
  '$list',
  '$obj.arr.x',
  '$missing + 1',
  '$states.input.nope',
  '$s + 1',
  '$n / 0',
  '$nul = null',
  '$n+1',
  '$string($n)',
  '$states.input.every & "s"',
];

describe('JSONata fast path', () => {
  it('answers exactly as jsonata does, or defers to it', async () => {
    let fastCount = 0;
    for (const src of expressions) {
      const fast = evaluateFast(src, bindings);
      if (fast === NOT_FAST) continue;
      fastCount++;
      const slow = await jsonata(src).evaluate(undefined, bindings);
      expect({ src, value: fast }).toEqual({ src, value: slow });
    }
    expect(fastCount).toBe(41);
  });
});
