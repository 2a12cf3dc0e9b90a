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
import { type LadderInstants, ladderInstants } from '#domain/task-timing.ts';
import type { NotificationChannel, NotificationKind } from '#domain/types.ts';
import { deliver, staffRecipient } from '#functions/notifications/deliver.ts';
import type { JourneyDeps } from './deps.ts';
import { NotFound } from './errors.ts';
import type { TaskSpec } from './names.ts';
import { dueDateMoves } from './plan-of-case.ts';
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
  /** the ladder's execution name: the task keeps it, and a closing journey stops the ladder by it */
  readonly executionName: string;
}

/**
 * The error a ladder's wait is failed with when its task's due date moves (or its spec carries no ladder). The
 * cause is the JSON of `LadderReplan`, which the ladder merges into its task spec before it opens the task again
 * (nothing is sent twice) and times its waits from the new instants.
 */
export const TASK_RESCHEDULED = 'TaskRescheduled';

export interface LadderReplan {
  readonly dueAt: string;
  readonly ladder: LadderInstants;
}

/** The cause of a `TaskRescheduled` failure: the task's due time as it stands and its ladder's instants. */
export function rescheduledCause(deps: JourneyDeps, task: Pick<Task, 'type' | 'dueAt'>): string {
  const replan: LadderReplan = {
    dueAt: task.dueAt,
    ladder: ladderInstants(task.type as TaskSpec['type'], task.dueAt, deps.config),
  };
  return JSON.stringify(replan);
}

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

/**
 * Creates the task (idempotent), records the ladder execution, prompts the assignee once, plans the waits. For
 * ladder definitions that wait in a step of their own (see `openStaffTaskAndWait`).
 */
export async function openStaffTask(
  deps: JourneyDeps,
  input: OpenStaffTaskInput,
  now: string,
): Promise<OpenStaffTaskResult> {
  const opened = await openTask(deps, input, now);
  const { task } = opened;
  if (opened.status === 'DONE')
    return { status: 'DONE', taskId: task.taskId, dueAt: task.dueAt, result: taskResult(task), waits: null };
  return { status: 'OPEN', taskId: task.taskId, dueAt: task.dueAt, waits: ladderWaits(deps, task, now) };
}

/**
 * The ladder's first step: opens the task and prompts its assignee as `openStaffTask` does, then keeps the token
 * of the wait for its completion on the task. A task already done answers the token at once; one whose due date
 * is not the spec's (or a spec without a ladder) fails it with `TaskRescheduled`.
 */
export async function openStaffTaskAndWait(
  deps: JourneyDeps,
  input: OpenStaffTaskInput & { readonly taskToken: string },
  now: string,
): Promise<{ waiting: boolean }> {
  const opened = await openTask(deps, input, now, input.taskToken);
  if (opened.status === 'DONE') {
    await deps.workflows.sendTaskSuccess(input.taskToken, taskResult(opened.task));
    return { waiting: false };
  }
  const { task: spec } = input;
  const wait: HeldWait = {
    taskId: spec.taskId,
    taskToken: input.taskToken,
    step: LADDER_STEP.PROMPT,
    executionName: input.executionName,
    plannedDueAt: spec.ladder ? spec.dueAt : null,
  };
  // a new task was created holding this token: it waits, unless its ladder must be planned (again) first
  if (opened.created)
    return spec.ladder && opened.task.dueAt === spec.dueAt
      ? { waiting: true }
      : replanWait(deps, wait.taskToken, opened.task);
  return holdToken(deps, wait);
}

/**
 * Creates the task if new (holding `taskToken`, the token of the wait after the prompt, when given), and prompts
 * its assignee once. `created`: this call created the task.
 */
async function openTask(
  deps: JourneyDeps,
  input: OpenStaffTaskInput,
  now: string,
  taskToken?: string,
): Promise<{ readonly status: 'OPEN' | 'DONE'; readonly task: Task; readonly created: boolean }> {
  const { task: spec } = input;
  const kase = await openCase(deps, spec.caseId);
  const definition = taskDefinition(spec.type, deps.config);
  // planned for a release date that has moved since (the change found no task to move): due as the plan now says
  const dueAt =
    spec.releaseDate === undefined || spec.releaseDate === kase.releaseDate
      ? spec.dueAt
      : (dueDateMoves(deps, { ...kase, releaseDate: spec.releaseDate }, kase.releaseDate, now).get(
          spec.taskId,
        ) ?? spec.dueAt);
  // created if new; a retried or re-opened step finds the task as it stands (the create is conditional), so the
  // usual case, a new task, costs no read of it first
  const { created, record: task } = await deps.repository.createTask({
    taskId: spec.taskId,
    caseId: spec.caseId,
    type: spec.type,
    assigneeId: await assigneeFor(deps, kase, definition.role),
    role: definition.role,
    dueAt,
    createdAt: now,
    executionName: input.executionName,
    ladderStep: 0,
    taskToken,
  });
  if (task.status === 'CANCELLED') throw new TaskCancelled();
  if (task.status === 'DONE') return { status: 'DONE', task, created };
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
    // a task created holding the token has it answered by the completion itself
    const { task: done } = await finishTask(deps, task.taskId, { outcome: decided }, now);
    return { status: 'DONE', task: done, created };
  }
  // no execution record for the ladder: the task names it (executionName), which is how a closing journey or a
  // release finds the ladders to stop (close-journey.ts stopLadders)
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
  return { status: 'OPEN', task, created };
}

