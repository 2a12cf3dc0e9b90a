/**
 * Every Lambda handler and state machine of the system, declared once. The CDK app builds one function per
 * handler and one state machine per workflow from this list; the local runtime loads the same entries and makes
 * the same `${Substitutions}` in the workflow definitions. Add a handler here and both runtimes get it.
 */
import { STAFF_API_HANDLERS } from './api/manifest.ts';

export type TableAccess = 'none' | 'read' | 'readWrite';

export interface HandlerSpec {
  /** camelCase logical name, e.g. `releaseTrigger`; also the suffix of the function name */
  readonly name: string;
  /** entry file relative to the repository root; it exports `handler` */
  readonly entry: string;
  readonly description: string;
  /** the `${Key}` that workflow definitions use for this function's ARN (a published version in the cloud, so each state machine version pins its handler code) */
  readonly substitution?: string;
  readonly table: TableAccess;
  readonly sendsEmail?: boolean;
  readonly sendsSms?: boolean;
  /** StartExecution / StopExecution / DescribeExecution on the project's state machines */
  readonly managesExecutions?: boolean;
  /** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat */
  readonly completesTasks?: boolean;
  /** Create/Update/Delete/GetSchedule in the project's schedule group */
  readonly managesSchedules?: boolean;
  /** reads the link-signing key */
  readonly readsLinkKey?: boolean;
  /**
   * invoked by EventBridge Scheduler (one-time `at()` schedules): its ARN is given to every handler as
   * `<NAME>_FUNCTION_ARN` and the scheduler role may invoke it
   */
  readonly scheduleTarget?: boolean;
  /** served by the staff HTTP API */
  readonly api?: boolean;
  /**
   * HTTP API route keys this handler serves, e.g. `'POST /cases'`, `'GET /links/{token}'` (API handlers only).
   * Absent on an API handler: it serves `ANY /{proxy+}` (at most one such handler). Every route needs a Cognito
   * JWT except the signed-link routes `GET /links/{token}` and `POST /links/{token}` (see infra/constructs/staff-api.ts).
   */
  readonly routes?: readonly string[];
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

export interface WorkflowSpec {
  /** PascalCase logical name, e.g. `Custody`; the state machine is named `resettle-<stage>-<name>` in the cloud */
  readonly name: string;
  /** definition file relative to the repository root */
  readonly file: string;
  /** the `${Key}` other definitions use for this state machine's (alias) ARN, and env var prefix */
  readonly substitution: string;
}

/** The resettlement journey's Lambdas (issue 5): event entry points, schedule targets and workflow task steps. */
export const JOURNEY_HANDLERS: readonly HandlerSpec[] = [
  {
    name: 'registerCase',
    entry: 'functions/handlers/register-case/index.ts',
    description: 'Registration as an event: creates the case, schedules the journey start and the release',
    table: 'readWrite',
    managesExecutions: true,
    managesSchedules: true,
  },
  {
    name: 'changeReleaseDate',
    entry: 'functions/handlers/change-release-date/index.ts',
    description:
      'A release date change as an event: moves the release schedule and the open tasks due by the release date, or releases now',
    table: 'readWrite',
    managesExecutions: true,
    managesSchedules: true,
    completesTasks: true,
  },
  {
    name: 'reportExternalEvent',
    entry: 'functions/handlers/report-external-event/index.ts',
    description:
      'Released, recalled, deceased, withdrawn, transferred out, new sentence: release or end the journey',
    table: 'readWrite',
    managesExecutions: true,
    managesSchedules: true,
    completesTasks: true,
  },
  {
    name: 'journeyStart',
    scheduleTarget: true,
    entry: 'functions/handlers/journey-start/index.ts',
    description: 'Journey-start schedule target (R-12 weeks): starts <caseId>-custody-1',
    table: 'readWrite',
    managesExecutions: true,
  },
  {
    name: 'releaseTrigger',
    scheduleTarget: true,
    entry: 'functions/handlers/release-trigger/index.ts',
    description: 'Release schedule target: moves the case to COMMUNITY and answers AwaitRelease (once)',
    table: 'readWrite',
    managesExecutions: true,
    completesTasks: true,
    managesSchedules: true,
  },
  {
    name: 'planCustody',
    entry: 'functions/handlers/plan-custody/index.ts',
    description: 'Custody: records the execution, plans the assessment and resettlement plan',
    substitution: 'PlanCustodyFunction',
    table: 'readWrite',
  },
  {
    name: 'nextEngagementSession',
    entry: 'functions/handlers/next-engagement-session/index.ts',
    description: 'Custody: the next weekly engagement session from the current release date',
    substitution: 'NextEngagementSessionFunction',
    table: 'readWrite',
  },
  {
    name: 'planReferrals',
    entry: 'functions/handlers/plan-referrals/index.ts',
    description: 'Custody: the pathway referrals for the needs found',
    substitution: 'PlanReferralsFunction',
    table: 'readWrite',
  },
  {
    name: 'awaitRelease',
    entry: 'functions/handlers/await-release/index.ts',
    description: 'Custody: keeps the AwaitRelease task token',
    substitution: 'AwaitReleaseFunction',
    table: 'readWrite',
  },
  {
    name: 'prepareForRelease',
    entry: 'functions/handlers/prepare-for-release/index.ts',
    description: 'Custody, at release: cancels custody tasks and stops their ladders',
    substitution: 'PrepareForReleaseFunction',
    table: 'readWrite',
    managesExecutions: true,
  },
  {
    name: 'startCommunity',
    entry: 'functions/handlers/start-community/index.ts',
    description: 'Community: records the execution, lays out appointments and handover tasks',
    substitution: 'StartCommunityFunction',
    table: 'readWrite',
  },
  {
    name: 'remindAppointment',
    entry: 'functions/handlers/remind-appointment/index.ts',
    description: 'Community: SMS appointment reminder to the person (if they gave a mobile)',
    substitution: 'RemindAppointmentFunction',
    table: 'readWrite',
    sendsSms: true,
  },
  {
    name: 'decideEnforcement',
    entry: 'functions/handlers/decide-enforcement/index.ts',
    description: 'Community: warning, breach notice or recall review from an appointment outcome',
    substitution: 'DecideEnforcementFunction',
    table: 'readWrite',
    sendsEmail: true,
    sendsSms: true,
  },
  {
    name: 'applyBreachOutcome',
    entry: 'functions/handlers/apply-breach-outcome/index.ts',
    description: 'Community: continue or close the journey on a breach or recall outcome',
    substitution: 'ApplyBreachOutcomeFunction',
    table: 'readWrite',
    managesExecutions: true,
    managesSchedules: true,
  },
  {
    name: 'closeCompletedJourney',
    entry: 'functions/handlers/close-completed-journey/index.ts',
    description: 'Community, at R + 6 months: closes the journey COMPLETED',
    substitution: 'CloseCompletedJourneyFunction',
    table: 'readWrite',
    managesExecutions: true,
    managesSchedules: true,
  },
  {
    name: 'openStaffTask',
    entry: 'functions/handlers/open-staff-task/index.ts',
    description:
      'Staff-task ladder: creates the task, prompts the assignee once and keeps the token of the first wait',
    substitution: 'OpenStaffTaskFunction',
    table: 'readWrite',
    sendsEmail: true,
    sendsSms: true,
    completesTasks: true,
    managesExecutions: true,
  },
  // Waits in a step of their own were the ladder's before each step kept its own wait's token. Executions of those
  // definitions run for months on their pinned function versions, which go with the function: keep it until none run.
  {
    name: 'awaitStaffTask',
    entry: 'functions/handlers/await-staff-task/index.ts',
    description: 'Staff-task ladder (earlier definitions): keeps the task token of the current wait',
    substitution: 'AwaitStaffTaskFunction',
    table: 'readWrite',
    completesTasks: true,
    managesExecutions: true,
  },
  {
    name: 'notifyLadderStep',
    entry: 'functions/handlers/notify-ladder-step/index.ts',
    description:
      'Staff-task ladder: reminder, escalation and second escalation, and the token of the wait after each',
    substitution: 'NotifyLadderStepFunction',
    table: 'readWrite',
    sendsEmail: true,
    sendsSms: true,
    completesTasks: true,
  },
];

export const HANDLERS: readonly HandlerSpec[] = [
  ...JOURNEY_HANDLERS,
  // The staff HTTP API's entries live beside its code.
  ...STAFF_API_HANDLERS,
];

export const WORKFLOWS: readonly WorkflowSpec[] = [
  /** pre-release work from R-12 weeks to release; starts the community phase */
  { name: 'Custody', file: 'workflows/custody.asl.json', substitution: 'CustodyStateMachineArn' },
  /** release to R + 6 months: appointments, enforcement, handovers, close */
  { name: 'Community', file: 'workflows/community.asl.json', substitution: 'CommunityStateMachineArn' },
  /** the reusable staff-task ladder: prompt, remind, escalate, escalate again */
  { name: 'StaffTask', file: 'workflows/staff-task.asl.json', substitution: 'StaffTaskStateMachineArn' },
];
