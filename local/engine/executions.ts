import type {
  DescribeExecutionCommandOutput,
  ExecutionListItem,
  GetExecutionHistoryCommandInput,
  GetExecutionHistoryCommandOutput,
  ListExecutionsCommandInput,
} from '@aws-sdk/client-sfn';
import { EngineApiError } from './errors.ts';
import { inputText, outputText } from './execution-text.ts';
import { FrameTable } from './frame-table.ts';
import { redriveFrames, stopFrame } from './frames.ts';
import { toHistoryEvent } from './history.ts';
import { compileMachine } from './machine.ts';
import { fitsPayload, PAYLOAD_LIMIT, tooLongMessage } from './payload.ts';
import { HISTORY_LIMIT, type Runtime } from './runtime.ts';
import { completeByToken, type TokenOutcome } from './states-task.ts';
import { parseToken } from './tokens.ts';
import type { ExecutionRecord, MachineRecord } from './types.ts';
import { isValidName, uuid } from './util.ts';

const DAY_MS = 24 * 3600 * 1000;
const NAME_REUSE_MS = 90 * DAY_MS;
const REDRIVE_WINDOW_MS = 14 * DAY_MS;

export interface StartRequest {
  machine: MachineRecord;
  name?: string;
  input?: string;
  /** `input`'s value, when the caller has it (a parent starting a child): not parsed again */
  value?: unknown;
  aliasArn?: string;
  versionArn?: string;
  parentArn?: string;
}

/** Executions: start (idempotent by name and input), describe, list, stop, redrive, history, task tokens. */
export class Executions {
  private readonly byMachine = new Map<string, ExecutionRecord[]>();

  constructor(private readonly rt: Runtime) {}

  index(exec: ExecutionRecord): void {
    const list = this.byMachine.get(exec.stateMachineArn);
    if (list) list.push(exec);
    else this.byMachine.set(exec.stateMachineArn, [exec]);
  }

  get(arn: string | undefined): ExecutionRecord {
    const exec = arn ? this.rt.executions.get(arn) : undefined;
    if (!exec) throw new EngineApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return exec;
  }

  start(req: StartRequest): { exec: ExecutionRecord; created: boolean } {
    const { rt } = this;
    const { machine } = req;
    const name = req.name ?? uuid(rt.opts.random);
    if (!isValidName(name)) throw new EngineApiError('InvalidName', `Invalid Name: '${name}'`);
    // a value without its string (a child's input): serialised only if asked for (execution-text.ts)
    const input = req.input ?? (req.value === undefined ? '{}' : undefined);
    if (
      input === undefined
        ? !fitsPayload(req.value)
        : input.length > PAYLOAD_LIMIT / 3 && Buffer.byteLength(input, 'utf8') > PAYLOAD_LIMIT
    )
      throw new EngineApiError('ValidationException', tooLongMessage('input'));
    let parsed: unknown = req.value;
    if (parsed === undefined)
      try {
        parsed = JSON.parse(input ?? '{}');
      } catch (error) {
        throw new EngineApiError(
          'InvalidExecutionInput',
          `Invalid State Machine Execution Input: '${(error as Error).message}'`,
        );
      }
    const arn = `arn:aws:states:${rt.opts.region}:${rt.opts.accountId}:execution:${machine.name}:${name}`;
    const now = rt.now();
    const existing = rt.executions.get(arn);
    if (existing) {
      if (existing.status === 'RUNNING' && inputText(existing) === (input ?? JSON.stringify(parsed)))
        return { exec: existing, created: false };
      if (
        existing.status === 'RUNNING' ||
        existing.stopDate === undefined ||
        now - existing.stopDate < NAME_REUSE_MS
      )
        throw new EngineApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
      const list = this.byMachine.get(existing.stateMachineArn);
      if (list) list.splice(list.indexOf(existing), 1);
    }
    const top = compileMachine(machine.definition);
    const exec: ExecutionRecord = {
      executionArn: arn,
      stateMachineArn: machine.stateMachineArn,
      name,
      input,
      definition: top.definition,
      roleArn: machine.roleArn,
      startDate: now,
      status: 'RUNNING',
      redriveCount: 0,
      runStart: now,
      nextFrameId: 0,
      tokenSeq: 0,
      transitions: 0,
      frames: new FrameTable(),
      history: [],
      persisted: 0,
      compiled: top,
      context: undefined,
      // every field in the literal (see Runtime.newFrame)
      stateMachineAliasArn: req.aliasArn || undefined,
      stateMachineVersionArn: req.versionArn || undefined,
      parentArn: req.parentArn || undefined,
      stopDate: undefined,
      output: undefined,
      error: undefined,
      cause: undefined,
      redriveDate: undefined,
    };
    rt.executions.set(arn, exec);
    this.index(exec);
    const startedId = rt.emit(
      exec,
      null,
      'ExecutionStarted',
      rt.executionStartedDetails(machine.roleArn, req.aliasArn || undefined, req.versionArn || undefined),
      parsed,
    );
    const scope = top.scopes.get('')!;
    const root = rt.newFrame(exec, {
      scope: '',
      state: scope.StartAt,
      input: parsed,
      vars: {},
      last: startedId,
    });
    rt.armExecutionTimeout(exec);
    rt.spawn(() => rt.drive(exec, root));
    return { exec, created: true };
  }

