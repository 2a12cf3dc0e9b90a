/** The workflows port's four Step Functions operations (`SfnApi`) through the SDK client. */
import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { SfnApi } from './workflows.ts';

export function sfnApiFromClient(client: SFNClient = new SFNClient({})): SfnApi {
  return {
    startExecution: (input) => client.send(new StartExecutionCommand(input)),
    stopExecution: (input) => client.send(new StopExecutionCommand(input)),
    sendTaskSuccess: (input) => client.send(new SendTaskSuccessCommand(input)),
    sendTaskFailure: (input) => client.send(new SendTaskFailureCommand(input)),
  };
}
