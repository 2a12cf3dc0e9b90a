/**
 * What the application services need from the outside world, as ports. The Lambda handlers build these from the
 * environment once per container (`#functions/handlers/runtime.ts`); the staff API does the same; tests and the
 * simulator pass in-memory adapters. Services never read the clock: every one takes `now`.
 */
import type { Notifier } from '#adapters/notifier.ts';
import type { ReleaseWaits } from '#adapters/release-waits.ts';
import type { ResettleRepository } from '#adapters/repository.ts';
import type { Scheduler } from '#adapters/scheduler.ts';
import type { Workflows } from '#adapters/workflows.ts';
import type { DomainConfig } from '#domain/config.ts';
import type { NotificationKind } from '#domain/types.ts';

export interface JourneySettings {
  /** `${STAFF_PORTAL_URL}/tasks/<taskId>` is the task link in every notice */
  readonly staffPortalUrl: string;
  readonly custodyStateMachineArn: string;
  readonly communityStateMachineArn: string;
  readonly staffTaskStateMachineArn: string;
  /** the schedule target of the release (and, without a journey-start function, of the journey start) */
  readonly releaseTriggerFunctionArn: string;
  /** the schedule target of the journey start; absent: the release trigger function with `action: START_JOURNEY` */
  readonly journeyStartFunctionArn?: string;
}

export interface JourneyLog {
  info(message: string, ids?: Record<string, string | number | undefined>): void;
  warn(message: string, ids?: Record<string, string | number | undefined>): void;
}

export interface JourneyDeps {
  readonly repository: ResettleRepository;
  readonly notifier: Notifier;
  readonly scheduler: Scheduler;
  readonly workflows: Workflows;
  readonly releaseWaits: ReleaseWaits;
  readonly config: DomainConfig;
  readonly settings: JourneySettings;
  /** a new case id (random: a CRN never goes into ids or execution names) */
  readonly newId: () => string;
  /**
   * Hook for the staff API: the link a notice carries for a task and its recipient. Default: the portal's task page.
   * The staff API will replace it with signed, expiring, single-use action links.
   */
  readonly taskLink?: (
    taskId: string,
    recipientStaffId: string,
    kind: NotificationKind,
    now: string,
  ) => string;
  readonly log?: JourneyLog;
}

export const silentLog: JourneyLog = { info: () => undefined, warn: () => undefined };
