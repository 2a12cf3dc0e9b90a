/**
 * The `${Substitutions}` of the workflow definitions, made locally with the same keys as CDK (infra/constructs/workflows.ts):
 * a handler's `substitution` becomes its function's `live` ARN (the cloud substitutes a published version, to pin
 * handler code per state machine version; locally there is one code version), a workflow's `substitution` its state
 * machine's `live` ARN, `${TableName}` the table's name. A key that nothing declares is an error, as it is at synth time.
 */
import type { HandlerSpec, WorkflowSpec } from '#functions/manifest.ts';
import { functionArn, LIVE } from './lambda-runner.ts';
import { ACCOUNT_ID, REGION } from './wire.ts';

export const TABLE_NAME_SUBSTITUTION = 'TableName';
export const STATE_MACHINE_PREFIX = 'resettle-local-';

const SUBSTITUTION = /\$\{([A-Za-z0-9_]+)\}/g;

export const stateMachineName = (workflowName: string) => `${STATE_MACHINE_PREFIX}${workflowName}`;
export const stateMachineArn = (workflowName: string, qualifier?: string) =>
  `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${stateMachineName(workflowName)}${qualifier ? `:${qualifier}` : ''}`;

/** `StaffTask` → `STAFF_TASK` (infra/naming.ts), for the `<NAME>_STATE_MACHINE_ARN` variables. */
export function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** Every key the manifest declares and its local value. */
export function substitutionValues(
  handlers: readonly HandlerSpec[],
  workflows: readonly WorkflowSpec[],
  tableName: string,
): Map<string, string> {
  const values = new Map<string, string>([[TABLE_NAME_SUBSTITUTION, tableName]]);
  const declare = (key: string, value: string) => {
    if (values.has(key)) throw new Error(`Substitution key "${key}" is declared twice in the manifest`);
    values.set(key, value);
  };
  for (const handler of handlers)
    if (handler.substitution) declare(handler.substitution, functionArn(handler.name, LIVE));
  for (const workflow of workflows) declare(workflow.substitution, stateMachineArn(workflow.name, LIVE));
  return values;
}

/** The definition text with every `${Key}` replaced; throws naming the file and the first undeclared key. */
export function substitute(
  definition: string,
  values: ReadonlyMap<string, string>,
  file = 'definition',
): string {
  return definition.replace(SUBSTITUTION, (_, key: string) => {
    const value = values.get(key);
    if (value === undefined)
      throw new Error(
        `${file} uses \${${key}}, which no handler or workflow of the manifest declares as its substitution`,
      );
    return value;
  });
}
