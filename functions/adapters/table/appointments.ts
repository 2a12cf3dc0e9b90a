/** Appointments, in their case's partition: stored once, one outcome each (FAILED_TO_ATTEND decided later). */
import type { Appointment } from '#domain/entities.ts';
import { type Condition, withoutUndefined } from '../item-store.ts';
import {
  AppointmentCancelled,
  AppointmentNotFound,
  type CreateResult,
  OutcomeAlreadyRecorded,
  type RecordOutcomeInput,
} from '../repository.ts';
import { appointmentKey, casePartition, requireId, timeKey } from '../repository-keys.ts';
import { exists, itemOf, notExists, sortBy, type Table, toRecord } from './records.ts';

export async function putAppointment(
  table: Table,
  appointment: Appointment,
): Promise<CreateResult<Appointment>> {
  requireId(appointment.caseId, 'caseId');
  requireId(appointment.appointmentId, 'appointmentId');
  timeKey(appointment.at, 'at');
  const record = withoutUndefined(appointment);
  const item = itemOf(appointmentKey(record.caseId, record.appointmentId), 'APPOINTMENT', record);
  const written = await table.store.put(item, notExists);
  if (written.ok) return { created: true, record };
  if (!written.existing) throw new Error(`appointment ${appointment.appointmentId} refused but not found`);
  return { created: false, record: toRecord<Appointment>(written.existing) };
}

export async function getAppointment(
  table: Table,
  caseId: string,
  appointmentId: string,
): Promise<Appointment | undefined> {
  const item = await table.store.get(
    appointmentKey(requireId(caseId, 'caseId'), requireId(appointmentId, 'appointmentId')),
  );
  return item ? toRecord<Appointment>(item) : undefined;
}

export async function listAppointmentsByCase(table: Table, caseId: string): Promise<Appointment[]> {
  const partition = casePartition(requireId(caseId, 'caseId'));
  const items = await table.store.query({ partition, beginsWith: 'APPT#' });
  return sortBy(
    items.map((item) => toRecord<Appointment>(item)),
    (appointment) => timeKey(appointment.at, 'at'),
    (appointment) => appointment.appointmentId,
  );
}

export async function recordAppointmentOutcome(
  table: Table,
  caseId: string,
  appointmentId: string,
  input: RecordOutcomeInput,
): Promise<Appointment> {
  requireId(caseId, 'caseId');
  requireId(appointmentId, 'appointmentId');
  timeKey(input.recordedAt, 'recordedAt');
  const decidesAbsence = input.outcome === 'ACCEPTABLE_ABSENCE' || input.outcome === 'UNACCEPTABLE_ABSENCE';
  const noOutcome: Condition = { notExists: 'outcome' };
  const written = await table.store.update(
    appointmentKey(caseId, appointmentId),
    { set: withoutUndefined(input) },
    {
      and: [
        exists,
        { notExists: 'cancelledAt' },
        decidesAbsence ? { or: [noOutcome, { equals: ['outcome', 'FAILED_TO_ATTEND'] }] } : noOutcome,
      ],
    },
  );
  if (written.ok) return toRecord<Appointment>(written.item);
  const existing = written.existing;
  if (!existing) throw new AppointmentNotFound(caseId, appointmentId);
  if (existing.cancelledAt !== undefined) throw new AppointmentCancelled(appointmentId);
  throw new OutcomeAlreadyRecorded(appointmentId, existing.outcome);
}

export async function cancelAppointment(
  table: Table,
  caseId: string,
  appointmentId: string,
  now: string,
): Promise<boolean> {
  requireId(caseId, 'caseId');
  requireId(appointmentId, 'appointmentId');
  timeKey(now, 'now');
  const written = await table.store.update(
    appointmentKey(caseId, appointmentId),
    { set: { cancelledAt: now } },
    { and: [exists, { notExists: 'outcome' }, { notExists: 'cancelledAt' }] },
  );
  if (!written.ok && !written.existing) throw new AppointmentNotFound(caseId, appointmentId);
  return written.ok;
}
