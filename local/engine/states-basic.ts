import {
  ata,
  effectiveInput,
  fieldValue,
  passthroughOutcome,
  pathEnv,
  positiveInteger,
  resultOutcome,
  type StepCtx,
  type StepOutcome,
  stateArguments,
} from './dataflow.ts';
import { StatesError } from './errors.ts';
import { evaluateChoiceRule, readPath, resolveTemplate } from './jsonpath-bridge.ts';
import { fitsPayload, outputTooLarge } from './payload.ts';
import type { Runtime } from './runtime.ts';
import { startFanout } from './states-fanout.ts';
import { startTask } from './states-task.ts';
import type { ExecutionRecord, Frame, StateDef } from './types.ts';

/** Event type names per state type, so a transition does not build them anew (a few dozen at most). */
const enteredTypes = new Map<string, string>();
const exitedTypes = new Map<string, string>();
const eventType = (cache: Map<string, string>, type: string, suffix: string): string => {
  let t = cache.get(type);
  if (t === undefined) {
    t = `${type}${suffix}`;
    cache.set(type, t);
  }
  return t;
};

/** Enter `frame.state` with `frame.input`: record the Entered event and run the state's type. */
export function enterState(rt: Runtime, exec: ExecutionRecord, frame: Frame): void | Promise<void> {
  frame.enteredAt = rt.now();
  frame.retryCount = 0;
  if (frame.retriers.length !== 0) frame.retriers = [];
  frame.task = undefined;
  frame.children = undefined;
  const ctx = rt.ctx(exec, frame);
  const type = ctx.state.Type;
  frame.enteredId = rt.emitState(exec, frame, eventType(enteredTypes, type, 'StateEntered'), frame.input);
  exec.transitions++;
  switch (type) {
    case 'Pass':
      return pass(rt, ctx);
    case 'Choice':
      return ctx.lang === 'JSONata' ? choiceAta(rt, ctx) : choicePath(rt, ctx);
    case 'Wait':
      return wait(rt, ctx);
    case 'Succeed':
      return succeed(rt, ctx);
    case 'Fail':
      return fail(rt, ctx);
    case 'Task':
      return startTask(rt, ctx);
    case 'Parallel':
    case 'Map':
      return startFanout(rt, ctx);
    default:
      throw new StatesError('States.Runtime', `Unknown state type ${type}`);
  }
}

/**
 * Record the Exited event, apply assigned variables, move on (synchronous unless a parent resumes). An output
 * over the payload quota fails the state instead (a frame's input always fits, so passing it on is not measured).
 */
export function exitState(
  rt: Runtime,
  ctx: StepCtx,
  outcome: StepOutcome,
  next?: string,
): void | Promise<void> {
  const { exec, frame, state } = ctx;
  if (outcome.output !== frame.input && !fitsPayload(outcome.output)) throw outputTooLarge(frame.state);
  rt.emitState(
    exec,
    frame,
    eventType(exitedTypes, state.Type, 'StateExited'),
    outcome.output,
    outcome.assigned,
  );
  if (outcome.assigned) Object.assign(frame.vars, outcome.assigned);
  return rt.transition(exec, frame, state, outcome.output, next);
}

/** Exit with an outcome that may still be computing (JSONata) without awaiting when it is ready (JSONPath). */
export function exitWith(
  rt: Runtime,
  ctx: StepCtx,
  outcome: StepOutcome | Promise<StepOutcome>,
  next?: string,
): void | Promise<void> {
  if (outcome instanceof Promise) return outcome.then((o) => exitState(rt, ctx, o, next));
  return exitState(rt, ctx, outcome, next);
}

/** A caught error: no Exited event; the catcher's variables are assigned and the frame moves to its Next. */
export function exitCaught(
  rt: Runtime,
  exec: ExecutionRecord,
  frame: Frame,
  state: StateDef,
  outcome: StepOutcome,
  next: string,
): void | Promise<void> {
  if (outcome.output !== frame.input && !fitsPayload(outcome.output)) throw outputTooLarge(frame.state);
  if (outcome.assigned) Object.assign(frame.vars, outcome.assigned);
  return rt.transition(exec, frame, state, outcome.output, next);
}

function pass(rt: Runtime, ctx: StepCtx): void | Promise<void> {
  if (ctx.lang === 'JSONata') return exitWith(rt, ctx, resultOutcome(ctx, ctx.frame.input));
  const result = ctx.state.Result !== undefined ? ctx.state.Result : stateArguments(ctx);
  return exitWith(rt, ctx, resultOutcome(ctx, result));
}

/** JSONata Choice: conditions in order; synchronous while they take the fast path. */
function choiceAta(rt: Runtime, ctx: StepCtx, start = 0): void | Promise<void> {
  const { state } = ctx;
  const rules = state.Choices as Array<Record<string, unknown>>;
  for (let i = start; i < rules.length; i++) {
    const rule = rules[i]!;
    const ok = ata(ctx, rule.Condition, `Choices[${i}].Condition`);
    if (ok instanceof Promise)
      return ok.then((v) => (isTrue(ctx, i, v) ? takeRule(rt, ctx, rule) : choiceAta(rt, ctx, i + 1)));
    if (isTrue(ctx, i, ok)) return takeRule(rt, ctx, rule);
  }
  if (typeof state.Default === 'string') return exitWith(rt, ctx, passthroughOutcome(ctx), state.Default);
  throw noChoice(ctx);
}

