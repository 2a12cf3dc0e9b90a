import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { HandlerSpec, WorkflowSpec } from '#functions/manifest.ts';
import type { StageConfig } from '../config.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import {
  executionsArn,
  functionAliasArn,
  functionArnVariable,
  functionName,
  scheduleTargets,
  stateMachineAliasArn,
  stateMachineArn,
  stateMachineArnVariable,
} from '../naming.ts';
import type { Notifications } from './notifications.ts';
import { ResettleFunction } from './resettle-function.ts';
import type { Scheduling } from './scheduling.ts';

/** What a handler may do to the table. There is deliberately no Scan: no request path scans. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = [
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
];

export interface FunctionsProps {
  readonly config: StageConfig;
  readonly rootDir: string;
  readonly handlers: readonly HandlerSpec[];
  readonly workflows: readonly WorkflowSpec[];
  readonly table: dynamodb.ITableV2;
  /** the table's index names, granted one by one (no `index/*`) */
  readonly indexNames: readonly string[];
  readonly key: kms.IKey;
  readonly linkKey: secretsmanager.ISecret;
  readonly notifications: Notifications;
  readonly scheduling: Scheduling;
}

/**
 * One `ResettleFunction` per manifest handler, named `resettle-<stage>-<name>`, with the same environment
 * variables as the local runtime and least-privilege grants derived from the manifest flags.
 */
export class Functions extends Construct {
  /** by handler name */
  readonly byName: ReadonlyMap<string, ResettleFunction>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { config } = props;
    const environment = this.environment(props);
    const byName = new Map<string, ResettleFunction>();
    for (const spec of props.handlers) {
      if (byName.has(spec.name)) throw new Error(`Handler "${spec.name}" is declared twice in the manifest`);
      const fn = new ResettleFunction(this, spec.name, {
        functionName: functionName(config, spec.name),
        description: spec.description,
        rootDir: props.rootDir,
        entry: spec.entry,
        environment,
        logRetentionDays: config.logRetentionDays,
        removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        timeoutSeconds: spec.timeoutSeconds,
        memoryMb: spec.memoryMb,
      });
      this.grant(fn, spec, props);
      byName.set(spec.name, fn);
    }
    this.byName = byName;
  }

  /** The variables of docs/engineering.md, the same for every handler (none is a secret). */
  private environment(props: FunctionsProps): Record<string, string> {
    const { config, notifications, scheduling } = props;
    const env: Record<string, string> = {
      TABLE_NAME: props.table.tableName,
      EMAIL_FROM: config.emailFrom,
      SES_CONFIGURATION_SET: notifications.configurationSet.configurationSetName,
      SMS_ORIGINATION_IDENTITY: notifications.smsOriginationIdentityArn,
      SCHEDULE_GROUP: scheduling.group.scheduleGroupName,
      SCHEDULER_ROLE_ARN: scheduling.role.roleArn,
      LINK_KEY_SECRET_ARN: props.linkKey.secretArn,
      STAFF_PORTAL_URL: config.staffPortalUrl,
      POWERTOOLS_SERVICE_NAME: 'resettle',
      POWERTOOLS_METRICS_NAMESPACE: 'Resettle',
      LOG_LEVEL: config.logLevel,
    };
    for (const target of scheduleTargets(props.handlers)) {
      env[functionArnVariable(target)] = functionAliasArn(this, config, target);
    }
    for (const workflow of props.workflows) {
      env[stateMachineArnVariable(workflow.name)] = stateMachineAliasArn(this, config, workflow.name);
    }
    if (config.outboxRetentionDays !== undefined)
      env.OUTBOX_RETENTION_DAYS = String(config.outboxRetentionDays);
    if (config.auditRetentionDays !== undefined) env.AUDIT_RETENTION_DAYS = String(config.auditRetentionDays);
    return env;
  }

  private grant(fn: ResettleFunction, spec: HandlerSpec, props: FunctionsProps): void {
    const { config, notifications, scheduling } = props;
    const role = fn.role;
    const add = (sid: string, actions: string[], resources: string[], conditions?: Record<string, unknown>) =>
      role.addToPolicy(new iam.PolicyStatement({ sid, actions, resources, conditions }));
    const acknowledgeWildcard = (resource: string, reason: string) =>
      acknowledgeWildcardResource(role, resource, reason);

    if (spec.table === 'read' || spec.table === 'readWrite') {
      const tableResources = [
        props.table.tableArn,
        ...props.indexNames.map((index) => `${props.table.tableArn}/index/${index}`),
      ];
      const write = spec.table === 'readWrite';
      add('Table', [...TABLE_READ_ACTIONS, ...(write ? TABLE_WRITE_ACTIONS : [])], tableResources);
      add('TableKey', [...KEY_READ_ACTIONS, ...(write ? KEY_WRITE_ACTIONS : [])], [props.key.keyArn], {
        StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` },
      });
    }
    if (spec.sendsEmail) {
      add(
        'SendEmail',
        ['ses:SendEmail'],
        [notifications.emailIdentityArn, notifications.configurationSetArn],
      );
    }
    if (spec.sendsSms) {
      add('SendSms', ['sms-voice:SendTextMessage'], [notifications.smsOriginationIdentityArn]);
    }
    if (spec.managesExecutions && props.workflows.length > 0) {
      add(
        'StartWorkflows',
        ['states:StartExecution'],
        props.workflows.map((w) => stateMachineAliasArn(this, config, w.name)),
      );
      const executions = props.workflows.map((w) => executionsArn(this, config, w.name));
      add('ManageExecutions', ['states:DescribeExecution', 'states:StopExecution'], executions);
      for (const arn of executions) {
        acknowledgeWildcard(
          arn,
          'Execution names are only known at run time (<caseId>-<phase>-<n>); the wildcard is limited to the ' +
            "executions of one of the project's state machines.",
        );
      }
    }
    if (spec.completesTasks && props.workflows.length > 0) {
      const machines = props.workflows.map((w) => stateMachineArn(this, config, w.name));
      const qualified = machines.map((arn) => `${arn}:*`);
      add(
        'CompleteTasks',
        ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        [...machines, ...qualified],
      );
      for (const arn of qualified) {
        acknowledgeWildcard(
          arn,
          "Task tokens belong to executions started through the machine's live alias, i.e. a published " +
            "version; the wildcard covers that machine's versions and aliases, nothing else.",
        );
      }
    }
    if (spec.managesSchedules) {
      const schedules = Stack.of(this).formatArn({
        service: 'scheduler',
        resource: 'schedule',
        resourceName: `${scheduling.group.scheduleGroupName}/*`,
      });
      add(
        'ManageSchedules',
        [
          'scheduler:CreateSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
          'scheduler:GetSchedule',
        ],
        [schedules],
      );
      add('PassSchedulerRole', ['iam:PassRole'], [scheduling.role.roleArn], {
        StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
      });
      acknowledgeWildcard(
        schedules,
        'Schedules are created at run time with names derived from case and task ids; the wildcard is limited ' +
          "to the project's own schedule group.",
      );
    }
    if (spec.readsLinkKey) {
      add('ReadLinkKey', ['secretsmanager:GetSecretValue'], [props.linkKey.secretArn]);
      add('LinkKeyDecrypt', ['kms:Decrypt'], [props.key.keyArn], {
        StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
      });
    }
  }
}
