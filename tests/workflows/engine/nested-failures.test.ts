import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { harness, JSONATA, ofType, secondsOf, types } from './helpers.ts';

/**
 * A failure deep inside Map/Parallel nesting must fail each enclosing state in turn, stop the sibling
 * branches/iterations (recording their `…StateAborted` events before the enclosing `…StateFailed`), and then give
 * the outer state's Retry/Catch its turn; nothing may be left running (timers, task tokens).
 */

type Lang = 'JSONata' | 'JSONPath';
type Sibling = 'wait' | 'token';
const LONG = 30 * 86400;
const FN = 'arn:aws:lambda:eu-west-2:000000000000:function:notify';
const ITEMS = { items: [0, 1, 2] };

const sibling = (lang: Lang, kind: Sibling): object =>
  kind === 'wait'
    ? { Type: 'Wait', Seconds: LONG, End: true }
    : {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        ...(lang === 'JSONata'
          ? { Arguments: { FunctionName: FN, Payload: { token: '{% $states.context.Task.Token %}' } } }
          : { Parameters: { FunctionName: FN, Payload: { 'token.$': '$$.Task.Token' } } }),
        End: true,
      };

interface Scope {
  StartAt: string;
  States: Record<string, object>;
}

/** State names are unique across a whole machine. */
let counter = 0;
const unique = (base: string) => `${base}${++counter}`;

/** A Fail state, reached at once or after a 5 s Wait. */
function failing(late: boolean): Scope {
  const boom = unique('Boom');
  const fail = { Type: 'Fail', Error: 'Item.Broke', Cause: 'bad item' };
  if (!late) return { StartAt: boom, States: { [boom]: fail } };
  const pause = unique('Pause');
  return { StartAt: pause, States: { [pause]: { Type: 'Wait', Seconds: 5, Next: boom }, [boom]: fail } };
}

/** A scope of one state. */
const only = (state: object, name = unique('Only')): Scope => ({
  StartAt: name,
  States: { [name]: { ...state, End: true } },
});

/** Item 0 goes to the `zero` scope's states, the others to `other` (input `{ v, items }`). */
function byItem(lang: Lang, zero: Scope, other: object): Scope {
  const which = unique('Which');
  const rest = unique('Other');
  const rule =
    lang === 'JSONata'
      ? { Condition: '{% $states.input.v = 0 %}', Next: zero.StartAt }
      : { Variable: '$.v', NumericEquals: 0, Next: zero.StartAt };
  return {
    StartAt: which,
    States: { [which]: { Type: 'Choice', Choices: [rule], Default: rest }, ...zero.States, [rest]: other },
  };
}

/** A Map over `items` whose iterations get `{ v, items }`. */
const map = (lang: Lang, processor: Scope, extra: object = {}) => ({
  Type: 'Map',
  ...(lang === 'JSONata'
    ? {
        Items: '{% $states.input.items %}',
        ItemSelector: { v: '{% $states.context.Map.Item.Value %}', items: '{% $states.input.items %}' },
      }
    : { ItemsPath: '$.items', ItemSelector: { 'v.$': '$$.Map.Item.Value', 'items.$': '$.items' } }),
  ItemProcessor: processor,
  ...extra,
});

const parallel = (branches: Scope[], extra: object = {}) => ({
  Type: 'Parallel',
  Branches: branches,
  ...extra,
});

/** The outer state (with `extra`: Retry/Catch) holding a failing inner state whose siblings run `sib`. */
type Shape = (
  lang: Lang,
  sib: object,
  late: boolean,
  extra: object,
) => { outer: object; outerType: string; innerType: string };

const shapes: Record<string, Shape> = {
  // the reported case: branch A is a Map whose item 0 fails (the other items wait), branch B waits
  'Map in Parallel': (lang, sib, late, extra) => ({
    outerType: 'Parallel',
    innerType: 'Map',
    outer: parallel([only(map(lang, byItem(lang, failing(late), sib))), only(sib)], extra),
  }),
  'Map in Map': (lang, sib, late, extra) => ({
    outerType: 'Map',
    innerType: 'Map',
    outer: map(lang, byItem(lang, only(map(lang, byItem(lang, failing(late), sib))), sib), extra),
  }),
  'Parallel in Map': (lang, sib, late, extra) => ({
    outerType: 'Map',
    innerType: 'Parallel',
    outer: map(lang, byItem(lang, only(parallel([failing(late), only(sib)])), sib), extra),
  }),
  'Parallel in Parallel': (_lang, sib, late, extra) => ({
    outerType: 'Parallel',
    innerType: 'Parallel',
    outer: parallel([only(parallel([failing(late), only(sib)])), only(sib)], extra),
  }),
};

