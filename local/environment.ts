/**
 * The environment the local stack gives its handlers: the names CDK gives them (infra/constructs/functions.ts and
 * docs/engineering.md) with local values, plus what points every SDK v3 client at the local endpoint with
 * credentials that need no AWS account. Handlers run in the stack's process, so these are set on `process.env`
 * once (they are the same for every handler); `applyEnvironment` returns the function that puts the old ones back.
 */
import type { HandlerSpec, WorkflowSpec } from '#functions/manifest.ts';
import { functionArn, LIVE } from './lambda-runner.ts';
import { stateMachineArn, upperSnake } from './substitutions.ts';
import { ACCOUNT_ID, REGION } from './wire.ts';

export const LOCAL_NAME = 'resettle-local';
export const RELEASE_TRIGGER_HANDLER = 'releaseTrigger';

export interface EnvironmentInput {
  readonly endpoint: string;
  readonly handlers: readonly HandlerSpec[];
  readonly workflows: readonly WorkflowSpec[];
  readonly tableName: string;
  readonly linkKey: string;
  readonly staffPortalUrl: string;
  readonly logLevel?: string;
}

export function handlerEnvironment(input: EnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: input.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    TABLE_NAME: input.tableName,
    EMAIL_FROM: 'resettle@resettle.local',
    SES_CONFIGURATION_SET: LOCAL_NAME,
    SMS_ORIGINATION_IDENTITY: `arn:aws:sms-voice:${REGION}:${ACCOUNT_ID}:sender-id/RESETTLE/GB`,
    SCHEDULE_GROUP: LOCAL_NAME,
    SCHEDULER_ROLE_ARN: `arn:aws:iam::${ACCOUNT_ID}:role/${LOCAL_NAME}-scheduler`,
    LINK_KEY: input.linkKey,
    STAFF_PORTAL_URL: input.staffPortalUrl,
    POWERTOOLS_SERVICE_NAME: 'resettle',
    POWERTOOLS_METRICS_NAMESPACE: 'Resettle',
    POWERTOOLS_DEV: 'true',
    LOG_LEVEL: input.logLevel ?? 'WARN',
  };
  // Schedule targets' ARNs, under the same variable names CDK gives them.
  for (const handler of input.handlers) {
    if (handler.scheduleTarget || handler.name === RELEASE_TRIGGER_HANDLER)
      env[`${upperSnake(handler.name)}_FUNCTION_ARN`] = functionArn(handler.name, LIVE);
  }
  for (const workflow of input.workflows)
    env[`${upperSnake(workflow.name)}_STATE_MACHINE_ARN`] = stateMachineArn(workflow.name, LIVE);
  return env;
}

/** Sets the variables on `process.env`; the returned function restores what was there before. */
export function applyEnvironment(env: Record<string, string>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(env)) {
    previous.set(name, process.env[name]);
    process.env[name] = value;
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
