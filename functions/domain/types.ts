/**
 * The vocabulary of the resettlement domain: the closed sets every other module and schema builds on.
 * Sources are in ../shared/design/domain.md.
 */

/** The seven resettlement pathways (HMPPS Resettlement Passport `Pathway.kt`). */
export const PATHWAYS = [
  'ACCOMMODATION',
  'ATTITUDES_THINKING_AND_BEHAVIOUR',
  'CHILDREN_FAMILIES_AND_COMMUNITY',
  'DRUGS_AND_ALCOHOL',
  'EDUCATION_SKILLS_AND_WORK',
  'FINANCE_AND_ID',
  'HEALTH',
] as const;
export type Pathway = (typeof PATHWAYS)[number];

/** Pathway status (`Status.kt`). */
export const PATHWAY_STATUSES = [
  'NOT_STARTED',
  'SUPPORT_REQUIRED',
  'SUPPORT_NOT_REQUIRED',
  'SUPPORT_DECLINED',
  'IN_PROGRESS',
  'DONE',
] as const;
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];

/** Support need status (`SupportNeedStatus.kt`). */
export const SUPPORT_NEED_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'MET', 'DECLINED'] as const;
export type SupportNeedStatus = (typeof SUPPORT_NEED_STATUSES)[number];

/** Support needs that lead to a pathway referral, each on one pathway. */
export const SUPPORT_NEEDS = [
  'DUTY_TO_REFER',
  'CAS3_REFERRAL',
  'GP_REGISTRATION',
  'RELEASE_PRESCRIPTIONS',
  'ID_DOCUMENTS',
  'BANK_ACCOUNT',
  'BENEFITS_CLAIM',
  'SUBSTANCE_MISUSE_TREATMENT',
  'EMPLOYMENT_SUPPORT',
  'FAMILY_SUPPORT',
] as const;
export type SupportNeed = (typeof SUPPORT_NEEDS)[number];

export const SENTENCE_TYPES = ['LICENCE', 'COMMUNITY_ORDER', 'POST_SENTENCE_SUPERVISION'] as const;
export type SentenceType = (typeof SENTENCE_TYPES)[number];

/** Risk of serious harm (RoSH). */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const MAPPA_LEVELS = [0, 1, 2, 3] as const;
export type MappaLevel = (typeof MAPPA_LEVELS)[number];

export const STAFF_ROLES = ['COM', 'POM', 'SPO', 'ENFORCEMENT', 'PARTNER', 'ADMIN'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Journey phases, in order. */
export const JOURNEY_PHASES = ['REGISTERED', 'CUSTODY', 'COMMUNITY', 'CLOSED'] as const;
export type JourneyPhase = (typeof JOURNEY_PHASES)[number];

/** How a journey ends. */
export const JOURNEY_OUTCOMES = [
  'COMPLETED',
  'RECALLED',
  'RETURNED_ON_NEW_SENTENCE',
  'TRANSFERRED_OUT',
  'DECEASED',
  'WITHDRAWN',
  'BREACH_RESENTENCED',
] as const;
export type JourneyOutcome = (typeof JOURNEY_OUTCOMES)[number];

/** Events reported from outside the journey (staff API `POST /cases/{caseId}/events`). */
export const EXTERNAL_EVENT_TYPES = [
  'RELEASED',
  'RECALLED',
  'DECEASED',
  'WITHDRAWN',
  'TRANSFERRED_OUT',
  'RETURNED_ON_NEW_SENTENCE',
] as const;
export type ExternalEventType = (typeof EXTERNAL_EVENT_TYPES)[number];

/** Appointment outcomes (hmpps-manage-people-on-probation-ui `appointment-outcomes/code-map.ts`). */
export const APPOINTMENT_OUTCOMES = [
  'ATTENDED_COMPLIED',
  'ATTENDED_FAILED_TO_COMPLY',
  'ACCEPTABLE_ABSENCE',
  'UNACCEPTABLE_ABSENCE',
  'FAILED_TO_ATTEND',
] as const;
export type AppointmentOutcome = (typeof APPOINTMENT_OUTCOMES)[number];

/** Breach outcomes (court) and recall decisions (calculate-release-dates-api `RecallType.kt`). */
export const BREACH_OUTCOMES = [
  'CONTINUE',
  'RESENTENCED',
  'REVOKED',
  'NO_RECALL',
  'FIXED_TERM_RECALL_14',
  'FIXED_TERM_RECALL_28',
  'STANDARD_RECALL',
] as const;
export type BreachOutcome = (typeof BREACH_OUTCOMES)[number];

export const ENFORCEMENT_DECISIONS = ['NONE', 'WARNING', 'BREACH', 'RECALL_REVIEW'] as const;
export type EnforcementDecision = (typeof ENFORCEMENT_DECISIONS)[number];

export const TASK_STATUSES = ['OPEN', 'DONE', 'CANCELLED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const NOTIFICATION_CHANNELS = ['EMAIL', 'SMS'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** What a notification is for: the staff-task ladder and enforcement. */
export const NOTIFICATION_KINDS = [
  'PROMPT',
  'REMINDER',
  'ESCALATION',
  'SECOND_ESCALATION',
  'WARNING',
  'BREACH_NOTICE',
  'RECALL_REVIEW',
  'APPOINTMENT_REMINDER',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Why a release date changed (staff API `PUT /cases/{caseId}/release-date`). */
export const RELEASE_DATE_CHANGE_REASONS = [
  'DEFERRED',
  'BROUGHT_FORWARD',
  'HDC',
  'PAROLE',
  'CORRECTION',
  'OTHER',
] as const;
export type ReleaseDateChangeReason = (typeof RELEASE_DATE_CHANGE_REASONS)[number];

/** How a staff task was completed: done, found not to be needed, or declined by the person. */
export const TASK_COMPLETION_OUTCOMES = ['DONE', 'NOT_REQUIRED', 'DECLINED'] as const;
export type TaskCompletionOutcome = (typeof TASK_COMPLETION_OUTCOMES)[number];

/** Who a reminder or escalation of a staff task goes to, relative to the task's assignee. */
export const LADDER_TARGETS = ['ASSIGNEE', 'LINE_MANAGER', 'MANAGERS_MANAGER'] as const;
export type LadderTarget = (typeof LADDER_TARGETS)[number];
