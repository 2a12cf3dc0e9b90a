/**
 * ResettleRepository written once on the single-table primitives of an ItemStore. DynamoDbRepository and
 * MemoryRepository are this class over their store, so their semantics cannot drift.
 * Every write is one conditional single-item write; nothing here reads the clock.
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
import { type Condition, type Item, type ItemStore, KEY_ATTRIBUTES, withoutUndefined } from './item-store.ts';
import {
  AppointmentCancelled,
  AppointmentNotFound,
  CaseClosed,
  CaseIdConflict,
  CaseNotFound,
  type CloseCaseInput,
  type CompleteTaskInput,
  type CreateResult,
  CrnConflict,
  ExecutionNotFound,
  InvalidRepositoryArgument,
  LinkAlreadyUsed,
  OutboxNotFound,
  OutboxNotPending,
  OutcomeAlreadyRecorded,
  type RecordOutcomeInput,
  type RepositoryOptions,
  type RepositoryStats,
  type ResettleRepository,
  StaleVersion,
  TaskNotFound,
  TaskNotOpen,
  type TaskTokenInput,
  type UseLinkInput,
} from './repository.ts';
import {
  actorAuditSortKey,
  actorPartition,
  appointmentKey,
  assigneePartition,
  assigneeSortKey,
  auditKey,
  caseKey,
  caseloadSortKey,
  caseOutboxSortKey,
  casePartition,
  caseTaskSortKey,
  crnClaimKey,
  crnHistoryPartition,
  crnHistorySortKey,
  executionKey,
  expiryAfter,
  GSI1,
  GSI2,
  linkKey,
  officerCaseloadPartition,
  outboxItemKey,
  requireDay,
  requireId,
  rolePartition,
  staffKey,
  taskKey,
  timeKey,
} from './repository-keys.ts';

const HIDDEN = new Set([...KEY_ATTRIBUTES, 'entity', 'expiresAt']);
const PATCHABLE = new Set<string>([
  'nomsId',
  'prisonId',
  'sentenceType',
  'risk',
  'mappaLevel',
  'iom',
  'releaseDate',
  'responsibleOfficerId',
  'personMobile',
  'phase',
  'pathways',
  'needs',
  'warnings',
  'breaches',
  'journeyStartScheduleName',
]);
const REMOVABLE = new Set<string>(['personMobile', 'journeyStartScheduleName']);
const DEFAULT_ORPHAN_CLAIM_SECONDS = 300;

const notExists: Condition = { notExists: 'pk' };
const exists: Condition = { exists: 'pk' };
const taskOpen: Condition = { equals: ['status', 'OPEN'] };

function fromItem<T>(item: Item): T {
  const record: Item = {};
  for (const [name, value] of Object.entries(item)) if (!HIDDEN.has(name)) record[name] = value;
  return record as T;
}

function sortBy<T>(records: T[], ...keys: ((record: T) => string | number)[]): T[] {
  return records.sort((a, b) => {
    for (const key of keys) {
      const left = key(a);
      const right = key(b);
      if (left < right) return -1;
      if (left > right) return 1;
    }
    return 0;
  });
}

export class TableRepository implements ResettleRepository {
  constructor(
    protected readonly store: ItemStore,
    protected readonly options: RepositoryOptions = {},
  ) {}

  // ---- Cases ----

  async createCase(input: NewCase, now: string): Promise<CreateResult<Case>> {
    requireId(input.caseId, 'caseId');
    requireId(input.crn, 'crn');
    requireId(input.responsibleOfficerId, 'responsibleOfficerId');
    requireDay(input.releaseDate, 'releaseDate');
    timeKey(now, 'now');
    if (input.phase === 'CLOSED') throw new InvalidRepositoryArgument('phase', 'a new case cannot be CLOSED');

    await this.claimCrn(input.crn, input.caseId, now);
    const record: Case = { ...input, version: 1, createdAt: now, updatedAt: now };
    const written = await this.store.put(this.caseItem(record), notExists);
    if (written.ok) return { created: true, record };

    const existing = written.existing ? fromItem<Case>(written.existing) : undefined;
    if (!existing) throw new Error(`case ${input.caseId} refused but not found`);
    if (existing.crn !== input.crn || existing.phase === 'CLOSED') {
      // our claim points at a case that does not (or no longer) hold this CRN: give it back
      await this.store.delete(crnClaimKey(input.crn), { equals: ['caseId', input.caseId] });
      if (existing.crn !== input.crn) throw new CaseIdConflict(input.caseId);
    }
    return { created: false, record: existing };
  }

  /** One open journey per CRN: a claim item, taken over only from a closed case or a stale orphan. */
  private async claimCrn(crn: string, caseId: string, now: string): Promise<void> {
    const claim = { ...crnClaimKey(crn), entity: 'CRN_CLAIM', crn, caseId, claimedAt: now };
    let written = await this.store.put(claim, { or: [notExists, { equals: ['caseId', caseId] }] });
    for (let attempt = 0; !written.ok && attempt < 3; attempt++) {
      const holder = written.existing;
      if (!holder) {
        written = await this.store.put(claim, { or: [notExists, { equals: ['caseId', caseId] }] });
        continue;
      }
      const held = await this.store.get(caseKey(holder.caseId));
      const orphanSeconds = this.options.orphanClaimSeconds ?? DEFAULT_ORPHAN_CLAIM_SECONDS;
      const stale = Date.parse(timeKey(now, 'now')) - Date.parse(timeKey(holder.claimedAt, 'claimedAt'));
      const free = held ? held.phase === 'CLOSED' : stale >= orphanSeconds * 1000;
      if (!free) throw new CrnConflict(crn, holder.caseId);
      written = await this.store.put(claim, {
        and: [{ equals: ['caseId', holder.caseId] }, { equals: ['claimedAt', holder.claimedAt] }],
      });
    }
    if (!written.ok) throw new CrnConflict(crn, written.existing?.caseId ?? 'unknown');
  }

  private caseItem(record: Case): Item {
    return withoutUndefined({
      ...caseKey(record.caseId),
      entity: 'CASE',
      ...record,
      ...(record.phase === 'CLOSED'
        ? {}
        : {
            gsi1pk: officerCaseloadPartition(record.responsibleOfficerId),
            gsi1sk: caseloadSortKey(record.releaseDate, record.caseId),
          }),
      gsi2pk: crnHistoryPartition(record.crn),
      gsi2sk: crnHistorySortKey(record.createdAt, record.caseId),
    });
  }

  async getCase(caseId: string): Promise<Case | undefined> {
    const item = await this.store.get(caseKey(requireId(caseId, 'caseId')));
    return item ? fromItem<Case>(item) : undefined;
  }

  async getCaseByCrn(crn: string): Promise<Case | undefined> {
    const claim = await this.store.get(crnClaimKey(requireId(crn, 'crn')));
    if (!claim) return undefined;
    const found = await this.getCase(claim.caseId);
    return found && found.phase !== 'CLOSED' ? found : undefined;
  }

  async listCasesByCrn(crn: string): Promise<Case[]> {
    const items = await this.store.query({
      index: GSI2,
      partition: crnHistoryPartition(requireId(crn, 'crn')),
    });
    return items.map((item) => fromItem<Case>(item));
  }

  async listOpenCasesByOfficer(staffId: string): Promise<Case[]> {
    const partition = officerCaseloadPartition(requireId(staffId, 'staffId'));
    const items = await this.store.query({ index: GSI1, partition, beginsWith: 'CASE#' });
    return items.map((item) => fromItem<Case>(item));
  }

  async updateCase(caseId: string, expectedVersion: number, patch: CasePatch, now: string): Promise<Case> {
    requireId(caseId, 'caseId');
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
      throw new InvalidRepositoryArgument('expectedVersion', 'must be a positive integer');
    }
    timeKey(now, 'now');
    const set: Item = { version: expectedVersion + 1, updatedAt: now };
    const remove: string[] = [];
    for (const [field, value] of Object.entries(patch)) {
      if (!PATCHABLE.has(field))
        throw new InvalidRepositoryArgument(field, 'cannot be changed by updateCase');
      if (value === undefined) {
        if (!REMOVABLE.has(field)) throw new InvalidRepositoryArgument(field, 'is required');
        remove.push(field);
      } else {
        set[field] = withoutUndefined(value);
      }
    }
    if (patch.phase === 'CLOSED') throw new InvalidRepositoryArgument('phase', 'close a case with closeCase');
    if (patch.releaseDate !== undefined) {
      set.gsi1sk = caseloadSortKey(requireDay(patch.releaseDate, 'releaseDate'), caseId);
    }
    if (patch.responsibleOfficerId !== undefined) {
      set.gsi1pk = officerCaseloadPartition(requireId(patch.responsibleOfficerId, 'responsibleOfficerId'));
    }
    const written = await this.store.update(caseKey(caseId), remove.length ? { set, remove } : { set }, {
      and: [{ equals: ['version', expectedVersion] }, { notEquals: ['phase', 'CLOSED'] }],
    });
    if (written.ok) return fromItem<Case>(written.item);
    const existing = written.existing;
    if (!existing) throw new CaseNotFound(caseId);
    if (existing.phase === 'CLOSED') throw new CaseClosed(caseId, existing.outcome);
    throw new StaleVersion(caseId, expectedVersion, existing.version);
  }

  async closeCase(caseId: string, input: CloseCaseInput): Promise<Case> {
    requireId(caseId, 'caseId');
    timeKey(input.now, 'now');
    const conditions: Condition[] = [exists, { notEquals: ['phase', 'CLOSED'] }];
    if (input.expectedVersion !== undefined) conditions.push({ equals: ['version', input.expectedVersion] });
    const written = await this.store.update(
      caseKey(caseId),
      {
        set: { phase: 'CLOSED', outcome: input.outcome, closedAt: input.now, updatedAt: input.now },
        add: { version: 1 },
        remove: ['gsi1pk', 'gsi1sk'],
      },
      { and: conditions },
    );
    let closed: Case;
    if (written.ok) {
      closed = fromItem<Case>(written.item);
    } else {
      const existing = written.existing ? fromItem<Case>(written.existing) : undefined;
      if (!existing) throw new CaseNotFound(caseId);
      if (existing.phase !== 'CLOSED') {
        throw new StaleVersion(caseId, input.expectedVersion ?? existing.version, existing.version);
      }
      if (existing.outcome !== input.outcome) throw new CaseClosed(caseId, existing.outcome);
      closed = existing; // the same close again: make sure the CRN is free, as a crashed first attempt may not have
    }
    await this.store.delete(crnClaimKey(closed.crn), { equals: ['caseId', caseId] });
    return closed;
  }

  // ---- Staff ----

  async putStaff(staff: Staff): Promise<void> {
    requireId(staff.staffId, 'staffId');
    await this.store.put(
      withoutUndefined({
        ...staffKey(staff.staffId),
        entity: 'STAFF',
        ...staff,
        gsi1pk: rolePartition(staff.role),
        gsi1sk: `STAFF#${staff.staffId}`,
      }),
    );
  }

  async getStaff(staffId: string): Promise<Staff | undefined> {
    const item = await this.store.get(staffKey(requireId(staffId, 'staffId')));
    return item ? fromItem<Staff>(item) : undefined;
  }

  async listStaffByRole(role: StaffRole): Promise<Staff[]> {
    const items = await this.store.query({
      index: GSI1,
      partition: rolePartition(role),
      beginsWith: 'STAFF#',
    });
    return items.map((item) => fromItem<Staff>(item));
  }

  // ---- Tasks ----

  async createTask(input: Omit<Task, 'status'>): Promise<CreateResult<Task>> {
    requireId(input.taskId, 'taskId');
    requireId(input.caseId, 'caseId');
    requireId(input.assigneeId, 'assigneeId');
    timeKey(input.createdAt, 'createdAt');
    if (!Number.isInteger(input.ladderStep) || input.ladderStep < 0) {
      throw new InvalidRepositoryArgument('ladderStep', 'must be a non-negative integer');
    }
    const record: Task = { ...input, status: 'OPEN' };
    const item = withoutUndefined({
      ...taskKey(record.taskId),
      entity: 'TASK',
      ...record,
      gsi1pk: assigneePartition(record.assigneeId),
      gsi1sk: assigneeSortKey(record.dueAt, record.taskId),
      gsi2pk: casePartition(record.caseId),
      gsi2sk: caseTaskSortKey('OPEN', record.taskId),
    });
    const written = await this.store.put(item, notExists);
    if (written.ok) return { created: true, record: fromItem<Task>(written.item) };
    if (!written.existing) throw new Error(`task ${input.taskId} refused but not found`);
    return { created: false, record: fromItem<Task>(written.existing) };
  }

  async getTask(taskId: string): Promise<Task | undefined> {
    const item = await this.store.get(taskKey(requireId(taskId, 'taskId')));
    return item ? fromItem<Task>(item) : undefined;
  }

  /** The task token stays on the record, so a retried completion can still send SendTaskSuccess. */
  async completeTask(taskId: string, input: CompleteTaskInput): Promise<Task> {
    requireId(taskId, 'taskId');
    timeKey(input.completedAt, 'completedAt');
    const set = withoutUndefined({
      status: 'DONE',
      completedAt: input.completedAt,
      completedBy: input.completedBy,
      outcome: input.outcome,
      gsi2sk: caseTaskSortKey('DONE', taskId),
    });
    return this.closeTask(taskId, set);
  }

  async setTaskToken(taskId: string, input: TaskTokenInput): Promise<Task> {
    requireId(taskId, 'taskId');
    requireId(input.taskToken, 'taskToken');
    const written = await this.store.update(
      taskKey(taskId),
      { set: withoutUndefined({ ...input }) },
      taskOpen,
    );
    if (written.ok) return fromItem<Task>(written.item);
    if (!written.existing) throw new TaskNotFound(taskId);
    throw new TaskNotOpen(taskId, written.existing.status);
  }

  private async closeTask(taskId: string, set: Item): Promise<Task> {
    const written = await this.store.update(taskKey(taskId), { set, remove: ['gsi1pk', 'gsi1sk'] }, taskOpen);
    if (written.ok) return fromItem<Task>(written.item);
    if (!written.existing) throw new TaskNotFound(taskId);
    throw new TaskNotOpen(taskId, written.existing.status);
  }

  async cancelOpenTasks(caseId: string, now: string): Promise<Task[]> {
    timeKey(now, 'now');
    const open = await this.listOpenTasksByCase(caseId);
    const cancelled: Task[] = [];
    for (const task of open) {
      try {
        cancelled.push(
          await this.closeTask(task.taskId, {
            status: 'CANCELLED',
            cancelledAt: now,
            gsi2sk: caseTaskSortKey('CANCELLED', task.taskId),
          }),
        );
      } catch (error) {
        if (!(error instanceof TaskNotOpen || error instanceof TaskNotFound)) throw error;
      }
    }
    return cancelled;
  }

  async listOpenTasksByCase(caseId: string): Promise<Task[]> {
    return this.tasksOfCase(caseId, 'TASK#OPEN#');
  }

  async listTasksByCase(caseId: string): Promise<Task[]> {
    return this.tasksOfCase(caseId, 'TASK#');
  }

  private async tasksOfCase(caseId: string, beginsWith: string): Promise<Task[]> {
    const partition = casePartition(requireId(caseId, 'caseId'));
    const items = await this.store.query({ index: GSI2, partition, beginsWith });
    return sortBy(
      items.map((item) => fromItem<Task>(item)),
      (task) => timeKey(task.dueAt, 'dueAt'),
      (task) => task.taskId,
    );
  }

  async listOpenTasksByAssignee(assigneeId: string): Promise<Task[]> {
    const partition = assigneePartition(requireId(assigneeId, 'assigneeId'));
    const items = await this.store.query({ index: GSI1, partition, beginsWith: 'DUE#' });
    return items.map((item) => fromItem<Task>(item));
  }

  // ---- Appointments ----

  async putAppointment(appointment: Appointment): Promise<CreateResult<Appointment>> {
    requireId(appointment.caseId, 'caseId');
    requireId(appointment.appointmentId, 'appointmentId');
    timeKey(appointment.at, 'at');
    const item = withoutUndefined({
      ...appointmentKey(appointment.caseId, appointment.appointmentId),
      entity: 'APPOINTMENT',
      ...appointment,
    });
    const written = await this.store.put(item, notExists);
    if (written.ok) return { created: true, record: fromItem<Appointment>(written.item) };
    if (!written.existing) throw new Error(`appointment ${appointment.appointmentId} refused but not found`);
    return { created: false, record: fromItem<Appointment>(written.existing) };
  }

  async getAppointment(caseId: string, appointmentId: string): Promise<Appointment | undefined> {
    const item = await this.store.get(
      appointmentKey(requireId(caseId, 'caseId'), requireId(appointmentId, 'appointmentId')),
    );
    return item ? fromItem<Appointment>(item) : undefined;
  }

  async listAppointmentsByCase(caseId: string): Promise<Appointment[]> {
    const partition = casePartition(requireId(caseId, 'caseId'));
    const items = await this.store.query({ partition, beginsWith: 'APPT#' });
    return sortBy(
      items.map((item) => fromItem<Appointment>(item)),
      (appointment) => timeKey(appointment.at, 'at'),
      (appointment) => appointment.appointmentId,
    );
  }

  async recordAppointmentOutcome(
    caseId: string,
    appointmentId: string,
    input: RecordOutcomeInput,
  ): Promise<Appointment> {
    requireId(caseId, 'caseId');
    requireId(appointmentId, 'appointmentId');
    timeKey(input.recordedAt, 'recordedAt');
    const decidesAbsence = input.outcome === 'ACCEPTABLE_ABSENCE' || input.outcome === 'UNACCEPTABLE_ABSENCE';
    const noOutcome: Condition = { notExists: 'outcome' };
    const written = await this.store.update(
      appointmentKey(caseId, appointmentId),
      { set: withoutUndefined({ ...input }) },
      {
        and: [
          exists,
          { notExists: 'cancelledAt' },
          decidesAbsence ? { or: [noOutcome, { equals: ['outcome', 'FAILED_TO_ATTEND'] }] } : noOutcome,
        ],
      },
    );
    if (written.ok) return fromItem<Appointment>(written.item);
    const existing = written.existing;
    if (!existing) throw new AppointmentNotFound(caseId, appointmentId);
    if (existing.cancelledAt !== undefined) throw new AppointmentCancelled(appointmentId);
    throw new OutcomeAlreadyRecorded(appointmentId, existing.outcome);
  }

  async cancelAppointment(caseId: string, appointmentId: string, now: string): Promise<boolean> {
    requireId(caseId, 'caseId');
    requireId(appointmentId, 'appointmentId');
    timeKey(now, 'now');
    const written = await this.store.update(
      appointmentKey(caseId, appointmentId),
      { set: { cancelledAt: now } },
      { and: [exists, { notExists: 'outcome' }, { notExists: 'cancelledAt' }] },
    );
    if (!written.ok && !written.existing) throw new AppointmentNotFound(caseId, appointmentId);
    return written.ok;
  }

  // ---- Outbox ----

  async claimOutbox(record: NewOutboxRecord): Promise<boolean> {
    requireId(record.key, 'key');
    requireId(record.caseId, 'caseId');
    const retention = this.options.outboxRetentionDays;
    const item = withoutUndefined({
      ...outboxItemKey(record.key),
      entity: 'OUTBOX',
      ...record,
      status: 'PENDING',
      attempts: 1,
      gsi2pk: casePartition(record.caseId),
      gsi2sk: caseOutboxSortKey(record.createdAt, record.key),
      expiresAt: retention === undefined ? undefined : expiryAfter(record.createdAt, retention, 'createdAt'),
    });
    return (await this.store.put(item, notExists)).ok;
  }

  async markOutboxSent(key: string, messageId: string, sentAt: string): Promise<OutboxRecord> {
    requireId(key, 'key');
    timeKey(sentAt, 'sentAt');
    const written = await this.store.update(
      outboxItemKey(key),
      { set: { status: 'SENT', messageId, sentAt } },
      { or: [{ equals: ['status', 'PENDING'] }, { equals: ['status', 'FAILED'] }] },
    );
    if (written.ok) return fromItem<OutboxRecord>(written.item);
    if (!written.existing) throw new OutboxNotFound(key);
    throw new OutboxNotPending(key, written.existing.status);
  }

  async markOutboxFailed(key: string, error: string, failedAt: string): Promise<OutboxRecord> {
    requireId(key, 'key');
    timeKey(failedAt, 'failedAt');
    const written = await this.store.update(
      outboxItemKey(key),
      { set: { status: 'FAILED', error, failedAt } },
      { equals: ['status', 'PENDING'] },
    );
    if (written.ok) return fromItem<OutboxRecord>(written.item);
    if (!written.existing) throw new OutboxNotFound(key);
    throw new OutboxNotPending(key, written.existing.status);
  }

  async retryOutbox(key: string, now: string): Promise<boolean> {
    requireId(key, 'key');
    timeKey(now, 'now');
    const written = await this.store.update(
      outboxItemKey(key),
      { set: { status: 'PENDING' }, add: { attempts: 1 } },
      { equals: ['status', 'FAILED'] },
    );
    if (!written.ok && !written.existing) throw new OutboxNotFound(key);
    return written.ok;
  }

  async getOutbox(key: string): Promise<OutboxRecord | undefined> {
    const item = await this.store.get(outboxItemKey(requireId(key, 'key')));
    return item ? fromItem<OutboxRecord>(item) : undefined;
  }

  async listOutboxByCase(caseId: string): Promise<OutboxRecord[]> {
    const partition = casePartition(requireId(caseId, 'caseId'));
    const items = await this.store.query({ index: GSI2, partition, beginsWith: 'OUTBOX#' });
    return items.map((item) => fromItem<OutboxRecord>(item));
  }

  // ---- Audit ----

  async putAudit(record: AuditRecord): Promise<boolean> {
    requireId(record.auditId, 'auditId');
    requireId(record.actorId, 'actorId');
    if (record.caseId !== undefined) requireId(record.caseId, 'caseId');
    const retention = this.options.auditRetentionDays;
    const item = withoutUndefined({
      ...auditKey(record.caseId, record.at, record.auditId),
      entity: 'AUDIT',
      ...record,
      gsi1pk: actorPartition(record.actorId),
      gsi1sk: actorAuditSortKey(record.at, record.auditId),
      expiresAt: retention === undefined ? undefined : expiryAfter(record.at, retention, 'at'),
    });
    return (await this.store.put(item, notExists)).ok;
  }

  async listAuditByCase(caseId: string): Promise<AuditRecord[]> {
    const partition = casePartition(requireId(caseId, 'caseId'));
    const items = await this.store.query({ partition, beginsWith: 'AUDIT#' });
    return items.map((item) => fromItem<AuditRecord>(item));
  }

  async listAuditByActor(actorId: string): Promise<AuditRecord[]> {
    const partition = actorPartition(requireId(actorId, 'actorId'));
    const items = await this.store.query({ index: GSI1, partition, beginsWith: 'AUDIT#' });
    return items.map((item) => fromItem<AuditRecord>(item));
  }

  // ---- Executions ----

  async putExecution(record: ExecutionRecord): Promise<boolean> {
    requireId(record.caseId, 'caseId');
    requireId(record.name, 'name');
    timeKey(record.startedAt, 'startedAt');
    const item = withoutUndefined({
      ...executionKey(record.caseId, record.name),
      entity: 'EXECUTION',
      ...record,
    });
    return (await this.store.put(item, notExists)).ok;
  }

  async updateExecutionStatus(
    caseId: string,
    name: string,
    status: ExecutionStatus,
    stoppedAt?: string,
  ): Promise<ExecutionRecord> {
    requireId(caseId, 'caseId');
    requireId(name, 'name');
    if (stoppedAt !== undefined) timeKey(stoppedAt, 'stoppedAt');
    const written = await this.store.update(
      executionKey(caseId, name),
      { set: withoutUndefined({ status, stoppedAt }) },
      exists,
    );
    if (!written.ok) throw new ExecutionNotFound(name);
    return fromItem<ExecutionRecord>(written.item);
  }

  async listExecutionsByCase(caseId: string): Promise<ExecutionRecord[]> {
    const partition = casePartition(requireId(caseId, 'caseId'));
    const items = await this.store.query({ partition, beginsWith: 'EXEC#' });
    return sortBy(
      items.map((item) => fromItem<ExecutionRecord>(item)),
      (record) => timeKey(record.startedAt, 'startedAt'),
      (record) => record.n,
    );
  }

  // ---- Signed links ----

  async useLink(linkId: string, now: string, input: UseLinkInput = {}): Promise<LinkUse> {
    requireId(linkId, 'linkId');
    const usedAt = now;
    const nowKey = timeKey(now, 'now');
    let expiresAt: number | undefined;
    if (input.linkExpiresAt !== undefined) {
      // keep the use at least a day past the link's own expiry, so an expired TTL never makes a link usable again
      const until = Date.parse(timeKey(input.linkExpiresAt, 'linkExpiresAt'));
      expiresAt = expiryAfter(
        new Date(Math.max(until, Date.parse(nowKey))).toISOString(),
        1,
        'linkExpiresAt',
      );
    }
    const record: LinkUse = withoutUndefined({
      linkId,
      usedAt,
      staffId: input.staffId,
      taskId: input.taskId,
    });
    const written = await this.store.put(
      withoutUndefined({ ...linkKey(linkId), entity: 'LINK', ...record, expiresAt }),
      notExists,
    );
    if (written.ok) return record;
    throw new LinkAlreadyUsed(linkId, written.existing?.usedAt ?? 'unknown');
  }

  async getLinkUse(linkId: string): Promise<LinkUse | undefined> {
    const item = await this.store.get(linkKey(requireId(linkId, 'linkId')));
    return item ? fromItem<LinkUse>(item) : undefined;
  }

  stats(): RepositoryStats {
    return this.store.stats();
  }

  resetStats(): void {
    this.store.resetStats();
  }
}