  describe(arn: string | undefined): Omit<DescribeExecutionCommandOutput, '$metadata'> {
    const e = this.get(arn);
    const out: Omit<DescribeExecutionCommandOutput, '$metadata'> = {
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: new Date(e.startDate),
      input: inputText(e),
      inputDetails: { included: true },
      redriveCount: e.redriveCount,
      ...this.redrivable(e),
    };
    if (e.stopDate !== undefined) out.stopDate = new Date(e.stopDate);
    const output = outputText(e);
    if (output !== undefined) {
      out.output = output;
      out.outputDetails = { included: true };
    }
    if (e.error !== undefined) out.error = e.error;
    if (e.cause !== undefined) out.cause = e.cause;
    if (e.redriveDate !== undefined) out.redriveDate = new Date(e.redriveDate);
    if (e.stateMachineAliasArn) out.stateMachineAliasArn = e.stateMachineAliasArn;
    if (e.stateMachineVersionArn) out.stateMachineVersionArn = e.stateMachineVersionArn;
    return out;
  }

  private redrivable(e: ExecutionRecord): {
    redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
    redriveStatusReason?: string;
  } {
    if (e.status === 'RUNNING')
      return {
        redriveStatus: 'NOT_REDRIVABLE',
        redriveStatusReason: 'Execution is RUNNING and cannot be redriven',
      };
    if (e.status === 'SUCCEEDED')
      return {
        redriveStatus: 'NOT_REDRIVABLE',
        redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
      };
    if (e.history.length >= HISTORY_LIMIT - 1)
      return {
        redriveStatus: 'NOT_REDRIVABLE',
        redriveStatusReason: 'Execution history reached the 25,000-event limit',
      };
    if (this.rt.now() - (e.stopDate ?? 0) > REDRIVE_WINDOW_MS)
      return {
        redriveStatus: 'NOT_REDRIVABLE',
        redriveStatusReason: 'Execution closed more than 14 days ago and cannot be redriven',
      };
    return { redriveStatus: 'REDRIVABLE' };
  }

  list(
    input: ListExecutionsCommandInput,
    machineArn: string,
  ): { executions: ExecutionListItem[]; nextToken?: string } {
    const all = this.byMachine.get(machineArn) ?? [];
    const max = Math.min(Math.max(input.maxResults || 100, 1), 1000);
    let start = 0;
    if (input.nextToken) {
      start = Number(Buffer.from(input.nextToken, 'base64url').toString());
      if (!Number.isInteger(start) || start < 0)
        throw new EngineApiError('InvalidToken', 'Invalid nextToken');
    }
    const out: ExecutionListItem[] = [];
    let i = start;
    for (; i < all.length && out.length < max; i++) {
      const e = all[all.length - 1 - i]!;
      if (input.statusFilter && e.status !== input.statusFilter) continue;
      if (input.redriveFilter === 'REDRIVEN' && e.redriveCount === 0) continue;
      if (input.redriveFilter === 'NOT_REDRIVEN' && e.redriveCount > 0) continue;
      const item: ExecutionListItem = {
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: new Date(e.startDate),
        redriveCount: e.redriveCount,
      };
      if (e.stopDate !== undefined) item.stopDate = new Date(e.stopDate);
      if (e.redriveDate !== undefined) item.redriveDate = new Date(e.redriveDate);
      if (e.stateMachineAliasArn) item.stateMachineAliasArn = e.stateMachineAliasArn;
      out.push(item);
    }
    return i < all.length
      ? { executions: out, nextToken: Buffer.from(String(i)).toString('base64url') }
      : { executions: out };
  }

