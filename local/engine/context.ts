import type { ExecutionRecord, Frame } from './types.ts';

/** The context object (`$$` in JSONPath, `$states.context` in JSONata) of a frame's current state. */
export function contextObject(
  exec: ExecutionRecord,
  input: unknown,
  frame: Frame,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const execution: Record<string, unknown> = {
    Id: exec.executionArn,
    Input: input,
    Name: exec.name,
    RoleArn: exec.roleArn,
    StartTime: new Date(exec.startDate).toISOString(),
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
    StateMachine: { Id: exec.stateMachineArn, Name: exec.stateMachineArn.split(':')[6] },
  };
  if (frame.task?.token) ctx.Task = { Token: frame.task.token };
  return extra ? { ...ctx, ...extra } : ctx;
}
