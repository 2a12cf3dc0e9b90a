import type { Clock } from '#local/clock/clock.ts';
import { contextObject } from './context.ts';
import type { StepCtx } from './dataflow.ts';
import { handleStateError } from './error-handling.ts';
import { QueryEvaluationError, StatesError } from './errors.ts';
import { inputText, outputText } from './execution-text.ts';
import { freezeExecution } from './frames.ts';
import { keptValue, millisPast, msAndPrevious, sinceStart, wholeSeconds } from './history.ts';
import type { JsonataScope } from './jsonata-eval.ts';
import { type CompiledMachine, compileMachine, languageOf, stateOf } from './machine.ts';
import type { ResourceInfo } from './resources.ts';
import { enterState, resumeWait } from './states-basic.ts';
import { childFailed, childSucceeded } from './states-fanout.ts';
import { onTaskTimer, retryState, syncChildClosed } from './states-task.ts';
import { type EngineStore, splitExecution, storedEvents } from './store.ts';
import { type TimerKind, Timers } from './timers.ts';
import type {
  EventRecord,
  ExecutionRecord,
  ExecutionStatus,
  Frame,
  QueryLanguage,
  StateDef,
} from './types.ts';

export const HISTORY_LIMIT = 25_000;
export const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * Thrown to unwind a resumption whose execution closed under it (history limit) or whose frame was stopped while
 * it awaited something; each frame's error handler checks that one of the two holds.
 */
export const HALT = Symbol('halt');

/** The answer of work that finished at once. */
const DONE: Promise<void> = Promise.resolve();

const CLOSED_EVENT = {
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  TIMED_OUT: 'ExecutionTimedOut',
  ABORTED: 'ExecutionAborted',
} as const;

export interface ExecutionClosed {
  executionArn: string;
  status: ExecutionStatus;
  output?: string;
  error?: string;
  cause?: string;
}

export interface RuntimeOptions {
  clock: Clock;
  random: () => number;
  region: string;
  accountId: string;
  invokeLambda?: (
    functionArn: string,
    payload: unknown,
    meta: { executionArn: string; stateName: string },
  ) => Promise<unknown>;
  callDynamoDb?: (
    action: 'getItem' | 'putItem' | 'updateItem' | 'deleteItem',
    params: Record<string, unknown>,
  ) => Promise<unknown>;
  store?: EngineStore;
}

/** A step's view of its frame and state; the context object is built on first use. */
class Step implements StepCtx {
  private ctxObject: Record<string, unknown> | undefined;
  scope: JsonataScope | undefined;
  readonly random: () => number;
  constructor(
    private readonly rt: Runtime,
    readonly exec: ExecutionRecord,
    readonly frame: Frame,
    readonly state: StateDef,
    readonly lang: QueryLanguage,
    private readonly extra: Record<string, unknown> | undefined,
  ) {
    this.random = rt.opts.random;
  }
  get context(): Record<string, unknown> {
    if (this.ctxObject === undefined) this.ctxObject = this.rt.context(this.exec, this.frame, this.extra);
    return this.ctxObject;
  }
}

/** Engine internals shared by the state handlers and the API layer. */
export class Runtime {
  readonly executions = new Map<string, ExecutionRecord>();
  readonly listeners = new Set<(e: ExecutionClosed) => void>();
  private readonly timers: Timers;
  private readonly dirty = new Set<ExecutionRecord>();
  private readonly staticSaved = new Set<string>();
  /** child execution ARN -> the `.sync` task waiting for it */
  readonly childWatch = new Map<string, { exec: ExecutionRecord; frame: Frame; attempt: number }>();
  /** hooks set by the API layer */
  startChild!: (parent: ExecutionRecord, args: Record<string, unknown>) => Promise<ExecutionRecord>;
  stopChild!: (arn: string) => void;

  constructor(readonly opts: RuntimeOptions) {
    this.timers = new Timers(opts.clock);
  }

