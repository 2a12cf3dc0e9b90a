/**
 * Placing the planned tasks of a journey: the custody tasks (assessment, resettlement plan, weekly sessions,
 * referrals, licence conditions) and the release-day and handover tasks, each with its due date by its rule, fitted
 * to the time left when the journey started late or its release date changed.
 */
import { firstAppointmentDate } from './appointment-plan.ts';
import {
  addDays,
  addWorkingDays,
  compareDates,
  daysBetween,
  fromEpochDay,
  instantMsAt,
  isoOfMs,
  type LocalDate,
  localDateOf,
  maxDate,
  minDate,
  previousWorkingDayOnOrBefore,
} from './calendar.ts';
import type { DomainConfig } from './config.ts';
import {
  type SessionSlot,
  sessionAvailableMs,
  sessionKey,
  sessionSlots,
  sessionWeekCount,
} from './engagement-sessions.ts';
import { ImpossiblePlan } from './errors.ts';
import type { JourneyInput, PlannedTask } from './plan-types.ts';
import {
  referralTaskType,
  type TaskDefinition,
  type TaskType,
  taskApplies,
  taskDefinition,
} from './task-catalogue.ts';

export interface PlanContext {
  readonly input: JourneyInput;
  readonly config: DomainConfig;
  readonly custodyStartMs: number;
  /** no due date falls before this plus the minimum lead (registration, or the time of a change) */
  readonly notBeforeMs: number;
  readonly releaseMs: number;
  /** due dates of the plan being replaced, by key: kept when a rule still gives them */
  readonly previous?: ReadonlyMap<string, string>;
}

interface Due {
  readonly dueDate: LocalDate;
  readonly dueAt: string;
  readonly compressed: boolean;
}

export const iso = isoOfMs;

/**
 * Places a due date no earlier than the task can sensibly be done: at least the minimum lead of working days after
 * it is created, and for pre-release work no later than the last working day before release (unless that too has
 * passed, when the next working day after creation is used).
 */
export function fitDue(
  ctx: PlanContext,
  key: string,
  ruleDate: LocalDate,
  createdMs: number,
  preRelease: boolean,
): Due {
  const latest = addWorkingDays(ctx.input.releaseDate, -1);
  const capped = preRelease ? minDate(ruleDate, latest) : ruleDate;
  let dueDate = placeDue(ctx.config, capped, latest, preRelease, createdMs);
  const previous = ctx.previous?.get(key);
  if (ctx.notBeforeMs > createdMs && dueDate !== previous)
    dueDate = placeDue(ctx.config, capped, latest, preRelease, ctx.notBeforeMs);
  return { dueDate, dueAt: iso(instantMsAt(dueDate, ctx.config.dueTime)), compressed: dueDate !== capped };
}

/** `fitDue`'s placing of the (capped) rule date for work created at `fromMs`. */
function placeDue(
  config: DomainConfig,
  capped: LocalDate,
  latest: LocalDate,
  preRelease: boolean,
  fromMs: number,
): LocalDate {
  const created = localDateOf(fromMs);
  const earliest = addWorkingDays(created, config.minimumLeadWorkingDays);
  if (compareDates(capped, earliest) >= 0 && instantMsAt(capped, config.dueTime) > fromMs) return capped;
  let d = preRelease ? minDate(earliest, maxDate(capped, latest)) : earliest;
  if (compareDates(d, created) <= 0 || instantMsAt(d, config.dueTime) <= fromMs)
    d = addWorkingDays(created, 1);
  return d;
}

