import { readFileSync } from 'node:fs';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { evaluateCompiled } from '#engine/jsonata-compiled.ts';
import { NOT_FAST } from '#engine/jsonata-fast.ts';

const vars: Record<string, unknown> = {
  n: 39,
  zero: 0,
  neg: -2.5,
  s: 'done',
  empty: '',
  iso: '2026-02-12T17:00:00.000Z',
  flag: true,
  off: false,
  nul: null,
  list: [1, 2],
  nums: [3, 1, 2],
  obj: { a: { b: 7 }, arr: [{ x: 1 }], str: 'v', none: null },
  task: {
    taskId: 't-1',
    dueAt: '2026-02-16T17:00:00.000Z',
    ladder: {
      reminderAt: '2026-02-12T17:00:00.000Z',
      escalationAt: '2026-02-16T17:00:00.000Z',
      secondEscalationAt: '2026-02-19T17:00:00.000Z',
    },
  },
  late: { ladder: { reminderAt: null, escalationAt: '2026-02-16T17:00:00.000Z' } },
};
const states = {
  input: { task: vars.task, every: 583200, nested: { deep: { v: 0 } }, items: [1, 2, 3] },
  context: {
    State: { EnteredTime: '2026-02-02T09:00:00.000Z', RetryCount: 2 },
    Execution: { Id: 'arn:aws:states:eu-west-2:000000000000:execution:StaffTask:t-1', Name: 't-1' },
    Task: { Token: 'token-1' },
  },
  errorOutput: {
    Error: 'TaskRescheduled',
    Cause: '{"dueAt":"2026-03-02T17:00:00.000Z","ladder":{"reminderAt":null}}',
  },
};
/** as the engine binds them for jsonata (jsonata-eval.ts): the variables, `$states`, and Step Functions' `$parse` */
const bindings = { ...vars, states, parse: (text: string) => JSON.parse(text) };

async function bySlowPath(src: string): Promise<{ value?: unknown; error?: string }> {
  try {
    return { value: await jsonata(src).evaluate(undefined, bindings) };
  } catch (error) {
    return { error: String((error as { code?: string }).code ?? error) };
  }
}

/** compiled answer, when it gives one, equals jsonata's; returns whether it gave one */
async function agrees(src: string): Promise<boolean> {
  const fast = evaluateCompiled(src, vars, states);
  if (fast === NOT_FAST) return false;
  expect({ src, ...(await bySlowPath(src)) }).toEqual({ src, value: fast });
  return true;
}

/** the staff-task ladder's expressions: they must take the compiled path */
const ladderExpressions = (() => {
  const text = readFileSync(new URL('../../../workflows/staff-task.asl.json', import.meta.url), 'utf8');
  return [...text.matchAll(/"\{%([^"]*)%\}"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
})();

const handPicked = [
  '($a := 2; $b := $a * 3; $b + 1)',
  '($x := $missing; $x)',
  '$max([1, $floor(($toMillis($task.ladder.escalationAt) - $toMillis($states.context.State.EnteredTime)) / 1000)])',
  '$max([1, $floor(($toMillis($late.ladder.reminderAt) - 5) / 1000)])',
  "$type($late.ladder.reminderAt) = 'string' and $n > 3",
  "$type($task.ladder.reminderAt) = 'string' and $n > 3",
  '$merge([$task, $parse($states.errorOutput.Cause)])',
  '$merge($task)',
  '$merge([$task, 1])',
  '$parse("{")',
  '$parse($n)',
  '[1, [2, 3], $list, $missing, [$nums]]',
  '$max($nums)',
  '$min([])',
  '$max("x")',
  '$max(3)',
  '-$n',
  '-$s',
  '$n % 7',
  '$n / 0',
  '$s < $n',
  '$s < "e"',
  '$nul < 1',
  '$missing < 1',
  '$missing = $missing',
  '$nul = null',
  '$obj = $obj',
  '$flag and $s',
  '$empty or $zero',
  '$obj and 1',
  '$list and 1',
  '$off ? 1',
  '$off ? 1 : 2',
  '$obj.none.x',
  '$obj.str.x',
  '$obj.arr.x',
  '$obj.constructor',
  '$toMillis("2026-02-30T00:00:00Z")',
  '$toMillis("yesterday")',
  '$toMillis($iso) + 1',
  '$type($list)',
  '$type($obj)',
  '$type($missing)',
  '$exists($missing)',
  '$exists($nul)',
  '($max := 3; $max([1]))',
  '$states.input.items',
  '$',
  '$string($n)',
  '$n & "x"',
  "{'a': $missing, 'b': $n, 'c': [1, 2], 'd': {'e': $obj.a.b}}",
  "{'a': 1, 'a': 2}",
  '{$s: 1}',
  "{'a': $list}",
  "$merge([$task, {'taskId': 'other', 'gone': $missing}])",
  '{}',
];

