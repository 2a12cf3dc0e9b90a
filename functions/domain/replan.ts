/**
 * Replanning a journey for a new release date, changed before the release trigger has fired.
 */
import { assertLocalDate, compareDates, instantMsAt, type LocalDate, toEpochMs } from './calendar.ts';
import { DEFAULT_CONFIG, type DomainConfig } from './config.ts';
import { InvalidReleaseDate } from './errors.ts';
import { buildPlan, nominalCustodyStartMs, planJourney, releaseDateProblem } from './plan-build.ts';
import { isJourneyPlan, type JourneyInput, type JourneyPlan } from './plan-types.ts';
import type { TaskType } from './task-catalogue.ts';

export type TaskChangeKind = 'UNCHANGED' | 'RESCHEDULED' | 'CANCELLED' | 'ADDED';

export interface TaskChange {
  readonly key: string;
  readonly type: TaskType;
  readonly change: TaskChangeKind;
  readonly previousDueAt?: string;
  readonly dueAt?: string;
}

export interface Replan {
  readonly plan: JourneyPlan;
  readonly direction: 'BROUGHT_FORWARD' | 'DEFERRED' | 'UNCHANGED';
  /** every task key of either plan, with what happened to it */
  readonly changes: readonly TaskChange[];
  /** engagement session keys by what happened to them */
  readonly sessions: Readonly<Record<'kept' | 'rescheduled' | 'cancelled' | 'added', readonly string[]>>;
}

/**
 * Replans for a new release date, changed at `changedAt` (before the release trigger has fired). Custody keeps the
 * start it already had; due dates that a rule still gives are kept, and new ones are no earlier than the change
 * time plus the minimum lead. Sessions beyond the new date are cancelled; a deferral adds weekly sessions.
 */
export function replanForReleaseDateChange(
  previous: JourneyPlan | JourneyInput,
  newReleaseDate: LocalDate,
  changedAt: string,
  config: DomainConfig = DEFAULT_CONFIG,
): Replan {
  const old = isJourneyPlan(previous) ? previous : planJourney(previous, config);
  const changedMs = toEpochMs(changedAt, 'changedAt');
  assertLocalDate(newReleaseDate, 'releaseDate');
  if (changedMs >= toEpochMs(old.releaseAt))
    throw new InvalidReleaseDate('cannot change once the release time has been reached');
  const problem = releaseDateProblem(newReleaseDate, changedMs, config);
  if (problem) throw new InvalidReleaseDate(problem);
  const input: JourneyInput = { ...old.input, releaseDate: newReleaseDate };
  const oldStartMs = toEpochMs(old.custodyStartAt);
  const custodyStartMs =
    changedMs >= oldStartMs
      ? oldStartMs
      : Math.max(nominalCustodyStartMs(newReleaseDate, config), toEpochMs(input.registeredAt), changedMs);
  const previousDue = new Map(old.tasks.map((t) => [t.key, t.dueDate]));
  const plan = buildPlan({
    input,
    config,
    custodyStartMs,
    notBeforeMs: changedMs,
    releaseMs: instantMsAt(newReleaseDate, config.releaseTime),
    previous: previousDue,
  });
  const before = new Map(old.tasks.map((t) => [t.key, t]));
  const after = new Map(plan.tasks.map((t) => [t.key, t]));
  const changes: TaskChange[] = [];
  for (const [key, t] of before) {
    const n = after.get(key);
    if (!n) changes.push({ key, type: t.type, change: 'CANCELLED', previousDueAt: t.dueAt });
    else
      changes.push({
        key,
        type: t.type,
        change: n.dueAt === t.dueAt ? 'UNCHANGED' : 'RESCHEDULED',
        previousDueAt: t.dueAt,
        dueAt: n.dueAt,
      });
  }
  for (const [key, n] of after)
    if (!before.has(key)) changes.push({ key, type: n.type, change: 'ADDED', dueAt: n.dueAt });
  const sessionKeys = (kind: TaskChangeKind) =>
    changes
      .filter((c) => c.type === 'ENGAGEMENT_SESSION' && c.change === kind)
      .map((c) => c.key)
      .sort();
  const cmp = compareDates(newReleaseDate, old.input.releaseDate);
  return {
    plan,
    direction: cmp < 0 ? 'BROUGHT_FORWARD' : cmp > 0 ? 'DEFERRED' : 'UNCHANGED',
    changes,
    sessions: {
      kept: sessionKeys('UNCHANGED'),
      rescheduled: sessionKeys('RESCHEDULED'),
      cancelled: sessionKeys('CANCELLED'),
      added: sessionKeys('ADDED'),
    },
  };
}
