/**
 * Errors of the Amazon States Language: a runtime failure has an error name (matched by Retry and Catch
 * `ErrorEquals`) and a cause. `States.*` names are the spec's predefined errors.
 */
export class StatesError extends Error {
  /**
   * No stack trace: a States error is data the state machine routes (a task's timeout, a Fail state, a child's
   * failure), not a bug to trace, and capturing a stack through the engine's async frames cost more than the
   * rest of handling the error. The limit is restored before anything else runs.
   */
  constructor(
    /** the error name matched by ErrorEquals, e.g. `States.Runtime`, `States.TaskFailed`, or a task's own */
    readonly error: string,
    /** human-readable cause, as AWS reports it */
    override readonly cause: string,
    /** a terminal error (an oversized state input or output): `States.ALL` and `States.TaskFailed` never match it */
    readonly terminal = false,
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${error}: ${cause}`);
    Error.stackTraceLimit = limit;
    this.name = 'StatesError';
  }
}

/** A definition refused at create time (AWS answers `InvalidDefinition`). */
export class InvalidDefinitionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid State Machine Definition: '${problems.join(', ')}'`);
    this.name = 'InvalidDefinition';
  }
}

/**
 * An API-level error in AWS's shape: `name` is the AWS error code (`ExecutionDoesNotExist`,
 * `StateMachineDoesNotExist`, `TaskDoesNotExist`, `TaskTimedOut`, `ExecutionAlreadyExists`,
 * `ValidationException`, `InvalidDefinition`, ...), which the endpoint returns as `__type`.
 */
export class EngineApiError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

/**
 * A JSONata expression failed (`States.QueryEvaluationError`); `location` names the field, as in the
 * `EvaluationFailed` history event AWS records before the error is handled.
 */
export class QueryEvaluationError extends StatesError {
  constructor(
    cause: string,
    readonly state: string,
    readonly location: string,
  ) {
    super('States.QueryEvaluationError', cause);
  }
}
