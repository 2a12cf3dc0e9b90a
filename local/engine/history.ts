import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { EventRecord } from './types.ts';

const detailsKey = (type: string): string => {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
};

const TRUNCATED = { truncated: false };

/**
 * An event's time (`since`, ms from its execution's start) as the event keeps it: whole seconds and the ms past
 * them. `| 0` makes each a small integer (a Smi): a double, even a whole one, would be boxed (see EventRecord).
 */
export const wholeSeconds = (since: number): number => Math.floor(since / 1000) | 0;
export const millisPast = (since: number, seconds: number): number => (since - seconds * 1000) | 0;

/**
 * `sec` of an event shared by many histories (`Runtime.emitSame`): its time is the event's before it, in the same
 * branch and at the same instant (TaskStarted after TaskScheduled).
 */
export const SAME_TIME = -1;

/** The time of a history's event at `index`, in ms since its execution started. */
export function sinceStart(history: readonly EventRecord[], index: number): number {
  let ev = history[index]!;
  while (ev.sec === SAME_TIME && index > 0) ev = history[--index]!;
  return ev.sec * 1000 + msPast(ev);
}

/**
 * An event's `mp`: the ms past its whole second and how far back its previous event is (see EventRecord). The
 * distance is under the history limit, so the value stays a small integer.
 */
export const msAndPrevious = (ms: number, id: number, previousId: number): number =>
  (ms + 1000 * (id - 1 - previousId)) | 0;
/** The ms past the event's whole second. */
export const msPast = (ev: EventRecord): number => ev.mp % 1000;
/** The event's `previousEventId`, given its own id (0 = none). */
export const previousId = (ev: EventRecord, id: number): number => id - 1 - Math.floor(ev.mp / 1000);

/** Assigned variables in a details object: each value's JSON string, and their details. */
function putAssigned(d: Record<string, unknown>, assigned: Record<string, unknown>): void {
  d.assignedVariables = Object.fromEntries(
    Object.entries(assigned).map(([n, x]) => [n, JSON.stringify(x ?? null)]),
  );
  d.assignedVariablesDetails = TRUNCATED;
}

/** An input or output in a details object: the JSON string (unless left out) and its details. */
function putValue(
  d: Record<string, unknown>,
  key: 'input' | 'output',
  value: unknown,
  includeData: boolean,
): void {
  if (includeData) d[key] = JSON.stringify(value ?? null);
  d[`${key}Details`] = TRUNCATED;
}

/** Which of an event's details its `v` holds, when it holds one (see `Runtime.emit`). */
const keptKey = (type: string): 'parameters' | 'input' | 'output' =>
  type === 'TaskScheduled' ? 'parameters' : type === 'ExecutionStarted' ? 'input' : 'output';

/**
 * The value an execution's `ExecutionStarted` (input) or `ExecutionSucceeded` (output) event keeps: in `v`, or in
 * its details, as events recorded before stop 18 kept it (a local stack's store may hold them).
 */
export function keptValue(ev: EventRecord, key: 'input' | 'output'): unknown {
  return ev.v !== undefined ? ev.v : ev.d?.[key];
}

/**
 * Materialize a history's event (at `index`) in the shape of GetExecutionHistory (values stringified as AWS sends
 * them).
 */
export function toHistoryEvent(
  history: readonly EventRecord[],
  index: number,
  startDate: number,
  includeData = true,
): HistoryEvent {
  const ev = history[index]!;
  const id = index + 1;
  const out: Record<string, unknown> = {
    id,
    previousEventId: previousId(ev, id),
    timestamp: new Date(startDate + sinceStart(history, index)),
    type: ev.t,
  };
  if (ev.n !== undefined) {
    const d: Record<string, unknown> = { name: ev.n };
    putValue(d, ev.t.endsWith('Entered') ? 'input' : 'output', ev.v, includeData);
    if (ev.a) putAssigned(d, ev.a);
    out[detailsKey(ev.t)] = d;
  } else if (ev.d !== undefined || ev.v !== undefined) {
    const d: Record<string, unknown> = {};
    // an event kept as shared details and the value that varies (`Runtime.emit`): the value goes where AWS puts it
    const kept = ev.v === undefined ? undefined : keptKey(ev.t);
    if (kept === 'input') putValue(d, 'input', ev.v, includeData);
    if (ev.d)
      for (const [k, v] of Object.entries(ev.d)) {
        if (v === undefined) continue;
        if (k === 'input' || k === 'output') putValue(d, k, v, includeData);
        else if (k === 'parameters') {
          if (includeData) d[k] = JSON.stringify(v ?? null);
        } else if (k === 'assigned') putAssigned(d, v as Record<string, unknown>);
        else d[k] = v;
      }
    if (kept === 'parameters') {
      if (includeData) d.parameters = JSON.stringify(ev.v ?? null);
    } else if (kept === 'output') putValue(d, 'output', ev.v, includeData);
    out[detailsKey(ev.t)] = d;
  }
  return out as unknown as HistoryEvent;
}
