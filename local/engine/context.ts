import type { ExecutionRecord, Frame } from './types.ts';

/** Per-execution strings of the context object that never change: its start time and machine name. */
const fixedParts = new WeakMap<ExecutionRecord, { startTime: string; machineName: string | undefined }>();

function fixedOf(exec: ExecutionRecord): { startTime: string; machineName: string | undefined } {
  let f = fixedParts.get(exec);
  if (f === undefined) {
    const arn = exec.stateMachineArn;
    f = { startTime: new Date(exec.startDate).toISOString(), machineName: arn.split(':')[6] };
    fixedParts.set(exec, f);
  }
  return f;
}

/** The context object (`$$` in JSONPath, `$states.context` in JSONata) of a frame's current state. */
export function contextObject(
  exec: ExecutionRecord,
  input: unknown,
  frame: Frame,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const fixed = fixedOf(exec);
  const execution: Record<string, unknown> = {
    Id: exec.executionArn,
    Input: input,
    Name: exec.name,
    RoleArn: exec.roleArn,
    StartTime: fixed.startTime,
    RedriveCount: exec.redriveCount,
  };
  if (exec.redriveDate !== undefined) execution.RedriveTime = new Date(exec.redriveDate).toISOString();
  const ctx: Record<string, unknown> = {
    Execution: execution,
    State: {
      EnteredTime: new Date(frame.enteredAt).toISOString(),
      Name: frame.state,
      RetryCount: frame.retryCount,
    },
    StateMachine: { Id: exec.stateMachineArn, Name: fixed.machineName },
  };
  if (frame.task?.token) ctx.Task = { Token: frame.task.token };
  return extra ? { ...ctx, ...extra } : ctx;
}
