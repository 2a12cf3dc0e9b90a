/**
 * `POST /appointments/{appointmentId}/outcome`: staff record what happened at an appointment. The outcome is stored
 * once (FAILED_TO_ATTEND may later be decided as an acceptable or unacceptable absence); a decisive outcome completes
 * the appointment's outcome task, and the community workflow then applies the enforcement rules.
 */
import { AppointmentCancelled, AppointmentNotFound, OutcomeAlreadyRecorded } from '#adapters/repository.ts';
import { needsAbsenceDecision } from '#domain/enforcement.ts';
import type { Appointment, Staff } from '#domain/entities.ts';
import { JourneyClosed } from '#domain/errors.ts';
import type { AppointmentOutcomeInput } from '#schemas/appointment-outcome.ts';
import type { JourneyDeps } from './deps.ts';
import { Conflict, Forbidden, NotFound } from './errors.ts';
import { appointmentOutcomeKey, caseIdOfAppointment, taskIdFor } from './names.ts';
import { actorRef, mayActFor } from './staffing.ts';
import { audit, finishTask } from './task-completion.ts';

export interface RecordAppointmentOutcomeInput extends AppointmentOutcomeInput {
  readonly appointmentId: string;
  /** when the caller knows the case (a case-scoped route); an appointment of another case is then not found */
  readonly caseId?: string;
  readonly actorId: string;
  /** the actor's staff record, when the caller has read it (the staff API): it is then not read again */
  readonly actor?: Staff;
  readonly route?: string;
}

export interface RecordAppointmentOutcomeResult {
  readonly appointment: Appointment;
  /** FAILED_TO_ATTEND: staff must still decide whether the absence was acceptable */
  readonly decisionRequired: boolean;
}

export async function recordAppointmentOutcome(
  deps: JourneyDeps,
  input: RecordAppointmentOutcomeInput,
  now: string,
): Promise<RecordAppointmentOutcomeResult> {
  const caseId = caseIdOfAppointment(input.appointmentId);
  if (!caseId || (input.caseId !== undefined && input.caseId !== caseId))
    throw new NotFound('appointment', input.appointmentId);
  const appointment = await deps.repository.getAppointment(caseId, input.appointmentId);
  const kase = await deps.repository.getCase(caseId);
  if (!appointment || !kase) throw new NotFound('appointment', input.appointmentId);
  if (kase.phase === 'CLOSED') throw new JourneyClosed();
  const n = Number(/-appt-(\d+)$/.exec(input.appointmentId)?.[1]);
  const taskId = taskIdFor(caseId, appointmentOutcomeKey(n));
  const task = await deps.repository.getTask(taskId);
  const route = input.route ?? 'POST /appointments/{appointmentId}/outcome';
  const record = {
    caseId,
    actorId: input.actorId,
    action: 'RECORD_APPOINTMENT_OUTCOME',
    route,
    targetId: input.appointmentId,
    at: now,
  };
  if (!(await mayActFor(deps, actorRef(input), task?.assigneeId ?? kase.responsibleOfficerId))) {
    await audit(deps, record, { result: 'REFUSED', reason: 'not the officer nor their manager' });
    throw new Forbidden(
      'only the responsible officer, their managers or an administrator may record this outcome',
    );
  }
  if (Date.parse(appointment.at) > Date.parse(now))
    throw new Conflict('the appointment has not taken place yet');
  let stored: Appointment;
  try {
    stored = await deps.repository.recordAppointmentOutcome(caseId, input.appointmentId, {
      outcome: input.outcome,
      recordedAt: now,
      recordedBy: input.actorId,
    });
  } catch (error) {
    if (error instanceof OutcomeAlreadyRecorded)
      throw new Conflict(`the outcome of this appointment is already recorded (${error.outcome})`);
    if (error instanceof AppointmentCancelled) throw new Conflict('the appointment was cancelled');
    if (error instanceof AppointmentNotFound) throw new NotFound('appointment', input.appointmentId);
    throw error;
  }
  await audit(deps, record, { result: 'ALLOWED' });
  const decisionRequired = needsAbsenceDecision(input.outcome);
  if (!decisionRequired && task?.status === 'OPEN')
    await finishTask(deps, taskId, { completedBy: input.actorId, outcome: input.outcome }, now);
  return { appointment: stored, decisionRequired };
}
