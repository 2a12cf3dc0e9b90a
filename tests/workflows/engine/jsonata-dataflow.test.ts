import { describe, expect, it } from 'vitest';
import { harness, JSONATA, ofType, oneTask, types } from './helpers.ts';

describe('JSONata data flow', () => {
  it('evaluates {% %} strings nested anywhere in Arguments and Output', async () => {
    const h = harness({ invokeLambda: async (_fn, payload) => ({ echoed: payload }) });
    const r = await h.run(
      oneTask({
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: {
          FunctionName: 'fn',
          Payload: {
            list: ['{% $states.input.a %}', 2, { deep: '{% $states.input.a * 10 %}' }],
            fixed: 'x',
          },
        },
        Output: ['{% $states.result.Payload.echoed.list[2].deep %}', '{% $states.input.a %}', true, null],
      }),
      { a: 4 },
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual([40, 4, true, null]);
    const scheduled = ofType(r.history, 'TaskScheduled')[0]!;
    expect(JSON.parse(scheduled.taskScheduledEventDetails!.parameters!)).toEqual({
      FunctionName: 'fn',
      Payload: { list: [4, 2, { deep: 40 }], fixed: 'x' },
    });
  });

  it('accepts a whole-field expression and scalar outputs', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'P',
        States: { P: { Type: 'Pass', Output: '{% $states.input.x & "!" %}', End: true } },
      },
      { x: 'hi' },
    );
    expect(r.output).toBe('hi!');
  });

  it('Assign evaluates every value with the variables as they were before the state', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1, y: 10 }, Next: 'B' },
        B: {
          Type: 'Pass',
          Assign: { x: '{% $x + 1 %}', y: '{% $x %}' },
          Output: { x: '{% $x %}' },
          Next: 'C',
        },
        C: { Type: 'Pass', Output: { x: '{% $x %}', y: '{% $y %}' }, End: true },
      },
    });
    expect(r.output).toEqual({ x: 2, y: 1 });
    const exited = ofType(r.history, 'PassStateExited')[1]!.stateExitedEventDetails!;
    expect(exited.output).toBe('{"x":1}');
    expect(exited.assignedVariables).toEqual({ x: '2', y: '1' });
  });

  it('Output of a Task sees $states.input and $states.result; Assign sees $states.result', async () => {
    const h = harness({ invokeLambda: async () => ({ v: 7 }) });
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
            Assign: { got: '{% $states.result.v %}' },
            Output: { in: '{% $states.input.k %}', res: '{% $states.result.v %}' },
            Next: 'U',
          },
          U: { Type: 'Pass', Output: '{% $got %}', End: true },
        },
      },
      { k: 'key' },
    );
    expect(ofType(r.history, 'TaskStateExited')[0]!.stateExitedEventDetails!.output).toBe(
      '{"in":"key","res":7}',
    );
    expect(r.output).toBe(7);
  });

  it('an expression returning nothing fails with States.QueryEvaluationError naming state and field', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: { a: '{% $states.input.missing %}' }, End: true } },
    });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toContain("state 'P'");
    expect(r.cause).toContain("'Output.a'");
    expect(r.cause).toContain('returned nothing');
    expect(types(r.history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'EvaluationFailed',
      'ExecutionFailed',
    ]);
    expect(ofType(r.history, 'EvaluationFailed')[0]!.evaluationFailedEventDetails).toMatchObject({
      state: 'P',
      error: 'States.QueryEvaluationError',
      location: 'Output.a',
    });
  });

  it('a runtime JSONata error is States.QueryEvaluationError and can be caught', async () => {
    const h = harness({ invokeLambda: async () => 1 });
    const r = await h.run({
      ...JSONATA,
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
          Arguments: '{% $number("x") + $error("boom") %}',
          Catch: [
            {
              ErrorEquals: ['States.QueryEvaluationError'],
              Output: '{% $states.errorOutput %}',
              Next: 'Caught',
            },
          ],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect((r.output as { Error: string }).Error).toBe('States.QueryEvaluationError');
  });

  it('$eval is unavailable; $parse, $partition, $range, $hash and $uuid are provided', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'P',
      States: {
        P: {
          Type: 'Pass',
          Output: {
            parsed: '{% $parse(\'{"a":1}\') %}',
            parts: '{% $partition([1,2,3,4,5], 2) %}',
            range: '{% $range(0, 10, 5) %}',
            hash: '{% $hash("abc", "SHA-256") %}',
            uuidLength: '{% $length($uuid()) %}',
          },
          Next: 'E',
        },
        E: { Type: 'Pass', Output: '{% $eval("1+1") %}', End: true },
      },
    });
    const exited = JSON.parse(ofType(r.history, 'PassStateExited')[0]!.stateExitedEventDetails!.output!);
    expect(exited).toEqual({
      parsed: { a: 1 },
      parts: [[1, 2], [3, 4], [5]],
      range: [0, 5, 10],
      hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      uuidLength: 36,
    });
    expect(r.error).toBe('States.QueryEvaluationError');
  });

  it('exposes the context object through $states.context', async () => {
    const h = harness();
    const arn = await h.machine(
      {
        ...JSONATA,
        StartAt: 'Wait',
        States: {
          Wait: { Type: 'Wait', Seconds: 5, Next: 'P' },
          P: { Type: 'Pass', Output: '{% $states.context %}', End: true },
        },
      },
      'ctx-machine',
    );
    const exec = await h.start(arn, { hello: 'world' }, 'ctx-run');
    await h.clock.runUntilIdle();
    const d = await h.describe(exec);
    expect(JSON.parse(d.output!)).toEqual({
      Execution: {
        Id: exec,
        Input: { hello: 'world' },
        Name: 'ctx-run',
        RoleArn: 'arn:aws:iam::000000000000:role/test',
        StartTime: '2026-01-01T00:00:00.000Z',
        RedriveCount: 0,
      },
      State: { EnteredTime: '2026-01-01T00:00:05.000Z', Name: 'P', RetryCount: 0 },
      StateMachine: { Id: arn, Name: 'ctx-machine' },
    });
  });

  it('per-state QueryLanguage mixes JSONPath and JSONata states', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'Path',
        States: {
          Path: { Type: 'Pass', Parameters: { 'v.$': '$.a' }, Next: 'Ata' },
          Ata: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.v + 1 %}', End: true },
        },
      },
      { a: 1 },
    );
    expect(r.output).toBe(2);
    expect(types(r.history)).toContain('PassStateExited');
  });
});
