/**
 * The custody phase's steps (workflows/custody.asl.json): plan the pre-release work, give the engagement loop its
 * next session, plan the referrals for the needs found, and clear custody work away at release.
 */

import { isoOfMs, type LocalDate } from '#domain/calendar.ts';
import type { DomainConfig } from '#domain/config.ts';
import {
  type SessionSlot,
  sessionAvailableMs,
  sessionKey,
  sessionSlots,
} from '#domain/engagement-sessions.ts';
import type { Case } from '#domain/entities.ts';
import { type PlannedTask, planReferral } from '#domain/journey-plan.ts';
import type { SupportNeed } from '#domain/types.ts';
import { markExecution, stopLadders } from './close-journey.ts';
import type { JourneyDeps } from './deps.ts';
import { executionName, type TaskSpec, taskSpec } from './names.ts';
import { planOf } from './plan-of-case.ts';
import { openCase } from './staff-task.ts';

export interface PhaseStartInput {
  readonly caseId: string;
  readonly n: number;
  readonly executionName: string;
  readonly executionArn: string;
  /** a continuation keeps the custody start of the first execution (sessions are numbered from it) */
  readonly custodyStartAt?: string | null;
}

/** A custody task's spec, naming the release date it was planned for. */
function custodySpec(
  deps: JourneyDeps,
  kase: Case,
  task: Pick<PlannedTask, 'key' | 'type' | 'dueAt'>,
): TaskSpec {
  return taskSpec(kase.caseId, task, deps.config, { releaseDate: kase.releaseDate });
}

export type CustodyPlan =
  | { readonly released: true; readonly caseId: string }
  | {
      readonly released: false;
      readonly caseId: string;
      readonly custodyStartAt: string;
      readonly assessment: TaskSpec;
      readonly resettlementPlan: TaskSpec;
    };

export async function planCustody(
  deps: JourneyDeps,
  input: PhaseStartInput,
  now: string,
): Promise<CustodyPlan> {
  const kase = await openCase(deps, input.caseId);
  await deps.repository.putExecution({
    caseId: kase.caseId,
    phase: 'CUSTODY',
    n: input.n,
    name: input.executionName,
    executionArn: input.executionArn,
    startedAt: now,
    status: 'RUNNING',
  });
  // a continuation (<caseId>-custody-<n>, n > 1): its predecessor ended when it started this one
  if (input.n > 1)
    await markExecution(
      deps,
      kase.caseId,
      executionName(kase.caseId, 'custody', input.n - 1),
      'SUCCEEDED',
      now,
    );
  if (kase.phase === 'COMMUNITY') return { released: true, caseId: kase.caseId };
  const plan = planOf(kase, deps.config);
  const find = (key: string) => {
    const task = plan.tasks.find((t) => t.key === key);
    if (!task) throw new Error(`the plan has no ${key}`);
    return custodySpec(deps, kase, task);
  };
  return {
    released: false,
    caseId: kase.caseId,
    custodyStartAt: input.custodyStartAt ?? plan.custodyStartAt,
    assessment: find('PRE_RELEASE_ASSESSMENT'),
    resettlementPlan: find('RESETTLEMENT_PLAN'),
  };
}

export interface EngagementSession {
  readonly week: number;
  readonly key: string;
  readonly availableAt: string;
  readonly dueAt: string;
}

/** A session as the engagement loop takes it. */
function engagementSession(slot: SessionSlot, startMs: number, config: DomainConfig): EngagementSession {
  return {
    week: slot.week,
    key: sessionKey(slot.week),
    availableAt: isoOfMs(sessionAvailableMs(slot, startMs, config)),
    dueAt: isoOfMs(slot.dueMs),
  };
}

/**
 * Weekly sessions from custody start to the day before release, each due at the end of its week (the last working
 * day on or before it): the journey plan's rule (`#domain/engagement-sessions.ts`), recomputed from the current
 * release date so that a deferral adds weeks and an earlier date drops them; custody start does not move.
 */
export function sessionSchedule(
  custodyStartAt: string,
  releaseDate: LocalDate,
  config: DomainConfig,
): EngagementSession[] {
  const startMs = Date.parse(custodyStartAt);
  return [...sessionSlots(startMs, releaseDate, config)].map((slot) =>
    engagementSession(slot, startMs, config),
  );
}

/** The first session of `sessionSchedule` after week `afterWeek`, computed without the ones after it. */
export function sessionAfter(
  custodyStartAt: string,
  releaseDate: LocalDate,
  config: DomainConfig,
  afterWeek: number,
): EngagementSession | undefined {
  const startMs = Date.parse(custodyStartAt);
  for (const slot of sessionSlots(startMs, releaseDate, config))
    if (slot.week > afterWeek) return engagementSession(slot, startMs, config);
  return undefined;
}

export type NextSession =
  | { readonly found: false }
  | { readonly found: true; readonly week: number; readonly availableAt: string; readonly task: TaskSpec };

export async function nextEngagementSession(
  deps: JourneyDeps,
  input: { readonly caseId: string; readonly custodyStartAt: string; readonly afterWeek: number },
): Promise<NextSession> {
  const kase = await openCase(deps, input.caseId);
  if (kase.phase !== 'CUSTODY') return { found: false };
  const next = sessionAfter(input.custodyStartAt, kase.releaseDate, deps.config, input.afterWeek);
  if (!next) return { found: false };
  return {
    found: true,
    week: next.week,
    availableAt: next.availableAt,
    task: custodySpec(deps, kase, { key: next.key, type: 'ENGAGEMENT_SESSION', dueAt: next.dueAt }),
  };
}

/**
 * The referrals for the needs identified so far (at registration and by the assessment) that are not met or
 * declined, and the licence conditions task for a licence: each due by its rule and no sooner than the minimum lead.
 */
export async function planReferrals(
  deps: JourneyDeps,
  input: { readonly caseId: string },
  now: string,
): Promise<{ referrals: TaskSpec[] }> {
  const kase = await openCase(deps, input.caseId);
  if (kase.phase !== 'CUSTODY') return { referrals: [] };
  const plan = planOf(kase, deps.config);
  const needs = (Object.entries(kase.needs) as [SupportNeed, string][])
    .filter(([, status]) => status !== 'MET' && status !== 'DECLINED')
    .map(([need]) => need)
    .sort();
  const referrals = needs.map((need) => custodySpec(deps, kase, planReferral(plan, need, now, deps.config)));
  const licence = plan.tasks.find((t) => t.type === 'LICENCE_CONDITIONS_EXPLAINED');
  if (licence) referrals.push(custodySpec(deps, kase, licence));
  return { referrals };
}

/**
 * At release: cancel every open custody task (so none prompts later) and stop the ladders still running, then hand
 * over to the community phase, whose execution name is returned.
 */
export async function prepareForRelease(
  deps: JourneyDeps,
  input: { readonly caseId: string; readonly executionName: string },
  now: string,
): Promise<{ cancelledTasks: number; stoppedLadders: number; communityExecutionName: string }> {
  const cancelled = await deps.repository.cancelOpenTasks(input.caseId, now);
  const stopped = await stopLadders(deps, cancelled, 'released: custody work ends');
  await markExecution(deps, input.caseId, input.executionName, 'SUCCEEDED', now);
  return {
    cancelledTasks: cancelled.length,
    stoppedLadders: stopped,
    communityExecutionName: executionName(input.caseId, 'community', 1),
  };
}
