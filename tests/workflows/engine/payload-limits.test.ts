import { describe, expect, it } from 'vitest';
import { fitsPayload, PAYLOAD_LIMIT } from '#engine/payload.ts';
import { harness, JSONATA, ofType, types } from './helpers.ts';

/**
 * The 256 KiB payload quota (262,144 bytes of UTF-8 JSON), as AWS applies it: StartExecution and SendTaskSuccess
 * refuse larger strings (ValidationException); a task's oversized result fails the task (`TaskFailed` with
 * `States.DataLimitExceeded`, which Retry and Catch handle like any task error, `States.ALL` included, as AWS
 * recorded); an oversized state output or input (after Arguments/Parameters/ItemSelector) is terminal:
 * `States.ALL` does not match it, only `States.DataLimitExceeded` named.
 */

const FN = 'arn:aws:lambda:eu-west-2:000000000000:function:big';
const outputCause = (name: string) =>
  `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`;
/** a JSON string value of exactly `bytes` bytes once stringified */
const jsonString = (bytes: number) => 'x'.repeat(bytes - 2);

describe('fitsPayload', () => {
  it('counts UTF-8 bytes of the JSON text, exactly at the boundary', () => {
    expect(fitsPayload(jsonString(PAYLOAD_LIMIT))).toBe(true);
    expect(fitsPayload(jsonString(PAYLOAD_LIMIT + 1))).toBe(false);
    // 3-byte characters: 100,000 characters are 300,002 bytes
    expect(fitsPayload('€'.repeat(100_000))).toBe(false);
    expect(fitsPayload('€'.repeat(87_380))).toBe(true);
    // escapes count: a control character is 6 bytes (\u0001)
    expect(fitsPayload('\u0001'.repeat(50_000))).toBe(false);
    expect(fitsPayload({ a: [1, 2, { b: jsonString(PAYLOAD_LIMIT - 20) }] })).toBe(true);
    expect(fitsPayload({ a: [1, 2, { b: jsonString(PAYLOAD_LIMIT) }] })).toBe(false);
    const many = Array.from({ length: 30_000 }, (_, i) => i * 1000);
    expect(fitsPayload(many)).toBe(Buffer.byteLength(JSON.stringify(many)) <= PAYLOAD_LIMIT);
    expect(fitsPayload([...many, ...many])).toBe(false);
    expect(fitsPayload(null)).toBe(true);
  });
  it('counts the bytes around a value (a Lambda answer around its payload), even for a value just found to fit', () => {
    const payload = { blob: jsonString(PAYLOAD_LIMIT - 100) };
    expect(fitsPayload(payload)).toBe(true);
    expect(fitsPayload(payload)).toBe(true);
    expect(fitsPayload(payload, 200)).toBe(false);
    expect(fitsPayload(payload, 90)).toBe(true);
  });
  it('a long string already measured is not measured again, and still counts every time it appears', () => {
    const blob = 'x'.repeat(150_000);
    expect(fitsPayload({ blob })).toBe(true);
    expect(fitsPayload({ blob, n: 1 })).toBe(true);
    expect(fitsPayload({ a: blob, b: blob })).toBe(false);
    const inner = { blob, list: Array.from({ length: 500 }, (_, i) => ({ i })) };
    expect(fitsPayload({ inner })).toBe(true);
    expect(fitsPayload({ inner, again: inner })).toBe(false);
  });
});

