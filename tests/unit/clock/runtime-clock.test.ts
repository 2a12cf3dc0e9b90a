import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '#local/clock/runtime-clock.ts';
import { TimerHeap } from '#local/clock/timer-heap.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('TimerHeap', () => {
  it('pops in (at, seq) order and removes arbitrary entries', () => {
    const heap = new TimerHeap();
    const entries = [5, 1, 9, 1, 3, 7, 3].map((at, seq) => ({ id: seq, at, seq, fire: () => {}, index: -1 }));
    for (const e of entries) heap.push(e);
    heap.remove(entries[5]!);
    const order: number[] = [];
    for (let t = heap.pop(); t; t = heap.pop()) order.push(t.id);
    expect(order).toEqual([1, 3, 4, 6, 0, 2]);
  });
});

describe('RuntimeClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('manual: time moves only through advanceTo/advanceBy; timers fire in time then scheduling order', async () => {
    const clock = createClock({ mode: 'manual', startTime: T0 });
    const fired: string[] = [];
    clock.schedule(T0 + 2000, () => void fired.push('b'));
    clock.schedule(T0 + 1000, () => void fired.push('a1'));
    clock.schedule(T0 + 1000, () => void fired.push('a2'));
    await clock.settle();
    expect(fired).toEqual([]);
    await clock.advanceBy(1);
    expect(fired).toEqual(['a1', 'a2']);
    expect(clock.now()).toBe(T0 + 1000);
    await clock.advanceTo(T0 + 5000);
    expect(fired).toEqual(['a1', 'a2', 'b']);
    expect(clock.now()).toBe(T0 + 5000);
    await clock.advanceTo(T0);
    expect(clock.now()).toBe(T0 + 5000);
  });

  it('a timer scheduled at or before now fires on settle; cancel removes it', async () => {
    const clock = createClock({ mode: 'manual', startTime: T0 });
    const fired: number[] = [];
    clock.schedule(T0 - 1, () => void fired.push(1));
    const h = clock.schedule(T0, () => void fired.push(2));
    clock.cancel(h);
    await clock.settle();
    expect(fired).toEqual([1]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('cancelling a timer twice, after it fired, or on another clock changes nothing else', async () => {
    const clock = createClock({ mode: 'manual', startTime: T0 });
    const other = createClock({ mode: 'manual', startTime: T0 });
    const fired: string[] = [];
    const early = clock.schedule(T0 + 1000, () => void fired.push('early'));
    const kept = clock.schedule(T0 + 2000, () => void fired.push('kept'));
    const dropped = clock.schedule(T0 + 3000, () => void fired.push('dropped'));
    const elsewhere = other.schedule(T0 + 2000, () => void fired.push('elsewhere'));
    await clock.advanceTo(T0 + 1000);
    clock.cancel(early);
    clock.cancel(dropped);
    clock.cancel(dropped);
    clock.cancel(elsewhere);
    other.cancel(kept);
    expect(clock.pendingTimers()).toBe(1);
    expect(other.pendingTimers()).toBe(1);
    await clock.advanceTo(T0 + 5000);
    await other.advanceTo(T0 + 5000);
    expect(fired).toEqual(['early', 'kept', 'elsewhere']);
    expect(kept.at).toBe(T0 + 2000);
  });

  it('virtual: jumps to the next timer when idle, months in milliseconds', async () => {
    const clock = createClock({ mode: 'virtual', startTime: T0 });
    const seen: number[] = [];
    await new Promise<void>((resolve) => {
      let n = 0;
      const tick = () => {
        seen.push(clock.now());
        if (++n < 9) clock.schedule(clock.now() + 30 * 86400_000, tick);
        else resolve();
      };
      clock.schedule(T0 + 30 * 86400_000, tick);
    });
    expect(seen).toEqual(Array.from({ length: 9 }, (_, i) => T0 + (i + 1) * 30 * 86400_000));
  });

  it('virtual: time does not advance while tracked work is in flight', async () => {
    const clock = createClock({ mode: 'virtual', startTime: T0 });
    let release!: () => void;
    const work = clock.track(new Promise<void>((r) => (release = r)));
    const fired: number[] = [];
    clock.schedule(T0 + 60_000, () => void fired.push(clock.now()));
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(T0);
    release();
    await work;
    await clock.runUntilIdle();
    expect(fired).toEqual([T0 + 60_000]);
  });

  it('virtual: time does not advance between begin() and end(), and moves on after', async () => {
    const clock = createClock({ mode: 'virtual', startTime: T0 });
    const fired: number[] = [];
    clock.begin();
    clock.schedule(T0 + 60_000, () => void fired.push(clock.now()));
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(T0);
    clock.end();
    await clock.runUntilIdle();
    expect(fired).toEqual([T0 + 60_000]);
  });

  it('settle waits for tracked work and for the work timers start', async () => {
    const clock = createClock({ mode: 'manual', startTime: T0 });
    const log: string[] = [];
    clock.track(
      (async () => {
        await new Promise((r) => setTimeout(r, 5));
        log.push('work');
        clock.schedule(T0, async () => {
          await new Promise((r) => setTimeout(r, 5));
          log.push('timer');
        });
      })(),
    );
    await clock.settle();
    expect(log).toEqual(['work', 'timer']);
  });

  it('the pump waits for the promise jobs that follow tracked work, which may schedule an earlier timer', async () => {
    const clock = createClock({ mode: 'manual', startTime: T0 });
    const fired: number[] = [];
    const note = () => void fired.push(clock.now() - T0);
    clock.schedule(T0 + 2000, note);
    clock.schedule(T0 + 1000, () => {
      note();
      const work = clock.track(Promise.resolve());
      // not tracked: what an awaiting caller does once the tracked work is done
      void (async () => {
        await work;
        for (let i = 0; i < 50; i++) await Promise.resolve();
        clock.schedule(T0 + 1500, note);
      })();
    });
    await clock.runUntilIdle();
    expect(fired).toEqual([1000, 1500, 2000]);
  });

  it('a long run on the virtual clock still lets the event loop turn (I/O and real timers are not starved)', async () => {
    const clock = createClock({ mode: 'manual', startTime: T0 });
    const step = (n: number) => () => {
      if (n < 2000) clock.schedule(clock.now() + 60_000, step(n + 1));
    };
    clock.schedule(T0 + 60_000, step(1));
    let turnedAt: number | undefined;
    setImmediate(() => {
      turnedAt = clock.now();
    });
    const end = await clock.runUntilIdle();
    expect(end).toBe(T0 + 2000 * 60_000);
    expect(turnedAt).toBeLessThan(end);
  });

  it('runUntilIdle stops at `until`', async () => {
    const clock = createClock({ mode: 'manual', startTime: T0 });
    const fired: number[] = [];
    for (const s of [10, 20, 30]) clock.schedule(T0 + s * 1000, () => void fired.push(s));
    expect(await clock.runUntilIdle(T0 + 25_000)).toBe(T0 + 20_000);
    expect(fired).toEqual([10, 20]);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('real: one setTimeout for the earliest timer; a 40-day wait does not overflow setTimeout', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const clock = createClock({ mode: 'real' });
    const fired: number[] = [];
    for (let i = 0; i < 50; i++) clock.schedule(T0 + 40 * 86400_000 + i, () => void fired.push(i));
    expect(spy.mock.calls.filter((c) => typeof c[1] === 'number' && c[1] > 2 ** 31 - 1)).toEqual([]);
    const timeoutsArmed = spy.mock.calls.length;
    expect(timeoutsArmed).toBeLessThanOrEqual(2);
    await vi.advanceTimersByTimeAsync(25 * 86400_000);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(15 * 86400_000 + 100);
    await vi.waitFor(() => expect(fired).toHaveLength(50));
    clock.close();
  });

  it('setMode switches between real and virtual without moving time backwards', () => {
    const clock = createClock({ mode: 'manual', startTime: T0 });
    clock.setMode('real');
    expect(clock.now()).toBeGreaterThanOrEqual(T0);
    clock.setMode('manual');
    const t = clock.now();
    expect(t).toBeGreaterThanOrEqual(T0);
    clock.close();
  });
});
