import { describe, expect, it } from 'vitest';
import type { Engine } from '#engine/index.ts';
import { harness, JSONATA, ofType } from './helpers.ts';

describe('many things at once', () => {
  it('200 Map iterations whose callbacks complete inside the invocation, some failing once and retried', async () => {
    let engine!: Engine;
    const failedOnce = new Set<number>();
    const h = harness({
      mode: 'virtual',
      invokeLambda: async (_fn, payload) => {
        const { token, i } = payload as { token: string; i: number };
        if (i % 7 === 0 && !failedOnce.has(i)) {
          failedOnce.add(i);
          await engine.sendTaskFailure({ taskToken: token, error: 'Flaky', cause: String(i) });
        } else await engine.sendTaskSuccess({ taskToken: token, output: JSON.stringify(i * 2) });
        return 'submitted';
      },
    });
    engine = h.engine;
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% [0..199] %}',
          MaxConcurrency: 25,
          ItemProcessor: {
            StartAt: 'Ask',
            States: {
              Ask: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                Arguments: {
                  FunctionName: 'f',
                  Payload: { token: '{% $states.context.Task.Token %}', i: '{% $states.input %}' },
                },
                Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 3 }],
                End: true,
              },
            },
          },
          Output: '{% $sum($states.result) %}',
          End: true,
        },
      },
    });
    const arn = await h.start(sm);
    await new Promise<void>((resolve) => {
      const off = engine.onExecutionClosed((e) => {
        if (e.executionArn === arn) {
          off();
          resolve();
        }
      });
    });
    const d = await h.describe(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toBe(2 * ((199 * 200) / 2));
    const hist = await h.history(arn);
    expect(ofType(hist, 'TaskStateEntered')).toHaveLength(200);
    expect(ofType(hist, 'TaskStateExited')).toHaveLength(200);
    expect(ofType(hist, 'TaskFailed')).toHaveLength(29);
    expect(ofType(hist, 'MapIterationSucceeded')).toHaveLength(200);
    const ids = hist.map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    for (const e of hist) expect(e.previousEventId!).toBeLessThan(e.id!);
  });

  it('hundreds of executions on interleaved timers each see their own waits, in virtual time', async () => {
    const h = harness({ mode: 'manual' });
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'W',
      States: {
        W: {
          Type: 'Wait',
          Seconds: '{% $states.input.s %}',
          Assign: { k: '{% ($exists($k) ? $k : 0) + 1 %}' },
          Next: 'C',
        },
        C: { Type: 'Choice', Choices: [{ Condition: '{% $k < 5 %}', Next: 'W' }], Default: 'D' },
        D: { Type: 'Succeed', Output: '{% $states.context.State.EnteredTime %}' },
      },
    });
    const arns: Array<[string, number]> = [];
    for (let i = 1; i <= 300; i++) arns.push([await h.start(sm, { s: i * 60 }, `run-${i}`), i * 60]);
    h.clock.setMode('virtual');
    await h.clock.runUntilIdle();
    for (const [arn, s] of arns) {
      const d = await h.describe(arn);
      expect(JSON.parse(d.output!)).toBe(
        new Date(Date.parse('2026-01-01T00:00:00Z') + 5 * s * 1000).toISOString(),
      );
    }
  });
});
