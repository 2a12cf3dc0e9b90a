/**
 * The staff-task ladder's steps (workflows/staff-task.asl.json): open the task and prompt the assignee, keep the
 * token of each wait on the task record, and send the reminder and escalations. Every step sees the task as it
 * stands (read first, or answered by its conditional write): a task completed between two steps ends the ladder, a
 * cancelled one (or a closed journey) ends it silently, and one whose due date moved plans its waits again.
 */
import { TaskNotFound, TaskNotOpen } from '#adapters/repository.ts';
import type { Case, Task } from '#domain/entities.ts';
import { JourneyClosed, TaskCancelled } from '#domain/errors.ts';
import { promptChannels, taskDefinition } from '#domain/task-catalogue.ts';
import { ladderFor } from '#domain/task-timing.ts';
import type { NotificationChannel, NotificationKind } from '#domain/types.ts';
import { deliver, staffRecipient } from '#functions/notifications/deliver.ts';
import type { JourneyDeps } from './deps.ts';
import { NotFound } from './errors.ts';
import type { TaskSpec } from './names.ts';
import { assigneeFor, ladderRecipient } from './staffing.ts';
import { finishTask, type TaskResult, taskResult } from './task-completion.ts';

export type LadderKind = Extract<NotificationKind, 'REMINDER' | 'ESCALATION' | 'SECOND_ESCALATION'>;

/** The ladder step numbers kept on the task record and in outbox keys. */
export const LADDER_STEP: Readonly<Record<'PROMPT' | LadderKind, number>> = {
  PROMPT: 0,
  REMINDER: 1,
  ESCALATION: 2,
  SECOND_ESCALATION: 3,
};

export async function openCase(deps: JourneyDeps, caseId: string): Promise<Case> {
  const kase = await deps.repository.getCase(caseId);
  if (!kase) throw new NotFound('case', caseId);
  if (kase.phase === 'CLOSED') throw new JourneyClosed();
  return kase;
}

export async function requireTask(deps: JourneyDeps, taskId: string): Promise<Task> {
  const task = await deps.repository.getTask(taskId);
  if (!task) throw new NotFound('task', taskId);
  return task;
}

export function taskLink(
  deps: JourneyDeps,
  taskId: string,
  recipientId: string,
  kind: NotificationKind,
  now: string,
): string {
  return (
    deps.taskLink?.(taskId, recipientId, kind, now) ??
    `${deps.settings.staffPortalUrl.replace(/\/$/, '')}/tasks/${taskId}`
  );
}

/**
 * The answer of a task recorded before its ladder opened it, through its own route: a decisive appointment
 * outcome, or a breach outcome.
 */
async function answeredAlready(deps: JourneyDeps, kase: Case, spec: TaskSpec): Promise<string | undefined> {
  if (spec.breachIndex !== undefined) return kase.breaches[spec.breachIndex - 1]?.outcome;
  if (spec.type !== 'APPOINTMENT_OUTCOME' || !spec.appointmentId) return undefined;
  const appointment = await deps.repository.getAppointment(kase.caseId, spec.appointmentId);
  return appointment?.outcome && appointment.outcome !== 'FAILED_TO_ATTEND' ? appointment.outcome : undefined;
}

/** Seconds from `from` to `to`, at least 1 (a TimeoutSeconds must be positive). */
const secondsBetween = (from: string, to: string) =>
  Math.max(1, Math.floor((Date.parse(to) - Date.parse(from)) / 1000));

export interface LadderWaits {
  /** null: the reminder would come at or before the prompt (a task created late), so there is none */
  readonly untilReminder: number | null;
  readonly untilEscalation: number;
  readonly untilSecondEscalation: number;
}

export interface OpenStaffTaskInput {
  readonly task: TaskSpec;
  readonly executionName: string;
  readonly executionArn: string;
}

/**
 * The error a ladder's wait is failed with when its task's due date moves: the ladder opens the task again (nothing
 * is sent twice) and plans its waits from the new date.
 */
export const TASK_RESCHEDULED = 'TaskRescheduled';

