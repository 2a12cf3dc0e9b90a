import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES } from '#infra/config.ts';
import { FIXTURE_HANDLERS, FIXTURE_WORKFLOWS } from './fixtures/manifest.ts';
import {
  acknowledgements,
  envOf,
  nagFindings,
  prop,
  removeAssemblies,
  resourcesOfType,
  type Synthesized,
  synth,
} from './support.ts';

// One synth for the whole file: the fixture manifest on the prod stage (-c stage=prod).
let s: Synthesized;
beforeAll(() => {
  s = synth({ stage: 'prod', handlers: FIXTURE_HANDLERS, workflows: FIXTURE_WORKFLOWS });
});
afterAll(removeAssemblies);
const prod = STAGES.prod;

describe('prod stage configuration', () => {
  it('names the stack and every resource for the stage, and protects the stack from deletion', () => {
    expect(s.stack.stackName).toBe('Resettle-prod');
    expect(s.stack.terminationProtection).toBe(true);
    const names = resourcesOfType(s.json, 'AWS::StepFunctions::StateMachine').map(
      ([, r]) => r.Properties?.StateMachineName,
    );
    expect(names).toEqual(FIXTURE_WORKFLOWS.map((w) => `resettle-prod-${w.name}`));
  });

  it('retains data and protects the table and user pool from deletion', () => {
    const table = resourcesOfType(s.json, 'AWS::DynamoDB::GlobalTable')[0]?.[1];
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(prop<Record<string, unknown>[]>(table, 'Replicas')[0]?.DeletionProtectionEnabled).toBe(true);
    for (const type of [
      'AWS::KMS::Key',
      'AWS::SecretsManager::Secret',
      'AWS::Cognito::UserPool',
      'AWS::Logs::LogGroup',
    ]) {
      for (const [id, resource] of resourcesOfType(s.json, type))
        expect(resource.DeletionPolicy, id).toBe('Retain');
    }
    s.template.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
  });

  it('requires MFA and keeps logs for the prod retention', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    for (const [, logGroup] of resourcesOfType(s.json, 'AWS::Logs::LogGroup')) {
      expect(logGroup.Properties?.RetentionInDays).toBe(prod.logRetentionDays);
    }
  });

  it('throttles the API at the prod rate and passes no TTL settings while retention is not agreed', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: {
        ThrottlingRateLimit: prod.apiThrottle.rateLimit,
        ThrottlingBurstLimit: prod.apiThrottle.burstLimit,
      },
    });
    for (const [, fn] of resourcesOfType(s.json, 'AWS::Lambda::Function')) {
      const env = envOf(fn);
      expect(env).not.toHaveProperty('OUTBOX_RETENTION_DAYS');
      expect(env.LOG_LEVEL).toBe('INFO');
    }
  });

  it('is cdk-nag clean without the dev-only MFA acknowledgement', () => {
    expect(nagFindings(s.app)).toEqual([]);
    expect(acknowledgements(s.app).map((a) => a.rule)).not.toContain('AwsSolutions-COG2');
  });
});