  /** Where this engine's Lambda request numbers start (drawn when first needed), and how many it has used. */
  private requestBase = -1;
  private requests = 0;

  /** A number for a Lambda invocation's request id (`uuidOf` makes the id when the answer is read). */
  nextRequest(): number {
    if (this.requestBase < 0) this.requestBase = Math.floor(this.opts.random() * 0x7fffffff);
    return (this.requestBase + this.requests++) | 0;
  }

  get clock(): Clock {
    return this.opts.clock;
  }
  now(): number {
    return this.opts.clock.now();
  }

  machineOf(exec: ExecutionRecord): CompiledMachine {
    let m = exec.compiled;
    if (m === undefined) {
      m = compileMachine(exec.definition);
      exec.compiled = m;
    }
    return m;
  }

  /** The step context; the context object is built only if an expression or path reads it. */
  ctx(exec: ExecutionRecord, frame: Frame, extra?: Record<string, unknown>): StepCtx {
    const machine = this.machineOf(exec);
    const state = stateOf(machine, frame.scope, frame.state);
    return new Step(this, exec, frame, state, languageOf(machine, state), extra);
  }

  context(exec: ExecutionRecord, frame: Frame, extra?: Record<string, unknown>): Record<string, unknown> {
    return contextObject(exec, this.inputOf(exec), frame, extra);
  }

  /**
   * The execution's input as a value: the one its `ExecutionStarted` event, always its first, keeps (values are
   * never changed, so the context and a `.sync` parent share it).
   */
  inputOf(exec: ExecutionRecord): unknown {
    const started = exec.history[0];
    const kept = started?.t === 'ExecutionStarted' ? keptValue(started, 'input') : undefined;
    return kept !== undefined ? kept : JSON.parse(inputText(exec));
  }

  // ---- frames -------------------------------------------------------------------------------------------

  /** Whether a frame can still make progress (frames leave the tree only as done or aborted). */
  alive(exec: ExecutionRecord, frame: Frame): boolean {
    const s = frame.status;
    return exec.status === 'RUNNING' && s !== 'aborted' && s !== 'done' && s !== 'failed';
  }

  newFrame(
    exec: ExecutionRecord,
    init: Pick<Frame, 'scope' | 'state' | 'input' | 'vars' | 'last'> & Partial<Frame>,
  ): Frame {
    // every field in one literal, the optional ones too: every frame has one shape, held in the object itself (a
    // field added later, or spread in after a literal, goes to a separate property array)
    const frame: Frame = {
      id: init.id ?? exec.nextFrameId++,
      parentId: init.parentId,
      slot: init.slot,
      scope: init.scope,
      state: init.state,
      status: init.status ?? 'run',
      input: init.input,
      vars: init.vars,
      last: init.last,
      enteredId: init.enteredId ?? 0,
      enteredAt: init.enteredAt ?? this.now(),
      retryCount: init.retryCount ?? 0,
      retriers: init.retriers ?? [],
      mapItem: init.mapItem,
      wakeAt: init.wakeAt,
      task: init.task,
      children: init.children,
      driving: false,
    };
    exec.frames.set(frame.id, frame);
    return frame;
  }

  // ---- history ------------------------------------------------------------------------------------------

  /**
   * An event; `d` its details. A task event's details are mostly fixed (which resource): `d` is then an object
   * shared by every such event, and `v` the part that is not (TaskScheduled's parameters, TaskSucceeded's and
   * TaskSubmitted's output), added back when the history is read (`toHistoryEvent`).
   */
  emit(
    exec: ExecutionRecord,
    frame: Frame | null,
    type: string,
    d?: Record<string, unknown>,
    v?: unknown,
  ): number {
    if (exec.status !== 'RUNNING' || (frame !== null && frame.status === 'aborted')) throw HALT;
    if (exec.history.length >= HISTORY_LIMIT - 1) {
      this.close(exec, 'FAILED', {
        error: 'States.Runtime',
        cause: `The execution reached the maximum number of history events (${HISTORY_LIMIT}).`,
      });
      throw HALT;
    }
    return this.append(exec, frame, type, d, v);
  }

