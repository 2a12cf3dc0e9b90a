/**
 * The journey plan: from registration and a release date, every planned task with its due time, the weekly
 * engagement sessions, the community appointments and the close date. Pure and JSON-serialisable; all instants are
 * ISO strings in UTC. A late registration (less than 12 weeks before release) compresses the custody phase.
 */

import type { PlannedAppointment } from './appointment-plan.ts';
import {
  closeDateFor,
  firstAppointmentDate,
  isIntensiveContact,
  planAppointments,
} from './appointment-plan.ts';
import {
  addDays,
  addWorkingDays,
  assertLocalDate,
  compareDates,
  daysBetween,
  instantMsAt,
  type LocalDate,
  localDateOf,
  maxDate,
  minDate,
  previousWorkingDayOnOrBefore,
  toEpochMs,
} from './calendar.ts';
import { DEFAULT_CONFIG, type DomainConfig } from './config.ts';
import { ImpossiblePlan, InvalidReleaseDate } from './errors.ts';
import {
  referralTaskType,
  type TaskDefinition,
  type TaskType,
  taskApplies,
  taskDefinition,
} from './task-catalogue.ts';
import {
  MAPPA_LEVELS,
  type MappaLevel,
  RISK_LEVELS,
  type RiskLevel,
  SENTENCE_TYPES,
  type SentenceType,
  SUPPORT_NEEDS,
  type SupportNeed,
} from './types.ts';

export interface JourneyInput {
  /** when the case was registered (ISO instant) */
  readonly registeredAt: string;
  readonly releaseDate: LocalDate;
  readonly sentenceType: SentenceType;
  readonly risk: RiskLevel;
  readonly mappaLevel: MappaLevel;
  readonly iom: boolean;
  readonly needs: readonly SupportNeed[];
}

export interface PlannedTask {
  /** stable within a journey across replans: the type, or `ENGAGEMENT_SESSION#07` for the session of week 7 */
  readonly key: string;
  readonly type: TaskType;
  readonly role: TaskDefinition['role'];
  readonly pathway?: TaskDefinition['pathway'];
  readonly need?: SupportNeed;
  /** when the task should be created and prompted (ISO, UTC) */
  readonly availableAt: string;
  readonly dueDate: LocalDate;
  readonly dueAt: string;
  /** the due date was brought forward or compressed because the journey started late */
  readonly compressed: boolean;
  /** week number of an engagement session (1 = first week of custody) */
  readonly week?: number;
}