function isTrue(ctx: StepCtx, i: number, ok: unknown): boolean {
  if (typeof ok !== 'boolean')
    throw new StatesError(
      'States.QueryEvaluationError',
      `The Condition of choice rule ${i} in state '${ctx.frame.state}' must evaluate to a boolean, got ${JSON.stringify(ok)}`,
    );
  return ok;
}

const takeRule = (rt: Runtime, ctx: StepCtx, rule: Record<string, unknown>) =>
  exitWith(
    rt,
    ctx,
    passthroughOutcome(ctx, rule.Output ?? ctx.state.Output, rule.Assign),
    rule.Next as string,
  );

const conditions = new WeakMap<object, Record<string, unknown>>();

/** The rule without its Next/Assign/Comment: what the JSONPath toolkit evaluates. */
function conditionOf(rule: Record<string, unknown>): Record<string, unknown> {
  let c = conditions.get(rule);
  if (!c) {
    const { Next: _n, Assign: _a, Comment: _c, ...condition } = rule;
    c = condition;
    conditions.set(rule, c);
  }
  return c;
}

function choicePath(rt: Runtime, ctx: StepCtx): void | Promise<void> {
  const { state } = ctx;
  const input = effectiveInput(ctx);
  const env = pathEnv(ctx);
  for (const rule of state.Choices as Array<Record<string, unknown>>) {
    if (evaluateChoiceRule(conditionOf(rule), input, env))
      return exitWith(rt, ctx, passthroughOutcome(ctx, undefined, rule.Assign), rule.Next as string);
  }
  if (typeof state.Default === 'string') return exitWith(rt, ctx, passthroughOutcome(ctx), state.Default);
  throw noChoice(ctx);
}

const noChoice = (ctx: StepCtx) =>
  new StatesError(
    'States.NoChoiceMatched',
    `No Matches! No choice rule matched in state '${ctx.frame.state}' and it has no Default.`,
  );

async function wait(rt: Runtime, ctx: StepCtx): Promise<void> {
  const { exec, frame } = ctx;
  // awaited only when an expression needs it (see fieldValue)
  let seconds = fieldValue(ctx, 'Seconds');
  if (seconds instanceof Promise) seconds = await seconds;
  let due: number;
  if (seconds !== undefined) due = rt.now() + positiveInteger(ctx, 'Seconds', seconds, true) * 1000;
  else {
    let ts = fieldValue(ctx, 'Timestamp');
    if (ts instanceof Promise) ts = await ts;
    due = typeof ts === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(ts) ? Date.parse(ts) : Number.NaN;
    if (!Number.isFinite(due))
      throw new StatesError(
        ctx.lang === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
        `The Timestamp of state '${frame.state}' is not a valid ISO-8601 timestamp: ${JSON.stringify(ts)}`,
      );
  }
  if (!rt.alive(exec, frame)) return;
  frame.status = 'wait';
  frame.wakeAt = due;
  rt.setTimer(exec, frame, 'wake', due);
  rt.markDirty(exec);
}

/** The Wait state's timer fired. */
export function resumeWait(rt: Runtime, exec: ExecutionRecord, frame: Frame): void | Promise<void> {
  if (frame.status !== 'wait') return;
  frame.status = 'busy';
  const ctx = rt.ctx(exec, frame);
  return exitWith(rt, ctx, passthroughOutcome(ctx));
}

function succeed(rt: Runtime, ctx: StepCtx): Promise<void> {
  const outcome = passthroughOutcome(ctx, ctx.state.Output, undefined);
  return outcome instanceof Promise
    ? outcome.then((o) => succeedWith(rt, ctx, o))
    : succeedWith(rt, ctx, outcome);
}

function succeedWith(rt: Runtime, ctx: StepCtx, outcome: StepOutcome): Promise<void> {
  if (outcome.output !== ctx.frame.input && !fitsPayload(outcome.output))
    throw outputTooLarge(ctx.frame.state);
  rt.emitState(ctx.exec, ctx.frame, 'SucceedStateExited', outcome.output);
  return rt.finishFrame(ctx.exec, ctx.frame, outcome.output);
}

async function fail(rt: Runtime, ctx: StepCtx): Promise<void> {
  const { state } = ctx;
  const text = async (field: 'Error' | 'Cause'): Promise<string | undefined> => {
    let v: unknown;
    if (ctx.lang === 'JSONata')
      v = state[field] === undefined ? undefined : await ata(ctx, state[field], field);
    else if (state[field] !== undefined) v = state[field];
    else if (typeof state[`${field}Path`] === 'string') {
      const p = state[`${field}Path`] as string;
      v = p.startsWith('States.')
        ? (resolveTemplate({ 'v.$': p }, ctx.frame.input, pathEnv(ctx)) as { v: unknown }).v
        : readPath(p, ctx.frame.input, pathEnv(ctx));
    }
    if (v !== undefined && typeof v !== 'string')
      throw new StatesError(
        ctx.lang === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
        `The ${field} of Fail state '${ctx.frame.state}' must be a string`,
      );
    return v as string | undefined;
  };
  const error = await text('Error');
  const cause = await text('Cause');
  await rt.failFrame(ctx.exec, ctx.frame, new StatesError(error ?? '', cause ?? ''));
}
