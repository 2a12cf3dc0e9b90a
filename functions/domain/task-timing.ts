/**
 * When tasks fall due and chase: the due date of a task created by an event, and the instants of a task's reminder
 * and escalations. The workflows use `ladderFor` for their Wait and TimeoutSeconds values.
 */
import {
  addWorkingDays,
  addWorkingEpochDays,
  type InstantInput,
  instantMsAt,
  instantMsOnEpochDay,
  isoOfMs,
  type LocalDate,
  localDateOf,
  localEpochDayOf,
  localTimeOf,
  toEpochMs,
} from './calendar.ts';
import { DEFAULT_CONFIG, type DomainConfig, type LadderStepDefinition } from './config.ts';
import { UnknownTaskType } from './errors.ts';
import { type TaskType, taskDefinition } from './task-catalogue.ts';
import type { LadderTarget, NotificationChannel } from './types.ts';

/**
 * The due date (Europe/London) of a task created by an event (appointment outcome, breach outcome, recall review):
 * n working days after the event's day, at the configured due time.
 */
export function eventTaskDue(
  type: TaskType,
  eventAt: InstantInput,
  config: DomainConfig = DEFAULT_CONFIG,
): { dueDate: LocalDate; dueAt: string } {
  const rule = taskDefinition(type, config).due;
  if (rule.kind !== 'WORKING_DAYS_AFTER_EVENT')
    throw new UnknownTaskType('is not a task type created by an event');
  const dueDate = addWorkingDays(localDateOf(eventAt), rule.workingDays);
  return { dueDate, dueAt: isoOfMs(instantMsAt(dueDate, config.dueTime)) };
}

/** `addWorkingDays` (n not 0) on an epoch day. */
function workingDaysFrom(day: number, n: number): number {
  if (!Number.isInteger(n)) throw new RangeError('working days must be a whole number');
  return addWorkingEpochDays(day, n);
}

export interface LadderStep {
  readonly kind: LadderStepDefinition['kind'];
  readonly target: LadderTarget;
  readonly channels: readonly NotificationChannel[];
  /** when the step fires (ISO, UTC) */
  readonly at: string;
  /** seconds from the due time (negative = before) */
  readonly secondsAfterDue: number;
  /** seconds to wait before this step: from the previous step, or for the first from `startedAt`; null without it */
  readonly waitSeconds: number | null;
}

export interface TaskLadder {
  readonly type: TaskType;
  readonly dueAt: string;
  readonly startedAt: string | null;
  readonly steps: readonly LadderStep[];
  /** steps left out because they would fire at or before the prompt (a reminder for a task created late) */
  readonly skipped: readonly LadderStepDefinition['kind'][];
}

/**
 * The instants of a task's reminder and escalations. Working-day offsets keep the due time of day in London.
 * With `startedAt` (when the prompt went), a reminder at or before it is skipped, an escalation before it is
 * moved to it, and every step carries the seconds to wait (for a Wait state or a task's TimeoutSeconds).
 */
export function ladderFor(
  type: TaskType,
  dueAt: InstantInput,
  config: DomainConfig = DEFAULT_CONFIG,
  startedAt?: InstantInput,
): TaskLadder {
  const definition = taskDefinition(type, config);
  const dueMs = toEpochMs(dueAt, 'dueAt');
  const startMs = startedAt === undefined ? undefined : toEpochMs(startedAt, 'startedAt');
  const dueTime = localTimeOf(dueMs);
  let dueDay: number | undefined;
  const steps: LadderStep[] = [];
  const skipped: LadderStepDefinition['kind'][] = [];
  let previousMs = startMs;
  for (const step of definition.ladder) {
    let base = dueMs;
    if (step.workingDays !== 0) {
      dueDay ??= localEpochDayOf(dueMs);
      base = instantMsOnEpochDay(workingDaysFrom(dueDay, step.workingDays), dueTime) + (dueMs % 60_000);
    }
    let atMs = base + (step.hours ?? 0) * 3_600_000;
    if (startMs !== undefined && atMs <= startMs && step.kind === 'REMINDER') {
      skipped.push(step.kind);
      continue;
    }
    if (previousMs !== undefined && atMs < previousMs) atMs = previousMs;
    steps.push({
      kind: step.kind,
      target: step.target,
      channels: step.channels,
      at: isoOfMs(atMs),
      secondsAfterDue: Math.round((atMs - dueMs) / 1000),
      waitSeconds: previousMs === undefined ? null : Math.floor((atMs - previousMs) / 1000),
    });
    previousMs = atMs;
  }
  return {
    type,
    dueAt: isoOfMs(dueMs),
    startedAt: startMs === undefined ? null : isoOfMs(startMs),
    steps,
    skipped,
  };
}

/**
 * A task's ladder as its workflow carries it (in the task spec): when the reminder, escalation and second
 * escalation fall due. The workflow waits for each instant itself (TimeoutSeconds from the state's entered time),
 * leaving out a reminder that falls at or before the prompt and waiting at least a second for each step. A ladder
 * without a step of its own takes the instant before it (escalation: the due time), so its wait ends at once and
 * the step sends nothing.
 */
export interface LadderInstants {
  readonly reminderAt: string | null;
  readonly escalationAt: string;
  readonly secondEscalationAt: string;
}

export function ladderInstants(
  type: TaskType,
  dueAt: InstantInput,
  config: DomainConfig = DEFAULT_CONFIG,
  /** when the prompt went, if known: the instants are then adjusted to it as `ladderFor` does */
  startedAt?: InstantInput,
): LadderInstants {
  const ladder = ladderFor(type, dueAt, config, startedAt);
  const at = (kind: LadderStepDefinition['kind']) => ladder.steps.find((s) => s.kind === kind)?.at;
  const escalationAt = at('ESCALATION') ?? ladder.dueAt;
  return {
    reminderAt: at('REMINDER') ?? null,
    escalationAt,
    secondEscalationAt: at('SECOND_ESCALATION') ?? escalationAt,
  };
}
