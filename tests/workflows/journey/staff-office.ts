/**
 * Staff behaviour for journey tests: every few hours of virtual time, look at a case's open tasks and act on them
 * through the same services the staff API calls (complete a task, record an appointment or breach outcome), as a
 * policy decides. Time only moves through the clock.
 */
import type { Task } from '#domain/entities.ts';
import type { AppointmentOutcome, BreachOutcome } from '#domain/types.ts';
import { recordAppointmentOutcome } from '#functions/services/appointment-outcome.ts';
import { recordBreachOutcome } from '#functions/services/breach-outcome.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import type { AssessmentAnswers } from '#schemas/task-completion.ts';
import type { JourneyHarness } from './harness.ts';

export interface StaffPolicy {
  /** act on this task now? (default: yes) */
  readonly acts?: (task: Task, now: string) => boolean;
  /** the outcome of appointment n (default ATTENDED_COMPLIED) */
  readonly appointmentOutcome?: (n: number) => AppointmentOutcome;
  readonly breachOutcome?: BreachOutcome;
  readonly assessment?: AssessmentAnswers;
}

export const DEFAULT_ASSESSMENT: AssessmentAnswers = {
  pathways: {
    ACCOMMODATION: { status: 'SUPPORT_REQUIRED', needs: ['DUTY_TO_REFER'] },
    HEALTH: { status: 'SUPPORT_REQUIRED', needs: ['GP_REGISTRATION'] },
    FINANCE_AND_ID: { status: 'SUPPORT_NOT_REQUIRED' },
  },
};

export interface Acted {
  readonly taskId: string;
  readonly type: string;
  readonly at: string;
}

/** Acts on every open task of the case that the policy allows; returns what was done. */
export async function actOnOpenTasks(
  h: JourneyHarness,
  caseId: string,
  policy: StaffPolicy = {},
): Promise<Acted[]> {
  const acted: Acted[] = [];
  const now = h.now();
  for (const task of await h.repository.listOpenTasksByCase(caseId)) {
    if (policy.acts && !policy.acts(task, now)) continue;
    if (task.type === 'APPOINTMENT_OUTCOME') {
      const n = Number(/appointment-outcome-(\d+)$/.exec(task.taskId)?.[1]);
      await recordAppointmentOutcome(
        h.deps,
        {
          appointmentId: `${caseId}-appt-${String(n).padStart(2, '0')}`,
          actorId: task.assigneeId,
          outcome: policy.appointmentOutcome?.(n) ?? 'ATTENDED_COMPLIED',
        },
        now,
      );
    } else if (task.type === 'BREACH_OUTCOME' || task.type === 'RECALL_REVIEW') {
      if (!policy.breachOutcome) continue;
      await recordBreachOutcome(
        h.deps,
        { caseId, actorId: task.assigneeId, outcome: policy.breachOutcome },
        now,
      );
    } else {
      await completeTask(
        h.deps,
        {
          taskId: task.taskId,
          actorId: task.assigneeId,
          completion:
            task.type === 'PRE_RELEASE_ASSESSMENT'
              ? { outcome: 'DONE', answers: policy.assessment ?? DEFAULT_ASSESSMENT }
              : { outcome: 'DONE' },
        },
        now,
      );
    }
    acted.push({ taskId: task.taskId, type: task.type, at: now });
  }
  await h.clock.settle();
  return acted;
}

/** Advances the clock to `until` in steps, letting staff act after each step. */
export async function runWithStaff(
  h: JourneyHarness,
  caseId: string,
  until: string,
  policy: StaffPolicy = {},
  stepHours = 2,
): Promise<Acted[]> {
  const acted: Acted[] = [];
  const end = Date.parse(until);
  await h.clock.settle();
  while (h.clock.now() < end) {
    acted.push(...(await actOnOpenTasks(h, caseId, policy)));
    await h.clock.advanceTo(Math.min(end, h.clock.now() + stepHours * 3_600_000));
  }
  acted.push(...(await actOnOpenTasks(h, caseId, policy)));
  return acted;
}
