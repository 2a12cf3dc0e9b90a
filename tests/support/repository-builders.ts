/** Builders for repository records: valid defaults, override what the test is about. */
import {
  type Appointment,
  type AuditRecord,
  initialPathways,
  type NewCase,
  type NewOutboxRecord,
  type Staff,
  type Task,
} from '#domain/entities.ts';

export function aNewCase(overrides: Partial<NewCase> = {}): NewCase {
  return {
    caseId: 'case-1',
    crn: 'X123456',
    nomsId: 'A1234BC',
    prisonId: 'MDI',
    sentenceType: 'LICENCE',
    risk: 'MEDIUM',
    mappaLevel: 0,
    iom: false,
    releaseDate: '2026-03-02',
    responsibleOfficerId: 'com-1',
    phase: 'REGISTERED',
    pathways: initialPathways(),
    needs: {},
    warnings: [],
    breaches: [],
    ...overrides,
  };
}

export function aStaff(overrides: Partial<Staff> = {}): Staff {
  return {
    staffId: 'com-1',
    name: 'Casey Officer',
    email: 'casey.officer@probation.example',
    role: 'COM',
    managerId: 'spo-1',
    ...overrides,
  };
}

export function aTask(overrides: Partial<Omit<Task, 'status'>> = {}): Omit<Task, 'status'> {
  return {
    taskId: 'task-1',
    caseId: 'case-1',
    type: 'PRE_RELEASE_ASSESSMENT',
    assigneeId: 'com-1',
    role: 'COM',
    dueAt: '2025-12-08T17:00:00.000Z',
    createdAt: '2025-12-01T09:00:00.000Z',
    ladderStep: 0,
    ...overrides,
  };
}

export function anAppointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    appointmentId: 'appt-1',
    caseId: 'case-1',
    at: '2026-03-02T10:00:00.000Z',
    kind: 'SUPERVISION',
    ...overrides,
  };
}

export function anOutboxRecord(overrides: Partial<NewOutboxRecord> = {}): NewOutboxRecord {
  return {
    key: 'case-1:task-1:PROMPT:0:com-1:EMAIL',
    caseId: 'case-1',
    channel: 'EMAIL',
    kind: 'PROMPT',
    recipientStaffId: 'com-1',
    recipientRole: 'COM',
    to: 'casey.officer@probation.example',
    subject: 'Task due',
    body: 'A task is due.',
    taskId: 'task-1',
    createdAt: '2025-12-01T09:00:00.000Z',
    ...overrides,
  };
}

export function anAudit(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    auditId: 'audit-1',
    caseId: 'case-1',
    actorId: 'com-1',
    action: 'COMPLETE_TASK',
    route: 'POST /tasks/{taskId}/complete',
    result: 'ALLOWED',
    at: '2025-12-02T10:00:00.000Z',
    ...overrides,
  };
}
