/**
 * Configuration of the domain rules, with the defaults the design documents give (domain.md: "where a rule varies
 * locally, make it configuration with the default shown"). Every planning function takes a `DomainConfig`;
 * `resolveConfig(overrides)` merges a partial override (e.g. from an environment's settings) onto the defaults.
 */
import type { LocalTime } from './calendar.ts';
import type { TaskType } from './task-catalogue.ts';
import type { LadderTarget, MappaLevel, NotificationChannel, NotificationKind, RiskLevel } from './types.ts';

/** When a task is due, relative to the journey. Dates are Europe/London; the due time is `dueTime` that day. */
export type DueRule =
  /** the pre-release assessment: n working days after custody starts (compressed for a late registration) */
  | { readonly kind: 'WORKING_DAYS_AFTER_CUSTODY_START'; readonly workingDays: number }
  /** n working days after another task's due date (compressed for a late registration) */
  | { readonly kind: 'WORKING_DAYS_AFTER_TASK'; readonly task: TaskType; readonly workingDays: number }
  /** one per week from custody start to the day before release, due at the end of each week */
  | { readonly kind: 'WEEKLY_UNTIL_RELEASE' }
  /** "by R-n days": R-n, or the last working day before it */
  | { readonly kind: 'DAYS_BEFORE_RELEASE'; readonly days: number }
  /** on the release day itself, working day or not */
  | { readonly kind: 'ON_RELEASE_DAY' }
  /** "R, or the next working day" */
  | { readonly kind: 'RELEASE_OR_NEXT_WORKING_DAY' }
  /** "by R+n days": R+n, or the last working day before it */
  | { readonly kind: 'DAYS_AFTER_RELEASE'; readonly days: number }
  /** n working days after the day of the event that creates the task (an appointment, a breach) */
  | { readonly kind: 'WORKING_DAYS_AFTER_EVENT'; readonly workingDays: number };

/** One rung of a task's ladder, placed relative to the due time. */
export interface LadderStepDefinition {
  readonly kind: Extract<NotificationKind, 'REMINDER' | 'ESCALATION' | 'SECOND_ESCALATION'>;
  /** working days from the due date (negative = before), keeping the due time of day */
  readonly workingDays: number;
  /** then hours added (negative = before); for short, urgent tasks */
  readonly hours?: number;
  readonly target: LadderTarget;
  readonly channels: readonly NotificationChannel[];
}

export interface AppointmentPlanConfig {
  /** London time of the first appointment (on R people travel from prison in the morning) */
  readonly firstTime: LocalTime;
  /** London time of later appointments */
  readonly time: LocalTime;
  /** standard cadence: weekly appointments during the first n weeks (n appointments, the first included) */
  readonly weeklyForWeeks: number;
  /** standard cadence afterwards, in days */
  readonly thenEveryDays: number;
  /** intensive cadence throughout, in days */
  readonly intensiveEveryDays: number;
  /** risk levels that take the intensive cadence */
  readonly intensiveRisks: readonly RiskLevel[];
  /** MAPPA levels that take the intensive cadence */
  readonly intensiveMappaLevels: readonly MappaLevel[];
}

export interface DomainConfig {
  /** London time of day at which tasks fall due */
  readonly dueTime: LocalTime;
  /** London time on R-84 days at which custody (pre-release work) starts */
  readonly custodyStartTime: LocalTime;
  /** London time on R at which the release trigger fires */
  readonly releaseTime: LocalTime;
  /** London time on the close date at which the journey closes */
  readonly closeTime: LocalTime;
  /** days before release that pre-release work starts (12 weeks) */
  readonly custodyWindowDays: number;
  /** the furthest ahead a release may be at registration or change, in days (about 2 years) */
  readonly maxDaysToRelease: number;
  /** a task's due date is at least this many working days after it is created (late registration) */
  readonly minimumLeadWorkingDays: number;
  /** months of community supervision the journey follows after release (R to R+6 months) */
  readonly supervisionMonths: number;
  readonly appointments: AppointmentPlanConfig;
  /** the ladder of every task type without its own */
  readonly defaultLadder: readonly LadderStepDefinition[];
  /** per-type ladders */
  readonly ladders: Readonly<Partial<Record<TaskType, readonly LadderStepDefinition[]>>>;
  /** per-type due rules replacing the catalogue's */
  readonly dueRules: Readonly<Partial<Record<TaskType, DueRule>>>;
}

export const DEFAULT_LADDER: readonly LadderStepDefinition[] = [
  { kind: 'REMINDER', workingDays: -2, target: 'ASSIGNEE', channels: ['EMAIL'] },
  { kind: 'ESCALATION', workingDays: 0, target: 'LINE_MANAGER', channels: ['EMAIL'] },
  { kind: 'SECOND_ESCALATION', workingDays: 3, target: 'MANAGERS_MANAGER', channels: ['EMAIL', 'SMS'] },
];

/** Same-day and next-day tasks: remind a few hours before, escalate at due, again a working day later. */
export const SHORT_LADDER: readonly LadderStepDefinition[] = [
  { kind: 'REMINDER', workingDays: 0, hours: -4, target: 'ASSIGNEE', channels: ['EMAIL', 'SMS'] },
  { kind: 'ESCALATION', workingDays: 0, target: 'LINE_MANAGER', channels: ['EMAIL', 'SMS'] },
  { kind: 'SECOND_ESCALATION', workingDays: 1, target: 'MANAGERS_MANAGER', channels: ['EMAIL', 'SMS'] },
];

export const DEFAULT_CONFIG: DomainConfig = {
  dueTime: '17:00',
  custodyStartTime: '09:00',
  releaseTime: '08:00',
  closeTime: '09:00',
  custodyWindowDays: 84,
  maxDaysToRelease: 731,
  minimumLeadWorkingDays: 2,
  supervisionMonths: 6,
  appointments: {
    firstTime: '14:00',
    time: '10:00',
    weeklyForWeeks: 4,
    thenEveryDays: 14,
    intensiveEveryDays: 7,
    intensiveRisks: ['HIGH', 'VERY_HIGH'],
    intensiveMappaLevels: [2, 3],
  },
  defaultLadder: DEFAULT_LADDER,
  ladders: {
    RELEASE_DAY_CHECKS: SHORT_LADDER,
    FIRST_APPOINTMENT: SHORT_LADDER,
    APPOINTMENT_OUTCOME: SHORT_LADDER,
    RECALL_REVIEW: SHORT_LADDER,
  },
  dueRules: {},
};

export type ConfigOverrides = Partial<Omit<DomainConfig, 'appointments'>> & {
  readonly appointments?: Partial<AppointmentPlanConfig>;
};

/** The defaults with `overrides` applied (one level deep for `appointments`, `ladders` and `dueRules`). */
export function resolveConfig(
  overrides: ConfigOverrides = {},
  base: DomainConfig = DEFAULT_CONFIG,
): DomainConfig {
  return {
    ...base,
    ...overrides,
    appointments: { ...base.appointments, ...overrides.appointments },
    ladders: { ...base.ladders, ...overrides.ladders },
    dueRules: { ...base.dueRules, ...overrides.dueRules },
  };
}
