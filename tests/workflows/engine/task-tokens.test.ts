import { describe, expect, it } from 'vitest';
import { type Harness, harness, JSONATA, ofType, secondsOf, types } from './helpers.ts';

const callback = (extra: object = {}) => ({
  ...JSONATA,
  StartAt: 'Ask',
  States: {
    Ask: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: {
        FunctionName: 'notify',
        Payload: { token: '{% $states.context.Task.Token %}', who: '{% $states.input.who %}' },
      },
      End: true,
      ...extra,
    },
    ...(JSON.stringify(extra).includes('"Late"')
      ? { Late: { Type: 'Pass', Output: '{% $states.input %}', End: true } }
      : {}),
  },
});

function tokens() {
  const list: string[] = [];
  return {
    list,
    invokeLambda: async (_fn: string, payload: unknown) => {
      list.push((payload as { token: string }).token);
      return { accepted: true };
    },
  };
}

async function startCallback(h: Harness, extra: object = {}) {
  const arn = await h.start(await h.machine(callback(extra)), { who: 'officer-1' });
  await h.clock.settle();
  return arn;
}

describe('task tokens', () => {
  it('SendTaskSuccess completes the task with its output; TaskSubmitted records the invocation', async () => {
    const t = tokens();
    const h = harness({ invokeLambda: t.invokeLambda });
    const arn = await startCallback(h);
    expect(t.list).toHaveLength(1);
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.clock.advanceBy(3600);
    await h.engine.sendTaskSuccess({ taskToken: t.list[0]!, output: JSON.stringify({ done: 'yes' }) });
    await h.clock.settle();
    const d = await h.describe(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ done: 'yes' });
    const hist = await h.history(arn);
    expect(types(hist)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(JSON.parse(ofType(hist, 'TaskSubmitted')[0]!.taskSubmittedEventDetails!.output!).Payload).toEqual({
      accepted: true,
    });
    expect(secondsOf(hist, 'TaskSucceeded')).toEqual([3600]);
  });

  it('SendTaskFailure fails the task with the given error and cause (catchable)', async () => {
    const t = tokens();
    const h = harness({ invokeLambda: t.invokeLambda });
    const arn = await startCallback(h, { Catch: [{ ErrorEquals: ['Staff.Declined'], Next: 'Late' }] });
    await h.engine.sendTaskFailure({ taskToken: t.list[0]!, error: 'Staff.Declined', cause: 'not mine' });
    await h.clock.settle();
    const d = await h.describe(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ Error: 'Staff.Declined', Cause: 'not mine' });
  });

  it('a used token answers TaskTimedOut; an unknown execution TaskDoesNotExist; garbage InvalidToken', async () => {
    const t = tokens();
    const h = harness({ invokeLambda: t.invokeLambda });
    await startCallback(h);
    await h.engine.sendTaskSuccess({ taskToken: t.list[0]!, output: '{}' });
    await h.clock.settle();
    await expect(h.engine.sendTaskSuccess({ taskToken: t.list[0]!, output: '{}' })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expect(h.engine.sendTaskHeartbeat({ taskToken: t.list[0]! })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    const forged = Buffer.from(
      JSON.stringify(['arn:aws:states:eu-west-2:000000000000:execution:x:y', 1, 1, 1, 'z']),
    ).toString('base64url');
    await expect(h.engine.sendTaskSuccess({ taskToken: forged, output: '{}' })).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    await expect(h.engine.sendTaskFailure({ taskToken: 'not a token!' })).rejects.toMatchObject({
      name: 'InvalidToken',
    });
  });

  it('SendTaskSuccess with invalid JSON output is refused and changes nothing', async () => {
    const t = tokens();
    const h = harness({ invokeLambda: t.invokeLambda });
    const arn = await startCallback(h);
    await expect(h.engine.sendTaskSuccess({ taskToken: t.list[0]!, output: '{nope' })).rejects.toMatchObject({
      name: 'InvalidOutput',
    });
    await h.clock.settle();
    expect((await h.describe(arn)).status).toBe('RUNNING');
  });

  it('TimeoutSeconds times the task out with States.Timeout; the token then answers TaskTimedOut', async () => {
    const t = tokens();
    const h = harness({ invokeLambda: t.invokeLambda });
    const arn = await startCallback(h, { TimeoutSeconds: 86400 });
    await h.clock.runUntilIdle();
    const d = await h.describe(arn);
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(secondsOf(await h.history(arn), 'TaskTimedOut')).toEqual([86400]);
    await expect(h.engine.sendTaskSuccess({ taskToken: t.list[0]!, output: '{}' })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('HeartbeatSeconds: heartbeats keep the task alive; silence fails it with States.HeartbeatTimeout', async () => {
    const t = tokens();
    const h = harness({ invokeLambda: t.invokeLambda });
    const arn = await startCallback(h, { HeartbeatSeconds: 100, TimeoutSeconds: 1000 });
    await h.clock.advanceBy(90);
    await h.engine.sendTaskHeartbeat({ taskToken: t.list[0]! });
    await h.clock.advanceBy(90);
    await h.engine.sendTaskHeartbeat({ taskToken: t.list[0]! });
    await h.clock.advanceBy(90);
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.clock.runUntilIdle();
    const d = await h.describe(arn);
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(secondsOf(await h.history(arn), 'TaskTimedOut')).toEqual([280]);
  });

  it('TimeoutSeconds and HeartbeatSeconds can come from JSONata expressions and appear in TaskScheduled', async () => {
    const t = tokens();
    const h = harness({ invokeLambda: t.invokeLambda });
    const arn = await h.start(
      await h.machine(
        callback({ TimeoutSeconds: '{% $states.input.t %}', HeartbeatSeconds: '{% $states.input.t - 10 %}' }),
      ),
      { t: 60, who: 'x' },
    );
    await h.clock.runUntilIdle();
    const hist = await h.history(arn);
    expect(ofType(hist, 'TaskScheduled')[0]!.taskScheduledEventDetails).toMatchObject({
      timeoutInSeconds: 60,
      heartbeatInSeconds: 50,
    });
    expect(secondsOf(hist, 'TaskTimedOut')).toEqual([50]);
  });

  it('a retried callback task issues a new token; the old one is void', async () => {
    const t = tokens();
    const h = harness({ invokeLambda: t.invokeLambda });
    const arn = await startCallback(h, {
      TimeoutSeconds: 10,
      Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1 }],
    });
    await h.clock.advanceBy(11);
    await h.clock.advanceBy(1);
    expect(t.list).toHaveLength(2);
    expect(t.list[0]).not.toBe(t.list[1]);
    await expect(h.engine.sendTaskSuccess({ taskToken: t.list[0]!, output: '1' })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await h.engine.sendTaskSuccess({ taskToken: t.list[1]!, output: '2' });
    await h.clock.settle();
    expect((await h.describe(arn)).output).toBe('2');
  });
});
