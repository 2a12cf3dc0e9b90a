import type { ExecutionRecord, Frame } from './types.ts';

/**
 * The parts of the context object that stay the same for an execution while its redrive count does: its
 * `Execution` and `StateMachine` objects, shared by every step (context values are read, never changed).
 */
export interface FixedContext {
  redriveCount: number;
  input: unknown;
  execution: Record<string, unknown>;
  stateMachine: Record<string, unknown>;
}

/** The `StateMachine` object of each state machine: the same for all its executions. */
const machineContexts = new Map<string, Record<string, unknown>>();

function stateMachineContext(arn: string): Record<string, unknown> {
  let context = machineContexts.get(arn);
  if (context === undefined) {
    context = { Id: arn, Name: arn.split(':')[6] };
    machineContexts.set(arn, context);
  }
  return context;
}

function fixedOf(exec: ExecutionRecord, input: unknown): FixedContext {
  let f = exec.context;
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
    f = {
      redriveCount: exec.redriveCount,
      input,
      execution,
      stateMachine: stateMachineContext(exec.stateMachineArn),
    };
    exec.context = f;
  }
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
