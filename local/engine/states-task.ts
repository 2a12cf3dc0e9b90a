import { fieldValue, positiveInteger, resultOutcome, type StepCtx, stateArguments } from './dataflow.ts';
import { EngineApiError, StatesError } from './errors.ts';
import { inputText, outputText } from './execution-text.ts';
import { keptValue } from './history.ts';
import { stateOf } from './machine.ts';
import { fitsPayload, inputTooLarge, resultTooLarge } from './payload.ts';
import { parseResource, type ResourceInfo } from './resources.ts';
import type { Runtime } from './runtime.ts';
import { exitWith } from './states-basic.ts';
import { startFanout } from './states-fanout.ts';
import { makeToken } from './tokens.ts';
import type { ExecutionRecord, Frame, TaskWait } from './types.ts';
import { uuidOf } from './util.ts';

/**
 * Start an attempt of a Task state (on entry and on each retry). Not an async function: most tasks' expressions are
 * worked out at once, and then the attempt starts here and the frame's loop goes on without a turn of the queue.
 */
export function startTask(rt: Runtime, ctx: StepCtx): void | Promise<void> {
  const { exec, frame, state } = ctx;
  const info = parseResource(state.Resource as string)!;
  const attempt = (frame.task?.attempt ?? 0) + 1;
  // every field in the literal (see newFrame)
  const task: TaskWait = {
    attempt,
    kind: info.kind,
    mode: info.mode,
    resourceType: info.resourceType,
    resource: info.resource,
    args: null,
    token: undefined,
    submitted: undefined,
    childArn: undefined,
    timeoutAt: undefined,
    heartbeatAt: undefined,
    heartbeatSeconds: undefined,
  };
  if (info.mode === 'token') {
    exec.tokenSeq++;
    task.token = makeToken(
      { executionArn: exec.executionArn, frameId: frame.id, attempt },
      exec.tokenSeq,
      rt.opts.random,
    );
  }
  frame.task = task;
  const c = task.token ? rt.ctx(exec, frame) : ctx;
  // in order, each awaited only when an expression needs it
  const args = stateArguments(c);
  if (args instanceof Promise) return startTaskAwaiting(rt, c, info, task, args, UNSET, UNSET);
  const timeout = fieldValue(c, 'TimeoutSeconds');
  if (timeout instanceof Promise) return startTaskAwaiting(rt, c, info, task, args, timeout, UNSET);
  const heartbeat = fieldValue(c, 'HeartbeatSeconds');
  if (heartbeat instanceof Promise) return startTaskAwaiting(rt, c, info, task, args, timeout, heartbeat);
  beginAttempt(rt, c, info, task, args, timeout, heartbeat);
}

/** A field of the attempt not worked out yet. */
const UNSET: unique symbol = Symbol('unset');

/** `startTask` once an expression's value is a promise: the rest in the same order, awaiting as needed. */
async function startTaskAwaiting(
  rt: Runtime,
  c: StepCtx,
  info: ResourceInfo,
  task: TaskWait,
  argsSoFar: unknown,
  timeoutSoFar: unknown,
  heartbeatSoFar: unknown,
): Promise<void> {
  const args = argsSoFar instanceof Promise ? await argsSoFar : argsSoFar;
  let timeout = timeoutSoFar === UNSET ? fieldValue(c, 'TimeoutSeconds') : timeoutSoFar;
  if (timeout instanceof Promise) timeout = await timeout;
  let heartbeat = heartbeatSoFar === UNSET ? fieldValue(c, 'HeartbeatSeconds') : heartbeatSoFar;
  if (heartbeat instanceof Promise) heartbeat = await heartbeat;
  beginAttempt(rt, c, info, task, args, timeout, heartbeat);
}

