import type { Clock, TimerHandle } from '#local/clock/clock.ts';
import type { ExecutionRecord, Frame } from './types.ts';

export type TimerKind = 'wake' | 'timeout' | 'heartbeat';

/** The clock timers the engine holds: per frame (Wait/retry wake-up, task timeout, heartbeat) and per execution. */
export class Timers {
  private readonly frames = new Map<Frame, Partial<Record<TimerKind, TimerHandle>>>();
  private readonly executions = new Map<ExecutionRecord, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  set(frame: Frame, kind: TimerKind, at: number, fire: () => void): void {
    let slots = this.frames.get(frame);
    if (!slots) {
      slots = {};
      this.frames.set(frame, slots);
    }
    const old = slots[kind];
    if (old) this.clock.cancel(old);
    const own = slots;
    own[kind] = this.clock.schedule(at, () => {
      own[kind] = undefined;
      fire();
    });
  }

  clear(frame: Frame, kind: TimerKind): void {
    const slots = this.frames.get(frame);
    const h = slots?.[kind];
    if (h) {
      this.clock.cancel(h);
      slots![kind] = undefined;
    }
  }

  clearFrame(frame: Frame): void {
    const slots = this.frames.get(frame);
    if (!slots) return;
    this.cancelSlots(slots);
    this.frames.delete(frame);
  }

  setExecution(exec: ExecutionRecord, at: number, fire: () => void): void {
    this.clearExecution(exec);
    this.executions.set(
      exec,
      this.clock.schedule(at, () => {
        this.executions.delete(exec);
        fire();
      }),
    );
  }

  clearExecution(exec: ExecutionRecord): void {
    const h = this.executions.get(exec);
    if (h) this.clock.cancel(h);
    this.executions.delete(exec);
  }

  cancelAll(): void {
    for (const h of this.executions.values()) this.clock.cancel(h);
    this.executions.clear();
    for (const slots of this.frames.values()) this.cancelSlots(slots);
    this.frames.clear();
  }

  /** Cancel a frame's timers (called as each task, state or frame ends: no array built for the three). */
  private cancelSlots(slots: Partial<Record<TimerKind, TimerHandle>>): void {
    if (slots.wake) this.clock.cancel(slots.wake);
    if (slots.timeout) this.clock.cancel(slots.timeout);
    if (slots.heartbeat) this.clock.cancel(slots.heartbeat);
  }
}