export type OpenStaffTaskResult =
  /** `dueAt`: the due time the waits were planned for */
  | { readonly status: 'OPEN'; readonly taskId: string; readonly dueAt: string; readonly waits: LadderWaits }
  /** `waits` is null: every field the workflow assigns must be present (JSONata has no undefined there) */
  | {
      readonly status: 'DONE';
      readonly taskId: string;
      readonly dueAt: string;
      readonly result: TaskResult;
      readonly waits: null;
    };

/** Creates the task (idempotent), records the ladder execution, prompts the assignee once, plans the waits. */
export async function openStaffTask(
  deps: JourneyDeps,
  input: OpenStaffTaskInput,
  now: string,
): Promise<OpenStaffTaskResult> {
  const { task: spec } = input;
  const kase = await openCase(deps, spec.caseId);
  const definition = taskDefinition(spec.type, deps.config);
  // created if new; a retried or re-opened step finds the task as it stands (the create is conditional), so the
  // usual case, a new task, costs no read of it first
  const { created, record: task } = await deps.repository.createTask({
    taskId: spec.taskId,
    caseId: spec.caseId,
    type: spec.type,
    assigneeId: await assigneeFor(deps, kase, definition.role),
    role: definition.role,
    dueAt: spec.dueAt,
    createdAt: now,
    executionName: input.executionName,
    ladderStep: 0,
  });
  if (task.status === 'CANCELLED') throw new TaskCancelled();
  if (task.status === 'DONE')
    return { status: 'DONE', taskId: task.taskId, dueAt: task.dueAt, result: taskResult(task), waits: null };
  if (created) {
    // the journey may have closed while the task was being created: then it is cancelled and nothing is sent
    const current = await deps.repository.getCase(spec.caseId);
    if (current?.phase === 'CLOSED') {
      await deps.repository.cancelOpenTasks(spec.caseId, now);
      throw new JourneyClosed();
    }
  }
  const decided = await answeredAlready(deps, kase, spec);
  if (decided && task.status === 'OPEN') {
    const { task: done } = await finishTask(deps, task.taskId, { outcome: decided }, now);
    return { status: 'DONE', taskId: done.taskId, dueAt: done.dueAt, result: taskResult(done), waits: null };
  }
  await deps.repository.putExecution({
    caseId: spec.caseId,
    phase: kase.phase,
    n: 0,
    name: input.executionName,
    executionArn: input.executionArn,
    startedAt: task.createdAt,
    status: 'RUNNING',
  });
  const assignee = await deps.repository.getStaff(task.assigneeId);
  if (assignee)
    await deliver(deps, {
      caseId: spec.caseId,
      subjectId: task.taskId,
      kind: 'PROMPT',
      n: LADDER_STEP.PROMPT,
      recipient: staffRecipient(assignee),
      channels: promptChannels(spec.type),
      notice: {
        kind: 'PROMPT',
        caseRef: kase.crn,
        taskTitle: definition.title,
        dueAt: task.dueAt,
        link: taskLink(deps, task.taskId, assignee.staffId, 'PROMPT', now),
        assigneeId: task.assigneeId,
      },
      taskId: task.taskId,
      now,
    });
  else deps.log?.warn('task assignee not found: no prompt sent', { taskId: task.taskId });
  return { status: 'OPEN', taskId: task.taskId, dueAt: task.dueAt, waits: ladderWaits(deps, task, now) };
}

/** The seconds each wait of the ladder lasts, counted from `now` (when the first wait starts). */
export function ladderWaits(deps: JourneyDeps, task: Task, now: string): LadderWaits {
  const ladder = ladderFor(task.type as TaskSpec['type'], task.dueAt, deps.config, now);
  const at = (kind: LadderKind) => ladder.steps.find((s) => s.kind === kind)?.at;
  const reminderAt = at('REMINDER');
  const escalationAt = at('ESCALATION') ?? task.dueAt;
  const secondAt = at('SECOND_ESCALATION') ?? escalationAt;
  return {
    untilReminder: reminderAt ? secondsBetween(now, reminderAt) : null,
    untilEscalation: secondsBetween(reminderAt ?? now, escalationAt),
    untilSecondEscalation: secondsBetween(escalationAt, secondAt),
  };
}

