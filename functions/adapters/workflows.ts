/**
 * The workflows port: start a phase or task-ladder execution under its deterministic name, stop executions, and
 * complete a callback task by its token. One adapter (`SfnWorkflows`) speaks the Step Functions API through any
 * object with its four operations: the SDK client (`sfnApiFromClient`, in sfn-client.ts so that users of the local
 * engine never load the SDK) or the local engine in process.
 *
 * - StartExecution with a name that exists is "already done": Step Functions answers a running execution with the
 *   same input idempotently and anything else with ExecutionAlreadyExists, which we report as `started: false`.
 * - SendTaskSuccess/Failure on a token whose wait has ended (TaskDoesNotExist, TaskTimedOut, InvalidToken) is
 *   reported, not thrown: the ladder reads the task's status at its next step, so nothing is lost.
 */
import type {
  SendTaskFailureCommandInput,
  SendTaskSuccessCommandInput,
  StartExecutionCommandInput,
  StopExecutionCommandInput,
} from '@aws-sdk/client-sfn';

/** The four Step Functions operations the port needs, in the SDK's shapes (the local Engine has them as is). */
export interface SfnApi {
  startExecution(input: StartExecutionCommandInput): Promise<{ executionArn?: string }>;
  stopExecution(input: StopExecutionCommandInput): Promise<unknown>;
  sendTaskSuccess(input: SendTaskSuccessCommandInput): Promise<unknown>;
  sendTaskFailure(input: SendTaskFailureCommandInput): Promise<unknown>;
}

export interface StartRequest {
  /** the state machine (alias) ARN */
  readonly stateMachineArn: string;
  /** deterministic: `<caseId>-<phase>-<n>` or a task id */
  readonly name: string;
  readonly input: unknown;
}

export type TokenDelivery = 'DELIVERED' | 'TASK_DOES_NOT_EXIST' | 'TASK_TIMED_OUT';

export interface Workflows {
  start(request: StartRequest): Promise<{ executionArn: string; started: boolean }>;
  /** 'NOT_RUNNING' when it had already ended or never existed */
  stop(executionArn: string, error: string, cause: string): Promise<'STOPPED' | 'NOT_RUNNING'>;
  sendTaskSuccess(taskToken: string, output: unknown): Promise<TokenDelivery>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<TokenDelivery>;
}

/** The ARN an execution of `name` has: `arn:…:execution:<machine>:<name>` (alias or version qualifier dropped). */
export function executionArnFor(stateMachineArn: string, name: string): string {
  const parts = stateMachineArn.split(':');
  if (parts.length < 7 || parts[5] !== 'stateMachine') throw new Error('not a state machine ARN');
  return [...parts.slice(0, 5), 'execution', parts[6], name].join(':');
}

const errorName = (error: unknown) => (error as { name?: string } | undefined)?.name ?? '';

function tokenProblem(error: unknown): TokenDelivery | undefined {
  const name = errorName(error);
  if (name === 'TaskTimedOut') return 'TASK_TIMED_OUT';
  if (name === 'TaskDoesNotExist' || name === 'InvalidToken') return 'TASK_DOES_NOT_EXIST';
  return undefined;
}

export class SfnWorkflows implements Workflows {
  constructor(private readonly api: SfnApi) {}

  async start(request: StartRequest): Promise<{ executionArn: string; started: boolean }> {
    try {
      const out = await this.api.startExecution({
        stateMachineArn: request.stateMachineArn,
        name: request.name,
        input: JSON.stringify(request.input),
      });
      return {
        executionArn: out.executionArn ?? executionArnFor(request.stateMachineArn, request.name),
        started: true,
      };
    } catch (error) {
      if (errorName(error) !== 'ExecutionAlreadyExists') throw error;
      return { executionArn: executionArnFor(request.stateMachineArn, request.name), started: false };
    }
  }

  async stop(executionArn: string, error: string, cause: string): Promise<'STOPPED' | 'NOT_RUNNING'> {
    try {
      await this.api.stopExecution({ executionArn, error, cause });
      return 'STOPPED';
    } catch (e) {
      if (errorName(e) === 'ExecutionDoesNotExist' || errorName(e) === 'ExecutionNotRunning')
        return 'NOT_RUNNING';
      throw e;
    }
  }

  async sendTaskSuccess(taskToken: string, output: unknown): Promise<TokenDelivery> {
    try {
      await this.api.sendTaskSuccess({ taskToken, output: JSON.stringify(output ?? {}) });
      return 'DELIVERED';
    } catch (error) {
      const problem = tokenProblem(error);
      if (problem) return problem;
      throw error;
    }
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<TokenDelivery> {
    try {
      await this.api.sendTaskFailure({ taskToken, error, cause });
      return 'DELIVERED';
    } catch (e) {
      const problem = tokenProblem(e);
      if (problem) return problem;
      throw e;
    }
  }
}

/** Records every call and answers as Step Functions would for unknown tokens (unit tests). */
export class RecordingWorkflows implements Workflows {
  readonly started: StartRequest[] = [];
  readonly stopped: { executionArn: string; error: string }[] = [];
  readonly tokens: { taskToken: string; ok: boolean; output?: unknown; error?: string; cause?: string }[] =
    [];
  /** tokens that are live; a delivery to another answers TASK_DOES_NOT_EXIST */
  readonly liveTokens = new Set<string>();
  private readonly names = new Set<string>();

  async start(request: StartRequest): Promise<{ executionArn: string; started: boolean }> {
    const executionArn = executionArnFor(request.stateMachineArn, request.name);
    if (this.names.has(executionArn)) return { executionArn, started: false };
    this.names.add(executionArn);
    this.started.push(request);
    return { executionArn, started: true };
  }

  async stop(executionArn: string, error: string): Promise<'STOPPED' | 'NOT_RUNNING'> {
    this.stopped.push({ executionArn, error });
    return this.names.has(executionArn) ? 'STOPPED' : 'NOT_RUNNING';
  }

  async sendTaskSuccess(taskToken: string, output: unknown): Promise<TokenDelivery> {
    if (!this.liveTokens.delete(taskToken)) return 'TASK_DOES_NOT_EXIST';
    this.tokens.push({ taskToken, ok: true, output });
    return 'DELIVERED';
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<TokenDelivery> {
    if (!this.liveTokens.delete(taskToken)) return 'TASK_DOES_NOT_EXIST';
    this.tokens.push({ taskToken, ok: false, error, cause });
    return 'DELIVERED';
  }
}
