/**
 * The payloads the workflows and schedules send to the journey Lambdas. `now` is always given by the caller: the
 * state's entered time (`$states.context.State.EnteredTime`), the schedule's time or the request time.
 */
import { z } from 'zod';
import { TASK_TYPES } from '#domain/task-catalogue.ts';
import { instantSchema, localDateSchema } from '#schemas/common.ts';

const name = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, { error: 'must be an execution name' });
const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a case id' });
const arn = z.string().startsWith('arn:', { error: 'must be an ARN' });
const token = z.string().min(1).max(2048);

export const caseStep = z.object({ caseId, now: instantSchema });

export const phaseStart = z.object({
  caseId,
  n: z.number().int().min(1),
  executionName: name,
  executionArn: arn,
  now: instantSchema,
  custodyStartAt: instantSchema.nullable().optional(),
});

export const taskSpec = z.object({
  caseId,
  taskId: name,
  key: z.string().min(1).max(64),
  type: z.enum(TASK_TYPES),
  dueAt: instantSchema,
  appointmentId: z.string().max(100).optional(),
  breachIndex: z.number().int().min(1).optional(),
  /** absent from specs planned by older definitions */
  ladder: z
    .object({
      reminderAt: instantSchema.nullable(),
      escalationAt: instantSchema,
      secondEscalationAt: instantSchema,
    })
    .optional(),
  releaseDate: localDateSchema.optional(),
});

export const openStaffTaskPayload = z.object({
  task: taskSpec,
  /** the ladder's own name (the task's id), which the task keeps */
  executionName: name,
  /** the token of the wait that follows the prompt, in the same step; absent from older ladder definitions */
  taskToken: token.optional(),
  now: instantSchema,
});

export const awaitStaffTaskPayload = z.object({
  taskId: name,
  /** absent from executions of ladder definitions older than the one that sends it */
  caseId: name.optional(),
  plannedDueAt: instantSchema.optional(),
  taskToken: token,
  step: z.number().int().min(0).max(3),
  executionName: name,
  now: instantSchema,
});

export const notifyLadderStepPayload = z.object({
  taskId: name,
  kind: z.enum(['REMINDER', 'ESCALATION', 'SECOND_ESCALATION']),
  /**
   * The wait that follows the notice, in the same step: its token, and the due time the ladder is planned for.
   * Absent from older ladder definitions, which wait in a step of their own.
   */
  wait: z.object({ taskToken: token, plannedDueAt: instantSchema, executionName: name }).optional(),
  now: instantSchema,
});

export const awaitReleasePayload = z.object({
  caseId,
  taskToken: token,
  executionName: name,
  now: instantSchema,
});

export const sessionPayload = z.object({
  caseId,
  custodyStartAt: instantSchema,
  afterWeek: z.number().int().min(0),
  now: instantSchema,
});

export const executionStep = z.object({ caseId, executionName: name, now: instantSchema });

export const appointmentStep = z.object({
  caseId,
  appointmentId: z.string().min(1).max(100),
  now: instantSchema,
});

export const breachStep = z.object({
  caseId,
  breachIndex: z.number().int().min(1),
  executionName: name,
  now: instantSchema,
});

/** What a one-time schedule sends: `scheduledTime` is `<aws.scheduler.scheduled-time>`, the time it fired. */
export const schedulePayload = z.object({
  action: z.enum(['RELEASE', 'START_JOURNEY']).default('RELEASE'),
  caseId,
  scheduledTime: instantSchema,
});

/** Events from other systems (an EventBridge rule or a direct invoke): the request's time comes with them. */
export const requestTime = instantSchema;