export interface AwaitStaffTaskInput {
  readonly taskId: string;
  /**
   * The task's case, which the ladder knows from its input: the wait then needs no read of the task. Executions
   * started by an older ladder definition send none, and the task is read for it.
   */
  readonly caseId?: string | undefined;
  /** the due time the ladder planned this wait for; older ladder definitions send none */
  readonly plannedDueAt?: string | undefined;
  readonly taskToken: string;
  /** the ladder step the wait follows (0 after the prompt) */
  readonly step: number;
  readonly executionName: string;
}

/**
 * Keeps the token of the current wait on the task. A task completed meanwhile is answered at once with its result
 * (SendTaskSuccess on this very token); a cancelled one ends the ladder with `TaskCancelled`.
 */
export async function awaitStaffTask(
  deps: JourneyDeps,
  input: AwaitStaffTaskInput,
  now: string,
): Promise<{ waiting: boolean }> {
  await openCase(deps, input.caseId ?? (await requireTask(deps, input.taskId)).caseId);
  try {
    const task = await deps.repository.setTaskToken(input.taskId, {
      taskToken: input.taskToken,
      ladderStep: input.step,
      executionName: input.executionName,
    });
    // the due date moved after the waits were planned (and the change found no wait to tell): plan again now
    if (input.plannedDueAt !== undefined && task.dueAt !== input.plannedDueAt) {
      await deps.workflows.sendTaskFailure(
        input.taskToken,
        TASK_RESCHEDULED,
        `the task is now due ${task.dueAt}`,
      );
      return { waiting: false };
    }
  } catch (error) {
    if (error instanceof TaskNotFound) throw new NotFound('task', input.taskId);
    if (!(error instanceof TaskNotOpen)) throw error;
    if (error.status === 'CANCELLED') throw new TaskCancelled();
    const done = await requireTask(deps, input.taskId);
    await deps.workflows.sendTaskSuccess(input.taskToken, taskResult(done));
    deps.log?.info('task already completed: wait answered at once', { taskId: input.taskId, at: now });
    return { waiting: false };
  }
  return { waiting: true };
}

export interface NotifyLadderStepInput {
  readonly taskId: string;
  readonly kind: LadderKind;
}

/** Sends a reminder or escalation of an open task (once: the outbox key holds the step). */
export async function notifyLadderStep(
  deps: JourneyDeps,
  input: NotifyLadderStepInput,
  now: string,
): Promise<{ status: Task['status']; sent: number }> {
  const task = await requireTask(deps, input.taskId);
  if (task.status !== 'OPEN') return { status: task.status, sent: 0 };
  const kase = await openCase(deps, task.caseId);
  const definition = taskDefinition(task.type, deps.config);
  const step = definition.ladder.find((s) => s.kind === input.kind);
  if (!step) return { status: task.status, sent: 0 };
  const recipient = await ladderRecipient(deps, task.assigneeId, step.target);
  if (!recipient) {
    deps.log?.warn('no recipient for ladder step', { taskId: task.taskId, kind: input.kind });
    return { status: task.status, sent: 0 };
  }
  // escalations are urgent: SMS as well as the configured channels (when the recipient has a mobile)
  const channels = new Set<NotificationChannel>(step.channels);
  if (input.kind !== 'REMINDER') channels.add('SMS');
  const results = await deliver(deps, {
    caseId: task.caseId,
    subjectId: task.taskId,
    kind: input.kind,
    n: LADDER_STEP[input.kind],
    recipient: staffRecipient(recipient),
    channels: [...channels],
    notice: {
      kind: input.kind,
      caseRef: kase.crn,
      taskTitle: definition.title,
      dueAt: task.dueAt,
      link: taskLink(deps, task.taskId, recipient.staffId, input.kind, now),
      assigneeId: task.assigneeId,
    },
    taskId: task.taskId,
    now,
  });
  return { status: task.status, sent: results.filter((r) => r.outcome === 'SENT').length };
}