  private readonly scheduled = new Map<ResourceInfo, Readonly<Record<string, string>>>();

  private readonly startedDetails = new Map<string, Readonly<Record<string, string>>>();

  /**
   * An `ExecutionStarted` event's details apart from the input (the role, and the alias or version started
   * through): one frozen object for every execution that shares them.
   */
  executionStartedDetails(
    roleArn: string,
    aliasArn?: string,
    versionArn?: string,
  ): Readonly<Record<string, string>> {
    const key = `${roleArn} ${aliasArn ?? ''} ${versionArn ?? ''}`;
    let d = this.startedDetails.get(key);
    if (d === undefined) {
      const details: Record<string, string> = { roleArn };
      if (aliasArn) details.stateMachineAliasArn = aliasArn;
      if (versionArn) details.stateMachineVersionArn = versionArn;
      d = Object.freeze(details);
      this.startedDetails.set(key, d);
    }
    return d;
  }

  /** A TaskScheduled event's fixed details for a resource, in this region: one frozen object for all its tasks. */
  scheduledDetails(info: ResourceInfo): Readonly<Record<string, string>> {
    let d = this.scheduled.get(info);
    if (d === undefined) {
      d = Object.freeze({
        resourceType: info.resourceType,
        resource: info.resource,
        region: this.opts.region,
      });
      this.scheduled.set(info, d);
    }
    return d;
  }

  /**
   * A shared event (`ResourceInfo.startedEvent`) that follows the frame's last event at the same instant: the
   * history keeps the one frozen object, and its time is the event's before. Anywhere else it is recorded as an
   * event of its own.
   */
  emitSame(exec: ExecutionRecord, frame: Frame, shared: EventRecord): number {
    const id = exec.history.length + 1;
    const previous = exec.history.length - 1;
    if (
      frame.last !== id - 1 ||
      previous < 0 ||
      sinceStart(exec.history, previous) !== this.now() - exec.startDate
    )
      return this.emit(exec, frame, shared.t, shared.d);
    if (exec.status !== 'RUNNING' || frame.status === 'aborted') throw HALT;
    if (exec.history.length >= HISTORY_LIMIT - 1) return this.emit(exec, frame, shared.t, shared.d);
    exec.history.push(shared);
    frame.last = id;
    this.markDirty(exec);
    return id;
  }

  /** A state Entered (value = input) or Exited (value = output) event. */
  emitState(
    exec: ExecutionRecord,
    frame: Frame,
    type: string,
    value: unknown,
    assigned?: Record<string, unknown>,
  ): number {
    if (exec.status !== 'RUNNING' || frame.status === 'aborted') throw HALT;
    if (exec.history.length >= HISTORY_LIMIT - 1) return this.emit(exec, frame, type);
    const id = exec.history.length + 1;
    // every field in the literal, `a` too when there is none: one shape, and no property storage added later
    const since = this.now() - exec.startDate;
    const sec = wholeSeconds(since);
    const ev: EventRecord = {
      t: type,
      sec,
      mp: msAndPrevious(millisPast(since, sec), id, frame.last),
      n: frame.state,
      v: value,
      a: assigned,
    };
    exec.history.push(ev);
    frame.last = id;
    this.markDirty(exec);
    return id;
  }

  /** A state or iteration was aborted: recorded while the execution runs and not past the history limit. */
  emitAborted(exec: ExecutionRecord, frame: Frame, type: string, d?: Record<string, unknown>): void {
    if (exec.status !== 'RUNNING' || exec.history.length >= HISTORY_LIMIT - 1) return;
    this.append(exec, frame, type, d);
  }

