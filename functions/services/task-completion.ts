/**
 * Finishing a staff task from outside the workflow: mark it DONE (the conditional write is the single winner) and
 * answer the ladder's current wait with the stored token. A token whose wait has just timed out is no loss: the
 * ladder reads the task at its next step and ends there. Also used when a task's answer was recorded before its
 * ladder reached it.
 */
import { TaskNotOpen } from '#adapters/repository.ts';
import type { TokenDelivery } from '#adapters/workflows.ts';
import type { AuditRecord, Task } from '#domain/entities.ts';
import { TaskAlreadyCompleted, TaskCancelled } from '#domain/errors.ts';
import type { JourneyDeps } from './deps.ts';

/** What a finished ladder returns to its parent. */
export interface TaskResult {
  readonly taskId: string;
  readonly type: string;
  readonly status: Task['status'];
  readonly outcome?: string;
  readonly completedBy?: string;
  readonly completedAt?: string;
}

export function taskResult(task: Task): TaskResult {
  return {
    taskId: task.taskId,
    type: task.type,
    status: task.status,
    ...(task.outcome ? { outcome: task.outcome } : {}),
    ...(task.completedBy ? { completedBy: task.completedBy } : {}),
    ...(task.completedAt ? { completedAt: task.completedAt } : {}),
  };
}

export async function finishTask(
  deps: JourneyDeps,
  taskId: string,
  input: { readonly completedBy?: string; readonly outcome?: string },
  now: string,
): Promise<{ task: Task; delivery: TokenDelivery | 'NO_TOKEN' }> {
  let task: Task;
  try {
    task = await deps.repository.completeTask(taskId, {
      completedAt: now,
      ...(input.completedBy ? { completedBy: input.completedBy } : {}),
      ...(input.outcome ? { outcome: input.outcome } : {}),
    });
  } catch (error) {
    if (error instanceof TaskNotOpen)
      throw error.status === 'DONE' ? new TaskAlreadyCompleted() : new TaskCancelled();
    throw error;
  }
  return { task, delivery: await answerLadder(deps, task) };
}

/** Sends the task's result on its stored token (again, for a completion retried after a failed send). */
export async function answerLadder(deps: JourneyDeps, task: Task): Promise<TokenDelivery | 'NO_TOKEN'> {
  if (!task.taskToken) return 'NO_TOKEN';
  return deps.workflows.sendTaskSuccess(task.taskToken, taskResult(task));
}

/** What an audit record says about an attempt: who, what, where and when, less its id and its result. */
export type AuditSubject = Omit<AuditRecord, 'auditId' | 'result' | 'reason'>;

/**
 * Audits an attempt on `subject` with its result. The parts are spread after a first property rather than merged
 * as `{ ...subject, result }`: V8 (Node 20) builds a literal that opens with a spread and then adds properties
 * through a slow path, microseconds each time.
 */
export async function audit(
  deps: JourneyDeps,
  subject: AuditSubject,
  outcome: Pick<AuditRecord, 'result' | 'reason'>,
): Promise<void> {
  await deps.repository.putAudit({ auditId: deps.newId(), ...subject, ...outcome });
}
