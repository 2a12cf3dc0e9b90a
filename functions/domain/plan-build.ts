/**
 * Planning a journey from its input: checks, the custody start (R minus the custody window, or registration when
 * later), the release and close instants, the planned tasks in due order and the community appointments.
 */
import {
  closeDateFor,
  firstAppointmentDate,
  isIntensiveContact,
  planAppointments,
} from './appointment-plan.ts';
import {
  addDays,
  assertLocalDate,
  compareDates,
  daysBetween,
  instantMsAt,
  type LocalDate,
  localDateOf,
  toEpochMs,
} from './calendar.ts';
import { DEFAULT_CONFIG, type DomainConfig } from './config.ts';
import { ImpossiblePlan, InvalidReleaseDate } from './errors.ts';
import { communityTasks, custodyTasks, iso, type PlanContext } from './plan-tasks.ts';
import type { JourneyInput, JourneyPlan, PlannedTask } from './plan-types.ts';
import { RecentResults } from './recent.ts';
import { MAPPA_LEVELS, RISK_LEVELS, SENTENCE_TYPES, SUPPORT_NEEDS } from './types.ts';

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
export function nominalCustodyStartMs(releaseDate: LocalDate, config: DomainConfig): number {
  return instantMsAt(addDays(releaseDate, -config.custodyWindowDays), config.custodyStartTime);
}

export function buildPlan(ctx: PlanContext): JourneyPlan {
  const { input, config } = ctx;
  const closeDate = closeDateFor(input.releaseDate, config);
  if (compareDates(closeDate, input.releaseDate) <= 0)
    throw new ImpossiblePlan('the configuration leaves no supervision period', 'config');
  const tasks = [...custodyTasks(ctx), ...communityTasks(ctx)].sort(byDueThenKey);
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

/**
 * Due order, then key order. Due instants are ISO strings of one shape, so comparing them code unit by code unit is
 * the order `localeCompare` gives them, without the cost of a collation; keys keep `localeCompare`.
 */
function byDueThenKey(a: PlannedTask, b: PlannedTask): number {
  if (a.dueAt !== b.dueAt) return a.dueAt < b.dueAt ? -1 : 1;
  return a.key.localeCompare(b.key);
}

function normalise(input: JourneyInput): JourneyInput {
  return {
    ...input,
    registeredAt: iso(toEpochMs(input.registeredAt)),
    needs: [...new Set(input.needs)].sort(),
  };
}

/**
 * Recent plans by input: registering a case plans it twice (to refuse an impossible plan before anything is stored,
 * then to arrange its schedules), and its custody phase often starts from the same input.
 */
const recentPlans = new RecentResults<JourneyPlan>(256);

/** The memo key of an input with exactly the fields of a `JourneyInput` (any other is carried into the plan). */
function memoKey(input: JourneyInput): string | undefined {
  if (
    Object.keys(input).length !== 7 ||
    typeof input.registeredAt !== 'string' ||
    typeof input.iom !== 'boolean'
  )
    return undefined;
  const { registeredAt, releaseDate, sentenceType, risk, mappaLevel, iom, needs } = input;
  return `${registeredAt}|${releaseDate}|${sentenceType}|${risk}|${mappaLevel}|${iom}|${needs.join(',')}`;
}

/**
 * Plans a journey. Throws `InvalidInstant`/`InvalidDate` for malformed values and `InvalidReleaseDate` for a release
 * date on or before the registration day or more than `maxDaysToRelease` days after it. The plan is frozen: the
 * same input gives the same plan, shared.
 */
export function planJourney(rawInput: JourneyInput, config: DomainConfig = DEFAULT_CONFIG): JourneyPlan {
  checkInput(rawInput);
  const key = memoKey(rawInput);
  const known = key === undefined ? undefined : recentPlans.get(config, key);
  if (known) return known;
  const plan = frozen(planFrom(rawInput, config));
  return key === undefined ? plan : recentPlans.set(config, key, plan);
}

/** The plan made read-only throughout (its appointments come frozen), since a memoised plan is shared. */
function frozen(plan: JourneyPlan): JourneyPlan {
  Object.freeze(plan.input.needs);
  Object.freeze(plan.input);
  for (const task of plan.tasks) Object.freeze(task);
  Object.freeze(plan.tasks);
  return Object.freeze(plan);
}

function planFrom(rawInput: JourneyInput, config: DomainConfig): JourneyPlan {
  const input = normalise(rawInput);
  const registeredMs = toEpochMs(input.registeredAt);
  const problem = releaseDateProblem(input.releaseDate, registeredMs, config);
  if (problem) throw new InvalidReleaseDate(problem.replace('today', 'the registration day'));
  const custodyStartMs = Math.max(nominalCustodyStartMs(input.releaseDate, config), registeredMs);
  const releaseMs = instantMsAt(input.releaseDate, config.releaseTime);
  return buildPlan({ input, config, custodyStartMs, notBeforeMs: registeredMs, releaseMs });
}