  private append(
    exec: ExecutionRecord,
    frame: Frame | null,
    type: string,
    d?: Record<string, unknown>,
    v?: unknown,
  ): number {
    const id = exec.history.length + 1;
    // `d` and `v` in the literal even when there are none: one shape, and no property storage added later
    const since = this.now() - exec.startDate;
    const sec = wholeSeconds(since);
    const ev: EventRecord = {
      t: type,
      sec,
      mp: msAndPrevious(millisPast(since, sec), id, frame ? frame.last : id - 1),
      d,
      v,
    };
    exec.history.push(ev);
    if (frame) frame.last = id;
    this.markDirty(exec);
    return id;
  }

  // ---- timers -------------------------------------------------------------------------------------------

  setTimer(exec: ExecutionRecord, frame: Frame, kind: TimerKind, at: number): void {
    this.timers.set(frame, kind, at, () =>
      this.spawn(async () => {
        if (!this.alive(exec, frame)) return;
        if (kind === 'wake') {
          if (frame.status === 'wait') await this.step(exec, frame, () => resumeWait(this, exec, frame));
          else if (frame.status === 'retry')
            await this.step(exec, frame, () => retryState(this, exec, frame));
        } else await this.step(exec, frame, () => onTaskTimer(this, exec, frame, kind));
      }),
    );
  }

  clearTimer(_exec: ExecutionRecord, frame: Frame, kind: TimerKind): void {
    this.timers.clear(frame, kind);
  }

  clearTimers(_exec: ExecutionRecord, frame: Frame): void {
    this.timers.clearFrame(frame);
  }

  armExecutionTimeout(exec: ExecutionRecord): void {
    const seconds = Math.min(this.machineOf(exec).timeoutSeconds ?? ONE_YEAR_S, ONE_YEAR_S);
    this.timers.setExecution(exec, exec.runStart + seconds * 1000, () => {
      this.close(exec, 'TIMED_OUT', {
        error: 'States.Timeout',
        cause: `The execution timed out after ${seconds} seconds.`,
      });
      this.flush();
    });
  }

  // ---- driving ------------------------------------------------------------------------------------------

  /** Run tracked async work; the clock does not advance until it settles. */
  spawn(work: () => Promise<void>): void {
    let pending: Promise<void>;
    try {
      pending = work();
    } catch (error) {
      pending = Promise.reject(error);
    }
    // one reaction on the work's own promise, which also ends its count on the clock, rather than an async
    // wrapper around it and a second reaction to count it (hundreds of times a journey)
    this.clock.begin();
    pending.then(this.settled, this.failed);
  }

  private readonly settled = (): void => {
    try {
      this.flush();
    } catch (error) {
      console.error('engine internal error', error);
    } finally {
      this.clock.end();
    }
  };

  private readonly failed = (error: unknown): void => {
    if (error !== HALT) console.error('engine internal error', error);
    this.settled();
  };

  /**
   * Run one resumption of a frame (`fn`), route a States error to Retry/Catch, then keep driving it. Not an async
   * function: a resumption that finishes at once goes straight on to `drive`, with no promise of its own.
   */
  step(exec: ExecutionRecord, frame: Frame, fn: () => unknown): Promise<void> {
    if (!this.alive(exec, frame) || frame.status === 'run' || frame.status === 'busy') return DONE;
    let pending: unknown;
    try {
      pending = fn();
    } catch (error) {
      return this.stepAfter(exec, frame, undefined, error);
    }
    if (pending instanceof Promise) return this.stepAfter(exec, frame, pending, undefined);
    return this.drive(exec, frame);
  }

  /** `step` after a resumption that did not finish at once (`pending`) or threw (`thrown`), as `driveAfter`. */
  private async stepAfter(
    exec: ExecutionRecord,
    frame: Frame,
    pending: Promise<unknown> | undefined,
    thrown: unknown,
  ): Promise<void> {
    // an error already caught goes to onError as it is: throwing it again cost as much as the first throw
    if (pending === undefined) await this.onError(exec, frame, thrown);
    else
      try {
        await pending;
      } catch (error) {
        await this.onError(exec, frame, error);
      }
    await this.drive(exec, frame);
  }

