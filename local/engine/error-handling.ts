import { catchOutcome } from './dataflow.ts';
import type { StatesError } from './errors.ts';
import { dropChildren, stopChildren } from './frames.ts';
import type { Runtime } from './runtime.ts';
import { exitCaught } from './states-basic.ts';
import type { ExecutionRecord, Frame } from './types.ts';

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}
interface Catcher {
  ErrorEquals: string[];
  Next: string;
  [k: string]: unknown;
}

/** Errors no Retry or Catch handles, whatever ErrorEquals says (as on AWS). */
const UNCATCHABLE = new Set(['States.Runtime']);

/**
 * Whether an `ErrorEquals` list matches an error. `States.ALL` matches everything catchable but terminal errors
 * (an oversized state input or output, `States.DataLimitExceeded`, which only its own name matches);
 * `States.TaskFailed` (on a Task) matches the same but `States.Timeout`.
 */
export function errorMatches(
  list: readonly string[],
  error: string,
  stateType: string,
  terminal = false,
): boolean {
  if (UNCATCHABLE.has(error)) return false;
  for (const name of list) {
    if (name === error) return true;
    if (terminal) continue;
    if (name === 'States.ALL') return true;
    if (name === 'States.TaskFailed' && stateType === 'Task' && error !== 'States.Timeout') return true;
  }
  return false;
}

/** Seconds before retry number `attempt + 1` (attempt counts the retries this retrier already made). */
export function retryDelaySeconds(r: Retrier, attempt: number, random: () => number): number {
  let delay = (r.IntervalSeconds ?? 1) * (r.BackoffRate ?? 2) ** attempt;
  if (r.MaxDelaySeconds !== undefined) delay = Math.min(delay, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') delay = random() * delay;
  return delay;
}

/**
 * Route a state's error. A Map or Parallel state first stops its other iterations/branches (recording what was
 * aborted). Then Retry (the branches are discarded and run again, no `…StateFailed`), else `…StateFailed` and
 * Catch (branches discarded), else `…StateFailed` and the frame fails (branches kept for redrive).
 */
export async function handleStateError(
  rt: Runtime,
  exec: ExecutionRecord,
  frame: Frame,
  err: StatesError,
): Promise<void> {
  const ctx = rt.ctx(exec, frame);
  const { state } = ctx;
  const type = state.Type;
  const fanout = type === 'Parallel' || type === 'Map';
  if (fanout) stopChildren(rt, exec, frame, true);
  if (type === 'Task' || fanout) {
    const retriers = (state.Retry ?? []) as Retrier[];
    const i = retriers.findIndex((r) => errorMatches(r.ErrorEquals, err.error, type, err.terminal));
    if (i >= 0) {
      const r = retriers[i]!;
      const done = frame.retriers[i] ?? 0;
      if (done < (r.MaxAttempts ?? 3)) {
        dropChildren(rt, exec, frame);
        frame.retriers[i] = done + 1;
        frame.retryCount++;
        frame.status = 'retry';
        frame.wakeAt = rt.now() + Math.round(retryDelaySeconds(r, done, rt.opts.random) * 1000);
        rt.setTimer(exec, frame, 'wake', frame.wakeAt);
        rt.markDirty(exec);
        return;
      }
    }
    const catcher = ((state.Catch ?? []) as Catcher[]).find((c) =>
      errorMatches(c.ErrorEquals, err.error, type, err.terminal),
    );
    if (catcher) {
      if (fanout && frame.children) {
        rt.emit(exec, frame, `${type}StateFailed`);
        dropChildren(rt, exec, frame);
      }
      const outcome = await catchOutcome(ctx, catcher, err);
      if (!rt.alive(exec, frame)) return;
      await exitCaught(rt, exec, frame, state, outcome, catcher.Next);
      return;
    }
  }
  if (fanout && frame.children) rt.emit(exec, frame, `${type}StateFailed`);
  await rt.failFrame(exec, frame, err);
}
