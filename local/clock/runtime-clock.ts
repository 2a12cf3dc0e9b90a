import type { Clock, ClockMode, TimerHandle } from './clock.ts';
import { type HeapTimer, TimerHeap } from './timer-heap.ts';

/** setTimeout overflows above 2^31-1 ms (about 24.8 days): a longer wait is armed in slices. */
const MAX_REAL_DELAY_MS = 2_147_483_000;

export interface ClockOptions {
  mode: ClockMode;
  /** initial time (epoch ms, Date or ISO string); default the wall clock */
  startTime?: number | Date | string;
  /** called when a timer callback throws or rejects; default console.error */
  onError?: (error: unknown) => void;
}

const toEpoch = (t: number | Date | string | undefined): number => {
  if (t === undefined) return Date.now();
  const ms = typeof t === 'number' ? t : new Date(t).getTime();
  if (!Number.isFinite(ms)) throw new TypeError(`Invalid clock startTime: ${String(t)}`);
  return ms;
};

/** Pumps run as tick callbacks; one in this many waits for a turn of the event loop instead. */
const TICKS_PER_TURN = 64;

/**
 * The runtime clock: every timer in one binary heap; in real mode a single `setTimeout` armed for the earliest
 * timer; in virtual mode time jumps to the next timer whenever no tracked work is in flight and nothing is due.
 */
export class RuntimeClock implements Clock {
  private currentMode: ClockMode;
  /** virtual/manual: the current time; real: time at `anchorWall` */
  private current: number;
  private anchorWall = 0;
  private speed = 1;
  private readonly heap = new TimerHeap();
  private nextId = 1;
  private seq = 0;
  private inflight = 0;
  private advancing = 0;
  private settleWaiters: Array<() => void> = [];
  private kickPending = false;
  private ticksSinceTurn = 0;
  private closed = false;
  private realTimer: NodeJS.Timeout | undefined;
  private realAt = Number.NaN;
  private readonly onError: (error: unknown) => void;
  private readonly pumpBound = () => this.pump();

  constructor(options: ClockOptions) {
    this.currentMode = options.mode;
    this.current = toEpoch(options.startTime);
    this.anchorWall = Date.now();
    this.onError = options.onError ?? ((error) => console.error('clock timer failed', error));
  }

  get mode(): ClockMode {
    return this.currentMode;
  }

  now(): number {
    if (this.currentMode !== 'real') return this.current;
    return this.current + Math.floor((Date.now() - this.anchorWall) * this.speed);
  }

  setMode(mode: ClockMode): void {
    this.current = this.now();
    this.anchorWall = Date.now();
    this.currentMode = mode;
    this.armReal();
    this.kick();
  }

  /** Real mode only: how many virtual milliseconds pass per wall millisecond (default 1). */
  setSpeed(factor: number): void {
    if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError('speed must be a positive number');
    this.current = this.now();
    this.anchorWall = Date.now();
    this.speed = factor;
    this.realAt = Number.NaN;
    this.armReal();
  }

  schedule(at: number, fire: () => void | Promise<void>): TimerHandle {
    if (!Number.isFinite(at)) throw new RangeError(`Timer time must be finite, got ${at}`);
    const timer: HeapTimer = { id: this.nextId++, at, seq: this.seq++, fire, index: -1 };
    this.heap.push(timer);
    if (this.heap.peek() === timer) this.armReal();
    this.kick();
    // the timer is its own handle: cancelling finds it without a map of handles (one lookup, an insertion and a
    // deletion fewer for every timer, and most timers are cancelled: a task's timeout, for one)
    return timer;
  }

  cancel(handle: TimerHandle): void {
    // only a timer still in this clock's heap is removed (the heap checks its place holds it)
    const timer = handle as HeapTimer;
    const wasTop = this.heap.peek() === timer;
    if (this.heap.remove(timer) && wasTop) this.armReal();
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.inflight++;
    work.then(this.ended, this.ended);
    return work;
  }

  begin(): void {
    this.inflight++;
  }

  end(): void {
    this.inflight--;
    if (this.inflight === 0) this.kick();
  }

  private readonly ended = (): void => this.end();

