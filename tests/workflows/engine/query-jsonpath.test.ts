import { describe, expect, it } from 'vitest';
import { harness, ofType } from './helpers.ts';

/** Engine-level use of the JSONPath toolkit: how the states apply InputPath, Parameters, ResultSelector, ResultPath, OutputPath. */
describe('JSONPath states', () => {
  it('Task: InputPath -> Parameters -> ResultSelector -> ResultPath -> OutputPath', async () => {
    const payloads: unknown[] = [];
    const h = harness({
      invokeLambda: async (_f, p) => {
        payloads.push(p);
        return { total: 10, noise: true };
      },
    });
    const r = await h.run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            InputPath: '$.order',
            Parameters: { FunctionName: 'f', 'Payload.$': '$', 'exec.$': '$$.Execution.Name' },
            ResultSelector: { 'total.$': '$.Payload.total' },
            ResultPath: '$.priced',
            OutputPath: '$.priced',
            End: true,
          },
        },
      },
      { order: { id: 7 } },
    );
    expect(payloads).toEqual([{ id: 7 }]);
    expect(r.output).toEqual({ total: 10 });
    expect(
      JSON.parse(ofType(r.history, 'TaskScheduled')[0]!.taskScheduledEventDetails!.parameters!),
    ).toMatchObject({ FunctionName: 'f', Payload: { id: 7 } });
  });

  it('Pass: Result with ResultPath, Parameters with intrinsic functions; ResultPath null keeps the input', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Result: { fixed: 1 }, ResultPath: '$.r', Next: 'B' },
          B: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.n, 5)', 'r.$': '$.r' }, Next: 'C' },
          C: { Type: 'Pass', Result: 'ignored', ResultPath: null, End: true },
        },
      },
      { n: 1 },
    );
    expect(r.output).toEqual({ sum: 6, r: { fixed: 1 } });
  });

  it('Choice rules, Default and variables from JSONPath Assign', async () => {
    const h = harness();
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { 'limit.$': '$.limit' }, Next: 'C' },
        C: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.n', NumericGreaterThanPath: '$limit', Next: 'Over', Assign: { verdict: 'over' } },
          ],
          Default: 'Under',
        },
        Over: { Type: 'Pass', Parameters: { 'v.$': '$verdict' }, End: true },
        Under: { Type: 'Pass', Result: 'under', End: true },
      },
    };
    expect((await h.run(def, { n: 5, limit: 3 })).output).toEqual({ v: 'over' });
    expect((await h.run(def, { n: 1, limit: 3 })).output).toBe('under');
  });

  it('Wait SecondsPath and TimestampPath; Fail ErrorPath/CausePath', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'W',
        States: {
          W: { Type: 'Wait', SecondsPath: '$.s', Next: 'W2' },
          W2: { Type: 'Wait', TimestampPath: '$.ts', Next: 'F' },
          F: { Type: 'Fail', ErrorPath: '$.err', CausePath: "States.Format('waited {}s', $.s)" },
        },
      },
      { s: 30, ts: '2026-01-02T00:00:00Z', err: 'Custom.Error' },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'Custom.Error', cause: 'waited 30s' });
  });

  it('Parallel with Parameters, ResultSelector and OutputPath', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Parameters: { 'v.$': '$.v' },
            Branches: [
              { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
              { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
            ],
            ResultSelector: { 'first.$': '$[0].v', 'second.$': '$[1]' },
            End: true,
          },
        },
      },
      { v: 9 },
    );
    expect(r.output).toEqual({ first: 9, second: 'b' });
  });

  it('TimeoutSecondsPath sets the task timeout', async () => {
    const h = harness({ invokeLambda: async () => null });
    const r = await h.run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: 'f', 'Payload.$': '$$.Task.Token' },
            TimeoutSecondsPath: '$.t',
            End: true,
          },
        },
      },
      { t: 45 },
    );
    expect(r.error).toBe('States.Timeout');
    expect(ofType(r.history, 'TaskScheduled')[0]!.taskScheduledEventDetails!.timeoutInSeconds).toBe(45);
  });
});