function definition(lang: Lang, outer: object) {
  return {
    ...(lang === 'JSONata' ? JSONATA : {}),
    StartAt: 'Outer',
    States: { Outer: { ...outer, Next: 'After' }, After: { Type: 'Pass', End: true } },
  };
}

const abortedType = (kind: Sibling) => (kind === 'wait' ? 'WaitStateAborted' : 'TaskStateAborted');

function lastIndex(history: HistoryEvent[], type: string): number {
  return types(history).lastIndexOf(type);
}

const langs: Lang[] = ['JSONata', 'JSONPath'];
const siblings: Sibling[] = ['wait', 'token'];

describe.each(Object.keys(shapes))('%s', (shapeName) => {
  const shape = shapes[shapeName]!;
  describe.each(langs)('%s', (lang) => {
    describe.each(siblings)('sibling %s', (kind) => {
      describe.each([false, true])('fails late=%s', (late) => {
        const t = late ? 5 : 0;
        const setup = () => {
          const tokens: string[] = [];
          const h = harness({
            invokeLambda: async (_fn, payload) => {
              tokens.push((payload as { token: string }).token);
              return null;
            },
          });
          return { h, tokens };
        };
        const tokensAreVoid = async (h: ReturnType<typeof harness>, tokens: string[]) => {
          // failing late, every task was invoked (at once, a task may be stopped before its invocation)
          if (kind === 'token' && late) expect(tokens.length).toBeGreaterThan(0);
          for (const taskToken of tokens)
            await expect(h.engine.sendTaskSuccess({ taskToken, output: '{}' })).rejects.toMatchObject({
              name: 'TaskTimedOut',
            });
        };

        it('a Catch on the outer state runs after the siblings are stopped; the execution moves on', async () => {
          const { h, tokens } = setup();
          const { outer, outerType, innerType } = shape(lang, sibling(lang, kind), late, {
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'After' }],
          });
          const r = await h.run(definition(lang, outer), ITEMS);
          expect(r.status).toBe('SUCCEEDED');
          expect(r.output).toEqual({ Error: 'Item.Broke', Cause: 'bad item' });
          expect(secondsOf(r.history, 'ExecutionSucceeded')).toEqual([t]);
          expect(h.clock.pendingTimers()).toBe(0);
          const failedAt = lastIndex(r.history, `${outerType}StateFailed`);
          expect(failedAt).toBeGreaterThan(0);
          // the inner state failed first (once), then the outer one
          expect(ofType(r.history, `${innerType}StateFailed`)).toHaveLength(innerType === outerType ? 2 : 1);
          expect(ofType(r.history, `${outerType}StateFailed`).length).toBeGreaterThanOrEqual(1);
          expect(types(r.history).indexOf(abortedType(kind))).toBeGreaterThan(0);
          expect(lastIndex(r.history, abortedType(kind))).toBeLessThan(failedAt);
          expect(types(r.history).slice(failedAt + 1)).toEqual([
            'PassStateEntered',
            'PassStateExited',
            'ExecutionSucceeded',
          ]);
          await tokensAreVoid(h, tokens);
        });

        it('without a Catch the execution fails with the Fail state’s error and cause', async () => {
          const { h, tokens } = setup();
          const { outer, outerType } = shape(lang, sibling(lang, kind), late, {});
          const r = await h.run(definition(lang, outer), ITEMS);
          expect(r).toMatchObject({ status: 'FAILED', error: 'Item.Broke', cause: 'bad item' });
          expect(secondsOf(r.history, 'ExecutionFailed')).toEqual([t]);
          expect(types(r.history).slice(-2)).toEqual([`${outerType}StateFailed`, 'ExecutionFailed']);
          expect(types(r.history)).toContain(abortedType(kind));
          expect(h.clock.pendingTimers()).toBe(0);
          await tokensAreVoid(h, tokens);
        });

        it('a Retry on the outer state runs it again (no …StateFailed between attempts), then the Catch', async () => {
          const { h, tokens } = setup();
          const { outer, outerType, innerType } = shape(lang, sibling(lang, kind), late, {
            Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 7, MaxAttempts: 1 }],
            Catch: [{ ErrorEquals: ['Item.Broke'], Next: 'After' }],
          });
          const r = await h.run(definition(lang, outer), ITEMS);
          expect(r.status).toBe('SUCCEEDED');
          const same = innerType === outerType;
          // each attempt starts the outer state then the inner one; the inner one fails in each attempt, the
          // outer one only once retries are exhausted
          expect(secondsOf(r.history, `${outerType}StateStarted`)).toEqual(
            same ? [0, 0, t + 7, t + 7] : [0, t + 7],
          );
          expect(secondsOf(r.history, `${innerType}StateStarted`)).toEqual(
            same ? [0, 0, t + 7, t + 7] : [0, t + 7],
          );
          expect(ofType(r.history, `${outerType}StateFailed`)).toHaveLength(same ? 3 : 1);
          expect(ofType(r.history, `${innerType}StateFailed`)).toHaveLength(same ? 3 : 2);
          expect(secondsOf(r.history, 'ExecutionSucceeded')).toEqual([2 * t + 7]);
          expect(h.clock.pendingTimers()).toBe(0);
          await tokensAreVoid(h, tokens);
        });
      });
    });
  });
});

