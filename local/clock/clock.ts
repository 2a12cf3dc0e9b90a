/**
 * One clock drives every timer of the local runtime: Wait states, task timeouts and heartbeats, retry intervals,
 * EventBridge Scheduler `at()` schedules and the simulator's staff behaviour.
 *
 * - real: time is the wall clock; timers fire on their own.
 * - virtual: time-skipping; whenever nothing is runnable and no work is in flight, time jumps to the next timer.
 * - manual: time moves only through `advanceTo` / `advanceBy`.
 *
 * Time never advances while tracked work (a handler call, a database write) is in flight, so a handler never sees
 * time jump under it.
 */
export type ClockMode = 'real' | 'virtual' | 'manual';

export interface TimerHandle {
  readonly id: number;
  readonly at: number;
}

export interface Clock {
  readonly mode: ClockMode;
  /** epoch milliseconds */
  now(): number;
  setMode(mode: ClockMode): void;
  /** Run `fire` when the clock reaches `at` (epoch ms). Timers due at the same instant fire in scheduling order. */
  schedule(at: number, fire: () => void | Promise<void>): TimerHandle;
  cancel(handle: TimerHandle): void;
  /** Register in-flight work: time does not advance until it settles. Returns the same promise. */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Count work as in flight until the matching `end()`: what `track` does, for a caller that already reacts to the
   * work's promise and would otherwise add a second reaction only to count it.
   */
  begin(): void;
  end(): void;
  /** Resolves once no tracked work is in flight and no timer is due at or before now. */
  settle(): Promise<void>;
  /** Fire, in time order, every timer due up to `to`, settling after each; then now = `to` (never moves backwards). */
  advanceTo(to: number): Promise<void>;
  advanceBy(seconds: number): Promise<void>;
  /** Virtual/manual: keep jumping to the next timer until none remain or the next is after `until`; returns now. */
  runUntilIdle(until?: number): Promise<number>;
  /** Number of pending timers (for tests and diagnostics). */
  pendingTimers(): number;
  close(): void;
}
