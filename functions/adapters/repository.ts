/**
 * The system of record, as a port. Two adapters implement it with the same semantics and the same key design:
 * `DynamoDbRepository` (AWS and dynalite) and `MemoryRepository` (the simulator); one contract suite runs on both.
 * Every write is a single-item conditional write with a deterministic key (no transactions). Time is passed in.
 * Key design and access patterns: docs/data-model.md.
 */
import type {
  Appointment,
  AuditRecord,
  Case,
  CasePatch,
  ExecutionRecord,
  ExecutionStatus,
  LinkUse,
  NewCase,
  NewOutboxRecord,
  OutboxRecord,
  Staff,
  Task,
} from '#domain/entities.ts';
import type { AppointmentOutcome, JourneyOutcome, StaffRole, TaskStatus } from '#domain/types.ts';

/** Reads and writes made, and the capacity units they would cost on DynamoDB on-demand (estimated from item size). */
export interface RepositoryStats {
  /** GetItem calls and Query pages */
  reads: number;
  /** PutItem, UpdateItem and DeleteItem calls, including those refused by their condition */
  writes: number;
  /** writes refused by their condition (duplicates, stale versions) */
  conditionalFailures: number;
  /** read request units: 4 KB strongly consistent = 1, eventually consistent = 0.5 */
  readUnits: number;
  /** write request units: 1 KB = 1, for the table and for each GSI the item is written to */
  writeUnits: number;
}

export interface RepositoryOptions {
  /** outbox records expire (TTL `expiresAt`) this many days after createdAt; absent = kept */
  readonly outboxRetentionDays?: number;
  /** audit records expire this many days after `at`; absent = kept */
  readonly auditRetentionDays?: number;
  /** a CRN claim whose case item is missing may be taken over this long after it was made (default 300 s) */
  readonly orphanClaimSeconds?: number;
}

export interface CreateResult<T> {
  readonly created: boolean;
  /** the stored record: the new one, or the one already there */
  readonly record: T;
}

export interface CompleteTaskInput {
  readonly completedAt: string;
  readonly completedBy?: string;
  readonly outcome?: string;
}

export interface TaskTokenInput {
  readonly taskToken: string;
  readonly ladderStep: number;
  readonly executionName?: string;
}

export interface CloseCaseInput {
  readonly outcome: JourneyOutcome;
  readonly now: string;
  /** when given, the close is refused with StaleVersion unless the case is at this version */
  readonly expectedVersion?: number;
}

export interface RecordOutcomeInput {
  readonly outcome: AppointmentOutcome;
  readonly recordedAt: string;
  readonly recordedBy?: string;
}

export interface UseLinkInput {
  readonly staffId?: string;
  readonly taskId?: string;
  /** when the link itself expires: the use record is kept (TTL) until a day after, so the link stays spent */
  readonly linkExpiresAt?: string;
}

export interface ResettleRepository {
  // Cases
  /** Idempotent on caseId. Throws CrnConflict (with the open case's id) if another open journey holds the CRN. */
  createCase(input: NewCase, now: string): Promise<CreateResult<Case>>;
  getCase(caseId: string): Promise<Case | undefined>;
  /** The open journey for a CRN, if any. */
  getCaseByCrn(crn: string): Promise<Case | undefined>;
  /** Every journey ever opened for a CRN, oldest first (GSI, eventually consistent). */
  listCasesByCrn(crn: string): Promise<Case[]>;
  /** Open cases of a responsible officer, by release date (GSI, eventually consistent). */
  listOpenCasesByOfficer(staffId: string): Promise<Case[]>;
  /** Throws StaleVersion, CaseNotFound or CaseClosed. Returns the case at expectedVersion + 1. */
  updateCase(caseId: string, expectedVersion: number, patch: CasePatch, now: string): Promise<Case>;
  /** Ends the journey and frees its CRN. Repeating the same close returns the closed case (and frees the CRN). */
  closeCase(caseId: string, input: CloseCaseInput): Promise<Case>;

