/**
 * The project's state machines on the local engine: each manifest workflow's `.asl.json` with the CDK
 * substitutions, created as `resettle-local-<Name>`, or updated when it exists already (a restart with a data
 * directory keeps executions and picks up edited definitions).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Engine, EngineApiError } from '#engine/index.ts';
import type { HandlerSpec, WorkflowSpec } from '#functions/manifest.ts';
import { stateMachineArn, stateMachineName, substitute, substitutionValues } from './substitutions.ts';
import { ACCOUNT_ID } from './wire.ts';

export async function createStateMachines(
  engine: Engine,
  options: {
    workflows: readonly WorkflowSpec[];
    handlers: readonly HandlerSpec[];
    root: string;
    tableName: string;
  },
): Promise<Record<string, string>> {
  const values = substitutionValues(options.handlers, options.workflows, options.tableName);
  const arns: Record<string, string> = {};
  for (const workflow of options.workflows) {
    const definition = substitute(
      readFileSync(join(options.root, workflow.file), 'utf8'),
      values,
      workflow.file,
    );
    const name = stateMachineName(workflow.name);
    const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
    try {
      await engine.createStateMachine({ name, definition, roleArn });
    } catch (error) {
      if (!(error instanceof EngineApiError) || error.name !== 'StateMachineAlreadyExists') {
        throw new Error(`${workflow.file}: ${(error as Error).message}`, { cause: error });
      }
      await engine.updateStateMachine({
        stateMachineArn: stateMachineArn(workflow.name),
        definition,
        roleArn,
      });
    }
    arns[workflow.name] = stateMachineArn(workflow.name);
  }
  return arns;
}
