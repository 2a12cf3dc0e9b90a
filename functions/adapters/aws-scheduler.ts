/** The scheduler port (scheduler.ts) against EventBridge Scheduler: a module of its own, so that code using the
 * memory scheduler never loads the SDK client. */
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { atExpression, type OneTimeSchedule, SCHEDULE_TIMEZONE, type Scheduler } from './scheduler.ts';

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
