/**
 * Typed domain errors. `name` is a stable identifier: a Lambda's error type is the thrown error's `name`, so a
 * Step Functions `Catch` can match it with `"ErrorEquals": ["ImpossiblePlan"]`. `field` names the input field at
 * fault. Messages never contain personal data (names, phone numbers, emails, free text from the input).
 */

export const DOMAIN_ERROR_NAMES = [
  /** a `YYYY-MM-DD` value that is not a real calendar date */
  'InvalidDate',
  /** a value that is not an ISO-8601 instant with a zone, or a time that is not `HH:mm` */
  'InvalidInstant',
  /** a release date that cannot be planned for (before registration, too far ahead, already reached) */
  'InvalidReleaseDate',
  /** the input is valid but no plan fits it */
  'ImpossiblePlan',
  'UnknownTaskType',
  'TaskAlreadyCompleted',
  'TaskCancelled',
  /** the journey has ended: nothing more can happen to it */
  'JourneyClosed',
  /** an external event that the journey's current phase does not accept */
  'EventNotAllowed',
  /** an outcome that does not fit (e.g. a recall type for a community order) */
  'OutcomeNotAllowed',
  /** staff must decide first (e.g. whether a failure to attend was acceptable) */
  'DecisionRequired',
] as const;
export type DomainErrorName = (typeof DOMAIN_ERROR_NAMES)[number];

export class DomainError extends Error {
  override readonly name: DomainErrorName;
  /** the input field at fault, as a dotted path (e.g. `releaseDate`, `answers.pathways.HEALTH.status`) */
  readonly field: string | undefined;

  constructor(name: DomainErrorName, message: string, field?: string) {
    super(message);
    this.name = name;
    this.field = field;
  }

  toJSON(): { name: DomainErrorName; message: string; field?: string } {
    return this.field === undefined
      ? { name: this.name, message: this.message }
      : { name: this.name, message: this.message, field: this.field };
  }
}

export function isDomainError(error: unknown, name?: DomainErrorName): error is DomainError {
  return error instanceof DomainError && (name === undefined || error.name === name);
}

export class InvalidDate extends DomainError {
  constructor(message: string, field?: string) {
    super('InvalidDate', message, field);
  }
}

export class InvalidInstant extends DomainError {
  constructor(message: string, field?: string) {
    super('InvalidInstant', message, field);
  }
}

export class InvalidReleaseDate extends DomainError {
  constructor(message: string, field = 'releaseDate') {
    super('InvalidReleaseDate', message, field);
  }
}

export class ImpossiblePlan extends DomainError {
  constructor(message: string, field?: string) {
    super('ImpossiblePlan', message, field);
  }
}

export class UnknownTaskType extends DomainError {
  constructor(message: string, field = 'taskType') {
    super('UnknownTaskType', message, field);
  }
}

export class TaskAlreadyCompleted extends DomainError {
  constructor(message = 'the task has already been completed', field = 'taskId') {
    super('TaskAlreadyCompleted', message, field);
  }
}

export class TaskCancelled extends DomainError {
  constructor(message = 'the task has been cancelled', field = 'taskId') {
    super('TaskCancelled', message, field);
  }
}

export class JourneyClosed extends DomainError {
  constructor(message = 'the journey has ended', field?: string) {
    super('JourneyClosed', message, field);
  }
}

export class EventNotAllowed extends DomainError {
  constructor(message: string, field = 'type') {
    super('EventNotAllowed', message, field);
  }
}

export class OutcomeNotAllowed extends DomainError {
  constructor(message: string, field = 'outcome') {
    super('OutcomeNotAllowed', message, field);
  }
}

export class DecisionRequired extends DomainError {
  constructor(message: string, field = 'outcome') {
    super('DecisionRequired', message, field);
  }
}
