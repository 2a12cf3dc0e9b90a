import { stateOf } from './machine.ts';
import type { Runtime } from './runtime.ts';
import { resumeItems } from './states-fanout.ts';
import { restartTask } from './states-task.ts';
import type { ExecutionRecord, Frame } from './types.ts';

/** The frame tree: stopping (keeping for redrive, recording the aborted states), dropping and freezing. */

/** The state types with an `…StateAborted` history event. */
const ABORTABLE = new Set(['Task', 'Wait', 'Map', 'Parallel']);

const live = (f: Frame): boolean => f.status !== 'done' && f.status !== 'failed' && f.status !== 'aborted';

/** Whether a frame is inside its current state: entered (its Entered event recorded), not yet exited. */
function inState(f: Frame): boolean {
  return f.status === 'run' ? f.enteredId > 0 : live(f);
}

/**
 * Stop a frame and everything under it (timers cancelled, task tokens void, `.sync` children stopped) and mark
 * it aborted, keeping it for redrive. With `record`, the history gets what AWS records for the states that were
 * running, innermost first: `MapIterationAborted` for each running iteration and `<Type>StateAborted` for an
 * entered Task, Wait, Map or Parallel state.
 */
export function stopFrame(rt: Runtime, exec: ExecutionRecord, frame: Frame, record: boolean): void {
  if (!live(frame)) return;
  stopChildren(rt, exec, frame, record);
  if (record && inState(frame)) {
    const type = stateOf(rt.machineOf(exec), frame.scope, frame.state).Type;
    if (ABORTABLE.has(type)) rt.emitAborted(exec, frame, `${type}StateAborted`);
  }
  rt.clearTimers(exec, frame);
  const running = frame.status === 'task';
  frame.status = 'aborted'; // first: the stopped child's closing must find this task closed
  if (running) stopSyncChild(rt, frame);
}

/** Stop a Map or Parallel state's running iterations/branches (see `stopFrame`); finished ones are left alone. */
export function stopChildren(rt: Runtime, exec: ExecutionRecord, frame: Frame, record: boolean): void {
  const ch = frame.children;
  if (!ch) return;
  for (const id of ch.ids) {
    const child = id === null ? undefined : exec.frames.get(id);
    if (!child || !live(child)) continue;
    stopFrame(rt, exec, child, record);
    if (record && ch.kind === 'map')
      rt.emitAborted(exec, child, 'MapIterationAborted', { name: frame.state, index: child.slot });
  }
}

/** Discard a frame's (stopped) iterations/branches and everything under them: a Retry or Catch moved on. */
export function dropChildren(rt: Runtime, exec: ExecutionRecord, frame: Frame): void {
  const ch = frame.children;
  if (!ch) return;
  for (const id of ch.ids) {
    const child = id === null ? undefined : exec.frames.get(id);
    if (!child) continue;
    dropChildren(rt, exec, child);
    rt.clearTimers(exec, child);
    exec.frames.delete(child.id);
  }
  frame.children = undefined;
}

/** The execution closed: every frame stopped without events and kept (redrive reruns what did not succeed). */
export function freezeExecution(rt: Runtime, exec: ExecutionRecord): void {
  for (const frame of exec.frames.values()) {
    rt.clearTimers(exec, frame);
    const running = frame.status === 'task';
    if (live(frame)) frame.status = 'aborted';
    if (running) stopSyncChild(rt, frame);
  }
}

/** A `.sync` task that was running: stop its child execution. */
function stopSyncChild(rt: Runtime, frame: Frame): void {
  if (frame.task?.childArn && (frame.task.mode === 'sync' || frame.task.mode === 'sync2'))
    rt.stopChild(frame.task.childArn);
}

/** Redrive: re-enter every unfinished leaf at its current state; parents keep waiting for their children. */
export function redriveFrames(rt: Runtime, exec: ExecutionRecord): void {
  const frames = exec.frames.values();
  for (const f of frames) {
    f.task = undefined;
    f.wakeAt = undefined;
    f.retryCount = 0;
    f.retriers = [];
    const live = f.children?.ids.some((id) => id !== null && exec.frames.has(id));
    if (
      f.children &&
      (live || (f.children.kind === 'map' && f.children.next < (f.children.items?.length ?? 0)))
    ) {
      f.status = 'children';
    } else {
      f.children = undefined;
      f.status = 'run';
      f.enteredId = 0;
    }
  }
  for (const f of frames) {
    if (f.status === 'run') rt.spawn(() => rt.drive(exec, f));
    else if (f.children?.kind === 'map') rt.spawn(() => rt.step(exec, f, () => resumeItems(rt, exec, f)));
  }
}

/** Re-arm every timer of an execution loaded from the store. */
export function rearmExecution(rt: Runtime, exec: ExecutionRecord): void {
  if (exec.status !== 'RUNNING') return;
  rt.armExecutionTimeout(exec);
  for (const frame of exec.frames.values()) {
    if ((frame.status === 'wait' || frame.status === 'retry') && frame.wakeAt !== undefined)
      rt.setTimer(exec, frame, 'wake', frame.wakeAt);
    if (frame.status === 'task' && frame.task) {
      if (frame.task.timeoutAt !== undefined) rt.setTimer(exec, frame, 'timeout', frame.task.timeoutAt);
      if (frame.task.heartbeatAt !== undefined) rt.setTimer(exec, frame, 'heartbeat', frame.task.heartbeatAt);
      rt.spawn(() => rt.step(exec, frame, () => restartTask(rt, exec, frame)));
    }
    if (frame.status === 'run') rt.spawn(() => rt.drive(exec, frame));
  }
}
