/**
 * The community phase's steps (workflows/community.asl.json): lay out the appointments and handover tasks, remind
 * the person of an appointment, apply the enforcement rules to an outcome, act on a breach outcome, and close the
 * journey COMPLETED at the end of supervision.
 */
import { closeDateFor, firstAppointmentDate, planAppointments } from '#domain/appointment-plan.ts';
import {
  addDays,
  instantAt,
  isoOfMs,
  type LocalDate,
  maxDate,
  previousWorkingDayOnOrBefore,
} from '#domain/calendar.ts';
import type { DomainConfig } from '#domain/config.ts';
import { breachOutcomeEffect, enforcementDecision } from '#domain/enforcement.ts';
import type { Case } from '#domain/entities.ts';
import { type TaskType, taskApplies, taskDefinition } from '#domain/task-catalogue.ts';
import { eventTaskDue } from '#domain/task-timing.ts';
import type { EnforcementDecision, SupportNeed } from '#domain/types.ts';
import { deliver, personRecipient } from '#functions/notifications/deliver.ts';
import { type CloseResult, closeJourney } from './close-journey.ts';
import type { PhaseStartInput } from './custody.ts';
import type { JourneyDeps } from './deps.ts';
import { notifyEnforcement } from './enforcement-notices.ts';
import { NotFound } from './errors.ts';
import { appointmentIdFor, appointmentOutcomeKey, breachTaskKey, type TaskSpec, taskSpec } from './names.ts';
import { openCase } from './staff-task.ts';
import { updateWithRetry } from './start-journey.ts';

const COMMUNITY_TASKS: readonly TaskType[] = [
  'RELEASE_DAY_CHECKS',
  'FIRST_APPOINTMENT',
  'HANDOVER_TREATMENT',
  'HANDOVER_GP',
  'HANDOVER_HOUSING_MOVE_ON',
];

/** Release-day and handover tasks, due by their rules from the release date (as in the journey plan). */
export function communityTasks(kase: Case, config: DomainConfig): TaskSpec[] {
  const needs = Object.keys(kase.needs) as SupportNeed[];
  const out: TaskSpec[] = [];
  for (const type of COMMUNITY_TASKS) {
    const def = taskDefinition(type, config);
    if (!taskApplies(def, kase.sentenceType, needs)) continue;
    const rule = def.due;
    let date: LocalDate;
    if (rule.kind === 'ON_RELEASE_DAY') date = kase.releaseDate;
    else if (rule.kind === 'RELEASE_OR_NEXT_WORKING_DAY') date = firstAppointmentDate(kase.releaseDate);
    else if (rule.kind === 'DAYS_AFTER_RELEASE')
      date = maxDate(
        previousWorkingDayOnOrBefore(addDays(kase.releaseDate, rule.days)),
        firstAppointmentDate(kase.releaseDate),
      );
    else continue;
    const dueAt = instantAt(date, config.dueTime);
    out.push(taskSpec(kase.caseId, { key: type, type, dueAt }, config));
  }
  return out;
}

export interface AppointmentStep {
  readonly appointmentId: string;
  readonly n: number;
  readonly at: string;
  /** a day before, when the person is reminded by SMS (if they gave a mobile) */
  readonly reminderAt: string;
  readonly outcomeTask: TaskSpec;
}

export interface CommunityPlan {
  readonly caseId: string;
  readonly closeAt: string;
  readonly handoverTasks: readonly TaskSpec[];
  readonly appointments: readonly AppointmentStep[];
}

export async function startCommunity(
  deps: JourneyDeps,
  input: PhaseStartInput,
  now: string,
): Promise<CommunityPlan> {
  const kase = await openCase(deps, input.caseId);
  await deps.repository.putExecution({
    caseId: kase.caseId,
    phase: 'COMMUNITY',
    n: input.n,
    name: input.executionName,
    executionArn: input.executionArn,
    startedAt: now,
    status: 'RUNNING',
  });
  const appointments: AppointmentStep[] = [];
  for (const planned of planAppointments(kase.releaseDate, kase.risk, kase.mappaLevel, deps.config)) {
    const appointmentId = appointmentIdFor(kase.caseId, planned.n);
    await deps.repository.putAppointment({
      appointmentId,
      caseId: kase.caseId,
      at: planned.at,
      kind: planned.n === 1 ? 'FIRST_SUPERVISION' : 'SUPERVISION',
    });
    const key = appointmentOutcomeKey(planned.n);
    appointments.push({
      appointmentId,
      n: planned.n,
      at: planned.at,
      reminderAt: isoOfMs(Date.parse(planned.at) - 86_400_000),
      outcomeTask: taskSpec(
        kase.caseId,
        { key, type: 'APPOINTMENT_OUTCOME', dueAt: planned.outcomeDueAt },
        deps.config,
        { appointmentId },
      ),
    });
  }
  const closeDate = closeDateFor(kase.releaseDate, deps.config);
  return {
    caseId: kase.caseId,
    closeAt: instantAt(closeDate, deps.config.closeTime),
    handoverTasks: communityTasks(kase, deps.config),
    appointments,
  };
}