  history(input: GetExecutionHistoryCommandInput): Omit<GetExecutionHistoryCommandOutput, '$metadata'> {
    const e = this.get(input.executionArn);
    const max = Math.min(Math.max(input.maxResults || 100, 1), 1000);
    const n = e.history.length;
    let start = 0;
    if (input.nextToken) {
      start = Number(Buffer.from(input.nextToken, 'base64url').toString());
      if (!Number.isInteger(start) || start < 0)
        throw new EngineApiError('InvalidToken', 'Invalid nextToken');
    }
    const events = [];
    const end = Math.min(start + max, n);
    for (let i = start; i < end; i++) {
      const idx = input.reverseOrder ? n - 1 - i : i;
      events.push(toHistoryEvent(e.history, idx, e.startDate, input.includeExecutionData !== false));
    }
    return end < n ? { events, nextToken: Buffer.from(String(end)).toString('base64url') } : { events };
  }

  /**
   * State transitions of one execution as Step Functions bills them: one per state entered, i.e. the number of
   * `…StateEntered` events in its history, counted as they are recorded.
   */
  transitionCount(arn: string | undefined): number {
    return this.get(arn).transitions;
  }

  /** StopExecution: the running states record their `…StateAborted` events, then `ExecutionAborted`. */
  stop(arn: string | undefined, error?: string, cause?: string): Date {
    const e = this.get(arn);
    if (e.status === 'RUNNING') {
      const root = e.frames.get(0);
      if (root) stopFrame(this.rt, e, root, true);
      this.rt.close(e, 'ABORTED', { error, cause });
      this.rt.flush();
    }
    return new Date(e.stopDate ?? this.rt.now());
  }

  redrive(arn: string | undefined): Date {
    const { rt } = this;
    const e = this.get(arn);
    const r = this.redrivable(e);
    if (r.redriveStatus !== 'REDRIVABLE')
      throw new EngineApiError(
        'ExecutionNotRedrivable',
        `Execution is not redrivable: ${r.redriveStatusReason} '${e.executionArn}'`,
      );
    const root = e.frames.get(0);
    if (!root)
      throw new EngineApiError(
        'ExecutionNotRedrivable',
        `Execution has no state to redrive from: '${e.executionArn}'`,
      );
    const now = rt.now();
    e.status = 'RUNNING';
    e.redriveCount++;
    e.redriveDate = now;
    e.runStart = now;
    e.stopDate = undefined;
    e.output = undefined;
    e.error = undefined;
    e.cause = undefined;
    const id = rt.emit(e, null, 'ExecutionRedriven', { redriveCount: e.redriveCount });
    for (const f of e.frames.values()) if (f.parentId === undefined) f.last = id;
    rt.armExecutionTimeout(e);
    redriveFrames(rt, e);
    return new Date(now);
  }

  /** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat. */
  token(taskToken: string | undefined, outcome: TokenOutcome): void {
    const ref = parseToken(taskToken ?? '');
    if (!ref) throw new EngineApiError('InvalidToken', `Invalid Token: '${taskToken}'`);
    const exec = this.rt.executions.get(ref.executionArn);
    if (!exec) throw new EngineApiError('TaskDoesNotExist', 'Task Does Not Exist');
    const frame = exec.frames.get(ref.frameId);
    if (!frame || exec.status !== 'RUNNING' || frame.status !== 'task' || frame.task?.token !== taskToken)
      throw new EngineApiError(
        'TaskTimedOut',
        'Task Timed Out: the task token has expired or the task has already been closed',
      );
    completeByToken(this.rt, exec, frame, outcome);
  }
}

/** The `…StateEntered` events of a history (for an execution stored before the count was kept). */
export function countTransitions(history: readonly { t: string }[]): number {
  let count = 0;
  for (let i = 0; i < history.length; i++) if (history[i]!.t.endsWith('StateEntered')) count++;
  return count;
}
