/**
 * The journey's application services, for the Lambda handlers and the staff HTTP API. Each takes `deps` (ports:
 * `JourneyDeps`, built from the environment by `journeyDeps()` in `#handlers/runtime.ts`), a validated input and
 * `now` (the request time), and returns a typed result or throws a typed error:
 *   InvalidInput 400 (with field errors) · NotFound 404 · Forbidden 403 · Conflict 409 ·
 *   domain errors (`#domain/errors.ts`: TaskAlreadyCompleted, TaskCancelled, JourneyClosed, EventNotAllowed,
 *   OutcomeNotAllowed, DecisionRequired, InvalidReleaseDate ...) 409 or 400 · TransientError 503.
 */
export { type RecordAppointmentOutcomeInput, recordAppointmentOutcome } from './appointment-outcome.ts';
export { type RecordBreachOutcomeInput, recordBreachOutcome } from './breach-outcome.ts';
export { type ChangeReleaseDateInput, changeReleaseDate } from './change-release-date.ts';
export { type CompleteTaskInput, completeTask } from './complete-task.ts';
export type { JourneyDeps, JourneySettings } from './deps.ts';
export { Conflict, Forbidden, InvalidInput, NotFound, ServiceError, TransientError } from './errors.ts';
export { type RegisterCaseResult, registerCase } from './register-case.ts';
export { type ReportExternalEventInput, reportExternalEvent } from './report-external-event.ts';