describe('nested failures: event order and redrive', () => {
  it('Parallel [Map → Fail, 30-day Wait] with Catch: iteration failed, others aborted, Map failed, Wait aborted, Parallel failed', async () => {
    const h = harness();
    const r = await h.run(
      definition('JSONata', {
        ...parallel([
          only(map('JSONata', byItem('JSONata', failing(true), sibling('JSONata', 'wait'))), 'M'),
          only(sibling('JSONata', 'wait')),
        ]),
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'After' }],
      }),
      ITEMS,
    );
    expect(r.status).toBe('SUCCEEDED');
    const tail = types(r.history).slice(types(r.history).indexOf('MapIterationFailed'));
    expect(tail).toEqual([
      'MapIterationFailed',
      'WaitStateAborted',
      'MapIterationAborted',
      'WaitStateAborted',
      'MapIterationAborted',
      'MapStateFailed',
      'WaitStateAborted',
      'ParallelStateFailed',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(ofType(r.history, 'MapIterationAborted').map((e) => e.mapIterationAbortedEventDetails)).toEqual([
      { name: 'M', index: 1 },
      { name: 'M', index: 2 },
    ]);
    for (const e of ofType(r.history, 'WaitStateAborted'))
      expect(Object.keys(e).sort()).toEqual(['id', 'previousEventId', 'timestamp', 'type']);
  });

  it('a failing branch of a nested Parallel is not caught by the inner state’s own missing Catch but by the outer one, once', async () => {
    const h = harness();
    const r = await h.run(
      definition('JSONPath', {
        ...parallel([
          only(parallel([failing(false), only(sibling('JSONPath', 'wait'))])),
          only(sibling('JSONPath', 'wait')),
        ]),
        Catch: [{ ErrorEquals: ['Item.Broke'], ResultPath: '$.error', Next: 'After' }],
      }),
      ITEMS,
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ ...ITEMS, error: { Error: 'Item.Broke', Cause: 'bad item' } });
    expect(ofType(r.history, 'ParallelStateFailed')).toHaveLength(2);
    expect(ofType(r.history, 'WaitStateAborted')).toHaveLength(2);
  });

  it('redrive after a nested failure reruns only the failed and aborted leaves', async () => {
    let broken = true;
    const calls: number[] = [];
    const h = harness({
      invokeLambda: async (_fn, payload) => {
        const v = (payload as { v: number }).v;
        calls.push(v);
        if (broken && v === 1) throw new Error('down');
        return v * 10;
      },
    });
    const task = {
      Type: 'Task',
      Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
      Arguments: { v: '{% $states.input.v %}' },
      End: true,
    };
    const sm = await h.machine(
      definition(
        'JSONata',
        parallel([
          only(map('JSONata', byItem('JSONata', only(task, 'First'), task))),
          only(sibling('JSONata', 'wait')),
        ]),
      ),
    );
    const arn = await h.start(sm, ITEMS);
    await h.clock.runUntilIdle();
    expect((await h.describe(arn)).status).toBe('FAILED');
    expect(h.clock.pendingTimers()).toBe(0);
    broken = false;
    await h.engine.redriveExecution({ executionArn: arn });
    await h.clock.runUntilIdle();
    const d = await h.describe(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual([[0, 10, 20], ITEMS]);
    // the three invocations answer at the same instant, in order: item 1's failure fails the Map before item 2's
    // answer is taken, so item 2 was aborted and runs again; item 0 had succeeded and does not
    expect(calls.sort()).toEqual([0, 1, 1, 2, 2]);
    const hist = await h.history(arn);
    expect(secondsOf(hist, 'ExecutionSucceeded')).toEqual([LONG]);
    expect(ofType(hist, 'WaitStateAborted')).toHaveLength(1);
  });
});