export interface JourneyPlan {
  readonly version: 1;
  readonly input: JourneyInput;
  readonly custodyStartAt: string;
  /** registration came less than the custody window (84 days) before release */
  readonly lateRegistration: boolean;
  /** when the release trigger fires (R at the release time) */
  readonly releaseAt: string;
  readonly firstAppointmentDate: LocalDate;
  readonly intensiveContact: boolean;
  readonly closeDate: LocalDate;
  readonly closeAt: string;
  /** every planned task in due order (custody tasks, sessions, referrals, release-day and handover tasks) */
  readonly tasks: readonly PlannedTask[];
  readonly appointments: readonly PlannedAppointment[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Why a release date cannot be planned from `at` (registration or change time), or undefined if it can. */
export function releaseDateProblem(
  releaseDate: LocalDate,
  at: string | number,
  config: DomainConfig = DEFAULT_CONFIG,
): string | undefined {
  const today = localDateOf(at);
  if (compareDates(releaseDate, today) <= 0) return 'must be after today (Europe/London)';
  if (daysBetween(today, releaseDate) > config.maxDaysToRelease)
    return `must be no more than ${config.maxDaysToRelease} days ahead`;
  return undefined;
}

function checkInput(input: JourneyInput): void {
  toEpochMs(input.registeredAt, 'registeredAt');
  assertLocalDate(input.releaseDate, 'releaseDate');
  if (!SENTENCE_TYPES.includes(input.sentenceType))
    throw new ImpossiblePlan('unknown sentence type', 'sentenceType');
  if (!RISK_LEVELS.includes(input.risk)) throw new ImpossiblePlan('unknown risk level', 'risk');
  if (!MAPPA_LEVELS.includes(input.mappaLevel)) throw new ImpossiblePlan('unknown MAPPA level', 'mappaLevel');
  for (const need of input.needs)
    if (!SUPPORT_NEEDS.includes(need)) throw new ImpossiblePlan('unknown support need', 'needs');
}

/** The nominal custody start: R minus the custody window, at the custody start time (London). */
function nominalCustodyStartMs(releaseDate: LocalDate, config: DomainConfig): number {
  return instantMsAt(addDays(releaseDate, -config.custodyWindowDays), config.custodyStartTime);
}

interface Context {
  readonly input: JourneyInput;
  readonly config: DomainConfig;
  readonly custodyStartMs: number;
  /** no due date falls before this plus the minimum lead (registration, or the time of a change) */
  readonly notBeforeMs: number;
  readonly releaseMs: number;
  /** due dates of the plan being replaced, by key: kept when a rule still gives them */
  readonly previous?: ReadonlyMap<string, string>;
}

/**
 * Places a due date no earlier than the task can sensibly be done: at least the minimum lead of working days after
 * it is created, and for pre-release work no later than the last working day before release (unless that too has
 * passed, when the next working day after creation is used).
 */
function fitDue(ctx: Context, key: string, ruleDate: LocalDate, createdMs: number, preRelease: boolean) {
  const { config, input } = ctx;
  const dueAtMs = (d: LocalDate) => instantMsAt(d, config.dueTime);
  const latest = addWorkingDays(input.releaseDate, -1);
  const capped = preRelease ? minDate(ruleDate, latest) : ruleDate;
  const placeFrom = (fromMs: number): LocalDate => {
    const created = localDateOf(fromMs);
    const earliest = addWorkingDays(created, config.minimumLeadWorkingDays);
    if (compareDates(capped, earliest) >= 0 && dueAtMs(capped) > fromMs) return capped;
    let d = preRelease ? minDate(earliest, maxDate(capped, latest)) : earliest;
    if (compareDates(d, created) <= 0 || dueAtMs(d) <= fromMs) d = addWorkingDays(created, 1);
    return d;
  };
  let dueDate = placeFrom(createdMs);
  const previous = ctx.previous?.get(key);
  if (ctx.notBeforeMs > createdMs && dueDate !== previous) dueDate = placeFrom(ctx.notBeforeMs);
  return { dueDate, dueAt: iso(dueAtMs(dueDate)), compressed: dueDate !== capped };
}

function task(
  ctx: Context,
  type: TaskType,
  availableMs: number,
  due: { dueDate: LocalDate; dueAt: string; compressed: boolean },
  key: string = type,
  week?: number,
): PlannedTask {
  const def = taskDefinition(type, ctx.config);
  return {
    key,
    type,
    role: def.role,
    ...(def.pathway ? { pathway: def.pathway } : {}),
    ...(def.need ? { need: def.need } : {}),
    availableAt: iso(availableMs),
    ...due,
    ...(week === undefined ? {} : { week }),
  };
}

/** The number of working days of a compressed step: scaled to the custody time left, within [minimum, nominal]. */
function compress(ctx: Context, nominal: number, minimum: number): number {
  const window = daysBetween(localDateOf(ctx.custodyStartMs), ctx.input.releaseDate);
  if (window >= ctx.config.custodyWindowDays) return nominal;
  const scaled = Math.ceil((nominal * window) / ctx.config.custodyWindowDays);
  return Math.max(Math.min(minimum, nominal), Math.min(nominal, scaled));
}

function custodyTasks(ctx: Context): PlannedTask[] {
  const { input, config, custodyStartMs } = ctx;
  const startDate = localDateOf(custodyStartMs);
  const out: PlannedTask[] = [];
  const custodyStarted = ctx.previous !== undefined && ctx.notBeforeMs >= custodyStartMs;
  const ruleDateOf = (def: TaskDefinition, previousDue?: LocalDate): LocalDate => {
    const rule = def.due;
    // once custody has started, a change of release date does not move work timed from custody start
    const kept =
      custodyStarted && rule.kind !== 'DAYS_BEFORE_RELEASE' ? ctx.previous?.get(def.type) : undefined;
    if (kept !== undefined) return kept;
    switch (rule.kind) {
      case 'WORKING_DAYS_AFTER_CUSTODY_START':
        return addWorkingDays(startDate, compress(ctx, rule.workingDays, config.minimumLeadWorkingDays));
      case 'WORKING_DAYS_AFTER_TASK':
        return addWorkingDays(previousDue ?? startDate, compress(ctx, rule.workingDays, 1));
      case 'DAYS_BEFORE_RELEASE':
        return previousWorkingDayOnOrBefore(addDays(input.releaseDate, -rule.days));
      default:
        throw new ImpossiblePlan(`due rule ${rule.kind} cannot place a custody task`, 'config');
    }
  };
  const assessmentDef = taskDefinition('PRE_RELEASE_ASSESSMENT', config);
  const assessment = task(
    ctx,
    'PRE_RELEASE_ASSESSMENT',
    custodyStartMs,
    fitDue(ctx, 'PRE_RELEASE_ASSESSMENT', ruleDateOf(assessmentDef), custodyStartMs, true),
  );
  out.push(assessment);
  const planDef = taskDefinition('RESETTLEMENT_PLAN', config);
  const planDue = fitDue(
    ctx,
    'RESETTLEMENT_PLAN',
    ruleDateOf(planDef, assessment.dueDate),
    custodyStartMs,
    true,
  );
  if (compareDates(planDue.dueDate, assessment.dueDate) < 0)
    Object.assign(planDue, { dueDate: assessment.dueDate, dueAt: assessment.dueAt });
  out.push(task(ctx, 'RESETTLEMENT_PLAN', custodyStartMs, planDue));
  out.push(...engagementSessionTasks(ctx));
  const preReleaseTypes: TaskType[] = [...input.needs.map(referralTaskType), 'LICENCE_CONDITIONS_EXPLAINED'];
  for (const type of preReleaseTypes) {
    const def = taskDefinition(type, config);
    if (!taskApplies(def, input.sentenceType, input.needs)) continue;
    out.push(task(ctx, type, custodyStartMs, fitDue(ctx, type, ruleDateOf(def), custodyStartMs, true)));
  }
  return out;
}

/**
 * Weekly engagement sessions from custody start to release: the session of week k is due at the end of that week
 * (start + 7k - 1 days, the day before release at the latest), on the last working day on or before it. A week with
 * no working day left in custody has no session.
 */
function engagementSessionTasks(ctx: Context): PlannedTask[] {
  const { input, config, custodyStartMs } = ctx;
  const startDate = localDateOf(custodyStartMs);
  const weeks = Math.ceil(daysBetween(startDate, input.releaseDate) / 7);
  const lastDay = addDays(input.releaseDate, -1);
  const out: PlannedTask[] = [];
  let previous: LocalDate | undefined;
  for (let week = 1; week <= weeks; week++) {
    const weekStart = addDays(startDate, 7 * (week - 1));
    const dueDate = previousWorkingDayOnOrBefore(minDate(addDays(startDate, 7 * week - 1), lastDay));
    const dueMs = instantMsAt(dueDate, config.dueTime);
    if (compareDates(dueDate, weekStart) < 0 || dueMs <= custodyStartMs) continue;
    if (previous !== undefined && compareDates(dueDate, previous) <= 0) continue;
    const key = `ENGAGEMENT_SESSION#${String(week).padStart(2, '0')}`;
    if (ctx.previous && ctx.previous.get(key) !== dueDate && dueMs <= ctx.notBeforeMs) continue;
    const availableMs = week === 1 ? custodyStartMs : instantMsAt(weekStart, config.custodyStartTime);
    const compressed = weeks * 7 < config.custodyWindowDays;
    out.push(
      task(ctx, 'ENGAGEMENT_SESSION', availableMs, { dueDate, dueAt: iso(dueMs), compressed }, key, week),
    );
    previous = dueDate;
  }
  return out;
}

function communityTasks(ctx: Context): PlannedTask[] {
  const { input, config, releaseMs } = ctx;
  const out: PlannedTask[] = [];
  const dueOn = (d: LocalDate) => ({
    dueDate: d,
    dueAt: iso(instantMsAt(d, config.dueTime)),
    compressed: false,
  });
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
    out.push(task(ctx, type, releaseMs, dueOn(date)));
  }
  return out;
}

function build(ctx: Context): JourneyPlan {
  const { input, config } = ctx;
  const closeDate = closeDateFor(input.releaseDate, config);
  if (compareDates(closeDate, input.releaseDate) <= 0)
    throw new ImpossiblePlan('the configuration leaves no supervision period', 'config');
  const tasks = [...custodyTasks(ctx), ...communityTasks(ctx)].sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key),
  );
  return {
    version: 1,
    input,
    custodyStartAt: iso(ctx.custodyStartMs),
    lateRegistration: toEpochMs(input.registeredAt) > nominalCustodyStartMs(input.releaseDate, config),
    releaseAt: iso(ctx.releaseMs),
    firstAppointmentDate: firstAppointmentDate(input.releaseDate),
    intensiveContact: isIntensiveContact(input.risk, input.mappaLevel, config),
    closeDate,
    closeAt: iso(instantMsAt(closeDate, config.closeTime)),
    tasks,
    appointments: planAppointments(input.releaseDate, input.risk, input.mappaLevel, config),
  };
}

