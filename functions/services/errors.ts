/**
 * Errors the application services throw besides the domain's (`#domain/errors.ts`) and the repository's. Each has a
 * stable `name` that a workflow `Catch` matches and the staff API maps to a status:
 * `InvalidInput` 400, `NotFound` 404, `Forbidden` 403, `Conflict` 409, `TransientError` 503 (retry).
 * Messages carry ids and field names only, never personal data.
 */
import type { FieldError } from '#schemas/common.ts';

export class ServiceError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** The input failed its schema or a rule that needs the request time; nothing was written. */
export class InvalidInput extends ServiceError {
  constructor(readonly errors: readonly FieldError[]) {
    super('InvalidInput', errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'invalid input');
  }
}

export class NotFound extends ServiceError {
  constructor(
    readonly entity: 'case' | 'task' | 'appointment' | 'breach',
    readonly id: string,
  ) {
    super('NotFound', `${entity} ${id} not found`);
  }
}

/** The actor may not do this (not the assignee nor in their management chain). */
export class Forbidden extends ServiceError {
  constructor(readonly reason: string) {
    super('Forbidden', reason);
  }
}

/** The request is valid but clashes with what is stored (e.g. another open journey for the CRN). */
export class Conflict extends ServiceError {
  constructor(
    readonly reason: string,
    readonly existingId?: string,
  ) {
    super('Conflict', reason);
  }
}

/**
 * A failure worth retrying as it is (throttling, a dropped connection, a lost optimistic-lock race). Workflows
 * `Retry` on this name with backoff and jitter.
 */
export class TransientError extends ServiceError {
  constructor(message: string) {
    super('TransientError', message);
  }
}

const TRANSIENT_NAMES = new Set([
  'StaleVersion',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'TransactionConflictException',
  'ExecutionLimitExceeded',
]);

/** Whether an error (an AWS SDK error, a repository error) is worth retrying unchanged. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  const e = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (!e || typeof e !== 'object') return false;
  if (e.$retryable) return true;
  if (TRANSIENT_NAMES.has(e.name ?? '') || TRANSIENT_NAMES.has(e.code ?? '')) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

/** Thrown by AwaitRelease when the person has already been released: the custody Parallel catches it by name. */
export class Released extends ServiceError {
  constructor(caseId: string) {
    super('Released', `case ${caseId} has been released`);
  }
}