describe('nested failures: .sync child executions', () => {
  it('a sibling’s failure stops a running .sync child (its own abort events); the Catch moves on, no TaskFailed', async () => {
    const h = harness();
    const child = await h.machine(
      { ...JSONATA, StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: LONG, End: true } } },
      'held',
    );
    const awaitChild = {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Arguments: { StateMachineArn: child, Name: '{% "c-" & $string($states.input.v) %}', Input: {} },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'ChildFailed' }],
      End: true,
    };
    const r = await h.run(
      definition('JSONata', {
        ...parallel([
          {
            StartAt: 'M',
            States: {
              M: {
                ...map('JSONata', {
                  StartAt: 'AwaitChild',
                  States: { AwaitChild: awaitChild, ChildFailed: { Type: 'Succeed' } },
                }),
                End: true,
              },
            },
          },
          failing(true),
        ]),
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'After' }],
      }),
      ITEMS,
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(types(r.history)).not.toContain('TaskFailed');
    expect(types(r.history)).not.toContain('SucceedStateEntered');
    expect(ofType(r.history, 'TaskStateAborted')).toHaveLength(3);
    for (const v of ITEMS.items) {
      const arn = `arn:aws:states:eu-west-2:000000000000:execution:held:c-${v}`;
      expect(await h.describe(arn)).toMatchObject({ status: 'ABORTED', error: 'States.Aborted' });
      expect(types(await h.history(arn)).slice(-2)).toEqual(['WaitStateAborted', 'ExecutionAborted']);
    }
    expect(h.clock.pendingTimers()).toBe(0);
  });
});

describe('nested failures: a branch or iteration failing at once', () => {
  const noMatch = { Type: 'Choice', Choices: [{ Variable: '$.v', NumericEquals: 99, Next: 'Never' }] };
  const never = { Type: 'Pass', End: true };

  it('a Parallel whose first branch fails while the branches start: the others never run, the Catch runs', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'C', States: { C: noMatch, Never: never } },
              { StartAt: 'W1', States: { W1: { Type: 'Wait', Seconds: 1000, End: true } } },
              { StartAt: 'W2', States: { W2: { Type: 'Wait', Seconds: 1000, End: true } } },
            ],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Pass', End: true },
        },
      },
      { v: 0 },
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({ Error: 'States.NoChoiceMatched' });
    expect(types(r.history)).not.toContain('WaitStateEntered');
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('a Map whose first iteration fails while the items start: later items never start, and a redrive starts them', async () => {
    const h = harness();
    const sm = await h.machine({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            StartAt: 'C',
            States: {
              C: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 0, Next: 'W' }] },
              W: { Type: 'Wait', Seconds: 10, End: true },
            },
          },
          End: true,
        },
      },
    });
    const arn = await h.start(sm, { items: [0, 1, 2] });
    await h.clock.runUntilIdle();
    expect((await h.describe(arn)).error).toBe('States.NoChoiceMatched');
    expect(ofType(await h.history(arn), 'MapIterationStarted')).toHaveLength(1);
    await h.engine.redriveExecution({ executionArn: arn });
    await h.clock.runUntilIdle();
    // item 0 fails again (the Choice is deterministic); items 1 and 2 did start on the redrive
    const hist = await h.history(arn);
    expect(ofType(hist, 'MapIterationStarted').map((e) => e.mapIterationStartedEventDetails!.index)).toEqual(
      expect.arrayContaining([1, 2]),
    );
    expect((await h.describe(arn)).status).toBe('FAILED');
    expect(h.clock.pendingTimers()).toBe(0);
  });
});
