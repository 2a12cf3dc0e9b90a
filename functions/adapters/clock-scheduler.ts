/**
 * The scheduler port in process, for the simulator and workflow tests: each one-time schedule is a timer on the
 * runtime's clock that, when due, calls its target (a Lambda handler in process) with the input, replacing
 * `<aws.scheduler.scheduled-time>` by the time it fires, and then deletes itself (`ActionAfterCompletion: DELETE`).
 * No SDK call is made. The clock is any object with the runtime clock's `now`, `schedule`, `cancel` and `track`.
 */
import type { OneTimeSchedule, Scheduler } from './scheduler.ts';

export interface SchedulerClock {
  now(): number;
  schedule(at: number, fire: () => void | Promise<void>): { readonly id: number; readonly at: number };
  cancel(handle: { readonly id: number; readonly at: number }): void;
  track<T>(work: Promise<T>): Promise<T>;
}

export type ScheduleTargetInvoker = (targetArn: string, input: unknown) => Promise<unknown>;

export class ClockScheduler implements Scheduler {
  readonly schedules = new Map<string, { schedule: OneTimeSchedule; timer: { id: number; at: number } }>();
  /** every firing, in order (name and the time it was scheduled for) */
  readonly fired: { name: string; at: string }[] = [];

  constructor(
    private readonly clock: SchedulerClock,
    private readonly invoke: ScheduleTargetInvoker,
  ) {}

  async upsert(schedule: OneTimeSchedule): Promise<'CREATED' | 'UPDATED'> {
    const existing = this.schedules.get(schedule.name);
    if (existing) this.clock.cancel(existing.timer);
    const at = Math.max(Date.parse(schedule.at), this.clock.now());
    const timer = this.clock.schedule(at, () => {
      this.schedules.delete(schedule.name);
      this.fired.push({ name: schedule.name, at: schedule.at });
      const input = JSON.parse(
        JSON.stringify(schedule.input).replaceAll(
          '<aws.scheduler.scheduled-time>',
          new Date(at).toISOString(),
        ),
      );
      return this.clock.track(this.invoke(schedule.targetArn, input).then(() => undefined));
    });
    this.schedules.set(schedule.name, { schedule, timer });
    return existing ? 'UPDATED' : 'CREATED';
  }

  async delete(name: string): Promise<boolean> {
    const existing = this.schedules.get(name);
    if (!existing) return false;
    this.clock.cancel(existing.timer);
    this.schedules.delete(name);
    return true;
  }
}
