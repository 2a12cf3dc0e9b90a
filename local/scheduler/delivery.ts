/**
 * What a due schedule does, as EventBridge Scheduler's templated targets do it:
 * - a Lambda function ARN: invoked asynchronously (`Event`) with the target's `Input` parsed as the event;
 * - a state machine ARN (the StartExecution target): an execution started with `Input` as its input and a
 *   generated name.
 * `Input` may use the context attributes `<aws.scheduler.schedule-arn>`, `<aws.scheduler.scheduled-time>`,
 * `<aws.scheduler.execution-id>` and `<aws.scheduler.attempt-number>`, replaced before delivery.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '#engine/index.ts';
import type { LambdaRunner } from '../lambda-runner.ts';
import { LAMBDA_TARGET, STATES_TARGET } from '../services/scheduler.ts';
import type { Deliver, ScheduleRecord } from './schedules.ts';

/** `2026-03-29T01:30:00Z`: the scheduled time as the context attribute gives it (no milliseconds). */
export const scheduledTimeText = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function templatedInput(schedule: ScheduleRecord, scheduledTime: number, attempt = 1): string {
  return (schedule.Target.Input ?? '{}')
    .replaceAll('<aws.scheduler.schedule-arn>', schedule.Arn)
    .replaceAll('<aws.scheduler.scheduled-time>', scheduledTimeText(scheduledTime))
    .replaceAll('<aws.scheduler.execution-id>', randomUUID())
    .replaceAll('<aws.scheduler.attempt-number>', String(attempt));
}

export function scheduleDelivery(runner: LambdaRunner, engine: Engine): Deliver {
  return async ({ schedule, scheduledTime }) => {
    const input = templatedInput(schedule, scheduledTime);
    const arn = schedule.Target.Arn;
    if (LAMBDA_TARGET.test(arn)) {
      let event: unknown;
      try {
        event = JSON.parse(input);
      } catch {
        event = input;
      }
      await runner.invokeAsync(arn, event).firstAttempt;
      return;
    }
    if (STATES_TARGET.test(arn)) {
      await engine.startExecution({ stateMachineArn: arn, name: randomUUID(), input });
      return;
    }
    throw new Error(`target ${arn} is not served locally`);
  };
}
