import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DEFINITION } from '#adapters/table-definition.ts';
import { STAGES } from '#infra/config.ts';
import { BOUNCE_RATE_THRESHOLD } from '#infra/constructs/observability.ts';
import { FIXTURE_HANDLERS, FIXTURE_WORKFLOWS } from './fixtures/manifest.ts';
import {
  acknowledgements,
  actionsOf,
  type CfnResource,
  envOf,
  flat,
  iamStatements,
  nagFindings,
  pinnedFunctions,
  prop,
  rawNagFindings,
  removeAssemblies,
  resourcesOf,
  resourcesOfType,
  type Synthesized,
  statementsOfRole,
  synth,
} from './support.ts';

// One synth for the whole file: the fixture manifest on the dev stage.
let s: Synthesized;
beforeAll(() => {
  s = synth({ stage: 'dev', handlers: FIXTURE_HANDLERS, workflows: FIXTURE_WORKFLOWS });
});
afterAll(removeAssemblies);

const dev = STAGES.dev;
const fnResource = (name: string): CfnResource => {
  const found = resourcesOfType(s.json, 'AWS::Lambda::Function').find(
    ([, r]) => r.Properties?.FunctionName === `resettle-dev-${name}`,
  );
  if (!found) throw new Error(`no function ${name}`);
  return found[1];
};
const logicalIdOf = (type: string, predicate: (r: CfnResource) => boolean, t = s): string => {
  const found = resourcesOfType(t.json, type).find(([, r]) => predicate(r));
  if (!found) throw new Error(`no ${type}`);
  return found[0];
};
const functionIdOf = (name: string, t = s): string =>
  logicalIdOf('AWS::Lambda::Function', (r) => r.Properties?.FunctionName === `resettle-dev-${name}`, t);
const aliasIdOf = (name: string, t = s): string => {
  const functionId = functionIdOf(name, t);
  return logicalIdOf('AWS::Lambda::Alias', (r) => flat(r.Properties?.FunctionName) === `<${functionId}>`, t);
};
/** The AWS::Lambda::Version the function's `live` alias points to: the version this deploy publishes. */
const versionIdOf = (name: string, t = s): string =>
  flat(t.json.Resources[aliasIdOf(name, t)]?.Properties?.FunctionVersion).replace(/^<(.*)\.Version>$/, '$1');
const machine = (name: string): CfnResource =>
  resourcesOfType(s.json, 'AWS::StepFunctions::StateMachine').find(
    ([, r]) => r.Properties?.StateMachineName === `resettle-dev-${name}`,
  )?.[1] as CfnResource;
const allActionsOfRole = (rolePrefix: string) => statementsOfRole(s.json, rolePrefix).flatMap(actionsOf);