  // Staff
  putStaff(staff: Staff): Promise<void>;
  getStaff(staffId: string): Promise<Staff | undefined>;
  /** GSI, eventually consistent. */
  listStaffByRole(role: StaffRole): Promise<Staff[]>;

  // Tasks
  /** Idempotent on taskId: a duplicate returns the stored task, created false, nothing overwritten. */
  createTask(task: Omit<Task, 'status'>): Promise<CreateResult<Task>>;
  getTask(taskId: string): Promise<Task | undefined>;
  /** Throws TaskNotOpen (carrying the status) on a second completion, TaskNotFound if absent. */
  completeTask(taskId: string, input: CompleteTaskInput): Promise<Task>;
  /** Stores the token of the current ladder wait. Throws TaskNotOpen / TaskNotFound. */
  setTaskToken(taskId: string, input: TaskTokenInput): Promise<Task>;
  /** Moves an open task's due time (and its place on the assignee's due list). Throws TaskNotOpen / TaskNotFound. */
  rescheduleTask(taskId: string, dueAt: string): Promise<Task>;
  /** Cancels every open task of a case; returns those this call cancelled. */
  cancelOpenTasks(caseId: string, now: string): Promise<Task[]>;
  /** Open tasks of a case by due time (GSI, eventually consistent). */
  listOpenTasksByCase(caseId: string): Promise<Task[]>;
  /** All tasks of a case, any status, by due time (GSI, eventually consistent). */
  listTasksByCase(caseId: string): Promise<Task[]>;
  /** Open tasks of a staff member, earliest due first (GSI, eventually consistent). */
  listOpenTasksByAssignee(assigneeId: string): Promise<Task[]>;

  // Appointments
  /** Idempotent on (caseId, appointmentId). */
  putAppointment(appointment: Appointment): Promise<CreateResult<Appointment>>;
  getAppointment(caseId: string, appointmentId: string): Promise<Appointment | undefined>;
  /** By time. */
  listAppointmentsByCase(caseId: string): Promise<Appointment[]>;
  /**
   * Once only; the one exception: FAILED_TO_ATTEND may later be decided as ACCEPTABLE_ABSENCE or
   * UNACCEPTABLE_ABSENCE. Throws OutcomeAlreadyRecorded, AppointmentCancelled or AppointmentNotFound.
   */
  recordAppointmentOutcome(
    caseId: string,
    appointmentId: string,
    input: RecordOutcomeInput,
  ): Promise<Appointment>;
  /** Cancels an appointment with no outcome; returns false if it had an outcome or was already cancelled. */
  cancelAppointment(caseId: string, appointmentId: string, now: string): Promise<boolean>;

  // Outbox
  /** Writes the record PENDING if its key is new: true = the caller sends; false = it exists, do not send again. */
  claimOutbox(record: NewOutboxRecord): Promise<boolean>;
  /** PENDING -> SENT, dropping the address and text. Throws OutboxNotFound, or OutboxNotPending if SENT already. */
  markOutboxSent(key: string, messageId: string, sentAt: string): Promise<OutboxRecord>;
  /** PENDING -> FAILED (error name only). */
  markOutboxFailed(key: string, error: string, failedAt: string): Promise<OutboxRecord>;
  /** FAILED -> PENDING with one more attempt: true = the caller may send again. */
  retryOutbox(key: string, now: string): Promise<boolean>;
  getOutbox(key: string): Promise<OutboxRecord | undefined>;
  /** By creation time (GSI, eventually consistent). */
  listOutboxByCase(caseId: string): Promise<OutboxRecord[]>;

  // Audit
  /** Idempotent on (caseId, at, auditId): false if that record exists already. */
  putAudit(record: AuditRecord): Promise<boolean>;
  /** Oldest first. */
  listAuditByCase(caseId: string): Promise<AuditRecord[]>;
  /** Oldest first (GSI, eventually consistent). */
  listAuditByActor(actorId: string): Promise<AuditRecord[]>;

