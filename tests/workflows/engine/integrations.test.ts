import { describe, expect, it } from 'vitest';
import { harness, JSONATA, ofType, oneTask, types } from './helpers.ts';

const child = {
  ...JSONATA,
  StartAt: 'W',
  States: {
    W: { Type: 'Wait', Seconds: 60, Next: 'C' },
    C: {
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input.fail = true %}', Next: 'F' }],
      Default: 'P',
    },
    P: { Type: 'Pass', Output: { doubled: '{% $states.input.n * 2 %}' }, End: true },
    F: { Type: 'Fail', Error: 'Child.Failed', Cause: 'asked to' },
  },
};

describe('states:startExecution', () => {
  it('request-response returns ExecutionArn and StartDate at once', async () => {
    const h = harness();
    const childArn = await h.machine(child, 'child');
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'S',
        States: {
          S: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution',
            Arguments: { StateMachineArn: childArn, Name: 'kid-1', Input: { n: 2 } },
            End: true,
          },
        },
      },
      {},
      { until: 0 },
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({
      ExecutionArn: 'arn:aws:states:eu-west-2:000000000000:execution:child:kid-1',
    });
    expect((await h.describe('arn:aws:states:eu-west-2:000000000000:execution:child:kid-1')).status).toBe(
      'RUNNING',
    );
  });

  it('.sync:2 waits for the child and parses its output; a failed child is States.TaskFailed', async () => {
    const h = harness();
    const childArn = await h.machine(child, 'child');
    const parent = (input: object) => ({
      ...JSONATA,
      StartAt: 'S',
      States: {
        S: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Arguments: { StateMachineArn: `${childArn}:live`, Input: input },
          Output: '{% $states.result.Output %}',
          End: true,
        },
      },
    });
    const ok = await h.run(parent({ n: 21 }));
    expect(ok.output).toEqual({ doubled: 42 });
    expect(types(ok.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(ofType(ok.history, 'TaskSucceeded')[0]!.taskSucceededEventDetails!.resource).toBe(
      'startExecution.sync:2',
    );
    const bad = await h.run(parent({ fail: true }));
    expect(bad.error).toBe('States.TaskFailed');
    expect(JSON.parse(bad.cause!)).toMatchObject({
      Status: 'FAILED',
      Error: 'Child.Failed',
      Cause: 'asked to',
    });
  });

  it("a child's input and output are JSON strings when described, and in a .sync (v1) parent's result", async () => {
    const h = harness();
    const childArn = await h.machine(child, 'child');
    const r = await h.run(
      oneTask({
        Resource: 'arn:aws:states:::states:startExecution.sync',
        Arguments: { StateMachineArn: childArn, Name: 'kid-2', Input: { n: 5, note: 'café' } },
      }),
    );
    expect(r.output).toMatchObject({ Input: '{"n":5,"note":"café"}', Output: '{"doubled":10}' });
    const described = await h.describe('arn:aws:states:eu-west-2:000000000000:execution:child:kid-2');
    expect(described).toMatchObject({
      status: 'SUCCEEDED',
      input: '{"n":5,"note":"café"}',
      output: '{"doubled":10}',
    });
  });

  it('stopping the parent stops a .sync child', async () => {
    const h = harness();
    const childArn = await h.machine(child, 'child');
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'S',
      States: {
        S: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Arguments: { StateMachineArn: childArn, Name: 'c1', Input: {} },
          End: true,
        },
      },
    });
    const arn = await h.start(sm);
    await h.clock.settle();
    await h.engine.stopExecution({ executionArn: arn });
    expect((await h.describe('arn:aws:states:eu-west-2:000000000000:execution:child:c1')).status).toBe(
      'ABORTED',
    );
  });

  it('.waitForTaskToken passes the token to the child and completes on SendTaskSuccess', async () => {
    const h = harness();
    const childArn = await h.machine(
      { ...JSONATA, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      'tokenchild',
    );
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'S',
      States: {
        S: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
          Arguments: {
            StateMachineArn: childArn,
            Name: 'tc',
            Input: { token: '{% $states.context.Task.Token %}' },
          },
          End: true,
        },
      },
    });
    const arn = await h.start(sm);
    await h.clock.settle();
    const childOut = JSON.parse(
      (await h.describe('arn:aws:states:eu-west-2:000000000000:execution:tokenchild:tc')).output!,
    );
    await h.engine.sendTaskSuccess({ taskToken: childOut.token, output: '{"from":"child"}' });
    await h.clock.settle();
    expect(JSON.parse((await h.describe(arn)).output!)).toEqual({ from: 'child' });
  });
});

describe('DynamoDB optimized integrations', () => {
  it('calls the pluggable caller with the action and parameters and returns its response without $metadata', async () => {
    const calls: unknown[] = [];
    const h = harness({
      callDynamoDb: async (action, params) => {
        calls.push([action, params]);
        return { $metadata: { httpStatusCode: 200 }, Item: { pk: { S: 'case#1' } } };
      },
    });
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'G',
        States: {
          G: {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:getItem',
            Arguments: { TableName: 't', Key: { pk: { S: '{% $states.input.id %}' } } },
            End: true,
          },
        },
      },
      { id: 'case#1' },
    );
    expect(calls).toEqual([['getItem', { TableName: 't', Key: { pk: { S: 'case#1' } } }]]);
    expect(r.output).toEqual({ Item: { pk: { S: 'case#1' } } });
    expect(ofType(r.history, 'TaskScheduled')[0]!.taskScheduledEventDetails).toMatchObject({
      resourceType: 'dynamodb',
      resource: 'getItem',
    });
  });

  it('a service error becomes DynamoDB.<Code>', async () => {
    const h = harness({
      callDynamoDb: async () => {
        const e = new Error('The conditional request failed');
        e.name = 'ConditionalCheckFailedException';
        throw e;
      },
    });
    const r = await h.run({
      ...JSONATA,
      StartAt: 'P',
      States: {
        P: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Arguments: { TableName: 't', Item: {} },
          Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'Dup' }],
          End: true,
        },
        Dup: { Type: 'Pass', End: true },
      },
    });
    expect(r.status).toBe('SUCCEEDED');
    expect((r.output as { Error: string; Cause: string }).Cause).toContain('The conditional request failed');
  });
});
