import type { ExecutionRecord, Frame } from './types.ts';

/**
 * The parts of the context object that stay the same for an execution while its redrive count does: its
 * `Execution` and `StateMachine` objects, shared by every step (context values are read, never changed).
 */
interface Fixed {
  redriveCount: number;
  input: unknown;
  execution: Record<string, unknown>;
  stateMachine: Record<string, unknown>;
}

const fixedParts = new WeakMap<ExecutionRecord, Fixed>();
/** the execution asked for last, and its parts: a state's expressions read the context one after another */
let lastExec: ExecutionRecord | undefined;
let lastFixed: Fixed | undefined;

function fixedOf(exec: ExecutionRecord, input: unknown): Fixed {
  let f = exec === lastExec ? lastFixed : fixedParts.get(exec);
  if (f === undefined || f.redriveCount !== exec.redriveCount || f.input !== input) {
    const execution: Record<string, unknown> = {
      Id: exec.executionArn,
      Input: input,
      Name: exec.name,
      RoleArn: exec.roleArn,
      StartTime: new Date(exec.startDate).toISOString(),
      RedriveCount: exec.redriveCount,
    };
    if (exec.redriveDate !== undefined) execution.RedriveTime = new Date(exec.redriveDate).toISOString();
    const arn = exec.stateMachineArn;
    f = {
      redriveCount: exec.redriveCount,
      input,
      execution,
      stateMachine: { Id: arn, Name: arn.split(':')[6] },
    };
    fixedParts.set(exec, f);
  }
  lastExec = exec;
  lastFixed = f;
  return f;
}

/** The last `EnteredTime` formatted: states entered at the same virtual instant share it (formatting is costly). */
let enteredMs = Number.NaN;
let enteredIso = '';

function enteredTime(ms: number): string {
  if (ms !== enteredMs) {
    enteredIso = new Date(ms).toISOString();
    enteredMs = ms;
  }
  return enteredIso;
}

/** The context object (`$$` in JSONPath, `$states.context` in JSONata) of a frame's current state. */
export function contextObject(
  exec: ExecutionRecord,
  input: unknown,
  frame: Frame,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const fixed = fixedOf(exec, input);
  const ctx: Record<string, unknown> = {
    Execution: fixed.execution,
    State: {
      EnteredTime: enteredTime(frame.enteredAt),
      Name: frame.state,
      RetryCount: frame.retryCount,
    },
    StateMachine: fixed.stateMachine,
  };
  if (frame.task?.token) ctx.Task = { Token: frame.task.token };
  return extra ? { ...ctx, ...extra } : ctx;
}