describe('functions (house settings)', () => {
  it('builds one function per fixture handler on Node.js 24, ARM64, traced, with source maps enabled', () => {
    expect(resourcesOfType(s.json, 'AWS::Lambda::Function')).toHaveLength(FIXTURE_HANDLERS.length);
    for (const handler of FIXTURE_HANDLERS) {
      const props = fnResource(handler.name).Properties ?? {};
      expect(props.Runtime).toBe('nodejs24.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      expect(props.Handler).toBe('index.handler');
      const env = envOf(fnResource(handler.name));
      expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(env.POWERTOOLS_SERVICE_NAME).toBe('resettle');
      expect(env.POWERTOOLS_METRICS_NAMESPACE).toBe('Resettle');
      expect(env.LOG_LEVEL).toBe(dev.logLevel);
    }
  });

  it('takes timeout and memory from the manifest, with house defaults otherwise', () => {
    expect(fnResource('fixtureTask').Properties).toMatchObject({ Timeout: 20, MemorySize: 256 });
    expect(fnResource('releaseTrigger').Properties).toMatchObject({ Timeout: 30, MemorySize: 512 });
  });

  it('gives every handler the environment variables of docs/engineering.md', () => {
    const env = envOf(fnResource('fixtureTask'));
    for (const name of [
      'TABLE_NAME',
      'EMAIL_FROM',
      'SES_CONFIGURATION_SET',
      'SMS_ORIGINATION_IDENTITY',
      'SCHEDULE_GROUP',
      'SCHEDULER_ROLE_ARN',
      'RELEASE_TRIGGER_FUNCTION_ARN',
      'FIXTURE_PARENT_STATE_MACHINE_ARN',
      'FIXTURE_CHILD_STATE_MACHINE_ARN',
      'LINK_KEY_SECRET_ARN',
      'STAFF_PORTAL_URL',
    ]) {
      expect(env, name).toHaveProperty(name);
    }
    expect(env.EMAIL_FROM).toBe(dev.emailFrom);
    expect(flat(env.FIXTURE_PARENT_STATE_MACHINE_ARN)).toMatch(
      /:stateMachine:resettle-dev-FixtureParent:live$/,
    );
    expect(flat(env.RELEASE_TRIGGER_FUNCTION_ARN)).toMatch(/:function:resettle-dev-releaseTrigger:live$/);
    expect(flat(env.SMS_ORIGINATION_IDENTITY)).toMatch(
      /:sms-voice:eu-west-2:<AWS::AccountId>:pool\/resettle-dev$/,
    );
    expect(env.OUTBOX_RETENTION_DAYS).toBe(String(dev.outboxRetentionDays));
    expect(env.AUDIT_RETENTION_DAYS).toBe(String(dev.auditRetentionDays));
  });

  it('writes to its own log group with the stage retention', () => {
    for (const handler of FIXTURE_HANDLERS) {
      const logGroupRef = flat(
        prop<{ LogGroup: unknown }>(fnResource(handler.name), 'LoggingConfig').LogGroup,
      );
      const logGroup = s.json.Resources[logGroupRef.slice(1, -1)];
      expect(logGroup?.Properties).toMatchObject({
        LogGroupName: `/aws/lambda/resettle-dev-${handler.name}`,
        RetentionInDays: dev.logRetentionDays,
      });
    }
  });

  it('publishes a live alias over the current version of every function', () => {
    const aliases = resourcesOfType(s.json, 'AWS::Lambda::Alias');
    expect(aliases).toHaveLength(FIXTURE_HANDLERS.length);
    for (const [, alias] of aliases) {
      expect(alias.Properties?.Name).toBe('live');
      const version =
        s.json.Resources[flat(alias.Properties?.FunctionVersion).replace(/^<(.*)\.Version>$/, '$1')];
      expect(version?.Type).toBe('AWS::Lambda::Version');
    }
  });

  it('retains a function version when a later deploy replaces it (running executions may still invoke it)', () => {
    const versions = resourcesOfType(s.json, 'AWS::Lambda::Version');
    expect(versions).toHaveLength(FIXTURE_HANDLERS.length);
    for (const [id, version] of versions) {
      expect(version.DeletionPolicy, id).toBe('Retain');
      expect(version.UpdateReplacePolicy, id).toBe('Retain');
    }
  });

  it('bundles minified ESM with the createRequire banner and a source map', () => {
    const dirs = readdirSync(s.app.outdir).filter((d) => d.startsWith('asset.'));
    const bundles = dirs.filter((d) => existsSync(path.join(s.app.outdir, d, 'index.mjs')));
    expect(bundles.length).toBeGreaterThan(0);
    for (const dir of bundles) {
      const code = readFileSync(path.join(s.app.outdir, dir, 'index.mjs'), 'utf8');
      expect(
        code.startsWith("import { createRequire } from 'node:module'; const require = createRequire("),
      ).toBe(true);
      expect(code).toContain('export{');
      expect(code).toContain('//# sourceMappingURL=index.mjs.map');
      expect(existsSync(path.join(s.app.outdir, dir, 'index.mjs.map'))).toBe(true);
    }
  });
});

describe('data', () => {
  it('builds the table from TABLE_DEFINITION: keys, GSIs, TTL, on-demand, PITR, customer-managed key', () => {
    const [[, table]] = resourcesOfType(s.json, 'AWS::DynamoDB::GlobalTable') as [[string, CfnResource]];
    const props = table.Properties ?? {};
    expect(props.KeySchema).toEqual([
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
    ]);
    expect((props.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName)).toEqual(
      TABLE_DEFINITION.globalSecondaryIndexes.map((i) => i.indexName),
    );
    expect(props.TimeToLiveSpecification).toEqual({
      AttributeName: TABLE_DEFINITION.timeToLiveAttribute,
      Enabled: true,
    });
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    const replica = (props.Replicas as Record<string, unknown>[])[0] ?? {};
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(flat((replica.SSESpecification as { KMSMasterKeyId: unknown }).KMSMasterKeyId)).toMatch(
      /^<DataKey/,
    );
    expect(replica.DeletionProtectionEnabled).toBe(false);
    expect(table.DeletionPolicy).toBe('Delete');
  });

  it('rotates the customer-managed key', () => {
    s.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('workflows', () => {
  it('builds one Standard state machine per workflow from its file, logged without execution data, traced', () => {
    expect(resourcesOfType(s.json, 'AWS::StepFunctions::StateMachine')).toHaveLength(
      FIXTURE_WORKFLOWS.length,
    );
    for (const workflow of FIXTURE_WORKFLOWS) {
      const props = machine(workflow.name).Properties ?? {};
      expect(props.StateMachineType).toBe('STANDARD');
      expect(props.DefinitionS3Location).toBeDefined();
      expect(props.TracingConfiguration).toEqual({ Enabled: true });
      expect(props.LoggingConfiguration).toMatchObject({ IncludeExecutionData: false, Level: 'ALL' });
    }
    s.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/resettle-dev-FixtureParent',
      RetentionInDays: dev.logRetentionDays,
    });
  });

  it('substitutes function keys with the published version ARN and workflow keys with the other machine’s live alias ARN', () => {
    const parent = machine('FixtureParent').Properties?.DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(parent).sort()).toEqual(['FixtureChildStateMachineArn', 'FixtureTaskFunctionArn']);
    // the Ref of an AWS::Lambda::Version is its version ARN, `…:function:resettle-dev-fixtureTask:<n>`
    expect(parent.FixtureTaskFunctionArn).toEqual({ Ref: versionIdOf('fixtureTask') });
    expect(s.json.Resources[versionIdOf('fixtureTask')]).toMatchObject({
      Type: 'AWS::Lambda::Version',
      Properties: { FunctionName: { Ref: functionIdOf('fixtureTask') } },
    });
    expect(flat(parent.FixtureTaskFunctionArn)).not.toBe(`<${aliasIdOf('fixtureTask')}>`);
    expect(flat(parent.FixtureChildStateMachineArn)).toBe(
      'arn:<AWS::Partition>:states:eu-west-2:<AWS::AccountId>:stateMachine:resettle-dev-FixtureChild:live',
    );
    const child = machine('FixtureChild').Properties?.DefinitionSubstitutions as Record<string, unknown>;
    expect(flat(child.FixtureParentStateMachineArn)).toMatch(
      /:stateMachine:resettle-dev-FixtureParent:live$/,
    );
    expect(flat(child.TableName)).toMatch(/^<DataTable/);
  });

  it('publishes a version per machine behind a live alias (retained when replaced)', () => {
    const versions = resourcesOfType(s.json, 'AWS::StepFunctions::StateMachineVersion');
    const aliases = resourcesOfType(s.json, 'AWS::StepFunctions::StateMachineAlias');
    expect(versions).toHaveLength(FIXTURE_WORKFLOWS.length);
    expect(aliases).toHaveLength(FIXTURE_WORKFLOWS.length);
    for (const [id, version] of versions) {
      expect(flat(version.Properties?.StateMachineRevisionId)).toMatch(/\.StateMachineRevisionId>$/);
      expect(version.DeletionPolicy).toBe('Retain');
      // a new revision replaces the version resource: the replaced version must stay for its executions
      expect(version.UpdateReplacePolicy).toBe('Retain');
      const alias = aliases.find(
        ([, a]) =>
          flat(
            prop<{ StateMachineVersionArn: unknown }[]>(a, 'RoutingConfiguration')[0]?.StateMachineVersionArn,
          ) === `<${id}.Arn>`,
      );
      expect(alias?.[1].Properties).toMatchObject({
        Name: 'live',
        RoutingConfiguration: [{ Weight: 100 }],
      });
    }
  });

  it('lets a machine invoke the versions of exactly the functions and start exactly the workflow aliases it references', () => {
    const parent = statementsOfRole(s.json, 'WorkflowsFixtureParentRole');
    const invoke = parent.filter((st) => actionsOf(st).includes('lambda:InvokeFunction'));
    // `<function ARN>:*`: any version or alias of fixtureTask, nothing unqualified, no other function
    expect(invoke.flatMap(resourcesOf).map(flat)).toEqual([`<${functionIdOf('fixtureTask')}.Arn>:*`]);
    const start = parent.filter((st) => actionsOf(st).includes('states:StartExecution'));
    expect(start.flatMap(resourcesOf).map(flat)).toEqual([
      'arn:<AWS::Partition>:states:eu-west-2:<AWS::AccountId>:stateMachine:resettle-dev-FixtureChild:live',
    ]);
    // .sync:2 needs to follow the child's executions and the managed events rule
    expect(parent.flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['states:DescribeExecution', 'states:StopExecution', 'events:PutRule']),
    );

    const child = statementsOfRole(s.json, 'WorkflowsFixtureChildRole');
    expect(child.flatMap(actionsOf)).not.toContain('lambda:InvokeFunction');
    expect(child.filter((st) => actionsOf(st).includes('dynamodb:GetItem')).flatMap(actionsOf)).toEqual([
      'dynamodb:GetItem',
    ]);
  });
});

describe('handler code pinned per state machine version', () => {
  const machineIn = (t: Synthesized, name: string): CfnResource => {
    const found = resourcesOfType(t.json, 'AWS::StepFunctions::StateMachine').find(
      ([, r]) => r.Properties?.StateMachineName === `resettle-dev-${name}`,
    );
    if (!found) throw new Error(`no state machine ${name}`);
    return found[1];
  };
  const invokeGrants = (t: Synthesized, workflow: string) =>
    statementsOfRole(t.json, `Workflows${workflow}Role`)
      .filter((st) => actionsOf(st).includes('lambda:InvokeFunction'))
      .flatMap(resourcesOf)
      .map(flat);

  it('names only published function versions in the definitions, each of which the machine’s role may invoke', () => {
    for (const workflow of FIXTURE_WORKFLOWS) {
      const pinned = pinnedFunctions(s.json, machineIn(s, workflow.name));
      const substitutions = prop<Record<string, unknown>>(
        machineIn(s, workflow.name),
        'DefinitionSubstitutions',
      );
      const functionKeys = Object.keys(substitutions).filter((k) => k.endsWith('FunctionArn'));
      expect(pinned.map((p) => p.key).sort(), workflow.name).toEqual(functionKeys.sort());
      // a version ARN is `<function ARN>:<n>`, which `<function ARN>:*` matches
      expect(invokeGrants(s, workflow.name).sort(), workflow.name).toEqual(
        pinned.map((p) => `<${p.functionId}.Arn>:*`).sort(),
      );
    }
    expect(pinnedFunctions(s.json, machineIn(s, 'FixtureParent'))).toEqual([
      {
        key: 'FixtureTaskFunctionArn',
        versionId: versionIdOf('fixtureTask'),
        functionId: functionIdOf('fixtureTask'),
      },
    ]);
  });

  it('acknowledges the per-function version wildcard on the machine’s role, with the reason', () => {
    const ack = acknowledgements(s.app).find(
      (a) =>
        a.path === 'Resettle-dev/Workflows/FixtureParent/Role' &&
        a.rule === `AwsSolutions-IAM5[Resource::<${functionIdOf('fixtureTask')}.Arn>:*]`,
    );
    expect(ack?.reason).toMatch(/shared by every version of the machine/);
  });

  describe('after a deploy that changes one handler’s code', () => {
    let changed: Synthesized;
    beforeAll(() => {
      // fixtureTask ships other code (the API fixture's bundle), everything else as before
      const handlers = FIXTURE_HANDLERS.map((h) =>
        h.name === 'fixtureTask' ? { ...h, entry: 'tests/infra/fixtures/handlers/api.ts' } : h,
      );
      changed = synth({ stage: 'dev', handlers, workflows: FIXTURE_WORKFLOWS });
    });

    it('publishes a new version of that function, named by a new definition of the machine that invokes it', () => {
      const [before] = pinnedFunctions(s.json, machineIn(s, 'FixtureParent'));
      const [after] = pinnedFunctions(changed.json, machineIn(changed, 'FixtureParent'));
      expect(after?.functionId).toBe(before?.functionId);
      expect(after?.versionId).not.toBe(before?.versionId);
      // the previous version leaves the template; its DeletionPolicy (Retain) keeps it for running executions
      expect(changed.json.Resources[before?.versionId ?? '']).toBeUndefined();
      expect(s.json.Resources[before?.versionId ?? '']?.DeletionPolicy).toBe('Retain');
      // a changed definition is a new revision, which the retained StateMachineVersion publishes as a new version
      expect(prop(machineIn(changed, 'FixtureParent'), 'DefinitionSubstitutions')).not.toEqual(
        prop(machineIn(s, 'FixtureParent'), 'DefinitionSubstitutions'),
      );
    });

    it('leaves the versions of unchanged handlers, and definitions that name none of the changed ones, as they were', () => {
      for (const unchanged of ['releaseTrigger', 'fixtureStarter', 'staffApi']) {
        expect(versionIdOf(unchanged, changed), unchanged).toBe(versionIdOf(unchanged));
      }
      expect(versionIdOf('fixtureTask', changed)).not.toBe(versionIdOf('fixtureTask'));
      expect(machineIn(changed, 'FixtureChild').Properties).toEqual(machineIn(s, 'FixtureChild').Properties);
    });

    it('keeps the role’s grant unchanged, so executions on the previous version can still invoke theirs', () => {
      expect(invokeGrants(changed, 'FixtureParent')).toEqual(invokeGrants(s, 'FixtureParent'));
    });
  });
});

describe('least-privilege grants from the manifest flags', () => {
  it('allows no `*` action anywhere, and `*` resources only for X-Ray and log delivery', () => {
    const statements = iamStatements(s.json);
    expect(statements.length).toBeGreaterThan(10);
    for (const st of statements) {
      for (const action of actionsOf(st)) expect(action, `${st.policy}`).not.toContain('*');
      if (resourcesOf(st).includes('*')) {
        for (const action of actionsOf(st)) expect(action).toMatch(/^(xray|logs):/);
      }
    }
  });

  it('never allows a Scan, and gives table access only to handlers that declare it', () => {
    expect(iamStatements(s.json).flatMap(actionsOf)).not.toContain('dynamodb:Scan');
    expect(allActionsOfRole('FunctionsfixtureStarterRole').filter((a) => a.startsWith('dynamodb:'))).toEqual(
      [],
    );
    expect(allActionsOfRole('FunctionsreleaseTriggerRole')).toContain('dynamodb:GetItem');
    expect(allActionsOfRole('FunctionsreleaseTriggerRole')).not.toContain('dynamodb:PutItem');
    const write = statementsOfRole(s.json, 'FunctionsfixtureTaskRole').find((st) =>
      actionsOf(st).includes('dynamodb:PutItem'),
    );
    expect(resourcesOf(write as never).map(flat)).toEqual([
      expect.stringMatching(/^<DataTable.*\.Arn>$/),
      expect.stringMatching(/\/index\/GSI1$/),
      expect.stringMatching(/\/index\/GSI2$/),
    ]);
  });

  it('sendsEmail → ses:SendEmail on the identity and configuration set; sendsSms → the origination identity', () => {
    const task = statementsOfRole(s.json, 'FunctionsfixtureTaskRole');
    const email = task.find((st) => actionsOf(st).includes('ses:SendEmail'));
    expect(resourcesOf(email as never).map(flat)).toEqual([
      expect.stringMatching(/:ses:eu-west-2:<AWS::AccountId>:identity\/dev\.resettle\.example\.org$/),
      expect.stringMatching(/:configuration-set\/<NotificationsConfigurationSet.*>$/),
    ]);
    const sms = task.find((st) => actionsOf(st).includes('sms-voice:SendTextMessage'));
    expect(resourcesOf(sms as never).map(flat)).toEqual([expect.stringMatching(/:pool\/resettle-dev$/)]);
    expect(allActionsOfRole('FunctionsreleaseTriggerRole')).not.toContain('ses:SendEmail');
  });

  it('managesExecutions, completesTasks, managesSchedules and readsLinkKey grant only their actions', () => {
    const starter = statementsOfRole(s.json, 'FunctionsfixtureStarterRole');
    const start = starter.find((st) => actionsOf(st).includes('states:StartExecution'));
    expect(resourcesOf(start as never).map(flat)).toEqual([
      expect.stringMatching(/:stateMachine:resettle-dev-FixtureParent:live$/),
      expect.stringMatching(/:stateMachine:resettle-dev-FixtureChild:live$/),
    ]);
    const schedules = starter.find((st) => actionsOf(st).includes('scheduler:CreateSchedule'));
    expect(resourcesOf(schedules as never).map(flat)).toEqual([
      expect.stringMatching(/:scheduler:eu-west-2:<AWS::AccountId>:schedule\/resettle-dev\/\*$/),
    ]);
    const pass = starter.find((st) => actionsOf(st).includes('iam:PassRole'));
    expect(pass?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    expect(resourcesOf(pass as never).map(flat)).toEqual([
      expect.stringMatching(/^<SchedulingRole.*\.Arn>$/),
    ]);

    expect(allActionsOfRole('FunctionsreleaseTriggerRole')).toEqual(
      expect.arrayContaining([
        'states:SendTaskSuccess',
        'states:SendTaskFailure',
        'states:SendTaskHeartbeat',
      ]),
    );
    expect(allActionsOfRole('FunctionsreleaseTriggerRole')).not.toContain('states:StartExecution');
    expect(allActionsOfRole('FunctionsstaffApiRole')).toContain('secretsmanager:GetSecretValue');
    expect(allActionsOfRole('FunctionsfixtureTaskRole')).not.toContain('secretsmanager:GetSecretValue');
  });
});

describe('scheduling', () => {
  it('has a schedule group and a role trusted by scheduler.amazonaws.com for this account only', () => {
    s.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'resettle-dev' });
    s.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
  });

  it('lets schedules invoke only the release trigger alias and start only the workflow aliases', () => {
    const statements = statementsOfRole(s.json, 'SchedulingRole');
    expect(statements.map((st) => [actionsOf(st), resourcesOf(st).map(flat)])).toEqual([
      [['lambda:InvokeFunction'], [expect.stringMatching(/:function:resettle-dev-releaseTrigger:live$/)]],
      [
        ['states:StartExecution'],
        [
          expect.stringMatching(/:stateMachine:resettle-dev-FixtureParent:live$/),
          expect.stringMatching(/:stateMachine:resettle-dev-FixtureChild:live$/),
        ],
      ],
    ]);
  });
});

