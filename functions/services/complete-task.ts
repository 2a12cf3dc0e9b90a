/**
 * `POST /tasks/{taskId}/complete`: the assignee (or someone above them, or an administrator) completes a task.
 * Assessment answers set the pathway statuses and the support needs found; then the task is DONE and its ladder is
 * answered with SendTaskSuccess on the stored token. A second completion changes nothing and is answered with
 * `TaskAlreadyCompleted` (after re-sending the token in case the first completion's send was lost).
 */
import { type Case, type Staff, type TaskView, toTaskView } from '#domain/entities.ts';
import { TaskAlreadyCompleted } from '#domain/errors.ts';
import { assertTaskCompletable } from '#domain/journey.ts';
import type { PathwayStatus, SupportNeedStatus } from '#domain/types.ts';
import type { AssessmentAnswers, TaskCompletion } from '#schemas/task-completion.ts';
import type { JourneyDeps } from './deps.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from './errors.ts';
import { actorRef, mayActFor } from './staffing.ts';
import { updateWithRetry } from './start-journey.ts';
import { answerLadder, audit, finishTask } from './task-completion.ts';

export interface CompleteTaskInput {
  readonly taskId: string;
  /** the authenticated staff member */
  readonly actorId: string;
  /** the actor's staff record, when the caller has read it (the staff API): it is then not read again */
  readonly actor?: Staff;
  readonly completion: TaskCompletion;
  /** for the audit record, e.g. `POST /tasks/{taskId}/complete` */
  readonly route?: string;
}

export interface CompleteTaskResult {
  readonly task: TaskView;
  /** whether the waiting workflow took the answer now (else it sees the task DONE at its next step) */
  readonly delivered: boolean;
}

/** Tasks completed through their own route, which records what the workflow needs. */
const OWN_ROUTE: Readonly<Record<string, string>> = {
  APPOINTMENT_OUTCOME: 'POST /appointments/{appointmentId}/outcome',
  BREACH_OUTCOME: 'POST /cases/{caseId}/breach-outcome',
  RECALL_REVIEW: 'POST /cases/{caseId}/breach-outcome',
};

export async function completeTask(
  deps: JourneyDeps,
  input: CompleteTaskInput,
  now: string,
): Promise<CompleteTaskResult> {
  const route = input.route ?? 'POST /tasks/{taskId}/complete';
  const task = await deps.repository.getTask(input.taskId);
  if (!task) throw new NotFound('task', input.taskId);
  const record = {
    caseId: task.caseId,
    actorId: input.actorId,
    action: 'COMPLETE_TASK',
    route,
    targetId: task.taskId,
    at: now,
  };
  if (!(await mayActFor(deps, actorRef(input), task.assigneeId))) {
    await audit(deps, record, { result: 'REFUSED', reason: 'not the assignee nor their manager' });
    throw new Forbidden('only the assignee, their managers or an administrator may complete this task');
  }
  const ownRoute = OWN_ROUTE[task.type];
  if (ownRoute) throw new Conflict(`this task is completed by recording the outcome: ${ownRoute}`);
  const kase = await deps.repository.getCase(task.caseId);
  if (!kase) throw new NotFound('case', task.caseId);
  if (task.status === 'DONE') {
    await answerLadder(deps, task);
    throw new TaskAlreadyCompleted();
  }
  assertTaskCompletable(kase.phase, task.status);
  if (task.type === 'PRE_RELEASE_ASSESSMENT') {
    const answers = input.completion.answers;
    if (!answers && (input.completion.outcome ?? 'DONE') === 'DONE')
      throw new InvalidInput([
        { field: 'answers', message: 'is required to complete the pre-release assessment' },
      ]);
    if (answers) await applyAssessment(deps, kase, answers, now);
  }
  const { task: done, delivery } = await finishTask(
    deps,
    task.taskId,
    { completedBy: input.actorId, outcome: input.completion.outcome ?? 'DONE' },
    now,
  );
  await audit(deps, record, { result: 'ALLOWED' });
  return { task: toTaskView(done), delivered: delivery === 'DELIVERED' };
}

/**
 * Pathway statuses as answered; each need found is added NOT_STARTED (a need already tracked keeps its status).
 * `read` is the case as just read: the update starts from it (and reads again only if it lost a race).
 */
async function applyAssessment(deps: JourneyDeps, read: Case, answers: AssessmentAnswers, now: string) {
  await updateWithRetry(
    deps,
    read.caseId,
    (kase) => {
      const pathways: Record<string, PathwayStatus> = { ...kase.pathways };
      const needs: Record<string, SupportNeedStatus> = { ...kase.needs };
      for (const [pathway, answer] of Object.entries(answers.pathways)) {
        if (!answer) continue;
        pathways[pathway] = answer.status;
        for (const need of answer.needs ?? []) needs[need] ??= 'NOT_STARTED';
      }
      return { pathways: pathways as typeof kase.pathways, needs: needs as typeof kase.needs };
    },
    now,
    read,
  );
}
