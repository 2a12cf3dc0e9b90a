/**
 * Every staff task of the journey: who does it (role), on which pathway, when it is due, and its ladder of
 * reminder and escalations (whose instants `task-timing.ts` works out).
 */
import { DEFAULT_CONFIG, type DomainConfig, type DueRule, type LadderStepDefinition } from './config.ts';
import { UnknownTaskType } from './errors.ts';
import {
  type NotificationChannel,
  type Pathway,
  type SentenceType,
  type StaffRole,
  SUPPORT_NEEDS,
  type SupportNeed,
} from './types.ts';

export const REFERRAL_TASK_TYPES = SUPPORT_NEEDS.map((need) => `REFERRAL_${need}` as const);
export type ReferralTaskType = `REFERRAL_${SupportNeed}`;

export const TASK_TYPES = [
  'PRE_RELEASE_ASSESSMENT',
  'RESETTLEMENT_PLAN',
  'ENGAGEMENT_SESSION',
  ...REFERRAL_TASK_TYPES,
  'LICENCE_CONDITIONS_EXPLAINED',
  'RELEASE_DAY_CHECKS',
  'FIRST_APPOINTMENT',
  'APPOINTMENT_OUTCOME',
  'HANDOVER_GP',
  'HANDOVER_TREATMENT',
  'HANDOVER_HOUSING_MOVE_ON',
  'BREACH_OUTCOME',
  'RECALL_REVIEW',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Which phase creates the task: planned custody work, planned community work, or on an event (appointment, breach). */
export type TaskOrigin = 'CUSTODY' | 'COMMUNITY' | 'EVENT';

export interface TaskDefinition {
  readonly type: TaskType;
  /** a short title for prompts and the staff portal (no personal data) */
  readonly title: string;
  readonly role: StaffRole;
  readonly pathway?: Pathway;
  /** the support need a referral task meets */
  readonly need?: SupportNeed;
  readonly origin: TaskOrigin;
  readonly due: DueRule;
  /** prompts go by SMS as well as email */
  readonly urgent: boolean;
  /** created only for these sentence types (absent: all) */
  readonly sentenceTypes?: readonly SentenceType[];
  /** created only when one of these needs is identified (absent: always) */
  readonly whenAnyNeed?: readonly SupportNeed[];
  readonly ladder: readonly LadderStepDefinition[];
}

/** The pathway each support need is on. */
export const NEED_PATHWAY: Readonly<Record<SupportNeed, Pathway>> = {
  DUTY_TO_REFER: 'ACCOMMODATION',
  CAS3_REFERRAL: 'ACCOMMODATION',
  GP_REGISTRATION: 'HEALTH',
  RELEASE_PRESCRIPTIONS: 'HEALTH',
  ID_DOCUMENTS: 'FINANCE_AND_ID',
  BANK_ACCOUNT: 'FINANCE_AND_ID',
  BENEFITS_CLAIM: 'FINANCE_AND_ID',
  SUBSTANCE_MISUSE_TREATMENT: 'DRUGS_AND_ALCOHOL',
  EMPLOYMENT_SUPPORT: 'EDUCATION_SKILLS_AND_WORK',
  FAMILY_SUPPORT: 'CHILDREN_FAMILIES_AND_COMMUNITY',
};

type Entry = Omit<TaskDefinition, 'type' | 'ladder'>;

/**
 * Referral due dates, days before R. Duty to refer: Homelessness Reduction Act 2017 s10 (56 days). The rest are
 * "before R" in the sources; the defaults leave time for the referral to be acted on before release.
 */
const REFERRALS: Readonly<Record<SupportNeed, { days: number; role: StaffRole; title: string }>> = {
  DUTY_TO_REFER: { days: 56, role: 'COM', title: 'Duty to refer to the local housing authority' },
  CAS3_REFERRAL: { days: 28, role: 'COM', title: 'CAS3 temporary accommodation referral' },
  GP_REGISTRATION: { days: 14, role: 'PARTNER', title: 'Register with a GP' },
  RELEASE_PRESCRIPTIONS: { days: 7, role: 'PARTNER', title: 'Arrange prescriptions for release day' },
  ID_DOCUMENTS: { days: 28, role: 'COM', title: 'Apply for ID documents' },
  BANK_ACCOUNT: { days: 28, role: 'COM', title: 'Open a bank account' },
  BENEFITS_CLAIM: { days: 14, role: 'COM', title: 'Prepare the benefits claim' },
  SUBSTANCE_MISUSE_TREATMENT: { days: 28, role: 'PARTNER', title: 'Substance misuse treatment referral' },
  EMPLOYMENT_SUPPORT: { days: 28, role: 'COM', title: 'Employment support referral' },
  FAMILY_SUPPORT: { days: 28, role: 'PARTNER', title: 'Family support referral' },
};

function referralEntries(): Record<ReferralTaskType, Entry> {
  const out = {} as Record<ReferralTaskType, Entry>;
  for (const need of SUPPORT_NEEDS) {
    const { days, role, title } = REFERRALS[need];
    out[`REFERRAL_${need}`] = {
      title,
      role,
      pathway: NEED_PATHWAY[need],
      need,
      origin: 'CUSTODY',
      due: { kind: 'DAYS_BEFORE_RELEASE', days },
      urgent: false,
      whenAnyNeed: [need],
    };
  }
  return out;
}

const CATALOGUE: Readonly<Record<TaskType, Entry>> = {
  PRE_RELEASE_ASSESSMENT: {
    title: 'Pre-release assessment across the seven pathways',
    role: 'COM',
    origin: 'CUSTODY',
    due: { kind: 'WORKING_DAYS_AFTER_CUSTODY_START', workingDays: 10 },
    urgent: false,
  },
  RESETTLEMENT_PLAN: {
    title: 'Resettlement plan',
    role: 'COM',
    origin: 'CUSTODY',
    due: { kind: 'WORKING_DAYS_AFTER_TASK', task: 'PRE_RELEASE_ASSESSMENT', workingDays: 5 },
    urgent: false,
  },
  ENGAGEMENT_SESSION: {
    title: 'Weekly engagement session',
    role: 'POM',
    origin: 'CUSTODY',
    due: { kind: 'WEEKLY_UNTIL_RELEASE' },
    urgent: false,
  },
  ...referralEntries(),
  LICENCE_CONDITIONS_EXPLAINED: {
    title: 'Explain the licence conditions',
    role: 'COM',
    origin: 'CUSTODY',
    due: { kind: 'DAYS_BEFORE_RELEASE', days: 7 },
    urgent: false,
    sentenceTypes: ['LICENCE'],
  },
  RELEASE_DAY_CHECKS: {
    title: 'Release-day checks',
    role: 'COM',
    origin: 'COMMUNITY',
    due: { kind: 'ON_RELEASE_DAY' },
    urgent: true,
  },
  FIRST_APPOINTMENT: {
    title: 'First supervision appointment',
    role: 'COM',
    origin: 'COMMUNITY',
    due: { kind: 'RELEASE_OR_NEXT_WORKING_DAY' },
    urgent: true,
  },
  APPOINTMENT_OUTCOME: {
    title: 'Record the appointment outcome',
    role: 'COM',
    origin: 'EVENT',
    due: { kind: 'WORKING_DAYS_AFTER_EVENT', workingDays: 1 },
    urgent: false,
  },
  HANDOVER_GP: {
    title: 'Hand over to the community GP',
    role: 'PARTNER',
    pathway: 'HEALTH',
    origin: 'COMMUNITY',
    due: { kind: 'DAYS_AFTER_RELEASE', days: 28 },
    urgent: false,
    whenAnyNeed: ['GP_REGISTRATION', 'RELEASE_PRESCRIPTIONS'],
  },
  HANDOVER_TREATMENT: {
    title: 'Hand over to community treatment',
    role: 'PARTNER',
    pathway: 'DRUGS_AND_ALCOHOL',
    origin: 'COMMUNITY',
    // engagement with treatment within a month of release is a reported outcome: hand over in the first week
    due: { kind: 'DAYS_AFTER_RELEASE', days: 7 },
    urgent: false,
    whenAnyNeed: ['SUBSTANCE_MISUSE_TREATMENT'],
  },
  HANDOVER_HOUSING_MOVE_ON: {
    title: 'Move on from CAS3 to settled housing',
    role: 'COM',
    pathway: 'ACCOMMODATION',
    origin: 'COMMUNITY',
    // the CAS3 placement ends after 84 nights; move-on is due two weeks before
    due: { kind: 'DAYS_AFTER_RELEASE', days: 70 },
    urgent: false,
    whenAnyNeed: ['CAS3_REFERRAL'],
  },
  BREACH_OUTCOME: {
    title: 'Record the breach or recall outcome',
    role: 'ENFORCEMENT',
    origin: 'EVENT',
    due: { kind: 'WORKING_DAYS_AFTER_EVENT', workingDays: 20 },
    urgent: false,
  },
  RECALL_REVIEW: {
    title: 'Recall review',
    role: 'COM',
    origin: 'EVENT',
    due: { kind: 'WORKING_DAYS_AFTER_EVENT', workingDays: 1 },
    urgent: true,
    sentenceTypes: ['LICENCE'],
  },
};

export function isTaskType(value: unknown): value is TaskType {
  return typeof value === 'string' && (TASK_TYPES as readonly string[]).includes(value);
}

export function referralTaskType(need: SupportNeed): ReferralTaskType {
  return `REFERRAL_${need}`;
}

/** Definitions already built, by configuration (held weakly: a configuration that goes away takes its own). */
const definitions = new WeakMap<DomainConfig, Map<string, TaskDefinition>>();

/**
 * The definition of a task type with the configuration's due rule and ladder; `UnknownTaskType` otherwise. Built
 * once per configuration and type, and frozen (configurations are read-only).
 */
export function taskDefinition(type: string, config: DomainConfig = DEFAULT_CONFIG): TaskDefinition {
  let byType = definitions.get(config);
  const known = byType?.get(type);
  if (known) return known;
  if (!isTaskType(type)) throw new UnknownTaskType('is not a task type of the catalogue');
  const entry = CATALOGUE[type];
  const definition: TaskDefinition = Object.freeze({
    ...entry,
    type,
    due: config.dueRules[type] ?? entry.due,
    ladder: config.ladders[type] ?? config.defaultLadder,
  });
  if (!byType) {
    byType = new Map();
    definitions.set(config, byType);
  }
  byType.set(type, definition);
  return definition;
}

export function allTaskDefinitions(config: DomainConfig = DEFAULT_CONFIG): TaskDefinition[] {
  return TASK_TYPES.map((t) => taskDefinition(t, config));
}

/** Whether a task type applies to a case with this sentence type and these needs. */
export function taskApplies(
  definition: TaskDefinition,
  sentenceType: SentenceType,
  needs: readonly SupportNeed[],
): boolean {
  if (definition.sentenceTypes && !definition.sentenceTypes.includes(sentenceType)) return false;
  if (definition.whenAnyNeed && !definition.whenAnyNeed.some((n) => needs.includes(n))) return false;
  return true;
}

/** The channels of the first prompt of a task. */
export function promptChannels(type: TaskType): NotificationChannel[] {
  return CATALOGUE[type].urgent ? ['EMAIL', 'SMS'] : ['EMAIL'];
}