/** The attempt's arguments and timeouts are known: record it, arm its timers and invoke. */
function beginAttempt(
  rt: Runtime,
  c: StepCtx,
  info: ResourceInfo,
  task: TaskWait,
  args: unknown,
  timeout: unknown,
  heartbeat: unknown,
): void {
  const { exec, frame } = c;
  if (!rt.alive(exec, frame) || frame.task !== task) return;
  if (args !== frame.input && !fitsPayload(args)) throw inputTooLarge(frame.state);
  task.args = args;
  const now = rt.now();
  const timeoutS = timeout === undefined ? undefined : positiveInteger(c, 'TimeoutSeconds', timeout);
  // heartbeats arrive through SendTaskHeartbeat, so only callback (task token) tasks can keep one alive
  const heartbeatS =
    heartbeat === undefined || info.mode !== 'token'
      ? undefined
      : positiveInteger(c, 'HeartbeatSeconds', heartbeat);
  if (timeoutS !== undefined) task.timeoutAt = now + timeoutS * 1000;
  if (heartbeatS !== undefined) {
    task.heartbeatSeconds = heartbeatS;
    task.heartbeatAt = now + heartbeatS * 1000;
  }
  frame.status = 'task';
  if (info.kind === 'lambdaArn') {
    const d: Record<string, unknown> = { resource: info.resource, input: args };
    if (timeoutS !== undefined) d.timeoutInSeconds = timeoutS;
    rt.emit(exec, frame, 'LambdaFunctionScheduled', d);
    rt.emit(exec, frame, 'LambdaFunctionStarted');
  } else {
    if (timeoutS === undefined && heartbeatS === undefined)
      rt.emit(exec, frame, 'TaskScheduled', rt.scheduledDetails(info), args);
    else {
      const d: Record<string, unknown> = {
        resourceType: info.resourceType,
        resource: info.resource,
        region: rt.opts.region,
        parameters: args,
      };
      if (timeoutS !== undefined) d.timeoutInSeconds = timeoutS;
      if (heartbeatS !== undefined) d.heartbeatInSeconds = heartbeatS;
      rt.emit(exec, frame, 'TaskScheduled', d);
    }
    rt.emitSame(exec, frame, info.startedEvent);
  }
  if (task.timeoutAt !== undefined) rt.setTimer(exec, frame, 'timeout', task.timeoutAt);
  if (task.heartbeatAt !== undefined) rt.setTimer(exec, frame, 'heartbeat', task.heartbeatAt);
  launch(rt, exec, frame, task);
}

/** The retry timer fired: run the state again (a new Task attempt, or the branches/iterations anew). */
export async function retryState(rt: Runtime, exec: ExecutionRecord, frame: Frame): Promise<void> {
  if (frame.status !== 'retry') return;
  frame.status = 'busy';
  frame.wakeAt = undefined;
  const ctx = rt.ctx(exec, frame);
  if (ctx.state.Type === 'Task') await startTask(rt, ctx);
  else await startFanout(rt, ctx);
}

/** After a restart: resume waiting, or invoke again what was in flight (at-least-once, like a worker crash). */
export async function restartTask(rt: Runtime, exec: ExecutionRecord, frame: Frame): Promise<void> {
  const task = frame.task;
  if (!task || frame.status !== 'task') return;
  if (task.childArn && (task.mode === 'sync' || task.mode === 'sync2')) {
    rt.childWatch.set(task.childArn, { exec, frame, attempt: task.attempt });
    const child = rt.executions.get(task.childArn);
    if (child && child.status !== 'RUNNING') syncChildClosed(rt, child);
    return;
  }
  if (task.mode === 'token' && task.submitted) return;
  launch(rt, exec, frame, task);
}

function claim(frame: Frame, attempt: number): boolean {
  if (frame.status !== 'task' || frame.task?.attempt !== attempt) return false;
  frame.status = 'busy';
  return true;
}

function launch(rt: Runtime, exec: ExecutionRecord, frame: Frame, task: TaskWait): void {
  // reactions on the invocation's promise rather than an async closure around it: one frame fewer per task
  rt.spawn(() =>
    invoke(rt, exec, frame, task).then(
      (result) => invoked(rt, exec, frame, task, result),
      (error: unknown) => {
        const err = toStatesError(error, task);
        return rt.step(exec, frame, () => claim(frame, task.attempt) && failTask(rt, exec, frame, err));
      },
    ),
  );
}

