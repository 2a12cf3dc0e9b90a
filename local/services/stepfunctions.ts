/**
 * Step Functions on the local endpoint: AWS JSON 1.0 (`X-Amz-Target: AWSStepFunctions.<Operation>`), answered by the
 * local ASL engine. Request members are the SDK's input shapes as they are; outputs go back with timestamps as
 * epoch seconds; engine API errors (`EngineApiError`, whose name is the AWS code) become HTTP 400 `{ __type, message }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Engine, EngineApiError } from '#engine/index.ts';
import { AwsError, parseJsonBody, readBody, sendError, sendJson } from '../wire.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The operations served, by wire name, and the engine method each calls. */
export const STEP_FUNCTIONS_OPERATIONS = {
  CreateStateMachine: 'createStateMachine',
  UpdateStateMachine: 'updateStateMachine',
  DescribeStateMachine: 'describeStateMachine',
  DescribeStateMachineForExecution: 'describeStateMachineForExecution',
  ListStateMachines: 'listStateMachines',
  DeleteStateMachine: 'deleteStateMachine',
  StartExecution: 'startExecution',
  DescribeExecution: 'describeExecution',
  ListExecutions: 'listExecutions',
  GetExecutionHistory: 'getExecutionHistory',
  StopExecution: 'stopExecution',
  RedriveExecution: 'redriveExecution',
  SendTaskSuccess: 'sendTaskSuccess',
  SendTaskFailure: 'sendTaskFailure',
  SendTaskHeartbeat: 'sendTaskHeartbeat',
} as const satisfies Record<string, keyof Engine>;

type Operation = keyof typeof STEP_FUNCTIONS_OPERATIONS;

/** Engine errors that are the caller's fault are 400s (as on AWS); anything else is a 500 InternalFailure. */
function toAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  if (error instanceof EngineApiError)
    return new AwsError(error.name, error.message, error.name === 'ServiceUnavailable' ? 503 : 400);
  return new AwsError('InternalFailure', (error as Error)?.message ?? String(error), 500);
}

export function stepFunctionsService(engine: Engine) {
  return async (req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> => {
    try {
      if (req.method !== 'POST') throw new AwsError('UnknownOperationException', 'Use POST', 404);
      if (!Object.hasOwn(STEP_FUNCTIONS_OPERATIONS, operation))
        throw new AwsError(
          'UnknownOperationException',
          `The local endpoint does not serve AWSStepFunctions.${operation}`,
        );
      const input = parseJsonBody(await readBody(req));
      const method = STEP_FUNCTIONS_OPERATIONS[operation as Operation];
      const call = engine[method] as (input: unknown) => Promise<unknown>;
      const output = await call.call(engine, input);
      sendJson(res, 200, output ?? {}, CONTENT_TYPE);
    } catch (error) {
      sendError(res, toAwsError(error), CONTENT_TYPE);
    }
  };
}
