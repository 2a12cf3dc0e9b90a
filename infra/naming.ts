import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { HandlerSpec } from '#functions/manifest.ts';
import { resourcePrefix, type StageConfig } from './config.ts';

/**
 * Names and ARNs built from names alone, so that a resource can refer to another (or to itself: a workflow that
 * continues as a new execution) without a CloudFormation dependency, hence without cycles.
 */
export const LIVE = 'live';

/** The handler that EventBridge Scheduler invokes when a release (or another movable deadline) is due. */
export const RELEASE_TRIGGER_HANDLER = 'releaseTrigger';

export const functionName = (config: StageConfig, handlerName: string): string =>
  `${resourcePrefix(config)}-${handlerName}`;

export const stateMachineName = (config: StageConfig, workflowName: string): string =>
  `${resourcePrefix(config)}-${workflowName}`;

export const scheduleGroupName = (config: StageConfig): string => resourcePrefix(config);

/** `arn:…:lambda:<region>:<account>:function:resettle-<stage>-<name>:live` */
export function functionAliasArn(scope: Construct, config: StageConfig, handlerName: string): string {
  return Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: `${functionName(config, handlerName)}:${LIVE}`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** `arn:…:states:<region>:<account>:stateMachine:resettle-<stage>-<Name>` (unqualified) */
export function stateMachineArn(scope: Construct, config: StageConfig, workflowName: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName(config, workflowName),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** `arn:…:states:<region>:<account>:stateMachine:resettle-<stage>-<Name>:live`: what every starter uses */
export function stateMachineAliasArn(scope: Construct, config: StageConfig, workflowName: string): string {
  return `${stateMachineArn(scope, config, workflowName)}:${LIVE}`;
}

/** every execution of the state machine, whichever version or alias started it */
export function executionsArn(scope: Construct, config: StageConfig, workflowName: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${stateMachineName(config, workflowName)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** `StaffTask` → `STAFF_TASK`, for the `<NAME>_STATE_MACHINE_ARN` environment variables */
export function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

export const stateMachineArnVariable = (workflowName: string): string =>
  `${upperSnake(workflowName)}_STATE_MACHINE_ARN`;

/** Handlers that EventBridge Scheduler invokes (journey start, release trigger). */
export const scheduleTargets = (handlers: readonly HandlerSpec[]): string[] =>
  handlers.filter((h) => h.scheduleTarget || h.name === RELEASE_TRIGGER_HANDLER).map((h) => h.name);

/** `journeyStart` → `JOURNEY_START_FUNCTION_ARN`: the variable that carries a schedule target's ARN. */
export const functionArnVariable = (handlerName: string): string => `${upperSnake(handlerName)}_FUNCTION_ARN`;