/**
 * The `{ resourceType, resource }` of the Task state a frame is in: its resource's frozen details, which its
 * TaskStarted, TaskSucceeded and TaskSubmitted events share (see `Runtime.emit`).
 */
function resourceDetails(rt: Runtime, exec: ExecutionRecord, frame: Frame): ResourceInfo['startedDetails'] {
  return parseResource(stateOf(rt.machineOf(exec), frame.scope, frame.state).Resource as string)!
    .startedDetails;
}

/** The invocation answered: a request-response task succeeds; a callback or `.sync` task is now submitted. */
function invoked(
  rt: Runtime,
  exec: ExecutionRecord,
  frame: Frame,
  task: TaskWait,
  result: unknown,
): Promise<void> | undefined {
  if (task.mode === 'request')
    return rt.step(exec, frame, () => claim(frame, task.attempt) && succeedTask(rt, exec, frame, result));
  if (frame.status === 'task' && frame.task === task && rt.alive(exec, frame)) {
    rt.emit(exec, frame, 'TaskSubmitted', resourceDetails(rt, exec, frame), result);
    task.submitted = true;
    rt.markDirty(exec);
    if (task.mode !== 'token') {
      const child = rt.executions.get(task.childArn!);
      if (child && child.status !== 'RUNNING') syncChildClosed(rt, child);
    }
  }
  return undefined;
}

/**
 * Run the task's integration. A Lambda invocation (most tasks) is the invoker's promise with one reaction, not an
 * async function around it; an error thrown on the way becomes the answer's rejection, as it would in one.
 */
function invoke(rt: Runtime, exec: ExecutionRecord, frame: Frame, task: TaskWait): Promise<unknown> {
  const invokeLambda = rt.opts.invokeLambda;
  if (invokeLambda === undefined || (task.kind !== 'lambdaArn' && task.kind !== 'lambda'))
    return invokeService(rt, exec, frame, task);
  try {
    const meta = { executionArn: exec.executionArn, stateName: frame.state };
    if (task.kind === 'lambdaArn') return invokeLambda(task.resource, task.args, meta).then(orNull);
    const args = task.args as Record<string, unknown>;
    if (!args || typeof args.FunctionName !== 'string')
      throw new StatesError(
        'States.Runtime',
        `The field 'FunctionName' is required for ${task.resource} in state '${frame.state}'`,
      );
    const fn =
      typeof args.Qualifier === 'string' ? `${args.FunctionName}:${args.Qualifier}` : args.FunctionName;
    return invokeLambda(fn, args.Payload ?? null, meta).then(
      (payload) => new LambdaInvokeRecord(payload ?? null, rt.nextRequest()),
    );
  } catch (error) {
    return Promise.reject(error);
  }
}

const orNull = (value: unknown): unknown => value ?? null;

/**
 * What `arn:aws:states:::lambda:invoke` answers, as an execution's history keeps it: the function's payload and
 * the request id. The full answer (the payload and the HTTP metadata around it) is built when it is used: the
 * state's result, and the history as the API or the store serialises it (`toJSON`). Every answer stays in its
 * history, and a record of two fields in place of six objects is a quarter of the bytes for the collector to copy.
 */
export class LambdaInvokeRecord {
  constructor(
    readonly payload: unknown,
    /** the request id's number (`Runtime.nextRequest`): the history keeps a small integer, not the id's string */
    readonly request: number,
  ) {}

  get requestId(): string {
    return uuidOf(this.request);
  }

  toJSON(): Record<string, unknown> {
    const requestId = this.requestId;
    return {
      ExecutedVersion: '$LATEST',
      Payload: this.payload,
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'Content-Type': ['application/json'],
          'X-Amz-Executed-Version': ['$LATEST'],
          'x-amzn-RequestId': [requestId],
        },
        HttpHeaders: {
          'Content-Type': 'application/json',
          'X-Amz-Executed-Version': '$LATEST',
          'x-amzn-RequestId': requestId,
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: requestId },
      StatusCode: 200,
    };
  }
}

