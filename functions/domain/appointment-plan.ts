/**
 * The community appointment plan: the first supervision appointment on R or the next working day, then a cadence
 * by risk until the journey closes (R + 6 months). Contact frequency has had no national minimum since 2015 (HMI
 * Probation), so the cadence is configuration: by default weekly for the first 4 weeks then fortnightly, and weekly
 * throughout for HIGH/VERY_HIGH risk or MAPPA 2-3.
 */
import {
  addDays,
  addMonths,
  compareDates,
  instantMsAt,
  isoOfMs,
  type LocalDate,
  nextWorkingDayOnOrAfter,
} from './calendar.ts';
import { DEFAULT_CONFIG, type DomainConfig } from './config.ts';
import { RecentResults } from './recent.ts';
import { eventTaskDue } from './task-timing.ts';
import type { MappaLevel, RiskLevel } from './types.ts';

export interface PlannedAppointment {
  /** 1 for the first appointment */
  readonly n: number;
  readonly date: LocalDate;
  /** the appointment's start (ISO, UTC) */
  readonly at: string;
  /** when its APPOINTMENT_OUTCOME task is due (ISO, UTC) */
  readonly outcomeDueAt: string;
}

/** Whether this case takes the intensive (weekly throughout) cadence. */
export function isIntensiveContact(
  risk: RiskLevel,
  mappaLevel: MappaLevel,
  config: DomainConfig = DEFAULT_CONFIG,
): boolean {
  return (
    config.appointments.intensiveRisks.includes(risk) ||
    config.appointments.intensiveMappaLevels.includes(mappaLevel)
  );
}

/** The first appointment date: R, or the next working day. */
export function firstAppointmentDate(releaseDate: LocalDate): LocalDate {
  return nextWorkingDayOnOrAfter(releaseDate);
}

/** The day the journey closes: R + the supervision months (6 by default). */
export function closeDateFor(releaseDate: LocalDate, config: DomainConfig = DEFAULT_CONFIG): LocalDate {
  return addMonths(releaseDate, config.supervisionMonths);
}

/** Day offsets from the first appointment, nominal (before moving to working days), below `limitDays`. */
export function appointmentOffsets(
  intensive: boolean,
  limitDays: number,
  config: DomainConfig = DEFAULT_CONFIG,
) {
  const a = config.appointments;
  const offsets: number[] = [];
  let offset = 0;
  let n = 0;
  while (offset < limitDays) {
    offsets.push(offset);
    n += 1;
    offset += intensive || n < a.weeklyForWeeks ? (intensive ? a.intensiveEveryDays : 7) : a.thenEveryDays;
  }
  return offsets;
}

/**
 * Recent appointment plans by release date and cadence: the plans of a journey, and of journeys released on the same
 * day, share one.
 */
const recentPlans = new RecentResults<readonly PlannedAppointment[]>(512);

/**
 * The appointments from release to the close date: each on the working day on or after its nominal date, none on
 * or after the close date, never two on one day. The result is frozen (it is shared).
 */
export function planAppointments(
  releaseDate: LocalDate,
  risk: RiskLevel,
  mappaLevel: MappaLevel,
  config: DomainConfig = DEFAULT_CONFIG,
): readonly PlannedAppointment[] {
  const intensive = isIntensiveContact(risk, mappaLevel, config);
  if (typeof releaseDate !== 'string') return appointmentsOf(releaseDate, intensive, config); // refused there
  const key = `${releaseDate}|${intensive}`;
  return (
    recentPlans.get(config, key) ??
    recentPlans.set(config, key, appointmentsOf(releaseDate, intensive, config))
  );
}

function appointmentsOf(
  releaseDate: LocalDate,
  intensive: boolean,
  config: DomainConfig,
): readonly PlannedAppointment[] {
  const first = firstAppointmentDate(releaseDate);
  const close = closeDateFor(releaseDate, config);
  const limit = compareDates(close, first);
  const out: PlannedAppointment[] = [];
  let previous: LocalDate | undefined;
  for (const offset of appointmentOffsets(intensive, limit, config)) {
    const date = nextWorkingDayOnOrAfter(addDays(first, offset));
    if (compareDates(date, close) >= 0) break;
    if (previous !== undefined && compareDates(date, previous) <= 0) continue;
    const atMs = instantMsAt(
      date,
      out.length === 0 ? config.appointments.firstTime : config.appointments.time,
    );
    out.push(
      Object.freeze({
        n: out.length + 1,
        date,
        at: isoOfMs(atMs),
        outcomeDueAt: eventTaskDue('APPOINTMENT_OUTCOME', atMs, config).dueAt,
      }),
    );
    previous = date;
  }
  return Object.freeze(out);
}