/** The seconds each wait of the ladder lasts, counted from `now` (when the first wait starts). */
export function ladderWaits(deps: JourneyDeps, task: Task, now: string): LadderWaits {
  const { reminderAt, escalationAt, secondEscalationAt } = ladderInstants(
    task.type as TaskSpec['type'],
    task.dueAt,
    deps.config,
    now,
  );
  return {
    untilReminder: reminderAt ? secondsBetween(now, reminderAt) : null,
    untilEscalation: secondsBetween(reminderAt ?? now, escalationAt),
    untilSecondEscalation: secondsBetween(escalationAt, secondEscalationAt),
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
 * (SendTaskSuccess on this very token); a cancelled one ends the ladder with `TaskCancelled`. For ladder definitions
 * that wait in a step of their own.
 */
export async function awaitStaffTask(
  deps: JourneyDeps,
  input: AwaitStaffTaskInput,
  now: string,
): Promise<{ waiting: boolean }> {
  await openCase(deps, input.caseId ?? (await requireTask(deps, input.taskId)).caseId);
  const waiting = await holdToken(deps, input);
  if (!waiting.waiting) deps.log?.info('wait answered at once', { taskId: input.taskId, at: now });
  return waiting;
}

interface HeldWait {
  readonly taskId: string;
  readonly taskToken: string;
  readonly step: number;
  readonly executionName: string;
  /**
   * The due time the ladder timed this wait for: a task now due at another time fails the wait with
   * `TaskRescheduled`, as does null (the ladder has no instants to time it by). Undefined: not checked (older
   * ladder definitions).
   */
  readonly plannedDueAt?: string | null | undefined;
}

/** Keeps the wait's token on the open task, or answers it at once (done, cancelled, rescheduled). */
async function holdToken(deps: JourneyDeps, wait: HeldWait): Promise<{ waiting: boolean }> {
  try {
    const task = await deps.repository.setTaskToken(wait.taskId, {
      taskToken: wait.taskToken,
      ladderStep: wait.step,
      executionName: wait.executionName,
    });
    // the due date moved after the waits were planned (and the change found no wait to tell): plan again now
    if (wait.plannedDueAt !== undefined && task.dueAt !== wait.plannedDueAt)
      return replanWait(deps, wait.taskToken, task);
  } catch (error) {
    if (error instanceof TaskNotFound) throw new NotFound('task', wait.taskId);
    if (!(error instanceof TaskNotOpen)) throw error;
    if (error.status === 'CANCELLED') throw new TaskCancelled();
    const done = await requireTask(deps, wait.taskId);
    await deps.workflows.sendTaskSuccess(wait.taskToken, taskResult(done));
    return { waiting: false };
  }
  return { waiting: true };
}

/** Fails the wait with `TaskRescheduled` and the task's due time and ladder instants as they stand. */
async function replanWait(deps: JourneyDeps, taskToken: string, task: Task): Promise<{ waiting: boolean }> {
  await deps.workflows.sendTaskFailure(taskToken, TASK_RESCHEDULED, rescheduledCause(deps, task));
  return { waiting: false };
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
  return { status: task.status, sent: await sendLadderNotice(deps, task, input.kind, now) };
}

/**
 * A ladder step with its wait: sends the reminder or escalation of the open task as `notifyLadderStep` does, then
 * keeps the token of the wait that follows. A task done meanwhile answers the token at once, a cancelled one ends
 * the ladder, and one whose due date moved sends nothing and fails the wait with `TaskRescheduled`.
 */
export async function notifyLadderStepAndWait(
  deps: JourneyDeps,
  input: NotifyLadderStepInput & {
    readonly wait: {
      readonly taskToken: string;
      readonly plannedDueAt: string;
      readonly executionName: string;
    };
  },
  now: string,
): Promise<{ waiting: boolean }> {
  const { wait } = input;
  const task = await requireTask(deps, input.taskId);
  if (task.status === 'CANCELLED') throw new TaskCancelled();
  if (task.status === 'DONE') {
    await deps.workflows.sendTaskSuccess(wait.taskToken, taskResult(task));
    return { waiting: false };
  }
  if (task.dueAt !== wait.plannedDueAt) return replanWait(deps, wait.taskToken, task);
  await sendLadderNotice(deps, task, input.kind, now);
  return holdToken(deps, { taskId: task.taskId, step: LADDER_STEP[input.kind], ...wait });
}

/** The notice of a ladder step to its recipient, once (the outbox key holds the step); the number sent. */
async function sendLadderNotice(
  deps: JourneyDeps,
  task: Task,
  kind: LadderKind,
  now: string,
): Promise<number> {
  const kase = await openCase(deps, task.caseId);
  const definition = taskDefinition(task.type, deps.config);
  const step = definition.ladder.find((s) => s.kind === kind);
  if (!step) return 0;
  const recipient = await ladderRecipient(deps, task.assigneeId, step.target);
  if (!recipient) {
    deps.log?.warn('no recipient for ladder step', { taskId: task.taskId, kind });
    return 0;
  }
  // escalations are urgent: SMS as well as the configured channels (when the recipient has a mobile)
  const channels = new Set<NotificationChannel>(step.channels);
  if (kind !== 'REMINDER') channels.add('SMS');
  const results = await deliver(deps, {
    caseId: task.caseId,
    subjectId: task.taskId,
    kind,
    n: LADDER_STEP[kind],
    recipient: staffRecipient(recipient),
    channels: [...channels],
    notice: {
      kind,
      caseRef: kase.crn,
      taskTitle: definition.title,
      dueAt: task.dueAt,
      link: taskLink(deps, task.taskId, recipient.staffId, kind, now),
      assigneeId: task.assigneeId,
    },
    taskId: task.taskId,
    now,
  });
  return results.filter((r) => r.outcome === 'SENT').length;
}