/** A Lambda answer's bytes around its payload (the payload `null` taken off): the same for every answer. */
const LAMBDA_ANSWER_BYTES =
  Buffer.byteLength(JSON.stringify(new LambdaInvokeRecord(null, 0)), 'utf8') - 'null'.length;

/** The other integrations, and a Lambda task with no invoker configured. */
async function invokeService(
  rt: Runtime,
  exec: ExecutionRecord,
  frame: Frame,
  task: TaskWait,
): Promise<unknown> {
  const args = task.args as Record<string, unknown>;
  switch (task.kind) {
    case 'lambdaArn':
    case 'lambda':
      throw new StatesError('Lambda.ServiceException', 'No Lambda invoker is configured in the local engine');
    case 'dynamodb': {
      if (!rt.opts.callDynamoDb)
        throw new StatesError(
          'DynamoDB.AmazonDynamoDBException',
          'No DynamoDB caller is configured in the local engine',
        );
      const action = task.resource as 'getItem' | 'putItem' | 'updateItem' | 'deleteItem';
      const out = (await rt.opts.callDynamoDb(action, args ?? {})) as Record<string, unknown> | undefined;
      if (!out || typeof out !== 'object') return {};
      const { $metadata: _m, ...rest } = out;
      return rest;
    }
    case 'startExecution': {
      const child = await rt.startChild(exec, args ?? {});
      task.childArn = child.executionArn;
      if (task.mode === 'sync' || task.mode === 'sync2')
        rt.childWatch.set(child.executionArn, { exec, frame, attempt: task.attempt });
      return { ExecutionArn: child.executionArn, StartDate: child.startDate };
    }
  }
}

function toStatesError(error: unknown, task: TaskWait): StatesError {
  if (error instanceof StatesError) return error;
  const e = error as { name?: string; message?: string; stack?: string; errorType?: string } | undefined;
  const name = e?.errorType ?? e?.name ?? 'Error';
  const message = e?.message ?? String(error);
  if (task.kind === 'lambda' || task.kind === 'lambdaArn') {
    const trace = typeof e?.stack === 'string' ? e.stack.split('\n') : [];
    return new StatesError(name, JSON.stringify({ errorMessage: message, errorType: name, trace }));
  }
  if (task.kind === 'dynamodb')
    return new StatesError(
      `DynamoDB.${name}`,
      `${message} (Service: DynamoDb, Status Code: 400, Error Code: ${name})`,
    );
  if (error instanceof EngineApiError)
    return new StatesError(
      `StepFunctions.${name.endsWith('Exception') ? name : `${name}Exception`}`,
      message,
    );
  return new StatesError('States.TaskFailed', message);
}

function succeedTask(
  rt: Runtime,
  exec: ExecutionRecord,
  frame: Frame,
  result: unknown,
): void | Promise<void> {
  const task = frame.task!;
  // the history keeps a Lambda answer as its record; the state works on the answer in full. Its size is the
  // payload's and the metadata's: the payload is measured (and is then known to fit as the state's output)
  const lambda = result instanceof LambdaInvokeRecord;
  const value = lambda ? result.toJSON() : result;
  if (lambda ? !fitsPayload(result.payload, LAMBDA_ANSWER_BYTES) : !fitsPayload(value))
    failTask(rt, exec, frame, resultTooLarge(task.kind === 'lambdaArn' ? task.resource : task.resourceType));
  rt.clearTimers(exec, frame);
  if (task.kind === 'lambdaArn') rt.emit(exec, frame, 'LambdaFunctionSucceeded', { output: result });
  else rt.emit(exec, frame, 'TaskSucceeded', resourceDetails(rt, exec, frame), result);
  const ctx = rt.ctx(exec, frame);
  return exitWith(rt, ctx, resultOutcome(ctx, value));
}

