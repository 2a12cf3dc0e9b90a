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
  /** the `${Key}` that workflow definitions use for this function's (alias) ARN, if a workflow invokes it */
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

export const HANDLERS: readonly HandlerSpec[] = [
  // The staff HTTP API's entries live beside its code.
  ...STAFF_API_HANDLERS,
];

export const WORKFLOWS: readonly WorkflowSpec[] = [];