export function plannedTask(
  ctx: PlanContext,
  type: TaskType,
  availableMs: number,
  due: Due,
  key: string = type,
  week?: number,
): PlannedTask {
  const def = taskDefinition(type, ctx.config);
  // built field by field (no spreads): one object per task, its fields in this order
  const task: Mutable<PlannedTask> = { key, type, role: def.role } as Mutable<PlannedTask>;
  if (def.pathway) task.pathway = def.pathway;
  if (def.need) task.need = def.need;
  task.availableAt = iso(availableMs);
  task.dueDate = due.dueDate;
  task.dueAt = due.dueAt;
  task.compressed = due.compressed;
  if (week !== undefined) task.week = week;
  return task;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The number of working days of a compressed step: scaled to the custody time left, within [minimum, nominal]. */
function compress(ctx: PlanContext, nominal: number, minimum: number): number {
  const window = daysBetween(localDateOf(ctx.custodyStartMs), ctx.input.releaseDate);
  if (window >= ctx.config.custodyWindowDays) return nominal;
  const scaled = Math.ceil((nominal * window) / ctx.config.custodyWindowDays);
  return Math.max(Math.min(minimum, nominal), Math.min(nominal, scaled));
}

/**
 * The rule date of a custody task. Once custody has started, a change of release date does not move work timed from
 * custody start.
 */
function custodyRuleDate(
  ctx: PlanContext,
  startDate: LocalDate,
  def: TaskDefinition,
  previousDue?: LocalDate,
): LocalDate {
  const rule = def.due;
  const custodyStarted = ctx.previous !== undefined && ctx.notBeforeMs >= ctx.custodyStartMs;
  const kept =
    custodyStarted && rule.kind !== 'DAYS_BEFORE_RELEASE' ? ctx.previous?.get(def.type) : undefined;
  if (kept !== undefined) return kept;
  switch (rule.kind) {
    case 'WORKING_DAYS_AFTER_CUSTODY_START':
      return addWorkingDays(startDate, compress(ctx, rule.workingDays, ctx.config.minimumLeadWorkingDays));
    case 'WORKING_DAYS_AFTER_TASK':
      return addWorkingDays(previousDue ?? startDate, compress(ctx, rule.workingDays, 1));
    case 'DAYS_BEFORE_RELEASE':
      return previousWorkingDayOnOrBefore(addDays(ctx.input.releaseDate, -rule.days));
    default:
      throw new ImpossiblePlan(`due rule ${rule.kind} cannot place a custody task`, 'config');
  }
}

export function custodyTasks(ctx: PlanContext): PlannedTask[] {
  const { input, config, custodyStartMs } = ctx;
  const startDate = localDateOf(custodyStartMs);
  const out: PlannedTask[] = [];
  const assessmentDef = taskDefinition('PRE_RELEASE_ASSESSMENT', config);
  const assessment = plannedTask(
    ctx,
    'PRE_RELEASE_ASSESSMENT',
    custodyStartMs,
    fitDue(
      ctx,
      'PRE_RELEASE_ASSESSMENT',
      custodyRuleDate(ctx, startDate, assessmentDef),
      custodyStartMs,
      true,
    ),
  );
  out.push(assessment);
  const planDef = taskDefinition('RESETTLEMENT_PLAN', config);
  const planDue = fitDue(
    ctx,
    'RESETTLEMENT_PLAN',
    custodyRuleDate(ctx, startDate, planDef, assessment.dueDate),
    custodyStartMs,
    true,
  );
  const resettlementDue =
    compareDates(planDue.dueDate, assessment.dueDate) < 0
      ? { ...planDue, dueDate: assessment.dueDate, dueAt: assessment.dueAt }
      : planDue;
  out.push(plannedTask(ctx, 'RESETTLEMENT_PLAN', custodyStartMs, resettlementDue));
  out.push(...engagementSessionTasks(ctx));
  const preReleaseTypes: TaskType[] = [...input.needs.map(referralTaskType), 'LICENCE_CONDITIONS_EXPLAINED'];
  for (const type of preReleaseTypes) {
    const def = taskDefinition(type, config);
    if (!taskApplies(def, input.sentenceType, input.needs)) continue;
    const due = fitDue(ctx, type, custodyRuleDate(ctx, startDate, def), custodyStartMs, true);
    out.push(plannedTask(ctx, type, custodyStartMs, due));
  }
  return out;
}

/**
 * The weekly engagement sessions (`engagement-sessions.ts`). On a replan, a session whose due date changed and
 * whose due time has passed by the change is dropped.
 */
function engagementSessionTasks(ctx: PlanContext): PlannedTask[] {
  const { input, config, custodyStartMs, previous } = ctx;
  const compressed = sessionWeekCount(custodyStartMs, input.releaseDate) * 7 < config.custodyWindowDays;
  const keep = previous
    ? (slot: SessionSlot) =>
        previous.get(sessionKey(slot.week)) === fromEpochDay(slot.dueDay) || slot.dueMs > ctx.notBeforeMs
    : undefined;
  const out: PlannedTask[] = [];
  for (const slot of sessionSlots(custodyStartMs, input.releaseDate, config, keep)) {
    const due = { dueDate: fromEpochDay(slot.dueDay), dueAt: iso(slot.dueMs), compressed };
    const availableMs = sessionAvailableMs(slot, custodyStartMs, config);
    out.push(plannedTask(ctx, 'ENGAGEMENT_SESSION', availableMs, due, sessionKey(slot.week), slot.week));
  }
  return out;
}

export function communityTasks(ctx: PlanContext): PlannedTask[] {
  const { input, config, releaseMs } = ctx;
  const out: PlannedTask[] = [];
  const types: TaskType[] = [
    'RELEASE_DAY_CHECKS',
    'FIRST_APPOINTMENT',
    'HANDOVER_TREATMENT',
    'HANDOVER_GP',
    'HANDOVER_HOUSING_MOVE_ON',
  ];
  for (const type of types) {
    const def = taskDefinition(type, config);
    if (!taskApplies(def, input.sentenceType, input.needs)) continue;
    const rule = def.due;
    let date: LocalDate;
    if (rule.kind === 'ON_RELEASE_DAY') date = input.releaseDate;
    else if (rule.kind === 'RELEASE_OR_NEXT_WORKING_DAY') date = firstAppointmentDate(input.releaseDate);
    else if (rule.kind === 'DAYS_AFTER_RELEASE')
      date = maxDate(
        previousWorkingDayOnOrBefore(addDays(input.releaseDate, rule.days)),
        firstAppointmentDate(input.releaseDate),
      );
    else throw new ImpossiblePlan(`due rule ${rule.kind} cannot place a community task`, 'config');
    const due = { dueDate: date, dueAt: iso(instantMsAt(date, config.dueTime)), compressed: false };
    out.push(plannedTask(ctx, type, releaseMs, due));
  }
  return out;
}
