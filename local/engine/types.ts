/** Internal data model of the engine: plain JSON-able objects, so they persist as they are. */

import type { FixedContext } from './context.ts';
import type { FrameTable } from './frame-table.ts';
import type { CompiledMachine } from './machine.ts';

export type Json = unknown;
export type QueryLanguage = 'JSONata' | 'JSONPath';
export type StateDef = Record<string, unknown> & { Type: string };
export interface ScopeDef {
  StartAt: string;
  States: Record<string, StateDef>;
}

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

/**
 * A history event as kept in memory and on disk. Values (`input`, `output`, ...) are kept as references to the
 * (immutable) JSON values and stringified only when GetExecutionHistory materializes the AWS shape.
 */
export interface EventRecord {
  /** event type, e.g. `TaskStateEntered` */
  t: string;
  /**
   * When, as whole seconds since the execution started (its `startDate`) and the milliseconds past them: two small
   * integers held in the event itself. Epoch milliseconds (and any time worked out from them) need a double, and
   * V8 keeps a double field as a separate boxed number for each event: 16 bytes and an object more for the
   * collector to copy, in what is most of a run's memory. The store keeps epoch milliseconds (`StoredEvent`).
   */
  /** `SAME_TIME` (−1) in an event shared by many histories: its time is the event's before it (history.ts) */
  sec: number;
  /**
   * The milliseconds past `sec`, and how far back the previous event is (AWS's `previousEventId`, 0 for none), in
   * one small integer: `ms + 1000 × (id − 1 − previousEventId)`; `msPast` and `previousId` (history.ts) take it
   * apart. Most events follow the one before (a distance of 0), and a field fewer is 8 bytes fewer an event. The
   * store keeps `p` itself (`StoredEvent`).
   */
  mp: number;
  /** details, keyed as in AWS, with `input`/`output` unstringified */
  d?: Record<string, unknown>;
  /** state Entered/Exited events (kept flat, they are most of a history): state name, input/output, assigned */
  n?: string;
  /**
   * A state event's input or output; a task event's varying detail when `d` is the shared rest (see `Runtime.emit`):
   * TaskScheduled's parameters, TaskSucceeded's and TaskSubmitted's output.
   */
  v?: unknown;
  a?: Record<string, unknown>;
}

/** An event as the store writes it: its time in epoch milliseconds (the store's format from the start). */
export type StoredEvent = Omit<EventRecord, 'sec' | 'mp'> & { ts: number; p: number };

/**
 * `run`: about to enter `state` (a driver owns it); `busy`: claimed by a resumption in progress; `wait`/`retry`:
 * on a timer; `task`: on an invocation, token or child execution; `children`: on Parallel branches / Map iterations.
 */
export type FrameStatus =
  | 'run'
  | 'busy'
  | 'wait'
  | 'retry'
  | 'task'
  | 'children'
  | 'done'
  | 'failed'
  | 'aborted';

export interface TaskWait {
  /** increments per attempt: a stale completion is ignored */
  attempt: number;
  /** resourceType / resource for history events */
  resourceType: string;
  resource: string;
  kind: 'lambda' | 'lambdaArn' | 'startExecution' | 'dynamodb';
  mode: 'request' | 'token' | 'sync' | 'sync2';
  /** the evaluated arguments (payload of this attempt) */
  args: Json;
  token?: string;
  /** the invocation has returned (token tasks: TaskSubmitted recorded) */
  submitted?: boolean;
  /** .sync: the child execution */
  childArn?: string;
  timeoutAt?: number;
  heartbeatAt?: number;
  heartbeatSeconds?: number;
}

export interface ChildrenWait {
  kind: 'parallel' | 'map';
  /** child frame id per slot; undefined until started */
  ids: Array<number | null>;
  results: Json[];
  done: boolean[];
  pending: number;
  /** map: the items; parallel: undefined */
  items?: Json[];
  /** map: the next item index to start */
  next: number;
  /** 0 = unlimited */
  max: number;
  /** effective input given to each branch (parallel) */
  branchInput?: Json;
}

export interface Frame {
  id: number;
  parentId?: number;
  slot?: number;
  /** scope key: '' top level, `<scope>/<State>#<branch>` parallel branch, `<scope>/<State>#map` map processor */
  scope: string;
  state: string;
  status: FrameStatus;
  /** the raw input of the current state */
  input: Json;
  /** variables visible to this frame (a copy of the outer scope's at creation, plus its own) */
  vars: Record<string, Json>;
  /** previousEventId for the next event of this frame */
  last: number;
  /** id of the current state's Entered event */
  enteredId: number;
  enteredAt: number;
  retryCount: number;
  /** attempts per retrier index */
  retriers: number[];
  /** map iteration context */
  mapItem?: { Index: number; Value: Json };
  /** Wait state or retry: when to wake */
  wakeAt?: number;
  task?: TaskWait;
  children?: ChildrenWait;
  /**
   * A `drive` loop is running this frame (one loop per frame). Only meaningful in memory: a frame loaded from the
   * store starts without one. A field rather than a set of frames: no hashing on every drive.
   */
  driving: boolean;
}

/** The fixed part of an execution, persisted once. */
export interface ExecutionStatic {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  definition: string;
  roleArn: string;
  startDate: number;
  stateMachineAliasArn?: string;
  stateMachineVersionArn?: string;
  /** execution that started this one through states:startExecution */
  parentArn?: string;
}

/** The changing part of an execution, persisted after every step. */
export interface ExecutionDynamic {
  executionArn: string;
  status: ExecutionStatus;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveDate?: number;
  /** start of the current run (start or last redrive), for the execution timeout */
  runStart: number;
  nextFrameId: number;
  tokenSeq: number;
  /** `…StateEntered` events in its history: the state transitions Step Functions bills (absent: stored earlier) */
  transitions?: number;
  frames: Frame[];
}

export interface ExecutionRecord
  extends Omit<ExecutionStatic, 'input'>,
    Omit<ExecutionDynamic, 'frames' | 'transitions'> {
  /**
   * The input as a JSON string; undefined until asked for when the execution was started with a value (a child):
   * read it through `inputText`. Likewise `output` for a succeeded execution, through `outputText`.
   */
  input: string | undefined;
  transitions: number;
  /** live frames by id; frame 0 is the top level and is kept after the execution closes (for redrive) */
  frames: FrameTable;
  history: EventRecord[];
  /** number of history events already persisted */
  persisted: number;
  /**
   * Worked out from the record and kept with it (never persisted): its compiled machine, and the fixed parts of its
   * context object. Fields rather than WeakMaps keyed by the record: a lookup is a load, and the collector has no
   * ephemeron tables to trace.
   */
  compiled: CompiledMachine | undefined;
  context: FixedContext | undefined;
}

export interface MachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD';
  creationDate: number;
  updateDate?: number;
  revisionId: string;
  loggingConfiguration?: Record<string, unknown>;
  tracingConfiguration?: Record<string, unknown>;
  description?: string;
}