describe('notifications', () => {
  it('verifies the sender domain and sends through a configuration set that reports bounces and complaints', () => {
    s.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: dev.sesIdentityDomain });
    s.template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'resettle-dev',
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
    s.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        CloudWatchDestination: Match.anyValue(),
      }),
    });
  });
});

describe('staff API', () => {
  it('routes each declared route to the handler’s live alias, JWT-authorized except the signed-link routes', () => {
    const routes = resourcesOfType(s.json, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties ?? {});
    const byKey = Object.fromEntries(routes.map((r) => [r.RouteKey as string, r]));
    expect(Object.keys(byKey).sort()).toEqual([
      'GET /links/{token}',
      'GET /tasks/{taskId}',
      'POST /cases',
      'POST /links/{token}',
    ]);
    expect(byKey['POST /cases']?.AuthorizationType).toBe('JWT');
    expect(byKey['GET /tasks/{taskId}']?.AuthorizationType).toBe('JWT');
    expect(byKey['GET /links/{token}']?.AuthorizationType).toBe('NONE');
    expect(byKey['POST /links/{token}']?.AuthorizationType).toBe('NONE');
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { Ref: aliasIdOf('staffApi') },
    });
  });

  it('authorizes with a JWT authorizer on the Cognito user pool and its client', () => {
    const [[, authorizer]] = resourcesOfType(s.json, 'AWS::ApiGatewayV2::Authorizer') as [
      [string, CfnResource],
    ];
    expect(authorizer.Properties?.AuthorizerType).toBe('JWT');
    const jwt = authorizer.Properties?.JwtConfiguration as { Issuer: unknown; Audience: unknown[] };
    expect(flat(jwt.Issuer)).toMatch(/^https:\/\/cognito-idp\.eu-west-2\.amazonaws\.com\/<StaffApiUserPool/);
    expect(flat(jwt.Audience)).toMatch(/^<StaffApiUserPoolStaffPortal/);
  });

  it('throttles the stage and writes access logs without bodies or link tokens', () => {
    const [[, stage]] = resourcesOfType(s.json, 'AWS::ApiGatewayV2::Stage') as [[string, CfnResource]];
    expect(stage.Properties?.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: dev.apiThrottle.rateLimit,
      ThrottlingBurstLimit: dev.apiThrottle.burstLimit,
    });
    const logs = stage.Properties?.AccessLogSettings as { DestinationArn: unknown; Format: string };
    expect(flat(logs.DestinationArn)).toMatch(/^<StaffApiAccessLogs/);
    const fields = Object.values(JSON.parse(logs.Format) as Record<string, string>);
    expect(fields).toContain('$context.requestId');
    expect(fields).toContain('$context.routeKey');
    expect(fields.filter((f) => /body|\$context\.path|requestOverride/i.test(f))).toEqual([]);
  });

  it('has a user pool without self sign-up, a strong password policy, MFA and the Plus tier', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: 'OPTIONAL',
      UserPoolTier: 'PLUS',
    });
  });

  it('keeps the link-signing key as a generated secret encrypted with the project key', () => {
    s.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'resettle-dev/link-signing-key',
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
    });
  });
});

