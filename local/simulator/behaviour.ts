/**
 * How staff and people behave, as pure decisions over a seeded draw per task (so a task's behaviour does not depend
 * on the order in which tasks happen to be seen): when a prompted task is acted on and by whom, what an appointment's
 * outcome is, what an assessment finds, what a breach or recall review decides.
 */
import { NEED_PATHWAY } from '#domain/task-catalogue.ts';
import {
  type AppointmentOutcome,
  type BreachOutcome,
  PATHWAYS,
  type Pathway,
  type SentenceType,
  type SupportNeed,
} from '#domain/types.ts';
import type { CohortMix } from './cohort.ts';
import { createRandom, hashSeed, type Random } from './random.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type StaffResponse = keyof CohortMix['staffResponse'];

/** The seeded draw of one task. */
export function taskDraw(seed: number, taskId: string): Random {
  return createRandom(hashSeed(`${seed}:task:${taskId}`));
}

export interface PromptedTask {
  readonly createdAt: string;
  readonly dueAt: string;
}

export interface ResponsePlan {
  readonly response: StaffResponse;
  /**
   * ON_TIME and LATE: when the assignee acts (epoch ms). NEVER: undefined; the line manager steps in a while after
   * the second escalation reaches their own manager (`managerDelayMs` after that notice).
   */
  readonly actAt?: number;
  readonly managerDelayMs: number;
}

/**
 * ON_TIME: some time between the prompt and the due time, most early (some after the reminder).
 * LATE: one to five days after the due time (after the escalation). NEVER: the manager steps in.
 */
export function planResponse(
  draw: Random,
  mix: CohortMix,
  task: PromptedTask,
  promptedAt: number,
): ResponsePlan {
  const response = draw.weighted(mix.staffResponse);
  const due = Date.parse(task.dueAt);
  const from = Math.max(promptedAt, Date.parse(task.createdAt));
  // whole minutes, off the hour: staff do not act at the instants the ladder's timers fire
  const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000 + 17_000;
  const managerDelayMs = minute(draw.int(2, 30) * HOUR);
  if (response === 'ON_TIME')
    return {
      response,
      actAt: minute(from + draw.next() ** 2 * Math.max(0, due - from) * 0.9),
      managerDelayMs,
    };
  if (response === 'LATE')
    return { response, actAt: minute(due + draw.int(1, 5) * DAY + draw.int(0, 8) * HOUR), managerDelayMs };
  return { response, managerDelayMs };
}

export function appointmentOutcome(draw: Random, mix: CohortMix): AppointmentOutcome {
  return draw.weighted(mix.attendance);
}

export function breachDecision(draw: Random, sentenceType: SentenceType): BreachOutcome {
  return sentenceType === 'LICENCE'
    ? draw.pick(['NO_RECALL', 'NO_RECALL', 'FIXED_TERM_RECALL_14', 'FIXED_TERM_RECALL_28', 'STANDARD_RECALL'])
    : draw.pick(['CONTINUE', 'CONTINUE', 'CONTINUE', 'RESENTENCED']);
}

/**
 * What the pre-release assessment finds: the needs known at registration, each on its own pathway, plus now and
 * then one found at assessment; a pathway with needs may be declined by the person.
 */
export function assessmentAnswers(
  draw: Random,
  known: readonly SupportNeed[],
  allNeeds: readonly SupportNeed[],
) {
  const needs = new Set(known);
  if (draw.chance(0.2)) needs.add(draw.pick(allNeeds));
  const byPathway = new Map<Pathway, SupportNeed[]>();
  for (const need of needs) {
    const pathway = NEED_PATHWAY[need];
    byPathway.set(pathway, [...(byPathway.get(pathway) ?? []), need]);
  }
  const pathways: Partial<
    Record<
      Pathway,
      { status: 'SUPPORT_REQUIRED' | 'SUPPORT_DECLINED' | 'SUPPORT_NOT_REQUIRED'; needs?: SupportNeed[] }
    >
  > = {};
  for (const pathway of PATHWAYS) {
    const found = byPathway.get(pathway);
    pathways[pathway] = found
      ? draw.chance(0.05)
        ? { status: 'SUPPORT_DECLINED' }
        : { status: 'SUPPORT_REQUIRED', needs: found }
      : { status: 'SUPPORT_NOT_REQUIRED' };
  }
  return { pathways };
}
