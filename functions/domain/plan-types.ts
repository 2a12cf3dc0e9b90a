/**
 * The shapes of a journey plan: what it is planned from (`JourneyInput`), each planned task and the plan itself.
 * Pure and JSON-serialisable; all instants are ISO strings in UTC.
 */
import type { PlannedAppointment } from './appointment-plan.ts';
import type { LocalDate } from './calendar.ts';
import type { TaskDefinition, TaskType } from './task-catalogue.ts';
import type { MappaLevel, RiskLevel, SentenceType, SupportNeed } from './types.ts';

export interface JourneyInput {
  /** when the case was registered (ISO instant) */
  readonly registeredAt: string;
  readonly releaseDate: LocalDate;
  readonly sentenceType: SentenceType;
  readonly risk: RiskLevel;
  readonly mappaLevel: MappaLevel;
  readonly iom: boolean;
  readonly needs: readonly SupportNeed[];
}

export interface PlannedTask {
  /** stable within a journey across replans: the type, or `ENGAGEMENT_SESSION#07` for the session of week 7 */
  readonly key: string;
  readonly type: TaskType;
  readonly role: TaskDefinition['role'];
  readonly pathway?: TaskDefinition['pathway'];
  readonly need?: SupportNeed;
  /** when the task should be created and prompted (ISO, UTC) */
  readonly availableAt: string;
  readonly dueDate: LocalDate;
  readonly dueAt: string;
  /** the due date was brought forward or compressed because the journey started late */
  readonly compressed: boolean;
  /** week number of an engagement session (1 = first week of custody) */
  readonly week?: number;
}

export interface JourneyPlan {
  readonly version: 1;
  readonly input: JourneyInput;
  readonly custodyStartAt: string;
  /** registration came less than the custody window (84 days) before release */
  readonly lateRegistration: boolean;
  /** when the release trigger fires (R at the release time) */
  readonly releaseAt: string;
  readonly firstAppointmentDate: LocalDate;
  readonly intensiveContact: boolean;
  readonly closeDate: LocalDate;
  readonly closeAt: string;
  /** every planned task in due order (custody tasks, sessions, referrals, release-day and handover tasks) */
  readonly tasks: readonly PlannedTask[];
  readonly appointments: readonly PlannedAppointment[];
}

export function isJourneyPlan(value: JourneyPlan | JourneyInput): value is JourneyPlan {
  return 'version' in value && 'tasks' in value;
}
