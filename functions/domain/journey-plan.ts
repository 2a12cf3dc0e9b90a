/**
 * The journey plan: from registration and a release date, every planned task with its due time, the weekly
 * engagement sessions, the community appointments and the close date. Pure and JSON-serialisable; all instants are
 * ISO strings in UTC. A late registration (less than 12 weeks before release) compresses the custody phase.
 *
 * The plan's shapes are in `plan-types.ts`, planning from an input in `plan-build.ts`, the placing of each task in
 * `plan-tasks.ts` (sessions in `engagement-sessions.ts`), and replanning for a new release date in `replan.ts`.
 */
import { addDays, previousWorkingDayOnOrBefore, toEpochMs } from './calendar.ts';
import { DEFAULT_CONFIG, type DomainConfig } from './config.ts';
import { ImpossiblePlan } from './errors.ts';
import { fitDue, type PlanContext, plannedTask } from './plan-tasks.ts';
import type { JourneyPlan, PlannedTask } from './plan-types.ts';
import { referralTaskType, taskDefinition } from './task-catalogue.ts';
import type { SupportNeed } from './types.ts';

export { planJourney, releaseDateProblem } from './plan-build.ts';
export { isJourneyPlan, type JourneyInput, type JourneyPlan, type PlannedTask } from './plan-types.ts';
export {
  type Replan,
  replanForReleaseDateChange,
  type TaskChange,
  type TaskChangeKind,
} from './replan.ts';

/** The engagement sessions of a plan, in week order. */
export function engagementSessions(plan: JourneyPlan): PlannedTask[] {
  return plan.tasks
    .filter((t) => t.type === 'ENGAGEMENT_SESSION')
    .sort((a, b) => (a.week ?? 0) - (b.week ?? 0));
}

/**
 * A referral for a need identified after planning (by the assessment): due by its rule, but no earlier than the
 * minimum lead after `createdAt` and no later than the last working day before release.
 */
export function planReferral(
  plan: JourneyPlan,
  need: SupportNeed,
  createdAt: string,
  config: DomainConfig = DEFAULT_CONFIG,
): PlannedTask {
  const createdMs = toEpochMs(createdAt, 'createdAt');
  const type = referralTaskType(need);
  const rule = taskDefinition(type, config).due;
  if (rule.kind !== 'DAYS_BEFORE_RELEASE')
    throw new ImpossiblePlan('referral rule must be before release', 'config');
  const ctx: PlanContext = {
    input: plan.input,
    config,
    custodyStartMs: toEpochMs(plan.custodyStartAt),
    notBeforeMs: createdMs,
    releaseMs: toEpochMs(plan.releaseAt),
  };
  const ruleDate = previousWorkingDayOnOrBefore(addDays(plan.input.releaseDate, -rule.days));
  return plannedTask(ctx, type, createdMs, fitDue(ctx, type, ruleDate, createdMs, true));
}