function failTask(rt: Runtime, exec: ExecutionRecord, frame: Frame, err: StatesError): never {
  const task = frame.task!;
  rt.clearTimers(exec, frame);
  const d: Record<string, unknown> = {};
  if (err.error) d.error = err.error;
  if (err.cause) d.cause = err.cause;
  if (task.kind === 'lambdaArn') rt.emit(exec, frame, 'LambdaFunctionFailed', d);
  else rt.emit(exec, frame, 'TaskFailed', { resourceType: task.resourceType, resource: task.resource, ...d });
  throw err;
}

/** A task's TimeoutSeconds or HeartbeatSeconds elapsed. */
export function onTaskTimer(
  rt: Runtime,
  exec: ExecutionRecord,
  frame: Frame,
  kind: 'timeout' | 'heartbeat',
): void {
  const task = frame.task;
  if (!task || !claim(frame, task.attempt)) return;
  rt.clearTimers(exec, frame);
  const error = kind === 'timeout' ? 'States.Timeout' : 'States.HeartbeatTimeout';
  if (task.kind === 'lambdaArn') rt.emit(exec, frame, 'LambdaFunctionTimedOut', { error });
  else
    rt.emit(exec, frame, 'TaskTimedOut', { resourceType: task.resourceType, resource: task.resource, error });
  throw new StatesError(error, '');
}

export type TokenOutcome =
  | { ok: true; output: unknown }
  | { ok: false; error?: string; cause?: string }
  | { heartbeat: true };

/** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat on a live token. */
export function completeByToken(
  rt: Runtime,
  exec: ExecutionRecord,
  frame: Frame,
  outcome: TokenOutcome,
): void {
  const task = frame.task!;
  if ('heartbeat' in outcome) {
    if (task.heartbeatSeconds !== undefined) {
      task.heartbeatAt = rt.now() + task.heartbeatSeconds * 1000;
      rt.setTimer(exec, frame, 'heartbeat', task.heartbeatAt);
      rt.markDirty(exec);
    }
    return;
  }
  rt.spawn(() =>
    rt.step(exec, frame, () => {
      if (!claim(frame, task.attempt)) return;
      if (outcome.ok) return succeedTask(rt, exec, frame, outcome.output);
      return failTask(rt, exec, frame, new StatesError(outcome.error ?? '', outcome.cause ?? ''));
    }),
  );
}

/** A child execution started with `.sync` / `.sync:2` closed. */
export function syncChildClosed(rt: Runtime, child: ExecutionRecord): void {
  const w = rt.childWatch.get(child.executionArn);
  if (!w) return;
  const { exec, frame, attempt } = w;
  if (!frame.task?.submitted) return;
  rt.childWatch.delete(child.executionArn);
  const v2 = frame.task.mode === 'sync2';
  const out: Record<string, unknown> = {
    ExecutionArn: child.executionArn,
    Input: v2 ? rt.inputOf(child) : inputText(child),
    InputDetails: { Included: true },
    Name: child.name,
    RedriveCount: child.redriveCount,
    StartDate: child.startDate,
    StateMachineArn: child.stateMachineArn,
    Status: child.status,
    StopDate: child.stopDate,
  };
  if (child.status === 'SUCCEEDED') {
    out.Output = v2 ? outputValue(child) : outputText(child);
    out.OutputDetails = { Included: true };
  }
  if (child.error !== undefined) out.Error = child.error;
  if (child.cause !== undefined) out.Cause = child.cause;
  rt.spawn(() =>
    rt.step(exec, frame, () => {
      if (!claim(frame, attempt)) return;
      if (child.status === 'SUCCEEDED') return succeedTask(rt, exec, frame, out);
      return failTask(rt, exec, frame, new StatesError('States.TaskFailed', JSON.stringify(out)));
    }),
  );
}

/** A succeeded child's output as a value: the one its `ExecutionSucceeded` event keeps, not parsed again. */
function outputValue(child: ExecutionRecord): unknown {
  const last = child.history[child.history.length - 1];
  const kept = last?.t === 'ExecutionSucceeded' ? keptValue(last, 'output') : undefined;
  return kept !== undefined ? kept : JSON.parse(outputText(child) ?? 'null');
}