/** A seeded random expression over the subset's syntax, with values that leave it now and then. */
function randomExpressions(count: number, seed: number): string[] {
  let state = seed;
  const rnd = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const leaves = [
    '0',
    '1',
    '-3',
    '2.5',
    '1000',
    '"a"',
    '""',
    "'done'",
    'true',
    'false',
    'null',
    '$n',
    '$zero',
    '$neg',
    '$s',
    '$empty',
    '$iso',
    '$flag',
    '$off',
    '$nul',
    '$missing',
    '$obj.a.b',
    '$obj.a',
    '$obj.str',
    '$obj.none',
    '$task.ladder.reminderAt',
    '$late.ladder.reminderAt',
    '$states.input.every',
    '$states.context.State.EnteredTime',
    '$list',
    '$x',
    '$y',
  ];
  const ops = ['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '=', '!=', 'and', 'or'];
  const fns = ['max', 'min', 'floor', 'toMillis', 'type', 'exists', 'merge'];
  const gen = (depth: number): string => {
    if (depth === 0 || rnd() < 0.25) return pick(leaves);
    switch (Math.floor(rnd() * 7)) {
      case 0:
      case 1:
        return `(${gen(depth - 1)} ${pick(ops)} ${gen(depth - 1)})`;
      case 2:
        return `(${gen(depth - 1)} ? ${gen(depth - 1)}${rnd() < 0.7 ? ` : ${gen(depth - 1)}` : ''})`;
      case 3:
        return `($x := ${gen(depth - 1)}; $y := ${gen(depth - 1)}; ${gen(depth - 1)})`;
      case 4:
        return `$${pick(fns)}(${rnd() < 0.5 ? `[${gen(depth - 1)}, ${gen(depth - 1)}]` : gen(depth - 1)})`;
      case 5:
        return rnd() < 0.5 ? `{'k': ${gen(depth - 1)}, 'j': ${gen(depth - 1)}}` : `{'k': ${gen(depth - 1)}}`;
      default:
        return `-${gen(depth - 1)}`;
    }
  };
  return Array.from({ length: count }, () => gen(4));
}

describe('JSONata compiled subset', () => {
  it('compiles every expression of the staff-task ladder, and answers each as jsonata does', async () => {
    expect(ladderExpressions.length).toBeGreaterThan(10);
    for (const src of ladderExpressions)
      expect({ src, fast: await agrees(src) }).toEqual({ src, fast: true });
  });

  it('answers hand-picked edge cases exactly as jsonata does, or defers to it', async () => {
    let fast = 0;
    for (const src of handPicked) if (await agrees(src)) fast++;
    // the rest (errors, arrays in variables or on paths, other syntax, undefined results) are left to jsonata
    expect(fast).toBe(24);
    expect(evaluateCompiled('$obj.arr.x', vars, states)).toBe(NOT_FAST);
    expect(evaluateCompiled('$merge([$task, 1])', vars, states)).toBe(NOT_FAST);
  });

  it('answers 3,000 random expressions over its syntax exactly as jsonata does, or defers to it', async () => {
    let fast = 0;
    for (const src of randomExpressions(3000, 7)) if (await agrees(src)) fast++;
    expect(fast).toBe(958);
  });
});
