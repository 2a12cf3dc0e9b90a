import { describe, expect, it } from 'vitest';
import { harness, JSONATA, ofType, secondsOf, T0, types } from './helpers.ts';

describe('Pass, Choice, Wait, Succeed, Fail (JSONata)', () => {
  it('Choice takes the first matching rule, with its own Output and Assign', async () => {
    const h = harness();
    const def = {
      ...JSONATA,
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            {
              Condition: '{% $states.input.n > 10 %}',
              Next: 'Big',
              Output: { size: 'big' },
              Assign: { seen: 'big' },
            },
            { Condition: '{% $states.input.n > 5 %}', Next: 'Big', Output: { size: 'medium' } },
          ],
          Default: 'Small',
          Output: { size: 'small' },
        },
        Big: {
          Type: 'Pass',
          Output: '{% $merge([$states.input, {"seen": $exists($seen) ? $seen : null}]) %}',
          End: true,
        },
        Small: { Type: 'Pass', End: true },
      },
    };
    expect((await h.run(def, { n: 20 })).output).toEqual({ size: 'big', seen: 'big' });
    expect((await h.run(def, { n: 7 })).output).toEqual({ size: 'medium', seen: null });
    expect((await h.run(def, { n: 1 })).output).toEqual({ size: 'small' });
  });

  it('Choice without a match and without Default fails with States.NoChoiceMatched', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'E' }] },
        E: { Type: 'Succeed' },
      },
    });
    expect(r.error).toBe('States.NoChoiceMatched');
    expect(types(r.history)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionFailed']);
  });

  it('a Condition that is not boolean is a States.QueryEvaluationError', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% "yes" %}', Next: 'E' }] },
        E: { Type: 'Succeed' },
      },
    });
    expect(r.error).toBe('States.QueryEvaluationError');
  });

  it('Wait with Seconds and Timestamp expressions waits on the virtual clock', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'W1',
        States: {
          W1: { Type: 'Wait', Seconds: '{% $states.input.s %}', Next: 'W2' },
          W2: { Type: 'Wait', Timestamp: '{% $states.input.until %}', Next: 'W3' },
          W3: { Type: 'Wait', Timestamp: '2025-01-01T00:00:00Z', Next: 'Done' },
          Done: { Type: 'Succeed' },
        },
      },
      { s: 90, until: '2026-03-01T12:00:00Z' },
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(secondsOf(r.history, 'WaitStateExited')).toEqual([
      90,
      (Date.parse('2026-03-01T12:00:00Z') - T0) / 1000,
      (Date.parse('2026-03-01T12:00:00Z') - T0) / 1000,
    ]);
  });

  it('a Wait longer than 24.8 days (setTimeout overflow) still waits its full time', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60 * 86400, End: true } },
    });
    expect(secondsOf(r.history, 'WaitStateExited')).toEqual([60 * 86400]);
  });

  it('Wait with a negative Seconds fails the execution', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: '{% -1 %}', End: true } },
    });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.QueryEvaluationError');
  });

  it('Fail takes Error and Cause from expressions', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'F',
        States: {
          F: {
            Type: 'Fail',
            Error: '{% $states.input.code %}',
            Cause: '{% "because " & $states.input.why %}',
          },
        },
      },
      { code: 'Case.Closed', why: 'released' },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'Case.Closed', cause: 'because released' });
    const failed = ofType(r.history, 'ExecutionFailed')[0]!;
    expect(failed.executionFailedEventDetails).toEqual({ error: 'Case.Closed', cause: 'because released' });
    expect(types(r.history)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  it('Succeed with Output, and every event is linked to the previous one', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'P',
        States: { P: { Type: 'Pass', Next: 'S' }, S: { Type: 'Succeed', Output: { ok: true } } },
      },
      { a: 1 },
    );
    expect(r.output).toEqual({ ok: true });
    expect(r.history.map((e) => [e.id, e.previousEventId])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 4],
      [6, 5],
    ]);
    expect(r.history[0]!.executionStartedEventDetails).toEqual({
      input: '{"a":1}',
      inputDetails: { truncated: false },
      roleArn: 'arn:aws:iam::000000000000:role/test',
    });
    expect(r.history[1]!.stateEnteredEventDetails).toEqual({
      name: 'P',
      input: '{"a":1}',
      inputDetails: { truncated: false },
    });
    expect(r.history[5]!.executionSucceededEventDetails).toEqual({
      output: '{"ok":true}',
      outputDetails: { truncated: false },
    });
  });
});
