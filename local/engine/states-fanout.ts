import {
  ata,
  effectiveInput,
  fieldValue,
  jsonataScope,
  pathEnv,
  positiveInteger,
  resultOutcome,
  type StepCtx,
  stateArguments,
} from './dataflow.ts';
import { StatesError } from './errors.ts';
import { readPath, resolveTemplate } from './jsonpath-bridge.ts';
import { branchScope, mapScope } from './machine.ts';
import { fitsPayload, inputTooLarge, outputTooLarge } from './payload.ts';
import type { Runtime } from './runtime.ts';
import { exitState } from './states-basic.ts';
import type { ExecutionRecord, Frame, ScopeDef } from './types.ts';

/** Start a Parallel state's branches or a Map state's iterations (on entry and on each retry). */
export async function startFanout(rt: Runtime, ctx: StepCtx): Promise<void> {
  const { exec, frame, state } = ctx;
  if (state.Type === 'Parallel') {
    const input = await stateArguments(ctx);
    if (!rt.alive(exec, frame)) return;
    if (input !== frame.input && !fitsPayload(input)) throw inputTooLarge(frame.state);
    const branches = state.Branches as ScopeDef[];
    const startedId = rt.emit(exec, frame, 'ParallelStateStarted');
    // every branch exists before any runs: one failing at once stops the others
    const children = branches.map((b, i) =>
      rt.newFrame(exec, {
        parentId: frame.id,
        slot: i,
        scope: branchScope(frame.scope, frame.state, i),
        state: b.StartAt,
        input,
        vars: { ...frame.vars },
        last: startedId,
      }),
    );
    frame.children = {
      kind: 'parallel',
      ids: children.map((c) => c.id),
      results: branches.map(() => null),
      done: branches.map(() => false),
      pending: branches.length,
      next: branches.length,
      max: 0,
    };
    frame.status = 'children';
    for (const child of children) rt.spawn(() => rt.drive(exec, child));
    return;
  }
  let items: unknown;
  if (ctx.lang === 'JSONata')
    items = state.Items === undefined ? frame.input : await ata(ctx, state.Items, 'Items');
  else {
    const input = effectiveInput(ctx);
    items = state.ItemsPath === undefined ? input : readPath(state.ItemsPath as string, input, pathEnv(ctx));
  }
  if (!Array.isArray(items))
    throw new StatesError(
      ctx.lang === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
      `The items of Map state '${frame.state}' must be a JSON array, got ${items === null ? 'null' : typeof items}`,
    );
  const max = await fieldValue(ctx, 'MaxConcurrency');
  const maxN = max === undefined ? 0 : positiveInteger(ctx, 'MaxConcurrency', max, true);
  if (!rt.alive(exec, frame)) return;
  rt.emit(exec, frame, 'MapStateStarted', { length: items.length });
  frame.children = {
    kind: 'map',
    ids: items.map(() => null),
    results: items.map(() => null),
    done: items.map(() => false),
    pending: items.length,
    items,
    next: 0,
    max: maxN,
  };
  frame.status = 'children';
  if (items.length === 0) {
    frame.status = 'busy';
    return completeFanout(rt, exec, frame);
  }
  await startItems(rt, exec, frame);
}

/** After a redrive: start the iterations a MaxConcurrency limit had not started yet. */
export function resumeItems(rt: Runtime, exec: ExecutionRecord, frame: Frame): Promise<void> | undefined {
  if (frame.status !== 'children' || frame.children?.kind !== 'map') return;
  return startItems(rt, exec, frame);
}

/**
 * Start iterations up to MaxConcurrency. An item whose start is cut short (the Map failed or stopped while its
 * ItemSelector was evaluated) is given back (`next` moves back to it), so a redrive starts it; slots below `next`
 * are always done, running, or kept for redrive.
 */
async function startItems(rt: Runtime, exec: ExecutionRecord, frame: Frame): Promise<void> {
  const ch = frame.children!;
  const items = ch.items!;
  while (ch.next < items.length && (ch.max === 0 || ch.next - (items.length - ch.pending) < ch.max)) {
    const index = ch.next++;
    const id = ch.ids[index];
    if (ch.done[index] || (id !== null && id !== undefined && exec.frames.has(id))) continue;
    const value = items[index];
    let input = value;
    try {
      const ctx = rt.ctx(exec, frame, { Map: { Item: { Index: index, Value: value } } });
      const selector = ctx.state.ItemSelector ?? ctx.state.Parameters;
      if (selector !== undefined) {
        input =
          ctx.lang === 'JSONata'
            ? await ata(ctx, selector, 'ItemSelector', jsonataScope(ctx))
            : resolveTemplate(selector, effectiveInput(ctx), pathEnv(ctx));
      }
      if (input !== value && !fitsPayload(input)) throw inputTooLarge(frame.state);
    } catch (error) {
      ch.next = Math.min(ch.next, index);
      throw error;
    }
    if (!rt.alive(exec, frame) || frame.children !== ch) {
      ch.next = Math.min(ch.next, index);
      return;
    }
    const startedId = rt.emit(exec, frame, 'MapIterationStarted', { name: frame.state, index });
    const child = rt.newFrame(exec, {
      parentId: frame.id,
      slot: index,
      scope: mapScope(frame.scope, frame.state),
      state: (rt.machineOf(exec).scopes.get(mapScope(frame.scope, frame.state)) as ScopeDef).StartAt,
      input,
      vars: { ...frame.vars },
      last: startedId,
    });
    ch.ids[index] = child.id;
    rt.spawn(() => rt.drive(exec, child));
  }
}

/** A branch or iteration reached its end. */
export async function childSucceeded(
  rt: Runtime,
  exec: ExecutionRecord,
  parent: Frame,
  child: Frame,
  output: unknown,
): Promise<void> {
  const ch = parent.children;
  if (!ch || parent.status !== 'children' || child.slot === undefined || ch.done[child.slot]) return;
  if (ch.kind === 'map')
    rt.emit(exec, child, 'MapIterationSucceeded', { name: parent.state, index: child.slot });
  ch.results[child.slot] = output;
  ch.done[child.slot] = true;
  ch.ids[child.slot] = null;
  ch.pending--;
  rt.markDirty(exec);
  if (ch.pending === 0) {
    parent.status = 'busy';
    await completeFanout(rt, exec, parent);
  } else if (ch.kind === 'map') await startItems(rt, exec, parent);
}

/**
 * A branch or iteration failed: the whole state fails with its error; the state's error handling stops the
 * other branches/iterations, then applies its Retry/Catch.
 */
export function childFailed(
  rt: Runtime,
  exec: ExecutionRecord,
  parent: Frame,
  child: Frame,
  err: StatesError,
): void {
  const ch = parent.children;
  if (!ch || parent.status !== 'children' || child.slot === undefined) return;
  if (ch.kind === 'map')
    rt.emit(exec, child, 'MapIterationFailed', { name: parent.state, index: child.slot });
  parent.status = 'busy';
  throw err;
}

async function completeFanout(rt: Runtime, exec: ExecutionRecord, frame: Frame): Promise<void> {
  const ch = frame.children!;
  // all done: from here on an error (Output, Assign, the size of the result) is the state's own
  frame.children = undefined;
  rt.emit(exec, frame, ch.kind === 'map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded');
  if (!fitsPayload(ch.results)) throw outputTooLarge(frame.state);
  const ctx = rt.ctx(exec, frame);
  await exitState(rt, ctx, await resultOutcome(ctx, ch.results));
}
