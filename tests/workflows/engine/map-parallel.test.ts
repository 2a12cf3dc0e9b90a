import { describe, expect, it } from 'vitest';
import { harness, JSONATA, ofType, secondsOf, types } from './helpers.ts';

describe('Map (inline)', () => {
  it('runs the ItemProcessor per item with ItemSelector and $states.context.Map.Item; output keeps item order', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Items: '{% $states.input.list %}',
            ItemSelector: {
              i: '{% $states.context.Map.Item.Index %}',
              v: '{% $states.context.Map.Item.Value %}',
              k: '{% $states.input.k %}',
            },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'W',
              States: {
                W: { Type: 'Wait', Seconds: '{% 10 * (3 - $states.input.i) %}', Next: 'P' },
                P: { Type: 'Pass', Output: '{% $states.input.k & $string($states.input.v) %}', End: true },
              },
            },
            End: true,
          },
        },
      },
      { list: [5, 6, 7], k: 'n' },
    );
    expect(r.output).toEqual(['n5', 'n6', 'n7']);
    expect(ofType(r.history, 'MapStateStarted')[0]!.mapStateStartedEventDetails).toEqual({ length: 3 });
    expect(ofType(r.history, 'MapIterationStarted').map((e) => e.mapIterationStartedEventDetails)).toEqual([
      { name: 'M', index: 0 },
      { name: 'M', index: 1 },
      { name: 'M', index: 2 },
    ]);
    expect(
      ofType(r.history, 'MapIterationSucceeded').map((e) => e.mapIterationSucceededEventDetails!.index),
    ).toEqual([2, 1, 0]);
    expect(types(r.history).slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('MaxConcurrency bounds the iterations in flight', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2, 3, 4, 5],
          MaxConcurrency: 2,
          ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } },
          End: true,
        },
      },
    });
    expect(r.output).toEqual([1, 2, 3, 4, 5]);
    expect(secondsOf(r.history, 'MapIterationStarted')).toEqual([0, 0, 10, 10, 20]);
  });

  it('an empty array gives [] and JSONPath Iterator/ItemsPath/Parameters work', async () => {
    const h = harness();
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          Parameters: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
          Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          ResultPath: '$.results',
          End: true,
        },
      },
    };
    expect((await h.run(def, { items: [] })).output).toEqual({ items: [], results: [] });
    expect((await h.run(def, { items: ['a', 'b'] })).output).toEqual({
      items: ['a', 'b'],
      results: [
        { value: 'a', index: 0 },
        { value: 'b', index: 1 },
      ],
    });
  });

  it('a failing iteration fails the Map with its error, aborting the others; Catch on the Map handles it', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2, 3],
          ItemProcessor: {
            StartAt: 'C',
            States: {
              C: {
                Type: 'Choice',
                Choices: [{ Condition: '{% $states.input = 2 %}', Next: 'Boom' }],
                Default: 'W',
              },
              W: { Type: 'Wait', Seconds: 100, End: true },
              Boom: { Type: 'Fail', Error: 'Item.Bad', Cause: 'two' },
            },
          },
          Catch: [{ ErrorEquals: ['Item.Bad'], Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ Error: 'Item.Bad', Cause: 'two' });
    expect(types(r.history)).toContain('MapIterationFailed');
    expect(ofType(r.history, 'MapIterationAborted')).toHaveLength(2);
    expect(types(r.history)).toContain('MapStateFailed');
    expect(ofType(r.history, 'WaitStateExited')).toHaveLength(0);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('items that are not an array fail the state', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% "x" %}',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    expect(r.error).toBe('States.QueryEvaluationError');
  });

  it('iterations see outer variables; their assignments stay inside', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { base: 100 }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: {
            StartAt: 'A',
            States: {
              A: { Type: 'Pass', Assign: { base: '{% $base + $states.input %}' }, Next: 'B' },
              B: { Type: 'Pass', Output: '{% $base %}', End: true },
            },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: { results: '{% $states.input %}', base: '{% $base %}' }, End: true },
      },
    });
    expect(r.output).toEqual({ results: [101, 102], base: 100 });
  });
});

describe('Parallel', () => {
  it('runs branches concurrently and outputs their results in branch order', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Arguments: { x: '{% $states.input.x %}' },
            Branches: [
              {
                StartAt: 'A',
                States: {
                  A: { Type: 'Wait', Seconds: 50, Next: 'A2' },
                  A2: { Type: 'Pass', Output: '{% $states.input.x + 1 %}', End: true },
                },
              },
              {
                StartAt: 'B',
                States: {
                  B: { Type: 'Wait', Seconds: 20, Next: 'B2' },
                  B2: { Type: 'Pass', Output: '{% $states.input.x * 10 %}', End: true },
                },
              },
            ],
            Output: { sum: '{% $sum($states.result) %}', all: '{% $states.result %}' },
            End: true,
          },
        },
      },
      { x: 3 },
    );
    expect(r.output).toEqual({ sum: 34, all: [4, 30] });
    expect(secondsOf(r.history, 'ExecutionSucceeded')).toEqual([50]);
    expect(types(r.history).slice(0, 3)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
    ]);
    expect(types(r.history).slice(-3)).toEqual([
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it("a failing branch fails the Parallel state with the branch's error and stops the other branches", async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 500, End: true } } },
            {
              StartAt: 'B',
              States: {
                B: { Type: 'Wait', Seconds: 5, Next: 'F' },
                F: { Type: 'Fail', Error: 'Branch.Broke', Cause: 'b' },
              },
            },
          ],
          End: true,
        },
      },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Branch.Broke', cause: 'b' });
    expect(secondsOf(r.history, 'ExecutionFailed')).toEqual([5]);
    expect(types(r.history)).toContain('ParallelStateFailed');
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('Retry on a Parallel state runs all branches again', async () => {
    let calls = 0;
    const h = harness({
      invokeLambda: async () => {
        if (++calls === 1) throw new Error('first');
        return calls;
      },
    });
    const r = await h.run({
      ...JSONATA,
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'T',
              States: {
                T: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f', End: true },
              },
            },
          ],
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 7 }],
          End: true,
        },
      },
    });
    expect(r.output).toEqual([2]);
    expect(secondsOf(r.history, 'ParallelStateStarted')).toEqual([0, 7]);
  });
});
