import type { Runtime } from './runtime.ts';
import { resumeItems } from './states-fanout.ts';
import { restartTask } from './states-task.ts';
import type { ExecutionRecord, Frame } from './types.ts';

/** The frame tree: aborting (dropping) and freezing (keeping for redrive) branches and iterations. */

/** Abort a frame's branches/iterations (MapIterationAborted for each running iteration) and drop them. */
export function abortChildren(rt: Runtime, exec: ExecutionRecord, frame: Frame): void {
  const ch = frame.children;
  if (!ch) return;
  for (const id of ch.ids) {
    const child = id === null ? undefined : exec.frames.get(id);
    if (!child) continue;
    if (ch.kind === 'map' && exec.status === 'RUNNING' && child.status !== 'failed')
      rt.emit(exec, child, 'MapIterationAborted', { name: frame.state, index: child.slot });
    abortFrame(rt, exec, child);
  }
  frame.children = undefined;
}

/** Abort a frame and everything under it (timers cancelled, tokens void) and drop it. */
export function abortFrame(rt: Runtime, exec: ExecutionRecord, frame: Frame): void {
  abortChildren(rt, exec, frame);
  rt.clearTimers(exec, frame);
  stopSyncChild(rt, frame);
  frame.status = 'aborted';
  exec.frames.delete(frame.id);
}

/**
 * Stop a frame's subtree but keep it for redrive (which reruns only the branches and iterations that did not
 * succeed): timers cancelled, tokens void, running leaves marked aborted.
 */
export function freezeFrame(rt: Runtime, exec: ExecutionRecord, frame: Frame): void {
  const ch = frame.children;
  for (const id of ch?.ids ?? []) {
    const child = id === null ? undefined : exec.frames.get(id);
    if (!child) continue;
    if (
      ch!.kind === 'map' &&
      exec.status === 'RUNNING' &&
      child.status !== 'failed' &&
      child.status !== 'aborted'
    )
      rt.emit(exec, child, 'MapIterationAborted', { name: frame.state, index: child.slot });
    freezeFrame(rt, exec, child);
  }
  rt.clearTimers(exec, frame);
  stopSyncChild(rt, frame);
  if (frame.status !== 'failed' && frame.status !== 'done') frame.status = 'aborted';
}

function stopSyncChild(rt: Runtime, frame: Frame): void {
  if (
    frame.task?.childArn &&
    (frame.task.mode === 'sync' || frame.task.mode === 'sync2') &&
    frame.status === 'task'
  )
    rt.stopChild(frame.task.childArn);
}

/** Redrive: re-enter every unfinished leaf at its current state; parents keep waiting for their children. */
export function redriveFrames(rt: Runtime, exec: ExecutionRecord): void {
  const frames = [...exec.frames.values()];
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