  settle(): Promise<void> {
    return new Promise((resolve) => {
      this.settleWaiters.push(resolve);
      this.kick();
    });
  }

  async advanceTo(to: number): Promise<void> {
    this.advancing++;
    try {
      await this.settle();
      for (let next = this.heap.peek(); next && next.at <= to; next = this.heap.peek()) {
        this.jumpTo(next.at);
        await this.settle();
      }
      this.jumpTo(to);
      await this.settle();
    } finally {
      this.advancing--;
    }
  }

  advanceBy(seconds: number): Promise<void> {
    return this.advanceTo(this.now() + Math.round(seconds * 1000));
  }

  async runUntilIdle(until = Number.POSITIVE_INFINITY): Promise<number> {
    this.advancing++;
    try {
      for (;;) {
        await this.settle();
        const next = this.heap.peek();
        if (!next || next.at > until || this.currentMode === 'real') return this.now();
        this.jumpTo(next.at);
      }
    } finally {
      this.advancing--;
    }
  }

  pendingTimers(): number {
    return this.heap.size;
  }

  /** Number of tracked promises still in flight (diagnostics). */
  inFlight(): number {
    return this.inflight;
  }

  close(): void {
    this.closed = true;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    this.heap.clear();
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const w of waiters) w();
  }

  private jumpTo(to: number): void {
    if (this.currentMode === 'real') {
      const now = this.now();
      if (to > now) this.current += to - now;
      this.armReal();
    } else if (to > this.current) {
      this.current = to;
    }
  }

  private kick(): void {
    if (this.kickPending || this.closed) return;
    this.kickPending = true;
    // The pump must run once the promise jobs queued so far have run. A tick callback queued from a promise job runs
    // only when none is left, without a turn of the event loop (which costs far more, a simulation taking hundreds
    // of thousands of steps); every so often a turn lets I/O and real timers (a store over HTTP, a sampler) run.
    if (++this.ticksSinceTurn < TICKS_PER_TURN) process.nextTick(this.pumpBound);
    else {
      this.ticksSinceTurn = 0;
      setImmediate(this.pumpBound);
    }
  }

  private pump(): void {
    this.kickPending = false;
    if (this.closed) return;
    const fired = this.fireDue();
    this.armReal();
    if (fired) {
      this.kick();
      return;
    }
    if (this.inflight > 0) return;
    if (this.settleWaiters.length > 0) {
      const waiters = this.settleWaiters;
      this.settleWaiters = [];
      for (const w of waiters) w();
      this.kick();
      return;
    }
    const next = this.heap.peek();
    if (this.currentMode === 'virtual' && this.advancing === 0 && next) {
      // idle: jump to the next timer and fire everything due then, in scheduling order
      this.current = Math.max(this.current, next.at);
      this.fireDue();
      this.kick();
    }
  }

  /** Fire the timers due now (not those they schedule); whether any fired. */
  private fireDue(): boolean {
    const now = this.now();
    const lastSeq = this.seq;
    let fired = false;
    for (let t = this.heap.peek(); t && t.at <= now && t.seq < lastSeq; t = this.heap.peek()) {
      this.heap.pop();
      this.fire(t);
      fired = true;
    }
    return fired;
  }

  private fire(timer: HeapTimer): void {
    try {
      const result = timer.fire();
      if (result && typeof (result as Promise<void>).then === 'function') {
        this.track((result as Promise<void>).catch(this.onError));
      }
    } catch (error) {
      this.onError(error);
    }
  }

  private armReal(): void {
    const next = this.heap.peek();
    if (this.currentMode !== 'real' || this.closed || !next) {
      if (this.realTimer) clearTimeout(this.realTimer);
      this.realTimer = undefined;
      this.realAt = Number.NaN;
      return;
    }
    if (this.realTimer && this.realAt === next.at) return;
    if (this.realTimer) clearTimeout(this.realTimer);
    const delay = Math.min(Math.max(0, Math.ceil((next.at - this.now()) / this.speed)), MAX_REAL_DELAY_MS);
    this.realAt = next.at;
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      this.realAt = Number.NaN;
      this.pump();
    }, delay);
    this.realTimer.unref();
  }
}

export function createClock(options: ClockOptions): RuntimeClock {
  return new RuntimeClock(options);
}
