/**
 * The records the system keeps. Pure types (and two tiny pure helpers): no AWS, no clock.
 * Every timestamp is an ISO 8601 string given by the caller (event time, request time, state entered time);
 * calendar days (release date, warning date) are `YYYY-MM-DD` in Europe/London.
 * How each record is stored: docs/data-model.md.
 */
import type {
  AppointmentOutcome,
  BreachOutcome,
  JourneyOutcome,
  JourneyPhase,
  MappaLevel,
  NotificationChannel,
  NotificationKind,
  Pathway,
  PathwayStatus,
  RiskLevel,
  SentenceType,
  StaffRole,
  SupportNeed,
  SupportNeedStatus,
  TaskStatus,
} from './types.ts';
import { PATHWAYS } from './types.ts';

/** A first warning letter, issued after a failure to comply; the 12-month window runs from `issuedOn`. */
export interface Warning {
  /** calendar day, YYYY-MM-DD */
  readonly issuedOn: string;
  /** the appointment whose failure led to the warning */
  readonly appointmentId: string;
}

export const BREACH_KINDS = ['BREACH', 'RECALL_REVIEW'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

/** A breach (community order, post-sentence supervision) or a recall review (licence). */
export interface Breach {
  /** calendar day, YYYY-MM-DD */
  readonly raisedOn: string;
  readonly kind: BreachKind;
  readonly appointmentId?: string;
  readonly outcome?: BreachOutcome;
  /** calendar day the outcome was decided */
  readonly decidedOn?: string;
}

/** One person's resettlement journey. */
export interface Case {
  readonly caseId: string;
  /** probation case reference, e.g. X123456; one open journey per CRN */
  readonly crn: string;
  /** prison number, e.g. A1234BC */
  readonly nomsId: string;
  readonly prisonId: string;
  readonly sentenceType: SentenceType;
  readonly risk: RiskLevel;
  readonly mappaLevel: MappaLevel;
  readonly iom: boolean;
  /** calendar day, YYYY-MM-DD (Europe/London) */
  readonly releaseDate: string;
  /** staff id of the community offender manager */
  readonly responsibleOfficerId: string;
  /** staff id of the prison offender manager (or key worker) allocated to the case: POM tasks go to them */
  readonly prisonOffenderManagerId?: string;
  /** E.164, for appointment reminders; personal data */
  readonly personMobile?: string;
  readonly phase: JourneyPhase;
  /** set when the journey ends (phase CLOSED) */
  readonly outcome?: JourneyOutcome;
  readonly closedAt?: string;
  readonly pathways: Readonly<Record<Pathway, PathwayStatus>>;
  /** the support needs identified so far (absent = not identified) */
  readonly needs: Readonly<Partial<Record<SupportNeed, SupportNeedStatus>>>;
  readonly warnings: readonly Warning[];
  readonly breaches: readonly Breach[];
  /** the one-time EventBridge Scheduler schedule that fires the release trigger */
  readonly journeyStartScheduleName?: string;
  /** optimistic-locking version: 1 on creation, +1 on every change */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What createCase takes: the repository sets version, createdAt and updatedAt. */
export type NewCase = Omit<Case, 'version' | 'createdAt' | 'updatedAt' | 'outcome' | 'closedAt'>;

/** Fields a caller may change with updateCase (phase CLOSED only through closeCase). */
export type CasePatch = Partial<
  Pick<
    Case,
    | 'nomsId'
    | 'prisonId'
    | 'sentenceType'
    | 'risk'
    | 'mappaLevel'
    | 'iom'
    | 'releaseDate'
    | 'responsibleOfficerId'
    | 'personMobile'
    | 'phase'
    | 'pathways'
    | 'needs'
    | 'warnings'
    | 'breaches'
    | 'journeyStartScheduleName'
  >
>;

export interface Staff {
  readonly staffId: string;
  readonly name: string;
  readonly email: string;
  readonly mobile?: string;
  readonly role: StaffRole;
  /** the line manager escalations go to */
  readonly managerId?: string;
}

/** A staff task on the reusable ladder (prompt, remind, escalate, escalate again). */
export interface Task {
  readonly taskId: string;
  readonly caseId: string;
  /** task catalogue type, e.g. PRE_RELEASE_ASSESSMENT */
  readonly type: string;
  readonly assigneeId: string;
  readonly role: StaffRole;
  readonly status: TaskStatus;
  readonly dueAt: string;
  readonly createdAt: string;
  readonly completedAt?: string;
  readonly completedBy?: string;
  readonly outcome?: string;
  readonly cancelledAt?: string;
  /** Step Functions task token of the current ladder wait. Stored only here; never in a response, email or log. */
  readonly taskToken?: string;
  readonly executionName?: string;
  /** 0 prompt, 1 reminder, 2 escalation, 3 second escalation */
  readonly ladderStep: number;
}

/** A task as it may leave the system (API responses): without the task token. */
export type TaskView = Omit<Task, 'taskToken'>;

export function toTaskView(task: Task): TaskView {
  const { taskToken: _token, ...view } = task;
  return view;
}

export interface Appointment {
  readonly appointmentId: string;
  readonly caseId: string;
  readonly at: string;
  /** e.g. ENGAGEMENT_SESSION, SUPERVISION */
  readonly kind: string;
  readonly outcome?: AppointmentOutcome;
  readonly recordedAt?: string;
  readonly recordedBy?: string;
  readonly cancelledAt?: string;
}

export const OUTBOX_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The recipient id of a message to the person on probation rather than a member of staff. */
export const PERSON_RECIPIENT = 'person';

/** A notification, written before it is sent; its deterministic key makes a second send impossible. */
export interface OutboxRecord {
  readonly key: string;
  readonly caseId: string;
  readonly channel: NotificationChannel;
  readonly kind: NotificationKind;
  /** a staff id, or PERSON_RECIPIENT ('person') */
  readonly recipientStaffId: string;
  readonly recipientRole?: StaffRole | 'PERSON';
  /** email address or E.164 number; personal data: kept until the notification is sent */
  readonly to?: string;
  /** the text, kept until the notification is sent */
  readonly subject?: string;
  readonly body?: string;
  readonly taskId?: string;
  readonly appointmentId?: string;
  readonly status: OutboxStatus;
  readonly messageId?: string;
  readonly createdAt: string;
  readonly sentAt?: string;
  readonly failedAt?: string;
  /** error name only, never message content */
  readonly error?: string;
  /** send attempts started (1 after the claim) */
  readonly attempts: number;
}

/** What claimOutbox takes: the repository sets status PENDING and attempts 1. */
export type NewOutboxRecord = Omit<
  OutboxRecord,
  'status' | 'messageId' | 'sentAt' | 'failedAt' | 'error' | 'attempts'
>;

/** A deterministic outbox key: the same notification always gets the same key. */
export function outboxKey(parts: {
  readonly caseId: string;
  /** what the message is about: a task id, an appointment id, a breach date */
  readonly subjectId: string;
  readonly kind: NotificationKind;
  readonly recipientStaffId: string;
  readonly channel: NotificationChannel;
  /** distinguishes repeats of the same kind, e.g. the ladder step */
  readonly n?: number;
}): string {
  return [
    parts.caseId,
    parts.subjectId,
    parts.kind,
    parts.n ?? 0,
    parts.recipientStaffId,
    parts.channel,
  ].join(':');
}

export const AUDIT_RESULTS = ['ALLOWED', 'REFUSED'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One staff action or attempt, allowed or refused. */
export interface AuditRecord {
  readonly auditId: string;
  readonly caseId?: string;
  readonly actorId: string;
  readonly action: string;
  readonly route: string;
  readonly result: AuditResult;
  readonly reason?: string;
  readonly targetId?: string;
  readonly at: string;
}

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** A phase execution of a journey; name `<caseId>-<phase>-<n>`. */
export interface ExecutionRecord {
  readonly caseId: string;
  readonly phase: JourneyPhase;
  readonly n: number;
  readonly name: string;
  readonly executionArn: string;
  readonly startedAt: string;
  readonly status: ExecutionStatus;
  readonly stoppedAt?: string;
}

/** The single use of a signed staff link. */
export interface LinkUse {
  readonly linkId: string;
  readonly usedAt: string;
  readonly staffId?: string;
  readonly taskId?: string;
}

/** Every pathway NOT_STARTED: the pathways of a new case. */
export function initialPathways(): Record<Pathway, PathwayStatus> {
  return Object.fromEntries(PATHWAYS.map((pathway) => [pathway, 'NOT_STARTED'])) as Record<
    Pathway,
    PathwayStatus
  >;
}
