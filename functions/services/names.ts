/**
 * Deterministic names: a retry or a duplicate computes the same id, so a conditional write or a StartExecution by
 * name turns it into a no-op. Names hold ids only, never personal data.
 *   execution of a phase    <caseId>-custody-<n>, <caseId>-community-<n>
 *   task (and its ladder)   <caseId>-task-<slug of the plan key>, e.g. <caseId>-task-engagement-session-07
 *   appointment             <caseId>-appt-<nn>
 *   schedules               journey-start-<caseId>, release-<caseId>
 */
import type { DomainConfig } from '#domain/config.ts';
import type { TaskType } from '#domain/task-catalogue.ts';
import { type LadderInstants, ladderInstants } from '#domain/task-timing.ts';

export type PhaseName = 'custody' | 'community';

/** Step Functions names: at most 80 characters of [A-Za-z0-9-_]. */
const NAME = /^[A-Za-z0-9_-]{1,80}$/;

function checked(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a valid execution name (${name.length} characters)`);
  return name;
}

export const executionName = (caseId: string, phase: PhaseName, n: number): string =>
  checked(`${caseId}-${phase}-${n}`);

/** plan keys come from the task catalogue, so there are few: each is slugged once (bounded all the same) */
const slugs = new Map<string, string>();

/** `ENGAGEMENT_SESSION#07` -> `engagement-session-07` */
export const keySlug = (key: string): string => {
  let slug = slugs.get(key);
  if (slug === undefined) {
    slug = key
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (slugs.size < 4096) slugs.set(key, slug);
  }
  return slug;
};

/** The task id, which is also the name of its ladder execution. */
export const taskIdFor = (caseId: string, key: string): string => checked(`${caseId}-task-${keySlug(key)}`);

const pad = (n: number) => String(n).padStart(2, '0');

export const appointmentIdFor = (caseId: string, n: number): string => `${caseId}-appt-${pad(n)}`;

/** The case an appointment id belongs to (appointment ids carry it, so `POST /appointments/{id}/outcome` works). */
export function caseIdOfAppointment(appointmentId: string): string | undefined {
  return /^(.+)-appt-\d+$/.exec(appointmentId)?.[1];
}

export const appointmentOutcomeKey = (n: number): string => `APPOINTMENT_OUTCOME#${pad(n)}`;

/** The task that awaits the k-th breach's outcome: BREACH_OUTCOME (orders, PSS) or RECALL_REVIEW (licence). */
export const breachTaskKey = (
  type: Extract<TaskType, 'BREACH_OUTCOME' | 'RECALL_REVIEW'>,
  k: number,
): string => `${type}#${k}`;

export const journeyStartScheduleName = (caseId: string): string => `journey-start-${caseId}`;
export const releaseScheduleName = (caseId: string): string => `release-${caseId}`;

/** A task as the workflows pass it to the staff-task ladder. */
export interface TaskSpec {
  readonly caseId: string;
  readonly taskId: string;
  /** the plan key, e.g. `ENGAGEMENT_SESSION#07` */
  readonly key: string;
  readonly type: TaskType;
  readonly dueAt: string;
  readonly appointmentId?: string;
  /** index (1-based) into the case's breaches */
  readonly breachIndex?: number;
  /**
   * When the ladder's steps fall due, which the ladder's waits are timed by. Absent from specs planned by older
   * definitions: the ladder's first step then answers with the instants (TaskRescheduled) and the ladder starts again.
   */
  readonly ladder?: LadderInstants;
  /**
   * The release date the custody plan had when it planned the task. A task opened after the date moved, which the
   * change could not find to move, is then due as the plan now says.
   */
  readonly releaseDate?: string;
}

/** The spec of a planned task: its id from its plan key, and its ladder's instants from its due time. */
export function taskSpec(
  caseId: string,
  task: { readonly key: string; readonly type: TaskType; readonly dueAt: string },
  config: DomainConfig,
  link: Pick<TaskSpec, 'appointmentId' | 'breachIndex' | 'releaseDate'> = {},
): TaskSpec {
  return {
    caseId,
    taskId: taskIdFor(caseId, task.key),
    key: task.key,
    type: task.type,
    dueAt: task.dueAt,
    ...link,
    ladder: ladderInstants(task.type, task.dueAt, config),
  };
}
