/**
 * Ending a journey: record the outcome (the case is CLOSED first, so every later step reads it and sends nothing),
 * cancel open tasks and future appointments, delete the schedules, stop the ladders of the tasks it cancelled, and
 * stop every running phase execution of the case (from the executions-by-case records), except the one that is
 * closing it, which ends by itself.
 */
import { CaseClosed } from '#adapters/repository.ts';
import { executionArnFor } from '#adapters/workflows.ts';
import type { Case, ExecutionRecord, Task } from '#domain/entities.ts';
import type { JourneyOutcome } from '#domain/types.ts';
import type { JourneyDeps } from './deps.ts';
import { NotFound } from './errors.ts';
import { journeyStartScheduleName, releaseScheduleName } from './names.ts';

export interface CloseResult {
  readonly closed: boolean;
  readonly outcome: JourneyOutcome | undefined;
  readonly cancelledTasks: number;
  readonly stoppedExecutions: number;
}

export async function closeJourney(
  deps: JourneyDeps,
  caseId: string,
  outcome: JourneyOutcome,
  now: string,
  options: { readonly exceptExecutionName?: string } = {},
): Promise<CloseResult> {
  const kase = await deps.repository.getCase(caseId);
  if (!kase) throw new NotFound('case', caseId);
  if (kase.phase === 'CLOSED' && kase.outcome !== outcome)
    return { closed: false, outcome: kase.outcome, cancelledTasks: 0, stoppedExecutions: 0 };
  let closed: Case;
  try {
    closed = await deps.repository.closeCase(caseId, { outcome, now });
  } catch (error) {
    if (!(error instanceof CaseClosed)) throw error;
    return { closed: false, outcome: error.outcome, cancelledTasks: 0, stoppedExecutions: 0 };
  }
  const cancelled = await deps.repository.cancelOpenTasks(caseId, now);
  for (const appointment of await deps.repository.listAppointmentsByCase(caseId))
    if (!appointment.outcome && !appointment.cancelledAt && appointment.at > now)
      await deps.repository.cancelAppointment(caseId, appointment.appointmentId, now);
  await deps.scheduler.delete(journeyStartScheduleName(caseId));
  await deps.scheduler.delete(releaseScheduleName(caseId));
  const cause = `journey closed: ${outcome}`;
  // the phases first, as before: a ladder stopped while its parent still runs would let the parent take a step
  const stopped =
    (await stopExecutions(deps, caseId, now, cause, (e) => e.name !== options.exceptExecutionName)) +
    (await stopLadders(deps, cancelled, cause));
  if (options.exceptExecutionName)
    await markExecution(deps, caseId, options.exceptExecutionName, 'SUCCEEDED', now);
  deps.log?.info('journey closed', { caseId, outcome: closed.outcome });
  return { closed: true, outcome, cancelledTasks: cancelled.length, stoppedExecutions: stopped };
}

/**
 * Stops the ladders of `tasks` (tasks just cancelled): a task's ladder is the staff-task execution named by the
 * task's id, which the task keeps as its `executionName`. Returns how many were running. A ladder that has ended
 * already is left as it is; one that a cancel missed (a task listed before it was indexed) ends at its next step,
 * which finds the task cancelled or the case closed.
 */
export async function stopLadders(deps: JourneyDeps, tasks: readonly Task[], cause: string): Promise<number> {
  let stopped = 0;
  for (const task of tasks) {
    if (task.executionName !== task.taskId) continue; // an older task, waited on by its phase execution
    const arn = executionArnFor(deps.settings.staffTaskStateMachineArn, task.executionName);
    if ((await deps.workflows.stop(arn, 'JourneyClosed', cause)) === 'STOPPED') stopped += 1;
  }
  return stopped;
}

/** Stops the case's running phase executions that `which` selects; returns how many were running. */
export async function stopExecutions(
  deps: JourneyDeps,
  caseId: string,
  now: string,
  cause: string,
  which: (execution: ExecutionRecord) => boolean,
): Promise<number> {
  let stopped = 0;
  for (const execution of await deps.repository.listExecutionsByCase(caseId)) {
    if (execution.status !== 'RUNNING' || !which(execution)) continue;
    const result = await deps.workflows.stop(execution.executionArn, 'JourneyClosed', cause);
    if (result === 'STOPPED') stopped += 1;
    await markExecution(deps, caseId, execution.name, 'ABORTED', now);
  }
  return stopped;
}

export async function markExecution(
  deps: JourneyDeps,
  caseId: string,
  name: string,
  status: ExecutionRecord['status'],
  now: string,
): Promise<void> {
  try {
    await deps.repository.updateExecutionStatus(caseId, name, status, now);
  } catch (error) {
    if ((error as Error).name !== 'ExecutionNotFound') throw error;
  }
}