  // Executions
  /** Idempotent on (caseId, name): false if it exists. */
  putExecution(record: ExecutionRecord): Promise<boolean>;
  updateExecutionStatus(
    caseId: string,
    name: string,
    status: ExecutionStatus,
    stoppedAt?: string,
  ): Promise<ExecutionRecord>;
  /** By start time. */
  listExecutionsByCase(caseId: string): Promise<ExecutionRecord[]>;

  // Signed links
  /** Spends a single-use link. Throws LinkAlreadyUsed (carrying the first use) on a second use. */
  useLink(linkId: string, now: string, input?: UseLinkInput): Promise<LinkUse>;
  getLinkUse(linkId: string): Promise<LinkUse | undefined>;

  stats(): RepositoryStats;
  resetStats(): void;
}

/** Base of every repository error; `name` is what a workflow Catch or a handler matches. */
export class RepositoryError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export class InvalidRepositoryArgument extends RepositoryError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super('InvalidRepositoryArgument', `${field}: ${reason}`);
  }
}

export class CaseNotFound extends RepositoryError {
  constructor(readonly caseId: string) {
    super('CaseNotFound', `case ${caseId} not found`);
  }
}

/** Another open journey holds this CRN. */
export class CrnConflict extends RepositoryError {
  constructor(
    readonly crn: string,
    readonly existingCaseId: string,
  ) {
    super('CrnConflict', `an open journey already exists for this CRN: case ${existingCaseId}`);
  }
}

/** The caseId exists for a different CRN. */
export class CaseIdConflict extends RepositoryError {
  constructor(readonly caseId: string) {
    super('CaseIdConflict', `case ${caseId} exists with a different CRN`);
  }
}

export class StaleVersion extends RepositoryError {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super('StaleVersion', `case ${caseId} is at version ${currentVersion}, not ${expectedVersion}`);
  }
}

export class CaseClosed extends RepositoryError {
  constructor(
    readonly caseId: string,
    readonly outcome: JourneyOutcome | undefined,
  ) {
    super('CaseClosed', `case ${caseId} is closed (${outcome ?? 'no outcome'})`);
  }
}

export class TaskNotFound extends RepositoryError {
  constructor(readonly taskId: string) {
    super('TaskNotFound', `task ${taskId} not found`);
  }
}

export class TaskNotOpen extends RepositoryError {
  constructor(
    readonly taskId: string,
    readonly status: TaskStatus,
  ) {
    super('TaskNotOpen', `task ${taskId} is ${status}`);
  }
}

export class AppointmentNotFound extends RepositoryError {
  constructor(
    readonly caseId: string,
    readonly appointmentId: string,
  ) {
    super('AppointmentNotFound', `appointment ${appointmentId} not found for case ${caseId}`);
  }
}

export class OutcomeAlreadyRecorded extends RepositoryError {
  constructor(
    readonly appointmentId: string,
    readonly outcome: AppointmentOutcome,
  ) {
    super('OutcomeAlreadyRecorded', `appointment ${appointmentId} already has outcome ${outcome}`);
  }
}

export class AppointmentCancelled extends RepositoryError {
  constructor(readonly appointmentId: string) {
    super('AppointmentCancelled', `appointment ${appointmentId} was cancelled`);
  }
}

export class OutboxNotFound extends RepositoryError {
  constructor(readonly key: string) {
    super('OutboxNotFound', `outbox record ${key} not found`);
  }
}

export class OutboxNotPending extends RepositoryError {
  constructor(
    readonly key: string,
    readonly status: OutboxRecord['status'],
  ) {
    super('OutboxNotPending', `outbox record ${key} is ${status}`);
  }
}

export class ExecutionNotFound extends RepositoryError {
  constructor(readonly executionName: string) {
    super('ExecutionNotFound', `execution ${executionName} not found`);
  }
}

export class LinkAlreadyUsed extends RepositoryError {
  constructor(
    readonly linkId: string,
    readonly usedAt: string,
  ) {
    super('LinkAlreadyUsed', `link ${linkId} was used at ${usedAt}`);
  }
}