/** An SMS to the person a day before an appointment, only if they gave a mobile (no name, no case reference). */
export async function remindAppointment(
  deps: JourneyDeps,
  input: { readonly caseId: string; readonly appointmentId: string },
  now: string,
): Promise<{ sent: number }> {
  const kase = await openCase(deps, input.caseId);
  const appointment = await deps.repository.getAppointment(kase.caseId, input.appointmentId);
  if (!appointment || appointment.cancelledAt || appointment.outcome || !kase.personMobile)
    return { sent: 0 };
  const results = await deliver(deps, {
    caseId: kase.caseId,
    subjectId: appointment.appointmentId,
    kind: 'APPOINTMENT_REMINDER',
    recipient: personRecipient(kase.personMobile),
    channels: ['SMS'],
    notice: { kind: 'APPOINTMENT_REMINDER', appointmentAt: appointment.at },
    appointmentId: appointment.appointmentId,
    now,
  });
  return { sent: results.filter((r) => r.outcome === 'SENT').length };
}

export interface EnforcementResult {
  readonly decision: EnforcementDecision;
  /** BREACH or RECALL_REVIEW: the task that awaits its outcome */
  readonly breachTask?: TaskSpec;
}

/**
 * Applies the enforcement rules to an appointment's recorded outcome: a warning (recorded, the officer told), or a
 * breach notice / recall review (recorded, enforcement team, officer and manager told) with the task that awaits its
 * outcome. The decision is made on the case as stored, under its version, and recorded against the appointment, so
 * a retry or a concurrent decision repeats it rather than deciding twice.
 */
export async function decideEnforcement(
  deps: JourneyDeps,
  input: { readonly caseId: string; readonly appointmentId: string },
  now: string,
): Promise<EnforcementResult> {
  const found = await openCase(deps, input.caseId);
  const appointment = await deps.repository.getAppointment(found.caseId, input.appointmentId);
  if (!appointment) throw new NotFound('appointment', input.appointmentId);
  const outcome = appointment.outcome;
  if (!outcome || outcome === 'FAILED_TO_ATTEND') return { decision: 'NONE' };
  let decision: EnforcementDecision = 'NONE';
  let liveUntil: string | undefined;
  const kase = await updateWithRetry(
    deps,
    found.caseId,
    (k) => {
      const breach = k.breaches.find((b) => b.appointmentId === appointment.appointmentId);
      if (k.warnings.some((w) => w.appointmentId === appointment.appointmentId)) decision = 'WARNING';
      else if (breach) decision = breach.kind === 'BREACH' ? 'BREACH' : 'RECALL_REVIEW';
      else {
        const result = enforcementDecision({
          outcome,
          occurredAt: appointment.at,
          sentenceType: k.sentenceType,
          warnings: k.warnings,
        });
        decision = result.decision;
        liveUntil = result.warning?.liveUntil;
        if (result.decision === 'WARNING')
          return {
            warnings: [...k.warnings, { issuedOn: result.date, appointmentId: appointment.appointmentId }],
          };
        if (result.decision === 'BREACH' || result.decision === 'RECALL_REVIEW')
          return {
            breaches: [
              ...k.breaches,
              { raisedOn: result.date, kind: result.decision, appointmentId: appointment.appointmentId },
            ],
          };
      }
      return undefined;
    },
    now,
    found,
  );
  if (decision === 'NONE') return { decision };
  const index = kase.breaches.findIndex((b) => b.appointmentId === appointment.appointmentId);
  const breachTask =
    decision === 'WARNING'
      ? undefined
      : breachTaskSpec(
          kase,
          decision === 'BREACH' ? 'BREACH_OUTCOME' : 'RECALL_REVIEW',
          index + 1,
          now,
          deps.config,
        );
  await notifyEnforcement(deps, kase, { decision, appointment, breachTask, liveUntil }, now);
  return breachTask ? { decision, breachTask } : { decision };
}

function breachTaskSpec(
  kase: Case,
  type: 'BREACH_OUTCOME' | 'RECALL_REVIEW',
  k: number,
  now: string,
  config: DomainConfig,
): TaskSpec {
  return taskSpec(
    kase.caseId,
    { key: breachTaskKey(type, k), type, dueAt: eventTaskDue(type, now, config).dueAt },
    config,
    {
      breachIndex: k,
    },
  );
}

/** After the breach task: continue, or close the journey with the outcome's journey outcome. */
export async function applyBreachOutcome(
  deps: JourneyDeps,
  input: { readonly caseId: string; readonly breachIndex: number; readonly executionName: string },
  now: string,
): Promise<{ effect: 'CONTINUE' | 'CLOSE'; outcome?: string }> {
  const kase = await deps.repository.getCase(input.caseId);
  if (!kase) throw new NotFound('case', input.caseId);
  if (kase.phase === 'CLOSED') return { effect: 'CLOSE', ...(kase.outcome ? { outcome: kase.outcome } : {}) };
  const outcome = kase.breaches[input.breachIndex - 1]?.outcome;
  if (!outcome) return { effect: 'CONTINUE' };
  const effect = breachOutcomeEffect(outcome, kase.sentenceType);
  if (effect.effect === 'CONTINUE') return { effect: 'CONTINUE' };
  await closeJourney(deps, kase.caseId, effect.outcome, now, { exceptExecutionName: input.executionName });
  return { effect: 'CLOSE', outcome: effect.outcome };
}

/** R + 6 months: the journey closes COMPLETED; every other execution of the case is stopped. */
export async function closeCompletedJourney(
  deps: JourneyDeps,
  input: { readonly caseId: string; readonly executionName: string },
  now: string,
): Promise<CloseResult> {
  return closeJourney(deps, input.caseId, 'COMPLETED', now, { exceptExecutionName: input.executionName });
}
