import { describe, expect, it } from 'vitest';
import { uuidOf } from '#engine/util.ts';
import { harness, ofType, oneTask, types } from './helpers.ts';

describe('Lambda integrations', () => {
  it('lambda:invoke returns the AWS result shape and passes FunctionName, Qualifier and meta', async () => {
    const calls: unknown[] = [];
    const h = harness({
      invokeLambda: async (fn, payload, meta) => {
        calls.push({ fn, payload, meta });
        return { hello: 'there' };
      },
    });
    const r = await h.run(
      oneTask({
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: {
          FunctionName: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
          Qualifier: 'live',
          Payload: { a: 1 },
        },
      }),
    );
    expect(calls).toEqual([
      {
        fn: 'arn:aws:lambda:eu-west-2:000000000000:function:f:live',
        payload: { a: 1 },
        meta: { executionArn: r.arn, stateName: 'Call' },
      },
    ]);
    const out = r.output as Record<string, unknown>;
    expect(out).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { hello: 'there' },
      StatusCode: 200,
      SdkHttpMetadata: { HttpStatusCode: 200 },
    });
    expect(out.SdkResponseMetadata).toHaveProperty('RequestId');
    const requestId = (out.SdkResponseMetadata as { RequestId: string }).RequestId;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((out.SdkHttpMetadata as Record<string, unknown>).AllHttpHeaders).toEqual({
      'Content-Type': ['application/json'],
      'X-Amz-Executed-Version': ['$LATEST'],
      'x-amzn-RequestId': [requestId],
    });
    expect((out.SdkHttpMetadata as Record<string, unknown>).HttpHeaders).toEqual({
      'Content-Type': 'application/json',
      'X-Amz-Executed-Version': '$LATEST',
      'x-amzn-RequestId': requestId,
    });
    expect(types(r.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(ofType(r.history, 'TaskScheduled')[0]!.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'eu-west-2',
    });
  });

  it('gives each invocation its own request id, the same wherever the answer is read', async () => {
    const h = harness({ invokeLambda: async () => ({ ok: true }) });
    const call = (next?: string) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'arn:aws:lambda:eu-west-2:000000000000:function:f', Payload: {} },
      Output: '{% $states.result %}',
      ...(next ? { Next: next } : { End: true }),
    });
    const r = await h.run({
      QueryLanguage: 'JSONata',
      StartAt: 'One',
      States: { One: call('Two'), Two: call() },
    });
    const answers = ofType(r.history, 'TaskSucceeded').map(
      (e) =>
        JSON.parse(e.taskSucceededEventDetails!.output!) as { SdkResponseMetadata: { RequestId: string } },
    );
    const ids = answers.map((a) => a.SdkResponseMetadata.RequestId);
    expect(new Set(ids).size).toBe(2);
    // the state's output is the answer as the state saw it: the same id as the history's
    expect((r.output as { SdkResponseMetadata: { RequestId: string } }).SdkResponseMetadata.RequestId).toBe(
      ids[1],
    );
    const again = await h.history(r.arn);
    expect(JSON.parse(ofType(again, 'TaskSucceeded')[1]!.taskSucceededEventDetails!.output!)).toEqual(
      answers[1],
    );
  });

  it('makes request ids of the v4 shape, one a number, every number its own', () => {
    const seen = new Set<string>();
    for (const n of [0, 1, 2, 0x7fffffff, -1, 123_456_789]) {
      expect(uuidOf(n)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(uuidOf(n)).toBe(uuidOf(n));
    }
    for (let n = 0; n < 100_000; n++) seen.add(uuidOf(1_000_000 + n));
    expect(seen.size).toBe(100_000);
  });

  it("records each task's details in full and in AWS's order, though the engine shares their fixed part", async () => {
    const h = harness({ invokeLambda: async (_fn, payload) => ({ got: payload }) });
    const call = (n: number, next?: string) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'arn:aws:lambda:eu-west-2:000000000000:function:f', Payload: { n } },
      ...(next ? { Next: next } : { End: true }),
    });
    const r = await h.run({
      QueryLanguage: 'JSONata',
      StartAt: 'One',
      States: { One: call(1, 'Two'), Two: call(2) },
    });
    const scheduled = ofType(r.history, 'TaskScheduled').map((e) => e.taskScheduledEventDetails!);
    const succeeded = ofType(r.history, 'TaskSucceeded').map((e) => e.taskSucceededEventDetails!);
    scheduled.forEach((d, i) => {
      expect(Object.keys(d)).toEqual(['resourceType', 'resource', 'region', 'parameters']);
      expect(d).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'eu-west-2' });
      expect(JSON.parse(d.parameters!)).toEqual({
        FunctionName: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
        Payload: { n: i + 1 },
      });
    });
    succeeded.forEach((d, i) => {
      expect(Object.keys(d)).toEqual(['resourceType', 'resource', 'output', 'outputDetails']);
      expect(d.outputDetails).toEqual({ truncated: false });
      expect(JSON.parse(d.output!).Payload).toEqual({ got: { n: i + 1 } });
    });
    // what a caller is given is its own: changing one event's details changes no other
    scheduled[0]!.resource = 'changed';
    const again = await h.engine.getExecutionHistory({ executionArn: r.arn });
    expect(ofType(again.events ?? [], 'TaskScheduled')[1]!.taskScheduledEventDetails!.resource).toBe(
      'invoke',
    );
  });

  it('a bare function ARN returns the payload and records LambdaFunction* events', async () => {
    const h = harness({ invokeLambda: async (_fn, p) => ({ doubled: (p as { n: number }).n * 2 }) });
    const r = await h.run(
      {
        StartAt: 'F',
        States: {
          F: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
            TimeoutSeconds: 10,
            End: true,
          },
        },
      },
      { n: 21 },
    );
    expect(r.output).toEqual({ doubled: 42 });
    expect(types(r.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(ofType(r.history, 'LambdaFunctionScheduled')[0]!.lambdaFunctionScheduledEventDetails).toEqual({
      resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
      input: '{"n":21}',
      inputDetails: { truncated: false },
      timeoutInSeconds: 10,
    });
  });

  it("a function error becomes Error = the error's type and Cause = {errorMessage, errorType, trace}", async () => {
    class CaseNotFound extends Error {
      override name = 'CaseNotFound';
    }
    const h = harness({
      invokeLambda: async () => {
        throw new CaseNotFound('no case 42');
      },
    });
    const r = await h.run(
      oneTask({
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'f' },
      }),
    );
    expect(r.error).toBe('CaseNotFound');
    const cause = JSON.parse(r.cause!);
    expect(cause.errorMessage).toBe('no case 42');
    expect(cause.errorType).toBe('CaseNotFound');
    expect(Array.isArray(cause.trace)).toBe(true);
    expect(ofType(r.history, 'TaskFailed')[0]!.taskFailedEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'CaseNotFound',
    });
  });

  it('lambda:invoke without FunctionName fails the execution', async () => {
    const h = harness({ invokeLambda: async () => 1 });
    const r = await h.run(
      oneTask({
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { Payload: 1 },
      }),
    );
    expect(r.status).toBe('FAILED');
    expect(r.cause).toContain('FunctionName');
  });

  it('an invoker that throws at once fails the task as a rejected invocation does', async () => {
    const h = harness({
      invokeLambda: () => {
        throw Object.assign(new Error('refused'), { name: 'Lambda.TooManyRequestsException' });
      },
    });
    const r = await h.run(
      oneTask({
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'f' },
      }),
    );
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('Lambda.TooManyRequestsException');
    expect(types(r.history)).toContain('TaskFailed');
  });

  it('a Lambda task with no invoker configured fails with Lambda.ServiceException', async () => {
    const h = harness();
    const r = await h.run(
      oneTask({
        Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
      }),
    );
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('Lambda.ServiceException');
    expect(types(r.history)).toContain('LambdaFunctionFailed');
  });

  it('a Task without TimeoutSeconds waits as long as it takes (no 60 s default)', async () => {
    let token = '';
    const h = harness({
      invokeLambda: async (_f, p) => {
        token = (p as { token: string }).token;
      },
    });
    const def = oneTask({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: { FunctionName: 'f', Payload: { token: '{% $states.context.Task.Token %}' } },
    });
    const arn = await h.start(await h.machine(def));
    await h.clock.advanceBy(30 * 86400);
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.engine.sendTaskSuccess({ taskToken: token, output: '"late"' });
    await h.clock.settle();
    const d = await h.describe(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toBe('late');
  });
});
