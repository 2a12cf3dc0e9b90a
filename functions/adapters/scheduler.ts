/**
 * The scheduler port: one-time EventBridge Scheduler `at()` schedules that invoke a Lambda with a JSON input.
 * The expression is written in Europe/London wall time with `ScheduleExpressionTimezone: 'Europe/London'`, and
 * `ActionAfterCompletion: 'DELETE'` removes a schedule once it has fired. `upsert` creates, or updates on conflict,
 * so a retried registration or a moved release date is the same call.
 */
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';

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

export interface AwsSchedulerConfig {
  readonly groupName: string;
  readonly roleArn: string;
  readonly client?: SchedulerClient;
}

export class AwsScheduler implements Scheduler {
  private readonly client: SchedulerClient;

  constructor(private readonly config: AwsSchedulerConfig) {
    this.client = config.client ?? new SchedulerClient({});
  }

  private request(schedule: OneTimeSchedule): CreateScheduleCommandInput {
    return {
      Name: schedule.name,
      GroupName: this.config.groupName,
      ScheduleExpression: atExpression(schedule.at),
      ScheduleExpressionTimezone: SCHEDULE_TIMEZONE,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: schedule.targetArn,
        RoleArn: this.config.roleArn,
        Input: JSON.stringify(schedule.input),
        RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
      },
    };
  }

  async upsert(schedule: OneTimeSchedule): Promise<'CREATED' | 'UPDATED'> {
    const request = this.request(schedule);
    try {
      await this.client.send(new CreateScheduleCommand(request));
      return 'CREATED';
    } catch (error) {
      if (!(error instanceof ConflictException) && (error as Error).name !== 'ConflictException') throw error;
    }
    await this.client.send(new UpdateScheduleCommand(request));
    return 'UPDATED';
  }

  async delete(name: string): Promise<boolean> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.config.groupName }));
      return true;
    } catch (error) {
      if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException')
        return false;
      throw error;
    }
  }
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
