/**
 * The scheduler port: one-time EventBridge Scheduler `at()` schedules that invoke a Lambda with a JSON input.
 * The expression is written in Europe/London wall time with `ScheduleExpressionTimezone: 'Europe/London'`, and
 * `ActionAfterCompletion: 'DELETE'` removes a schedule once it has fired. `upsert` creates, or updates on conflict,
 * so a retried registration or a moved release date is the same call. `AwsScheduler` (aws-scheduler.ts) speaks to
 * EventBridge Scheduler; `MemoryScheduler` here keeps schedules in memory (tests).
 */
export const SCHEDULE_TIMEZONE = 'Europe/London';

export interface OneTimeSchedule {
  /** [0-9a-zA-Z-_.], at most 64 characters; deterministic (e.g. `release-<caseId>`) */
  readonly name: string;
  /** when it fires (ISO instant) */
  readonly at: string;
  readonly targetArn: string;
  /** the Lambda's event; may use `<aws.scheduler.scheduled-time>` for the time it fires */
  readonly input: Record<string, unknown>;
}

export interface Scheduler {
  upsert(schedule: OneTimeSchedule): Promise<'CREATED' | 'UPDATED'>;
  /** true if it existed */
  delete(name: string): Promise<boolean>;
}

/** `at(yyyy-mm-ddThh:mm:ss)` in Europe/London wall time for an instant. */
export function atExpression(instant: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: SCHEDULE_TIMEZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `at(${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')})`;
}

/** In memory: the schedules by name; `due(now)` lists those that would have fired (tests, the simulator). */
export class MemoryScheduler implements Scheduler {
  readonly schedules = new Map<string, OneTimeSchedule>();
  readonly log: { op: 'CREATED' | 'UPDATED' | 'DELETED'; name: string; at?: string }[] = [];

  async upsert(schedule: OneTimeSchedule): Promise<'CREATED' | 'UPDATED'> {
    const op = this.schedules.has(schedule.name) ? 'UPDATED' : 'CREATED';
    this.schedules.set(schedule.name, schedule);
    this.log.push({ op, name: schedule.name, at: schedule.at });
    return op;
  }

  async delete(name: string): Promise<boolean> {
    const existed = this.schedules.delete(name);
    if (existed) this.log.push({ op: 'DELETED', name });
    return existed;
  }

  due(now: number): OneTimeSchedule[] {
    return [...this.schedules.values()].filter((s) => Date.parse(s.at) <= now);
  }
}