  private async onError(exec: ExecutionRecord, frame: Frame, error: unknown): Promise<void> {
    if (error === HALT) {
      // a live frame is never halted: failing the execution beats leaving it stuck
      if (this.alive(exec, frame)) {
        console.error('engine internal error: a live state was halted', frame.scope, frame.state);
        this.close(exec, 'FAILED', {
          error: 'States.Runtime',
          cause: `Internal engine error: state '${frame.state}' was halted while running`,
        });
      }
      throw error;
    }
    if (!this.alive(exec, frame)) return;
    const err =
      error instanceof StatesError
        ? error
        : new StatesError(
            'States.Runtime',
            `Internal engine error: ${(error as Error)?.stack ?? String(error)}`,
          );
    if (!(error instanceof StatesError)) console.error('engine internal error', error);
    if (err instanceof QueryEvaluationError)
      this.emit(exec, frame, 'EvaluationFailed', {
        state: err.state,
        error: err.error,
        cause: err.cause,
        location: err.location,
      });
    try {
      await handleStateError(this, exec, frame, err);
    } catch (again) {
      if (again === HALT) throw again;
      await this.failFrame(exec, frame, again instanceof StatesError ? again : err);
    }
  }

  /**
   * Enter states while the frame runs. Most states finish at once, so the loop runs here without a promise of its
   * own, and hands over to `driveAfter` at the first state that does not.
   */
  drive(exec: ExecutionRecord, frame: Frame): Promise<void> {
    // One loop per frame: children finishing together each resume their parent, and a second loop would enter
    // the parent's next state again while the first awaits it. The running loop re-checks the status and goes on.
    if (frame.driving) return DONE;
    frame.driving = true;
    while (frame.status === 'run' && this.alive(exec, frame)) {
      let pending: void | Promise<void>;
      try {
        pending = enterState(this, exec, frame);
      } catch (error) {
        return this.driveAfter(exec, frame, undefined, error);
      }
      if (pending !== undefined) return this.driveAfter(exec, frame, pending, undefined);
    }
    frame.driving = false;
    return DONE;
  }

  /** `drive` from a state that did not finish at once (`pending`) or threw (`thrown`), to the end of the loop. */
  private async driveAfter(
    exec: ExecutionRecord,
    frame: Frame,
    pending: Promise<void> | undefined,
    thrown: unknown,
  ): Promise<void> {
    try {
      if (pending === undefined) await this.onError(exec, frame, thrown);
      else
        try {
          await pending;
        } catch (error) {
          await this.onError(exec, frame, error);
        }
      while (frame.status === 'run' && this.alive(exec, frame)) {
        try {
          const next = enterState(this, exec, frame);
          if (next !== undefined) await next;
        } catch (error) {
          await this.onError(exec, frame, error);
        }
      }
    } finally {
      frame.driving = false;
    }
  }

  /** Move a frame to its next state (or finish it at `End`); synchronous unless a parent resumes. */
  transition(
    exec: ExecutionRecord,
    frame: Frame,
    state: StateDef,
    output: unknown,
    next?: string,
  ): void | Promise<void> {
    const target = next ?? (state.End === true ? undefined : (state.Next as string | undefined));
    frame.task = undefined;
    frame.children = undefined;
    frame.wakeAt = undefined;
    if (target === undefined) return this.finishFrame(exec, frame, output);
    frame.enteredId = 0;
    frame.state = target;
    frame.input = output;
    frame.status = 'run';
    frame.retryCount = 0;
    if (frame.retriers.length !== 0) frame.retriers = [];
  }