function normalise(input: JourneyInput): JourneyInput {
  return {
    ...input,
    registeredAt: iso(toEpochMs(input.registeredAt)),
    needs: [...new Set(input.needs)].sort(),
  };
}

/**
 * Plans a journey. Throws `InvalidInstant`/`InvalidDate` for malformed values and `InvalidReleaseDate` for a release
 * date on or before the registration day or more than `maxDaysToRelease` days after it.
 */
export function planJourney(rawInput: JourneyInput, config: DomainConfig = DEFAULT_CONFIG): JourneyPlan {
  checkInput(rawInput);
  const input = normalise(rawInput);
  const registeredMs = toEpochMs(input.registeredAt);
  const problem = releaseDateProblem(input.releaseDate, registeredMs, config);
  if (problem) throw new InvalidReleaseDate(problem.replace('today', 'the registration day'));
  const custodyStartMs = Math.max(nominalCustodyStartMs(input.releaseDate, config), registeredMs);
  const releaseMs = instantMsAt(input.releaseDate, config.releaseTime);
  return build({ input, config, custodyStartMs, notBeforeMs: registeredMs, releaseMs });
}

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

export function isJourneyPlan(value: JourneyPlan | JourneyInput): value is JourneyPlan {
  return 'version' in value && 'tasks' in value;
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
  const plan = build({
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
  const ctx: Context = {
    input: plan.input,
    config,
    custodyStartMs: toEpochMs(plan.custodyStartAt),
    notBeforeMs: createdMs,
    releaseMs: toEpochMs(plan.releaseAt),
  };
  const ruleDate = previousWorkingDayOnOrBefore(addDays(plan.input.releaseDate, -rule.days));
  return task(ctx, type, createdMs, fitDue(ctx, type, ruleDate, createdMs, true));
}
