import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '#engine/index.ts';
import { createClock } from '#local/clock/runtime-clock.ts';
import { JSONATA } from './helpers.ts';

describe('engine on the real clock (faked timers, no real sleeping)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a Wait fires from the single real setTimeout, and a 40-day Wait does not fire early', async () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    vi.useFakeTimers({ now: t0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const clock = createClock({ mode: 'real' });
    const engine = new Engine({ clock });
    const def = (s: number) =>
      JSON.stringify({ ...JSONATA, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: s, End: true } } });
    const roleArn = 'arn:aws:iam::000000000000:role/r';
    const short = await engine.createStateMachine({ name: 'short', definition: def(5), roleArn });
    const long = await engine.createStateMachine({ name: 'long', definition: def(40 * 86400), roleArn });
    const a = (await engine.startExecution({ stateMachineArn: short.stateMachineArn })).executionArn!;
    const b = (await engine.startExecution({ stateMachineArn: long.stateMachineArn })).executionArn!;
    await vi.advanceTimersByTimeAsync(4_000);
    expect((await engine.describeExecution({ executionArn: a })).status).toBe('RUNNING');
    await vi.advanceTimersByTimeAsync(1_100);
    await vi.waitFor(async () =>
      expect((await engine.describeExecution({ executionArn: a })).status).toBe('SUCCEEDED'),
    );
    await vi.advanceTimersByTimeAsync(30 * 86400_000);
    expect((await engine.describeExecution({ executionArn: b })).status).toBe('RUNNING');
    await vi.advanceTimersByTimeAsync(10 * 86400_000);
    await vi.waitFor(async () =>
      expect((await engine.describeExecution({ executionArn: b })).status).toBe('SUCCEEDED'),
    );
    await engine.close();
    clock.close();
  });
});