describe('observability', () => {
  const alarmsFor = (pattern: RegExp) =>
    resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
      pattern.test(String(a.Properties?.AlarmName)),
    );

  it('alarms on failed, timed-out and aborted executions per state machine', () => {
    for (const workflow of FIXTURE_WORKFLOWS) {
      const alarms = alarmsFor(new RegExp(`^resettle-dev-${workflow.name}-`));
      expect(alarms.map(([, a]) => a.Properties?.MetricName).sort()).toEqual([
        'ExecutionsAborted',
        'ExecutionsFailed',
        'ExecutionsTimedOut',
      ]);
    }
  });

  it('alarms on errors and throttles per function, SES bounce and complaint rates, and API 5xx', () => {
    for (const handler of FIXTURE_HANDLERS) {
      expect(
        alarmsFor(new RegExp(`^resettle-dev-${handler.name}-`)).map(([, a]) => a.Properties?.MetricName),
      ).toEqual(['Errors', 'Throttles']);
    }
    const [[, bounce]] = alarmsFor(/ses-bounce-rate$/) as [[string, CfnResource]];
    expect(bounce.Properties).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: BOUNCE_RATE_THRESHOLD,
      Dimensions: [
        {
          Name: 'ses:configuration-set',
          Value: { Ref: expect.stringMatching(/^NotificationsConfigurationSet/) },
        },
      ],
    });
    expect(alarmsFor(/ses-complaint-rate$/)).toHaveLength(1);
    expect(alarmsFor(/api-5xx$/)).toHaveLength(1);
  });

  it('sends every alarm to an SNS topic encrypted with the project key that refuses plain HTTP', () => {
    const [[topicId, topic]] = resourcesOfType(s.json, 'AWS::SNS::Topic') as [[string, CfnResource]];
    expect(flat(topic.Properties?.KmsMasterKeyId)).toMatch(/^<DataKey/);
    for (const [, alarm] of resourcesOfType(s.json, 'AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties?.AlarmActions).toEqual([{ Ref: topicId }]);
    }
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: dev.alarmEmail,
    });
  });

  it('has one dashboard', () => {
    s.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning', () => {
    expect(nagFindings(s.app)).toEqual([]);
  });

  it('acknowledges only real findings, each on the construct that causes it, with a specific reason', () => {
    const raw = rawNagFindings(s.app);
    const acks = acknowledgements(s.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.rule} at ${ack.path}`).toBeGreaterThan(60);
      const answered = raw.some(
        (f) => f.rule === ack.rule && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)),
      );
      expect(answered, `stale acknowledgement ${ack.rule} at ${ack.path}`).toBe(true);
    }
  });
});
