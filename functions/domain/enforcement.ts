/**
 * Enforcement rules for appointment outcomes (domain.md, "Appointment outcomes and enforcement").
 * A failure to comply is ATTENDED_FAILED_TO_COMPLY or UNACCEPTABLE_ABSENCE. The first failure with no warning in the
 * previous 12 months is a warning; a further failure within the 12 months that run from a warning's date is a breach
 * (community order, post-sentence supervision) or a recall review (licence: Sentencing Act 2020 Sch 10 para 6).
 */
import {
  addDays,
  addMonths,
  assertLocalDate,
  compareDates,
  type InstantInput,
  type LocalDate,
  localDateOf,
} from './calendar.ts';
import { DecisionRequired, OutcomeNotAllowed } from './errors.ts';
import {
  APPOINTMENT_OUTCOMES,
  type AppointmentOutcome,
  type BreachOutcome,
  type EnforcementDecision,
  type JourneyOutcome,
  type SentenceType,
} from './types.ts';

/** Months a warning stays live, counted from its date. */
export const WARNING_WINDOW_MONTHS = 12;

export const FAILURE_OUTCOMES: readonly AppointmentOutcome[] = [
  'ATTENDED_FAILED_TO_COMPLY',
  'UNACCEPTABLE_ABSENCE',
];

export function isFailureToComply(outcome: AppointmentOutcome): boolean {
  return FAILURE_OUTCOMES.includes(outcome);
}

/** Whether staff must first decide if the absence was acceptable (FAILED_TO_ATTEND). */
export function needsAbsenceDecision(outcome: AppointmentOutcome): boolean {
  return outcome === 'FAILED_TO_ATTEND';
}

/**
 * The outcomes that need no enforcement decision: neither a failure to comply nor an absence still to be decided.
 * The community workflow's `IsOutcomeCompliant` lists them too, so that these appointments skip the decision (a test
 * keeps the two lists the same).
 */
export const COMPLIANT_OUTCOMES: readonly AppointmentOutcome[] = APPOINTMENT_OUTCOMES.filter(
  (outcome) => !isFailureToComply(outcome) && !needsAbsenceDecision(outcome),
);

/**
 * The last day a warning is live: the 12 months beginning with the warning's date end the day before its
 * anniversary (a warning of 2026-03-10 covers failures up to 2027-03-09). With no corresponding day (a warning of
 * 2028-02-29) the period ends on the last day of the month (2029-02-28), the corresponding-date rule.
 */
export function warningLastDay(issuedOn: LocalDate): LocalDate {
  const anniversary = addMonths(assertLocalDate(issuedOn, 'warnings.issuedOn'), WARNING_WINDOW_MONTHS);
  return anniversary.slice(8) === issuedOn.slice(8) ? addDays(anniversary, -1) : anniversary;
}

/** Whether a warning issued on `issuedOn` is live on `date`. */
export function isWarningLive(issuedOn: LocalDate, date: LocalDate): boolean {
  return compareDates(issuedOn, date) <= 0 && compareDates(date, warningLastDay(issuedOn)) <= 0;
}

export interface EnforcementInput {
  readonly outcome: AppointmentOutcome;
  /** the day of the failure (Europe/London); or give `occurredAt` */
  readonly occurredOn?: LocalDate;
  /** the instant of the appointment; its London date is used */
  readonly occurredAt?: InstantInput;
  readonly sentenceType: SentenceType;
  readonly warnings: readonly { readonly issuedOn: LocalDate }[];
}

export interface EnforcementResult {
  readonly decision: EnforcementDecision;
  /** the failure's day */
  readonly date: LocalDate;
  /** the live warning that makes this a breach or recall review */
  readonly liveWarningIssuedOn?: LocalDate;
  /** for a WARNING: the warning to record (issued on the failure's day) and its last live day */
  readonly warning?: { readonly issuedOn: LocalDate; readonly liveUntil: LocalDate };
}

/**
 * What an appointment outcome leads to. Throws `DecisionRequired` for FAILED_TO_ATTEND: the caller must have staff
 * decide ACCEPTABLE_ABSENCE or UNACCEPTABLE_ABSENCE and call again with that.
 */
export function enforcementDecision(input: EnforcementInput): EnforcementResult {
  const date =
    input.occurredOn !== undefined
      ? assertLocalDate(input.occurredOn, 'occurredOn')
      : input.occurredAt !== undefined
        ? localDateOf(input.occurredAt)
        : assertLocalDate(undefined, 'occurredOn');
  if (needsAbsenceDecision(input.outcome))
    throw new DecisionRequired('decide whether the absence was acceptable or unacceptable');
  if (!isFailureToComply(input.outcome)) return { decision: 'NONE', date };
  const live = input.warnings
    .map((w) => w.issuedOn)
    .filter((issuedOn) => isWarningLive(issuedOn, date))
    .sort(compareDates)
    .at(-1);
  if (live === undefined)
    return { decision: 'WARNING', date, warning: { issuedOn: date, liveUntil: warningLastDay(date) } };
  return {
    decision: input.sentenceType === 'LICENCE' ? 'RECALL_REVIEW' : 'BREACH',
    date,
    liveWarningIssuedOn: live,
  };
}

const COURT_OUTCOMES: readonly BreachOutcome[] = ['CONTINUE', 'RESENTENCED', 'REVOKED'];
const RECALL_OUTCOMES: readonly BreachOutcome[] = [
  'NO_RECALL',
  'FIXED_TERM_RECALL_14',
  'FIXED_TERM_RECALL_28',
  'STANDARD_RECALL',
];

/** The breach outcomes that fit a sentence type: court outcomes for orders and PSS, recall decisions for licences. */
export function allowedBreachOutcomes(sentenceType: SentenceType): readonly BreachOutcome[] {
  return sentenceType === 'LICENCE' ? RECALL_OUTCOMES : COURT_OUTCOMES;
}

export type BreachEffect =
  | { readonly effect: 'CONTINUE' }
  | { readonly effect: 'CLOSE'; readonly outcome: JourneyOutcome };

/**
 * What a breach or recall outcome does to the journey. Throws `OutcomeNotAllowed` for an outcome that does not fit
 * the sentence type (a recall type for a community order, a court outcome for a licence).
 */
export function breachOutcomeEffect(outcome: BreachOutcome, sentenceType: SentenceType): BreachEffect {
  if (!allowedBreachOutcomes(sentenceType).includes(outcome))
    throw new OutcomeNotAllowed(
      `must be one of ${allowedBreachOutcomes(sentenceType).join(', ')} for sentence type ${sentenceType}`,
    );
  switch (outcome) {
    case 'CONTINUE':
    case 'NO_RECALL':
      return { effect: 'CONTINUE' };
    case 'RESENTENCED':
    case 'REVOKED':
      return { effect: 'CLOSE', outcome: 'BREACH_RESENTENCED' };
    default:
      return { effect: 'CLOSE', outcome: 'RECALLED' };
  }
}
