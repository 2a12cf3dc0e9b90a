import { describe, expect, it } from 'vitest';
import { harness, JSONATA, ofType, types } from './helpers.ts';

describe('redrive', () => {
  it('resumes a failed execution from the failed state with its input, counting redrives', async () => {
    let healthy = false;
    const calls: unknown[] = [];
    const h = harness({
      invokeLambda: async (_f, p) => {
        calls.push(p);
        if (!healthy) throw new Error('down');
        return 'ok';
      },
    });
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Output: { step: 1 }, Assign: { v: 'kept' }, Next: 'Call' },
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
          Arguments: {
            in: '{% $states.input %}',
            v: '{% $v %}',
            n: '{% $states.context.Execution.RedriveCount %}',
          },
          End: true,
        },
      },
    });
    const arn = await h.start(sm);
    await h.clock.runUntilIdle();
    expect((await h.describe(arn)).status).toBe('FAILED');
    await expect(h.engine.redriveExecution({ executionArn: `${arn}x` })).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    healthy = true;
    await h.clock.advanceBy(60);
    const { redriveDate } = await h.engine.redriveExecution({ executionArn: arn });
    await h.clock.runUntilIdle();
    const d = await h.describe(arn);
    expect(d).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, redriveDate });
    expect(calls.at(-1)).toEqual({ in: { step: 1 }, v: 'kept', n: 1 });
    const hist = await h.history(arn);
    expect(types(hist).filter((t) => t === 'PassStateEntered')).toHaveLength(1);
    expect(ofType(hist, 'ExecutionRedriven')[0]!.executionRedrivenEventDetails).toEqual({ redriveCount: 1 });
    await expect(h.engine.redriveExecution({ executionArn: arn })).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
    });
  });

  it('redrives aborted executions; refuses running ones and those closed over 14 days ago', async () => {
    const h = harness();
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 100, End: true } },
    });
    const arn = await h.start(sm);
    await expect(h.engine.redriveExecution({ executionArn: arn })).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
    });
    await h.engine.stopExecution({ executionArn: arn });
    await h.engine.redriveExecution({ executionArn: arn });
    await h.clock.runUntilIdle();
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
    const old = await h.start(sm);
    await h.engine.stopExecution({ executionArn: old });
    await h.clock.advanceBy(15 * 86400);
    expect((await h.describe(old)).redriveStatus).toBe('NOT_REDRIVABLE');
    await expect(h.engine.redriveExecution({ executionArn: old })).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
    });
  });

  it('reruns only the Map iterations that failed or were aborted (AWS redrive of inline Map)', async () => {
    let broken = true;
    const calls: number[] = [];
    const h = harness({
      invokeLambda: async (_f, p) => {
        calls.push(p as number);
        if (broken && p === 2) throw new Error('bad item');
        return (p as number) * 2;
      },
    });
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2, 3],
          ItemProcessor: {
            StartAt: 'W',
            States: {
              W: { Type: 'Wait', Seconds: '{% $states.input * 10 %}', Next: 'T' },
              T: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f', End: true },
            },
          },
          End: true,
        },
      },
    });
    const arn = await h.start(sm);
    await h.clock.runUntilIdle();
    expect((await h.describe(arn)).status).toBe('FAILED');
    expect(calls).toEqual([1, 2]);
    broken = false;
    await h.engine.redriveExecution({ executionArn: arn });
    await h.clock.runUntilIdle();
    const d = await h.describe(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual([2, 4, 6]);
    expect(calls).toEqual([1, 2, 2, 3]);
    expect(
      ofType(await h.history(arn), 'MapIterationAborted').map(
        (e) => e.mapIterationAbortedEventDetails!.index,
      ),
    ).toEqual([2]);
  });

  it('reruns only the failed Parallel branch', async () => {
    let broken = true;
    const calls: string[] = [];
    const h = harness({
      invokeLambda: async (fn) => {
        calls.push(fn);
        if (broken && fn.endsWith(':b')) throw new Error('b down');
        return fn.slice(-1);
      },
    });
    const task = (name: string) => ({
      StartAt: name,
      States: {
        [name]: {
          Type: 'Task',
          Resource: `arn:aws:lambda:eu-west-2:000000000000:function:${name}`,
          End: true,
        },
      },
    });
    const late = {
      StartAt: 'Later',
      States: { Later: { Type: 'Wait', Seconds: 5, Next: 'b' }, ...task('b').States },
    };
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [task('a'), late], End: true } },
    });
    const arn = await h.start(sm);
    await h.clock.runUntilIdle();
    expect((await h.describe(arn)).status).toBe('FAILED');
    broken = false;
    await h.engine.redriveExecution({ executionArn: arn });
    await h.clock.runUntilIdle();
    const d = await h.describe(arn);
    expect(JSON.parse(d.output!)).toEqual(['a', 'b']);
    expect(calls.map((c) => c.slice(-1))).toEqual(['a', 'b', 'b']);
  });
});
