import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS, WORKFLOWS } from '#functions/manifest.ts';
import {
  actionsOf,
  type CfnResource,
  flat,
  iamStatements,
  nagFindings,
  pinnedFunctions,
  prop,
  removeAssemblies,
  resourcesOf,
  resourcesOfType,
  type Synthesized,
  statementsOfRole,
  synth,
} from './support.ts';

// One synth for the whole file: the real app (infra/app.ts) from the real manifest, dev stage.
// As handlers and workflows land in functions/manifest.ts, these tests cover them.
// Constructing it bundles every handler (about a minute on a busy two-core machine), hence the longer hook timeout.
let s: Synthesized;
beforeAll(() => {
  s = synth({ stage: 'dev' });
}, 240_000);
afterAll(removeAssemblies);

const functions = () => resourcesOfType(s.json, 'AWS::Lambda::Function');
const machines = () => resourcesOfType(s.json, 'AWS::StepFunctions::StateMachine');
const byName = (list: [string, CfnResource][], key: string, name: string) =>
  list.find(([, r]) => r.Properties?.[key] === name);

describe('the real app (infra/app.ts) from the manifest', () => {
  it('is the Resettle-dev stack', () => {
    expect(s.stack.stackName).toBe('Resettle-dev');
  });

  it('turns every manifest handler into exactly one house function with a live alias', () => {
    expect(functions()).toHaveLength(HANDLERS.length);
    for (const handler of HANDLERS) {
      const found = byName(functions(), 'FunctionName', `resettle-dev-${handler.name}`);
      expect(found, handler.name).toBeDefined();
      const props = found?.[1].Properties ?? {};
      expect(props.Runtime).toBe('nodejs24.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      expect((props.Environment as { Variables: Record<string, unknown> }).Variables.NODE_OPTIONS).toBe(
        '--enable-source-maps',
      );
      const alias = resourcesOfType(s.json, 'AWS::Lambda::Alias').find(
        ([, a]) => flat(a.Properties?.FunctionName) === `<${found?.[0]}>`,
      );
      expect(alias?.[1].Properties?.Name).toBe('live');
    }
  });

  it("gives every handler the schedule targets' ARNs, and lets the scheduler role invoke exactly those", () => {
    const targets = HANDLERS.filter((h) => h.scheduleTarget).map((h) => h.name);
    expect(targets).toEqual(expect.arrayContaining(['journeyStart', 'releaseTrigger']));
    for (const [, fn] of functions()) {
      const environment = fn.Properties?.Environment as { Variables: Record<string, unknown> } | undefined;
      const variables = environment?.Variables ?? {};
      expect(flat(variables.JOURNEY_START_FUNCTION_ARN)).toContain('resettle-dev-journeyStart:live');
      expect(flat(variables.RELEASE_TRIGGER_FUNCTION_ARN)).toContain('resettle-dev-releaseTrigger:live');
    }
    const invoke = iamStatements(s.json).filter((st) => st.Sid === 'InvokeScheduleTargets');
    expect(invoke).toHaveLength(1);
    const resources = flat(invoke[0]?.Resource);
    for (const target of targets) expect(resources).toContain(`resettle-dev-${target}:live`);
  });

  it('turns every manifest workflow into a logged, traced Standard machine behind a live alias', () => {
    expect(machines()).toHaveLength(WORKFLOWS.length);
    expect(resourcesOfType(s.json, 'AWS::StepFunctions::StateMachineAlias')).toHaveLength(WORKFLOWS.length);
    for (const workflow of WORKFLOWS) {
      const found = byName(machines(), 'StateMachineName', `resettle-dev-${workflow.name}`);
      expect(found, workflow.name).toBeDefined();
      expect(found?.[1].Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { IncludeExecutionData: false },
      });
    }
  });

  it('pins every function a workflow invokes to its published version, which the workflow’s role may invoke', () => {
    const functionIds = new Map(functions().map(([id, r]) => [id, String(r.Properties?.FunctionName)]));
    for (const workflow of WORKFLOWS) {
      const found = byName(machines(), 'StateMachineName', `resettle-dev-${workflow.name}`);
      const [machineId, machine] = found ?? [];
      const substitutions = prop<Record<string, unknown>>(machine, 'DefinitionSubstitutions');
      const handlerKeys = HANDLERS.flatMap((h) => (h.substitution ? [h.substitution] : []));
      const used = Object.keys(substitutions).filter((k) => handlerKeys.includes(k));
      expect(used.length, workflow.name).toBeGreaterThan(0);
      const pinned = pinnedFunctions(s.json, machine as CfnResource);
      expect(pinned.map((p) => p.key).sort(), workflow.name).toEqual(used.sort());
      for (const p of pinned) {
        const handler = HANDLERS.find((h) => h.substitution === p.key);
        expect(functionIds.get(p.functionId), p.key).toBe(`resettle-dev-${handler?.name}`);
      }
      const role = flat(machine?.Properties?.RoleArn).replace(/^<(.*)\.Arn>$/, '$1');
      expect(role, String(machineId)).not.toBe('');
      const granted = statementsOfRole(s.json, role)
        .filter((st) => actionsOf(st).includes('lambda:InvokeFunction'))
        .flatMap(resourcesOf)
        .map(flat);
      expect(granted.sort(), workflow.name).toEqual(pinned.map((p) => `<${p.functionId}.Arn>:*`).sort());
    }
  });

  it('serves every API handler from the staff API', () => {
    const api = HANDLERS.filter((h) => h.api);
    const routes = resourcesOfType(s.json, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties?.RouteKey);
    const expected = api.flatMap((h) => (h.routes && h.routes.length > 0 ? h.routes : ['ANY /{proxy+}']));
    expect([...routes].sort()).toEqual([...expected].sort());
  });

  it('has the shared pieces whatever the manifest holds', () => {
    for (const type of [
      'AWS::DynamoDB::GlobalTable',
      'AWS::KMS::Key',
      'AWS::Scheduler::ScheduleGroup',
      'AWS::SES::ConfigurationSet',
      'AWS::Cognito::UserPool',
      'AWS::ApiGatewayV2::Api',
      'AWS::SNS::Topic',
      'AWS::CloudWatch::Dashboard',
    ]) {
      expect(resourcesOfType(s.json, type), type).toHaveLength(1);
    }
  });

  it('allows no `*` action and is cdk-nag clean', () => {
    for (const st of iamStatements(s.json)) for (const a of actionsOf(st)) expect(a).not.toContain('*');
    expect(nagFindings(s.app)).toEqual([]);
  });
});
