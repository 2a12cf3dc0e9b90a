/**
 * ResettleRepository written once on the single-table primitives of an ItemStore. DynamoDbRepository and
 * MemoryRepository are this class over their store, so their semantics cannot drift.
 * Every write is one conditional single-item write; nothing here reads the clock.
 * The logic lives by aggregate in `table/` (cases, staff, tasks, appointments, outbox, audit and links,
 * executions); this class is the port's face over them.
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
import type { StaffRole } from '#domain/types.ts';
import type { ItemStore } from './item-store.ts';
import type {
  CloseCaseInput,
  CompleteTaskInput,
  CreateResult,
  RecordOutcomeInput,
  RepositoryOptions,
  RepositoryStats,
  ResettleRepository,
  TaskTokenInput,
  UseLinkInput,
} from './repository.ts';
import * as appointments from './table/appointments.ts';
import * as audit from './table/audit.ts';
import * as cases from './table/cases.ts';
import * as executions from './table/executions.ts';
import * as outbox from './table/outbox.ts';
import type { Table } from './table/records.ts';
import * as staff from './table/staff.ts';
import * as tasks from './table/tasks.ts';

export class TableRepository implements ResettleRepository {
  private readonly table: Table;

  constructor(
    protected readonly store: ItemStore,
    protected readonly options: RepositoryOptions = {},
  ) {
    this.table = { store, options };
  }

  // ---- Cases ----

  createCase(input: NewCase, now: string): Promise<CreateResult<Case>> {
    return cases.createCase(this.table, input, now);
  }

  getCase(caseId: string): Promise<Case | undefined> {
    return cases.getCase(this.table, caseId);
  }

  getCaseByCrn(crn: string): Promise<Case | undefined> {
    return cases.getCaseByCrn(this.table, crn);
  }

  listCasesByCrn(crn: string): Promise<Case[]> {
    return cases.listCasesByCrn(this.table, crn);
  }

  listOpenCasesByOfficer(staffId: string): Promise<Case[]> {
    return cases.listOpenCasesByOfficer(this.table, staffId);
  }

  updateCase(caseId: string, expectedVersion: number, patch: CasePatch, now: string): Promise<Case> {
    return cases.updateCase(this.table, caseId, expectedVersion, patch, now);
  }

  closeCase(caseId: string, input: CloseCaseInput): Promise<Case> {
    return cases.closeCase(this.table, caseId, input);
  }

  // ---- Staff ----

  putStaff(member: Staff): Promise<void> {
    return staff.putStaff(this.table, member);
  }

  getStaff(staffId: string): Promise<Staff | undefined> {
    return staff.getStaff(this.table, staffId);
  }

  listStaffByRole(role: StaffRole): Promise<Staff[]> {
    return staff.listStaffByRole(this.table, role);
  }

  // ---- Tasks ----

  createTask(input: Omit<Task, 'status'>): Promise<CreateResult<Task>> {
    return tasks.createTask(this.table, input);
  }

  getTask(taskId: string): Promise<Task | undefined> {
    return tasks.getTask(this.table, taskId);
  }

  completeTask(taskId: string, input: CompleteTaskInput): Promise<Task> {
    return tasks.completeTask(this.table, taskId, input);
  }

  setTaskToken(taskId: string, input: TaskTokenInput): Promise<Task> {
    return tasks.setTaskToken(this.table, taskId, input);
  }

  rescheduleTask(taskId: string, dueAt: string): Promise<Task> {
    return tasks.rescheduleTask(this.table, taskId, dueAt);
  }

  cancelOpenTasks(caseId: string, now: string): Promise<Task[]> {
    return tasks.cancelOpenTasks(this.table, caseId, now);
  }

  listOpenTasksByCase(caseId: string): Promise<Task[]> {
    return tasks.listOpenTasksByCase(this.table, caseId);
  }

  listTasksByCase(caseId: string): Promise<Task[]> {
    return tasks.listTasksByCase(this.table, caseId);
  }

  listOpenTasksByAssignee(assigneeId: string): Promise<Task[]> {
    return tasks.listOpenTasksByAssignee(this.table, assigneeId);
  }

  // ---- Appointments ----

  putAppointment(appointment: Appointment): Promise<CreateResult<Appointment>> {
    return appointments.putAppointment(this.table, appointment);
  }

  getAppointment(caseId: string, appointmentId: string): Promise<Appointment | undefined> {
    return appointments.getAppointment(this.table, caseId, appointmentId);
  }

  listAppointmentsByCase(caseId: string): Promise<Appointment[]> {
    return appointments.listAppointmentsByCase(this.table, caseId);
  }

  recordAppointmentOutcome(
    caseId: string,
    appointmentId: string,
    input: RecordOutcomeInput,
  ): Promise<Appointment> {
    return appointments.recordAppointmentOutcome(this.table, caseId, appointmentId, input);
  }

  cancelAppointment(caseId: string, appointmentId: string, now: string): Promise<boolean> {
    return appointments.cancelAppointment(this.table, caseId, appointmentId, now);
  }

  // ---- Outbox ----

  claimOutbox(record: NewOutboxRecord): Promise<boolean> {
    return outbox.claimOutbox(this.table, record);
  }

  markOutboxSent(key: string, messageId: string, sentAt: string): Promise<OutboxRecord> {
    return outbox.markOutboxSent(this.table, key, messageId, sentAt);
  }

  markOutboxFailed(key: string, error: string, failedAt: string): Promise<OutboxRecord> {
    return outbox.markOutboxFailed(this.table, key, error, failedAt);
  }

  retryOutbox(key: string, now: string): Promise<boolean> {
    return outbox.retryOutbox(this.table, key, now);
  }

  getOutbox(key: string): Promise<OutboxRecord | undefined> {
    return outbox.getOutbox(this.table, key);
  }

  listOutboxByCase(caseId: string): Promise<OutboxRecord[]> {
    return outbox.listOutboxByCase(this.table, caseId);
  }

  // ---- Audit and signed links ----

  putAudit(record: AuditRecord): Promise<boolean> {
    return audit.putAudit(this.table, record);
  }

  listAuditByCase(caseId: string): Promise<AuditRecord[]> {
    return audit.listAuditByCase(this.table, caseId);
  }

  listAuditByActor(actorId: string): Promise<AuditRecord[]> {
    return audit.listAuditByActor(this.table, actorId);
  }

  useLink(linkId: string, now: string, input?: UseLinkInput): Promise<LinkUse> {
    return audit.useLink(this.table, linkId, now, input);
  }

  getLinkUse(linkId: string): Promise<LinkUse | undefined> {
    return audit.getLinkUse(this.table, linkId);
  }

  // ---- Executions ----

  putExecution(record: ExecutionRecord): Promise<boolean> {
    return executions.putExecution(this.table, record);
  }

  updateExecutionStatus(
    caseId: string,
    name: string,
    status: ExecutionStatus,
    stoppedAt?: string,
  ): Promise<ExecutionRecord> {
    return executions.updateExecutionStatus(this.table, caseId, name, status, stoppedAt);
  }

  listExecutionsByCase(caseId: string): Promise<ExecutionRecord[]> {
    return executions.listExecutionsByCase(this.table, caseId);
  }

  stats(): RepositoryStats {
    return this.store.stats();
  }

  resetStats(): void {
    this.store.resetStats();
  }
}
