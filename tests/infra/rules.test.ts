import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { HandlerSpec, WorkflowSpec } from '#functions/manifest.ts';
import { STAGES, stageConfig } from '#infra/config.ts';
import { parseRoute } from '#infra/constructs/staff-api.ts';
import { readDefinition } from '#infra/constructs/workflows.ts';
import { stateMachineArnVariable, upperSnake } from '#infra/naming.ts';
import { REPOSITORY_ROOT, ResettleStack } from '#infra/stack.ts';
import { FIXTURE_HANDLERS, FIXTURE_WORKFLOWS } from './fixtures/manifest.ts';
import { assemblyDir, removeAssemblies } from './support.ts';

// No synth here: stacks are only constructed, with bundling skipped, to check the manifest rules fail fast.
const construct = (
  handlers: readonly HandlerSpec[],
  workflows: readonly WorkflowSpec[],
  rootDir = REPOSITORY_ROOT,
) => {
  // An App makes its assembly directory when constructed, even if it is never synthesized.
  const app = new App({ outdir: assemblyDir(), context: { 'aws:cdk:bundling-stacks': [] } });
  return new ResettleStack(app, 'Test', { config: STAGES.dev, handlers, workflows, rootDir });
};
afterAll(removeAssemblies);

describe('stage selection', () => {
  it('defaults to dev, takes prod, and refuses anything else', () => {
    expect(stageConfig(undefined).stage).toBe('dev');
    expect(stageConfig('prod').stage).toBe('prod');
    expect(() => stageConfig('staging')).toThrow(/Unknown stage "staging"/);
  });

  it('uses log retentions CloudWatch accepts and sends email from the verified domain', () => {
    const allowed = [
      1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ];
    for (const config of Object.values(STAGES)) {
      expect(allowed).toContain(config.logRetentionDays);
      expect(config.emailFrom.endsWith(`@${config.sesIdentityDomain}`)).toBe(true);
    }
  });
});

describe('names', () => {
  it('derives the state machine ARN variable from the workflow name', () => {
    expect(upperSnake('Custody')).toBe('CUSTODY');
    expect(stateMachineArnVariable('StaffTask')).toBe('STAFF_TASK_STATE_MACHINE_ARN');
    expect(stateMachineArnVariable('Community')).toBe('COMMUNITY_STATE_MACHINE_ARN');
  });

  it('parses route keys and refuses malformed ones', () => {
    expect(parseRoute('POST /cases')).toEqual({ method: 'POST', path: '/cases' });
    expect(parseRoute('GET /links/{token}')).toEqual({ method: 'GET', path: '/links/{token}' });
    expect(() => parseRoute('/cases')).toThrow(/is not "METHOD \/path"/);
  });
});

describe('workflow definitions', () => {
  it('reads substitution keys and service integrations from a definition', () => {
    const { usage } = readDefinition(path.join(REPOSITORY_ROOT, 'tests/infra/fixtures/parent.asl.json'));
    expect([...usage.substitutions].sort()).toEqual([
      'FixtureChildStateMachineArn',
      'FixtureTaskFunctionArn',
    ]);
    expect([...usage.integrations].sort()).toEqual([
      'lambda:invoke',
      'lambda:invoke.waitForTaskToken',
      'states:startExecution.sync:2',
    ]);
  });

  it('refuses an integration it does not know how to grant, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'resettle-asl-'));
    try {
      const file = path.join(dir, 'sdk.asl.json');
      writeFileSync(
        file,
        JSON.stringify({
          StartAt: 'A',
          States: { A: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', End: true } },
        }),
      );
      expect(() => readDefinition(file)).toThrow(/aws-sdk:s3:getObject/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a definition that uses a substitution nobody declares', () => {
    const handlers = FIXTURE_HANDLERS.filter((h) => h.name !== 'fixtureTask');
    expect(() => construct(handlers, FIXTURE_WORKFLOWS)).toThrow(
      /parent\.asl\.json uses \$\{FixtureTaskFunctionArn\}, which no handler or workflow/,
    );
  });
});

describe('manifest rules', () => {
  it('refuses a handler declared twice', () => {
    const handler = FIXTURE_HANDLERS[0]!;
    expect(() => construct([handler, handler], [])).toThrow(/declared twice/);
  });

  it('refuses two API handlers without routes, and a route declared twice', () => {
    const api = FIXTURE_HANDLERS.find((h) => h.api)!;
    const a = { ...api, name: 'a', routes: undefined };
    const b = { ...api, name: 'b', routes: undefined };
    expect(() => construct([a, b], [])).toThrow(/declare no routes/);
    expect(() =>
      construct(
        [
          { ...api, name: 'c' },
          { ...api, name: 'd' },
        ],
        [],
      ),
    ).toThrow(/declared by two API handlers/);
  });
});

describe('test assemblies', () => {
  it('go to directories of their own that removeAssemblies deletes, not to cdk.out* in the temp dir', () => {
    const app = construct(FIXTURE_HANDLERS, []).node.root as App;
    expect(path.basename(app.outdir)).toMatch(/^resettle-infra-test-/);
    expect(existsSync(app.outdir)).toBe(true);
    removeAssemblies();
    expect(existsSync(app.outdir)).toBe(false);
  });

  it('are removed by every test file that makes them', () => {
    const dir = path.join(REPOSITORY_ROOT, 'tests/infra');
    const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
    const making = files.filter((f) =>
      /\b(synth|assemblyDir)\(/.test(readFileSync(path.join(dir, f), 'utf8')),
    );
    expect(making.length).toBeGreaterThanOrEqual(4);
    for (const file of making) {
      expect(readFileSync(path.join(dir, file), 'utf8'), file).toContain('afterAll(removeAssemblies)');
    }
  });
});
