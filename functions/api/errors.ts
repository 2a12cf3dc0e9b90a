/**
 * From what the services, the domain and the repository throw to an HTTP answer: invalid input 400 (with the fields),
 * unknown ids 404, not allowed 403, clashes with what is stored 409, transient failures 503. Anything else is a 500
 * whose body says nothing of the cause.
 */
import {
  AppointmentCancelled,
  AppointmentNotFound,
  CaseClosed,
  CaseNotFound,
  CrnConflict,
  OutcomeAlreadyRecorded,
  TaskNotFound,
  TaskNotOpen,
} from '#adapters/repository.ts';
import { DomainError } from '#domain/errors.ts';
import { Conflict, Forbidden, InvalidInput, isTransient, NotFound } from '#functions/services/errors.ts';
import { badRequest, conflict, forbidden, HttpError, notFound } from './http.ts';

/** Domain errors that mean "this input cannot be": 400 with the field. The rest clash with state: 409. */
const INVALID_INPUT_ERRORS = new Set([
  'InvalidDate',
  'InvalidInstant',
  'InvalidReleaseDate',
  'ImpossiblePlan',
  'UnknownTaskType',
  'OutcomeNotAllowed',
]);

const ID_FIELD: Record<NotFound['entity'], string> = {
  case: 'caseId',
  task: 'taskId',
  appointment: 'appointmentId',
  breach: 'caseId',
};

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof InvalidInput) return badRequest(error.errors);
  if (error instanceof NotFound) return notFound(error.entity, ID_FIELD[error.entity]);
  if (error instanceof Forbidden) return forbidden(error.reason);
  if (error instanceof Conflict)
    return conflict(error.reason, error.existingId ? { existingId: error.existingId } : undefined);
  if (error instanceof DomainError) {
    const field = error.field ?? 'body';
    if (INVALID_INPUT_ERRORS.has(error.name)) return badRequest([{ field, message: error.message }]);
    return new HttpError(409, 'Conflict', error.message, undefined, { reason: error.name });
  }
  if (error instanceof CrnConflict)
    return conflict('an open journey already exists for this CRN', { caseId: error.existingCaseId });
  if (error instanceof CaseNotFound) return notFound('case', 'caseId');
  if (error instanceof TaskNotFound) return notFound('task', 'taskId');
  if (error instanceof AppointmentNotFound) return notFound('appointment', 'appointmentId');
  if (error instanceof CaseClosed) return conflict('the journey has ended', { reason: 'JourneyClosed' });
  if (error instanceof TaskNotOpen) return conflict(`the task is ${error.status}`, { reason: 'TaskNotOpen' });
  if (error instanceof OutcomeAlreadyRecorded) return conflict('the outcome is already recorded');
  if (error instanceof AppointmentCancelled) return conflict('the appointment was cancelled');
  if (isTransient(error))
    return new HttpError(503, 'ServiceUnavailable', 'a service is busy; try again in a moment');
  return new HttpError(500, 'InternalError', 'something went wrong; nothing more is known here');
}