  async finishFrame(exec: ExecutionRecord, frame: Frame, output: unknown): Promise<void> {
    if (!this.alive(exec, frame)) throw HALT;
    frame.status = 'done';
    this.clearTimers(exec, frame);
    if (frame.parentId === undefined) {
      // the output string is made only if asked for (execution-text.ts)
      this.close(exec, 'SUCCEEDED', {}, output ?? null);
      return;
    }
    const parent = exec.frames.get(frame.parentId);
    exec.frames.delete(frame.id);
    if (parent) await this.step(exec, parent, () => childSucceeded(this, exec, parent, frame, output));
  }

  /** A branch, iteration or the execution failed (its own Retry/Catch already had their chance). */
  async failFrame(exec: ExecutionRecord, frame: Frame, err: StatesError): Promise<void> {
    if (!this.alive(exec, frame)) return; // stopped meanwhile: a sibling failed first, or the execution closed
    this.clearTimers(exec, frame);
    frame.status = 'failed';
    if (frame.parentId === undefined) {
      this.close(exec, 'FAILED', { error: err.error || undefined, cause: err.cause || undefined });
      return;
    }
    const parent = exec.frames.get(frame.parentId);
    if (parent) await this.step(exec, parent, () => childFailed(this, exec, parent, frame, err));
  }

  // ---- closing ------------------------------------------------------------------------------------------

  /**
   * Close a running execution. `outputValue` is the value `info.output` serialises, when the caller has it:
   * the event records that value rather than parsing the string back (an event's values are only serialised).
   */
  close(
    exec: ExecutionRecord,
    status: Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>,
    info: { output?: string; error?: string; cause?: string },
    outputValue?: unknown,
  ): void {
    if (exec.status !== 'RUNNING') return;
    const type = CLOSED_EVENT[status];
    const root = exec.frames.get(0);
    if (status === 'SUCCEEDED')
      // the output as the event's value, with no details object around it (see `emit`)
      this.append(
        exec,
        root ?? null,
        type,
        undefined,
        outputValue !== undefined ? outputValue : JSON.parse(info.output ?? 'null'),
      );
    else {
      const d: Record<string, unknown> = {};
      if (info.error !== undefined) d.error = info.error;
      if (info.cause !== undefined) d.cause = info.cause;
      this.append(exec, root ?? null, type, d);
    }
    exec.status = status;
    exec.stopDate = this.now();
    exec.output = info.output;
    exec.error = info.error;
    exec.cause = info.cause;
    freezeExecution(this, exec);
    if (status === 'SUCCEEDED') {
      exec.frames.clear();
      if (root) exec.frames.set(0, root);
    }
    this.timers.clearExecution(exec);
    this.markDirty(exec);
    if (this.childWatch.has(exec.executionArn)) syncChildClosed(this, exec);
    if (this.listeners.size === 0) return;
    const event: ExecutionClosed = {
      executionArn: exec.executionArn,
      status,
      output: outputText(exec),
      error: info.error,
      cause: info.cause,
    };
    // a copy: a listener may remove itself
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (error) {
        console.error('onExecutionClosed listener failed', error);
      }
    }
  }

  cancelAllTimers(): void {
    this.timers.cancelAll();
  }

  // ---- persistence --------------------------------------------------------------------------------------

  markDirty(exec: ExecutionRecord): void {
    if (this.opts.store) this.dirty.add(exec);
  }

  markStaticSaved(arn: string): void {
    this.staticSaved.add(arn);
  }

  flush(): void {
    const store = this.opts.store;
    if (!store || this.dirty.size === 0) return;
    for (const exec of this.dirty) {
      const isNew = !this.staticSaved.has(exec.executionArn);
      if (isNew) this.staticSaved.add(exec.executionArn);
      const { fixed, dynamic } = splitExecution(exec);
      store.saveExecution(isNew ? fixed : undefined, dynamic, storedEvents(exec, exec.persisted));
      exec.persisted = exec.history.length;
    }
    this.dirty.clear();
  }
}
