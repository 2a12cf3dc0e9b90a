/**
 * A release date change before release: the case takes the new date, the release schedule moves (UpdateSchedule),
 * and before custody has started the journey-start schedule moves too (or the journey starts now). A new date of
 * today or earlier releases now. The custody execution reads the release date at each engagement session, so
 * sessions follow the new date: a deferral adds weeks, an earlier date ends them at the new release. Open tasks
 * whose due date the plan ties to the release date (the duty to refer, licence conditions, …) move with it, and
 * each one's ladder is told (`TaskRescheduled` on its wait), so its reminder and escalations follow the new date.
 * A task planned for the old date but not yet created (the change cannot see it) is given the new due date when its
 * ladder opens it: its spec names the release date it was planned for.
 */
import { TaskNotFound, TaskNotOpen } from '#adapters/repository.ts';
import { compareDates, daysBetween, instantAt, localDateOf } from '#domain/calendar.ts';
import { releaseDateChangeEffect } from '#domain/journey.ts';
import type { ReleaseDateChange } from '#schemas/release-date-change.ts';
import type { JourneyDeps } from './deps.ts';
import { InvalidInput, NotFound } from './errors.ts';
import { releaseScheduleName } from './names.ts';
import { dueDateMoves } from './plan-of-case.ts';
import { arrangeJourney } from './register-case.ts';
import { triggerRelease } from './release.ts';
import { rescheduledCause, TASK_RESCHEDULED } from './staff-task.ts';
import { updateWithRetry } from './start-journey.ts';

export interface ChangeReleaseDateInput extends ReleaseDateChange {
  readonly caseId: string;
}

export interface ChangeReleaseDateResult {
  readonly changed: boolean;
  readonly previousReleaseDate: string;
  readonly releaseDate: string;
  readonly direction: 'BROUGHT_FORWARD' | 'DEFERRED' | 'UNCHANGED';
  /** the new date was today or past: the release fired now */
  readonly releasedNow: boolean;
  /** open tasks given a new due date */
  readonly tasksRescheduled: number;
}

export async function changeReleaseDate(
  deps: JourneyDeps,
  input: ChangeReleaseDateInput,
  now: string,
): Promise<ChangeReleaseDateResult> {
  const before = await deps.repository.getCase(input.caseId);
  if (!before) throw new NotFound('case', input.caseId);
  releaseDateChangeEffect(before.phase);
  const today = localDateOf(now);
  if (daysBetween(today, input.releaseDate) > deps.config.maxDaysToRelease)
    throw new InvalidInput([
      { field: 'releaseDate', message: `must be no more than ${deps.config.maxDaysToRelease} days ahead` },
    ]);
  const cmp = compareDates(input.releaseDate, before.releaseDate);
  const direction = cmp < 0 ? 'BROUGHT_FORWARD' : cmp > 0 ? 'DEFERRED' : 'UNCHANGED';
  const releaseNow = compareDates(input.releaseDate, today) <= 0;
  if (releaseNow) {
    const released = await triggerRelease(deps, { caseId: input.caseId, releasedOn: today }, now);
    return {
      changed: released.released,
      previousReleaseDate: before.releaseDate,
      releaseDate: today,
      direction,
      releasedNow: released.released,
      tasksRescheduled: 0,
    };
  }
  // worked out before anything is written: the new due date of each task the plan moves, by task id
  const moves =
    direction === 'UNCHANGED'
      ? new Map<string, string>()
      : dueDateMoves(deps, before, input.releaseDate, now);
  const kase = await updateWithRetry(
    deps,
    input.caseId,
    (k) => {
      releaseDateChangeEffect(k.phase);
      return k.releaseDate === input.releaseDate ? undefined : { releaseDate: input.releaseDate };
    },
    now,
    before,
  );
  if (kase.phase === 'REGISTERED') await arrangeJourney(deps, kase, now);
  else
    await deps.scheduler.upsert({
      name: releaseScheduleName(kase.caseId),
      at: instantAt(kase.releaseDate, deps.config.releaseTime),
      targetArn: deps.settings.releaseTriggerFunctionArn,
      input: { action: 'RELEASE', caseId: kase.caseId, scheduledTime: '<aws.scheduler.scheduled-time>' },
    });
  const tasksRescheduled = await rescheduleOpenTasks(deps, kase.caseId, moves);
  deps.log?.info('release date changed', { caseId: kase.caseId, direction });
  return {
    changed: direction !== 'UNCHANGED',
    previousReleaseDate: before.releaseDate,
    releaseDate: kase.releaseDate,
    direction,
    releasedNow: false,
    tasksRescheduled,
  };
}

/** Moves each open task the plan moves, and tells its ladder's current wait (a stale token is ignored). */
async function rescheduleOpenTasks(
  deps: JourneyDeps,
  caseId: string,
  moves: ReadonlyMap<string, string>,
): Promise<number> {
  if (moves.size === 0) return 0;
  let moved = 0;
  for (const task of await deps.repository.listOpenTasksByCase(caseId)) {
    const dueAt = moves.get(task.taskId);
    if (dueAt === undefined || dueAt === task.dueAt) continue;
    try {
      const rescheduled = await deps.repository.rescheduleTask(task.taskId, dueAt);
      moved++;
      if (rescheduled.taskToken)
        await deps.workflows.sendTaskFailure(
          rescheduled.taskToken,
          TASK_RESCHEDULED,
          rescheduledCause(deps, rescheduled),
        );
    } catch (error) {
      // completed or cancelled meanwhile: nothing to move
      if (!(error instanceof TaskNotOpen || error instanceof TaskNotFound)) throw error;
    }
  }
  return moved;
}
