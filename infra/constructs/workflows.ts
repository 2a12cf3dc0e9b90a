import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { HandlerSpec, WorkflowSpec } from '#functions/manifest.ts';
import type { StageConfig } from '../config.ts';
import { acknowledge, acknowledgeWildcardResource } from '../nag.ts';
import { executionsArn, LIVE, stateMachineAliasArn, stateMachineName } from '../naming.ts';
import type { ResettleFunction } from './resettle-function.ts';

/** The one substitution that is neither a handler nor a workflow: for direct DynamoDB task states. */
export const TABLE_NAME_SUBSTITUTION = 'TableName';

const SUBSTITUTION = /\$\{([A-Za-z0-9_]+)\}/g;
/** The service integrations the local engine runs too (local/engine/resources.ts). */
const INTEGRATION =
  /^arn:aws:states:::(lambda:invoke(?:\.waitForTaskToken)?|states:startExecution(?:\.sync:2|\.sync)?|dynamodb:(?:getItem|putItem|updateItem|deleteItem))$/;

/** What a definition uses, read from its text: substitution keys and integration resources. */
export interface DefinitionUsage {
  readonly substitutions: ReadonlySet<string>;
  readonly integrations: ReadonlySet<string>;
}

export function readDefinition(file: string): { text: string; usage: DefinitionUsage } {
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const substitutions = new Set([...text.matchAll(SUBSTITUTION)].map((m) => m[1] as string));
  const integrations = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Resource' && typeof value === 'string' && value.startsWith('arn:aws:states:::')) {
          if (!INTEGRATION.test(value)) {
            throw new Error(
              `${file} uses the integration ${value}, which infra/constructs/workflows.ts does not grant yet ` +
                '(supported: lambda:invoke[.waitForTaskToken], states:startExecution[.sync[:2]], dynamodb get/put/update/deleteItem)',
            );
          }
          integrations.add(value.slice('arn:aws:states:::'.length));
        } else visit(value);
      }
    }
  };
  visit(parsed);
  return { text, usage: { substitutions, integrations } };
}

export interface WorkflowsProps {
  readonly config: StageConfig;
  readonly rootDir: string;
  readonly workflows: readonly WorkflowSpec[];
  readonly handlers: readonly HandlerSpec[];
  readonly functions: ReadonlyMap<string, ResettleFunction>;
  readonly table: dynamodb.ITableV2;
  readonly key: kms.IKey;
}

export interface Workflow {
  readonly spec: WorkflowSpec;
  readonly stateMachine: sfn.StateMachine;
  readonly version: sfn.CfnStateMachineVersion;
  readonly alias: sfn.CfnStateMachineAlias;
  /** the live alias ARN, built from the name (what every starter uses) */
  readonly aliasArn: string;
  readonly logGroup: logs.LogGroup;
}

/**
 * One Standard state machine per manifest workflow, from its `.asl.json` (uploaded as an asset) with
 * `${Substitutions}`: a handler's key becomes the ARN of its function's version published by this deploy
 * (`…:function:<name>:<n>`, pinned: see below), a workflow's key that workflow's `live` alias ARN, built from its
 * name so that workflows may start each other (or themselves) without a CloudFormation cycle. Each machine logs to
 * its own log group without execution data (personal data), is traced with X-Ray, and is published as a version
 * behind a `live` alias.
 *
 * Pinning: an execution runs on the state machine version it started on for its whole life (months for a
 * journey). Because that version's definition names function versions rather than the moving `live` alias, the
 * execution also keeps the handler code it started with; a deploy that changes a handler publishes a new function
 * version, hence a new definition, hence a new state machine version for new executions. Old function and state
 * machine versions are retained (RETAIN), never deleted by CloudFormation.
 *
 * The role may invoke exactly the functions and start exactly the workflows its definition references. For
 * functions that is `…:function:<name>:*`, each referenced function's versions and aliases: one role serves every
 * version of the machine, so a grant of only this deploy's version ARNs would deny the executions still running on
 * older versions (and those started before pinning, which invoke `live`) at their next task.
 */
export class Workflows extends Construct {
  readonly workflows: readonly Workflow[];

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const handlerBySubstitution = new Map<string, HandlerSpec>();
    for (const handler of props.handlers) {
      if (handler.substitution) handlerBySubstitution.set(handler.substitution, handler);
    }
    const workflowBySubstitution = new Map(props.workflows.map((w) => [w.substitution, w] as const));
    for (const key of handlerBySubstitution.keys()) {
      if (workflowBySubstitution.has(key) || key === TABLE_NAME_SUBSTITUTION) {
        throw new Error(`Substitution key "${key}" is declared twice in the manifest`);
      }
    }

