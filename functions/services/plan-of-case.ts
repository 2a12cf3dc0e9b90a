/**
 * A case's journey plan as it stands, and which of its tasks a release date change moves. Used by the release date
 * change itself (moving the open tasks) and by the ladder's first step (a task planned for the old date but created
 * after the change, which the change could not find).
 */
import type { DomainConfig } from '#domain/config.ts';
import type { Case } from '#domain/entities.ts';
import { InvalidReleaseDate } from '#domain/errors.ts';
import { type JourneyPlan, planJourney } from '#domain/journey-plan.ts';
import { replanForReleaseDateChange } from '#domain/replan.ts';
import type { SupportNeed } from '#domain/types.ts';
import type { JourneyDeps } from './deps.ts';
import { taskIdFor } from './names.ts';

/** The journey plan of a case as it stands (registered at its creation, with its current date and needs). */
export function planOf(kase: Case, config: DomainConfig): JourneyPlan {
  return planJourney(
    {
      registeredAt: kase.createdAt,
      releaseDate: kase.releaseDate,
      sentenceType: kase.sentenceType,
      risk: kase.risk,
      mappaLevel: kase.mappaLevel,
      iom: kase.iom,
      needs: Object.keys(kase.needs) as SupportNeed[],
    },
    config,
  );
}

/** The plan's tasks whose due date moving `kase` to `releaseDate` moves, as task id -> new due time. */
export function dueDateMoves(
  deps: Pick<JourneyDeps, 'config' | 'log'>,
  kase: Case,
  releaseDate: string,
  now: string,
): Map<string, string> {
  const moves = new Map<string, string>();
  try {
    const replan = replanForReleaseDateChange(planOf(kase, deps.config), releaseDate, now, deps.config);
    for (const change of replan.changes)
      if (change.change === 'RESCHEDULED' && change.dueAt)
        moves.set(taskIdFor(kase.caseId, change.key), change.dueAt);
  } catch (error) {
    // the plan's own checks are stricter at the edges (e.g. a change on release day): tasks keep their dates
    if (!(error instanceof InvalidReleaseDate)) throw error;
    deps.log?.warn('release date change: tasks not replanned', { caseId: kase.caseId });
  }
  return moves;
}