describe('payload limits on the API', () => {
  it('StartExecution refuses an input over 262,144 UTF-8 bytes with ValidationException; at the limit it starts', async () => {
    const h = harness();
    const sm = await h.machine({ ...JSONATA, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    await expect(
      h.engine.startExecution({ stateMachineArn: sm, input: JSON.stringify('é'.repeat(131_072)) }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'input' failed to satisfy constraint"),
    });
    expect((await h.engine.listExecutions({ stateMachineArn: sm })).executions).toHaveLength(0);
    const { executionArn } = await h.engine.startExecution({
      stateMachineArn: sm,
      input: JSON.stringify(jsonString(PAYLOAD_LIMIT)),
    });
    await h.clock.runUntilIdle();
    expect((await h.describe(executionArn!)).status).toBe('SUCCEEDED');
  });

  it('SendTaskSuccess refuses an output over the limit and the task keeps waiting', async () => {
    const tokens: string[] = [];
    const h = harness({
      invokeLambda: async (_f, p) => {
        tokens.push((p as { token: string }).token);
        return null;
      },
    });
    const arn = await h.start(
      await h.machine({
        ...JSONATA,
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Arguments: { FunctionName: 'f', Payload: { token: '{% $states.context.Task.Token %}' } },
            End: true,
          },
        },
      }),
    );
    await h.clock.settle();
    await expect(
      h.engine.sendTaskSuccess({
        taskToken: tokens[0]!,
        output: JSON.stringify(jsonString(PAYLOAD_LIMIT + 1)),
      }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.engine.sendTaskSuccess({ taskToken: tokens[0]!, output: '"small"' });
    await h.clock.runUntilIdle();
    expect((await h.describe(arn)).output).toBe('"small"');
  });
});

describe('States.DataLimitExceeded in executions', () => {
  it('a large payload carried from state to state (new objects around the same string) runs through', async () => {
    const h = harness();
    const step = (next: string) => ({
      Type: 'Pass',
      Output: { blob: '{% $states.input.blob %}', n: '{% $states.input.n + 1 %}' },
      Next: next,
    });
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'A',
        States: {
          A: step('B'),
          B: step('C'),
          C: { ...step('D') },
          D: { Type: 'Pass', Output: '{% $states.input.n %}', End: true },
        },
      },
      { blob: 'y'.repeat(200_000), n: 0 },
    );
    expect(r.output).toBe(3);
  });

  it('a state output over the limit fails the execution at once: no Exited event (as AWS records it)', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'State_1',
        States: { State_1: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } },
      },
      { s: jsonString(140_000) },
    );
    expect(r).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: outputCause('State_1'),
    });
    expect(types(r.history)).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it('the output limit is the exact byte count (JSONata, 3-byte characters)', async () => {
    const h = harness();
    const def = (extra: number) => ({
      ...JSONATA,
      StartAt: 'Grow',
      States: {
        Grow: {
          Type: 'Pass',
          Output: `{% $states.input & $substring($states.input, 0, ${extra}) %}`,
          End: true,
        },
      },
    });
    // input: 80,000 '€' (240,002 bytes); + 7,380 '€': 262,142 bytes, fits; + 7,381: 262,145 bytes, too large
    const input = '€'.repeat(80_000);
    expect((await h.run(def(7_380), input)).status).toBe('SUCCEEDED');
    expect((await h.run(def(7_381), input)).error).toBe('States.DataLimitExceeded');
  });

  it('a task result over the limit is the task’s failure: TaskFailed, then States.ALL catches it', async () => {
    const h = harness({ invokeLambda: async () => ({ blob: jsonString(PAYLOAD_LIMIT) }) });
    const r = await h.run({
      ...JSONATA,
      StartAt: 'Invoke',
      States: {
        Invoke: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'big', Payload: {} },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle' }],
          End: true,
        },
        Handle: { Type: 'Pass', End: true },
      },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ Error: 'States.DataLimitExceeded', Cause: outputCause('lambda') });
    expect(types(r.history)).not.toContain('TaskSucceeded');
    expect(ofType(r.history, 'TaskFailed')[0]!.taskFailedEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'States.DataLimitExceeded',
      cause: outputCause('lambda'),
    });
  });

  it('a Lambda ARN task: LambdaFunctionFailed naming the function; Retry applies like any task error', async () => {
    let calls = 0;
    const h = harness({
      invokeLambda: async () => (++calls === 1 ? jsonString(PAYLOAD_LIMIT + 1) : 'fine'),
    });
    const r = await h.run({
      ...JSONATA,
      StartAt: 'Invoke',
      States: {
        Invoke: {
          Type: 'Task',
          Resource: FN,
          Retry: [{ ErrorEquals: ['States.DataLimitExceeded'], IntervalSeconds: 1 }],
          End: true,
        },
      },
    });
    expect(r.output).toBe('fine');
    expect(ofType(r.history, 'LambdaFunctionFailed')[0]!.lambdaFunctionFailedEventDetails).toEqual({
      error: 'States.DataLimitExceeded',
      cause: outputCause(FN),
    });
  });

  it('a task output over the limit (its result merged into the input) is terminal: States.ALL does not catch it, the error name does', async () => {
    const def = (errors: string[]) => ({
      StartAt: 'Invoke',
      States: {
        Invoke: {
          Type: 'Task',
          Resource: FN,
          ResultPath: '$.result',
          Catch: [{ ErrorEquals: errors, Next: 'Handle' }],
          End: true,
        },
        Handle: { Type: 'Pass', End: true },
      },
    });
    const input = { keep: jsonString(140_000) };
    const h = harness({ invokeLambda: async () => jsonString(140_000) });
    const all = await h.run(def(['States.ALL']), input);
    expect(all).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: outputCause('Invoke'),
    });
    expect(types(all.history)).toContain('LambdaFunctionSucceeded');
    const named = await h.run(def(['States.DataLimitExceeded']), input);
    expect(named.status).toBe('SUCCEEDED');
    expect(named.output).toEqual({ Error: 'States.DataLimitExceeded', Cause: outputCause('Invoke') });
  });

  it('a task input over the limit after Arguments is terminal and nothing is scheduled', async () => {
    const h = harness({ invokeLambda: async () => 'never' });
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'Invoke',
        States: {
          Invoke: {
            Type: 'Task',
            Resource: FN,
            Arguments: { a: '{% $states.input %}', b: '{% $states.input %}' },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle' }],
            End: true,
          },
          Handle: { Type: 'Pass', End: true },
        },
      },
      jsonString(140_000),
    );
    expect(r.error).toBe('States.DataLimitExceeded');
    expect(types(r.history)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ExecutionFailed']);
  });

  it('inside a Parallel: the terminal error stops the siblings and is not caught by the Parallel’s States.ALL', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } },
              {
                StartAt: 'Big',
                States: { Big: { Type: 'Pass', Output: '{% [$states.input, $states.input] %}', End: true } },
              },
            ],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle' }],
            End: true,
          },
          Handle: { Type: 'Pass', End: true },
        },
      },
      jsonString(140_000),
    );
    expect(r).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: outputCause('Big'),
    });
    expect(types(r.history).slice(-3)).toEqual([
      'WaitStateAborted',
      'ParallelStateFailed',
      'ExecutionFailed',
    ]);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('a Map whose collected results exceed the limit fails, though each iteration fits', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Items: [1, 2, 3],
            ItemProcessor: {
              StartAt: 'Echo',
              States: { Echo: { Type: 'Pass', Output: `{% $pad("", 100000, "x") %}`, End: true } },
            },
            Output: '{% $count($states.result) %}',
            End: true,
          },
        },
      },
      {},
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded', cause: outputCause('M') });
    expect(types(r.history).slice(-2)).toEqual(['MapStateSucceeded', 'ExecutionFailed']);
  });

  it('an ItemSelector result over the limit fails the Map before that iteration starts (JSONPath)', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'big.$': '$.big', 'again.$': '$.big' },
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      { items: [1], big: jsonString(140_000) },
    );
    expect(r.error).toBe('States.DataLimitExceeded');
    expect(types(r.history)).not.toContain('MapIterationStarted');
  });
});