    this.workflows = props.workflows.map((spec) => {
      const name = stateMachineName(config, spec.name);
      const file = path.join(props.rootDir, spec.file);
      const { usage } = readDefinition(file);

      const substitutions: Record<string, string> = {};
      const invokes: { handler: string; fn: ResettleFunction }[] = [];
      const starts: string[] = [];
      for (const key of [...usage.substitutions].sort()) {
        const handler = handlerBySubstitution.get(key);
        const workflow = workflowBySubstitution.get(key);
        if (handler) {
          const fn = props.functions.get(handler.name);
          if (!fn) throw new Error(`Handler "${handler.name}" has no function`);
          // The version ARN (the Ref of this deploy's AWS::Lambda::Version), not the `live` alias: pinned.
          substitutions[key] = fn.version.functionArn;
          invokes.push({ handler: handler.name, fn });
        } else if (workflow) {
          substitutions[key] = stateMachineAliasArn(this, config, workflow.name);
          starts.push(workflow.name);
        } else if (key === TABLE_NAME_SUBSTITUTION) {
          substitutions[key] = props.table.tableName;
        } else {
          throw new Error(
            `${spec.file} uses \${${key}}, which no handler or workflow of the manifest declares as its substitution`,
          );
        }
      }

      const logGroup = new logs.LogGroup(this, `${spec.name}Logs`, {
        // The vendedlogs prefix keeps CloudWatch Logs resource policies small (AWS guidance for Step Functions).
        logGroupName: `/aws/vendedlogs/states/${name}`,
        retention: config.logRetentionDays as logs.RetentionDays,
        removalPolicy,
      });

      const stateMachine = new sfn.StateMachine(this, spec.name, {
        stateMachineName: name,
        stateMachineType: sfn.StateMachineType.STANDARD,
        definitionBody: sfn.DefinitionBody.fromFile(file),
        definitionSubstitutions: substitutions,
        logs: {
          destination: logGroup,
          level: config.workflowLogLevel === 'ALL' ? sfn.LogLevel.ALL : sfn.LogLevel.ERROR,
          includeExecutionData: false,
        },
        tracingEnabled: true,
        removalPolicy: RemovalPolicy.DESTROY,
      });

      this.grant(stateMachine, spec, usage, invokes, starts, props);

      // A published version behind the `live` alias: executions started through the alias keep their version,
      // and with it the function versions its definition names.
      const version = new sfn.CfnStateMachineVersion(this, `${spec.name}Version`, {
        stateMachineArn: stateMachine.stateMachineArn,
        stateMachineRevisionId: stateMachine.stateMachineRevisionId,
        description: `${name}, published by CloudFormation`,
      });
      // A new revision replaces this resource; the old version stays for the executions still running on it.
      version.applyRemovalPolicy(RemovalPolicy.RETAIN);
      const alias = new sfn.CfnStateMachineAlias(this, `${spec.name}Live`, {
        name: LIVE,
        description: 'What every starter (handlers, the scheduler, other workflows) uses',
        routingConfiguration: [{ stateMachineVersionArn: version.attrArn, weight: 100 }],
      });

      if (config.workflowLogLevel !== 'ALL') {
        acknowledge(
          stateMachine,
          'AwsSolutions-SF1',
          `Stage ${config.stage} logs only ERROR events by configuration (infra/config.ts workflowLogLevel); ` +
            'execution history in Step Functions keeps every event for 90 days.',
        );
      }
      return {
        spec,
        stateMachine,
        version,
        alias,
        aliasArn: stateMachineAliasArn(this, config, spec.name),
        logGroup,
      };
    });
  }

  private grant(
    stateMachine: sfn.StateMachine,
    spec: WorkflowSpec,
    usage: DefinitionUsage,
    invokes: readonly { handler: string; fn: ResettleFunction }[],
    starts: readonly string[],
    props: WorkflowsProps,
  ): void {
    const { config } = props;
    const integrations = [...usage.integrations];
    const uses = (prefix: string) => integrations.some((i) => i.startsWith(prefix));
    const add = (sid: string, actions: string[], resources: string[], conditions?: Record<string, unknown>) =>
      stateMachine.addToRolePolicy(new iam.PolicyStatement({ sid, actions, resources, conditions }));

    if (invokes.length > 0) {
      add(
        'InvokeFunctionVersions',
        ['lambda:InvokeFunction'],
        invokes.map(({ fn }) => fn.qualifiedArns),
      );
      for (const { handler, fn } of invokes) {
        acknowledgeWildcardResource(
          stateMachine.role,
          fn.qualifiedArns,
          `${spec.name} invokes the published version of ${handler} named in its ` +
            'definition. The role is shared by every version of the machine, and executions run for months on ' +
            'the version they started on, each invoking the function versions it was published with (or `live`, ' +
            'if started before pinning): the wildcard covers the versions and aliases of this one function, ' +
            'never another function.',
        );
      }
    }
    if (starts.length > 0) {
      add(
        'StartWorkflows',
        ['states:StartExecution'],
        starts.map((w) => stateMachineAliasArn(this, config, w)),
      );
    }
    const policy = stateMachine.role.node.tryFindChild('DefaultPolicy') ?? stateMachine.role;
    if (starts.length > 0 && integrations.some((i) => i.startsWith('states:startExecution.sync'))) {
      const executions = starts.map((w) => executionsArn(this, config, w));
      add('FollowStartedExecutions', ['states:DescribeExecution', 'states:StopExecution'], executions);
      const rule = Stack.of(this).formatArn({
        service: 'events',
        resource: 'rule',
        resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule',
      });
      add('SyncExecutionEvents', ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], [rule]);
      for (const arn of executions) {
        acknowledgeWildcardResource(
          stateMachine.role,
          arn,
          `${spec.name} waits for the executions it starts (.sync); their names are only known at run time.`,
        );
      }
    }
    if (uses('dynamodb:')) {
      const actions = integrations
        .filter((i) => i.startsWith('dynamodb:'))
        .map((i) => `dynamodb:${i.slice('dynamodb:'.length).replace(/^./, (c) => c.toUpperCase())}`);
      add('Table', [...new Set(actions)].sort(), [props.table.tableArn]);
      const writes = actions.some((a) => !a.endsWith('GetItem'));
      add(
        'TableKey',
        writes
          ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']
          : ['kms:Decrypt', 'kms:DescribeKey'],
        [props.key.keyArn],
        { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
      );
    }
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Added by CDK for logging and tracing: logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, ' +
        'DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups and ' +
        'xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets support no resource-level ' +
        'permissions (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).',
    );
  }
}
