/**
 * The journey's ports against AWS (or the local endpoint, through AWS_ENDPOINT_URL), from the environment
 * (docs/engineering.md names the variables). `runtime.ts` loads this module, and with it the SDK clients, only
 * where these ports are used: in Lambda, and in the local stack.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AwsNotifier } from '#adapters/aws-notifier.ts';
import { AwsScheduler } from '#adapters/aws-scheduler.ts';
import { DynamoDbReleaseWaits } from '#adapters/dynamodb-release-waits.ts';
import { dynamoDbRepositoryFromEnv } from '#adapters/dynamodb-repository.ts';
import { sfnApiFromClient } from '#adapters/sfn-client.ts';
import { SfnWorkflows } from '#adapters/workflows.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { actionLinkUrl, type LinkKey } from '#functions/api/links.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { journeyLog } from './runtime.ts';

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export function journeyDepsFromEnv(env: NodeJS.ProcessEnv, key?: LinkKey): JourneyDeps {
  const tableName = required(env, 'TABLE_NAME');
  const optional = (name: string) => env[name] || '';
  const portal = optional('STAFF_PORTAL_URL');
  return {
    ...(key && portal
      ? {
          taskLink: (taskId: string, staffId: string, _kind: string, now: string) =>
            actionLinkUrl(key, portal, { taskId, staffId, now }),
        }
      : {}),
    repository: dynamoDbRepositoryFromEnv(env, {
      ...(env.OUTBOX_RETENTION_DAYS ? { outboxRetentionDays: Number(env.OUTBOX_RETENTION_DAYS) } : {}),
      ...(env.AUDIT_RETENTION_DAYS ? { auditRetentionDays: Number(env.AUDIT_RETENTION_DAYS) } : {}),
    }),
    notifier: new AwsNotifier({
      emailFrom: optional('EMAIL_FROM'),
      ...(env.SES_CONFIGURATION_SET ? { sesConfigurationSet: env.SES_CONFIGURATION_SET } : {}),
      ...(env.SMS_ORIGINATION_IDENTITY ? { smsOriginationIdentity: env.SMS_ORIGINATION_IDENTITY } : {}),
    }),
    scheduler: new AwsScheduler({
      groupName: optional('SCHEDULE_GROUP') || 'default',
      roleArn: optional('SCHEDULER_ROLE_ARN'),
    }),
    workflows: new SfnWorkflows(sfnApiFromClient()),
    releaseWaits: new DynamoDbReleaseWaits(tableName, new DynamoDBClient({})),
    config: DEFAULT_CONFIG,
    settings: {
      staffPortalUrl: optional('STAFF_PORTAL_URL'),
      custodyStateMachineArn: optional('CUSTODY_STATE_MACHINE_ARN'),
      communityStateMachineArn: optional('COMMUNITY_STATE_MACHINE_ARN'),
      staffTaskStateMachineArn: optional('STAFF_TASK_STATE_MACHINE_ARN'),
      releaseTriggerFunctionArn: optional('RELEASE_TRIGGER_FUNCTION_ARN'),
      ...(env.JOURNEY_START_FUNCTION_ARN ? { journeyStartFunctionArn: env.JOURNEY_START_FUNCTION_ARN } : {}),
    },
    newId: randomUUID,
    log: journeyLog,
  };
}
