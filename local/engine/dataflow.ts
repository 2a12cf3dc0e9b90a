import { StatesError } from './errors.ts';
import {
  evaluateJsonata,
  evaluateJsonataSync,
  hasJsonata,
  type JsonataScope,
  jsonataBindings,
} from './jsonata-eval.ts';
import { NOT_FAST } from './jsonata-fast.ts';
import { applyResultPath, type PathEnv, readPath, resolveTemplate } from './jsonpath-bridge.ts';
import type { ExecutionRecord, Frame, QueryLanguage, StateDef } from './types.ts';

/** What a state step works on. */
export interface StepCtx {
  exec: ExecutionRecord;
  frame: Frame;
  state: StateDef;
  lang: QueryLanguage;
  /** the context object for this step (`$$` / `$states.context`) */
  readonly context: Record<string, unknown>;
  random: () => number;
  /** the step's JSONata scope (no result or error output), built on first use and shared by its fields */
  scope?: JsonataScope;
}

export interface StepOutcome {
  output: unknown;
  assigned?: Record<string, unknown>;
}

/** PathEnv whose context object is built only when a `$$` path reads it. */
class LazyPathEnv implements PathEnv {
  constructor(
    private readonly ctx: StepCtx,
    readonly variables: Record<string, unknown>,
  ) {}
  /** States.MathRandom and States.UUID draw from the engine's seeded source, so runs repeat. */
  get random(): () => number {
    return this.ctx.random;
  }
  get context(): unknown {
    return this.ctx.context;
  }
}

export const pathEnv = (ctx: StepCtx): PathEnv => new LazyPathEnv(ctx, ctx.frame.vars);

class LazyScope implements JsonataScope {
  result?: unknown;
  errorOutput?: unknown;
  readonly input: unknown;
  readonly vars: Record<string, unknown>;
  readonly random: () => number;
  readonly stateName: string;
  readonly enteredId: number;
  states?: Record<string, unknown>;
  bindings?: Record<string, unknown>;
  constructor(private readonly ctx: StepCtx) {
    this.input = ctx.frame.input;
    this.vars = ctx.frame.vars;
    this.random = ctx.random;
    this.stateName = ctx.frame.state;
    this.enteredId = ctx.frame.enteredId;
  }
  get context(): unknown {
    return this.ctx.context;
  }
}

export function jsonataScope(
  ctx: StepCtx,
  extra?: { result?: unknown; errorOutput?: unknown },
): JsonataScope {
  if (extra === undefined) {
    ctx.scope ??= new LazyScope(ctx);
    return ctx.scope;
  }
  const scope = new LazyScope(ctx);
  if (extra && 'result' in extra) scope.result = extra.result;
  if (extra && 'errorOutput' in extra) scope.errorOutput = extra.errorOutput;
  return scope;
}

/** Evaluate a JSONata field; values without `{% %}` are returned without awaiting anything. */
export function ata(
  ctx: StepCtx,
  value: unknown,
  field: string,
  scope?: JsonataScope,
): unknown | Promise<unknown> {
  if (!hasJsonata(value)) return value;
  const s = scope ?? jsonataScope(ctx);
  const fast = evaluateJsonataSync(value, s);
  if (fast !== NOT_FAST) return fast;
  return evaluateJsonata(value, s, field, jsonataBindings(s));
}

type Assigned = Record<string, unknown> | undefined;

/** Output and assigned variables, without a promise when both were computed synchronously. */
function combine(
  output: unknown,
  assigned: Assigned | Promise<Assigned>,
): StepOutcome | Promise<StepOutcome> {
  if (output instanceof Promise || assigned instanceof Promise)
    return Promise.all([output, assigned]).then(([o, a]) => ({ output: o, assigned: a }));
  return { output, assigned };
}

/** JSONPath `InputPath` (null gives `{}`). */
export function effectiveInput(ctx: StepCtx): unknown {
  const p = ctx.state.InputPath;
  if (p === null) return {};
  if (p === undefined || p === '$') return ctx.frame.input;
  return readPath(p as string, ctx.frame.input, pathEnv(ctx));
}

function outputPath(ctx: StepCtx, value: unknown): unknown {
  const p = ctx.state.OutputPath;
  if (p === null) return {};
  if (p === undefined || p === '$') return value;
  return readPath(p as string, value, pathEnv(ctx));
}

function assignPath(ctx: StepCtx, assign: unknown, value: unknown): Record<string, unknown> | undefined {
  if (assign === undefined) return undefined;
  return resolveTemplate(assign, value, pathEnv(ctx)) as Record<string, unknown>;
}

function assignAta(ctx: StepCtx, assign: unknown, scope: JsonataScope): Assigned | Promise<Assigned> {
  if (assign === undefined) return undefined;
  const check = (v: unknown): Assigned => {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw new StatesError(
        'States.QueryEvaluationError',
        `The field 'Assign' of state '${ctx.frame.state}' must evaluate to an object`,
      );
    return v as Record<string, unknown>;
  };
  const v = ata(ctx, assign, 'Assign', scope);
  return v instanceof Promise ? v.then(check) : check(v);
}

/** Task/Map/Parallel/Pass: from the state's result to its output and assigned variables. */
export function resultOutcome(ctx: StepCtx, result: unknown): StepOutcome | Promise<StepOutcome> {
  const s = ctx.state;
  if (ctx.lang === 'JSONata') return resultOutcomeAta(ctx, result);
  const selected =
    s.ResultSelector === undefined ? result : resolveTemplate(s.ResultSelector, result, pathEnv(ctx));
  const assigned = assignPath(ctx, s.Assign, selected);
  const rp = s.ResultPath as string | null | undefined;
  const withResult =
    rp === undefined || rp === '$' ? selected : applyResultPath(ctx.frame.input, rp, selected);
  return { output: outputPath(ctx, withResult), assigned };
}

/** Choice/Wait/Succeed: the input passes through (`Output`/`OutputPath`, `Assign`). */
export function passthroughOutcome(
  ctx: StepCtx,
  output = ctx.state.Output,
  assign = ctx.state.Assign,
): StepOutcome | Promise<StepOutcome> {
  if (ctx.lang === 'JSONata') return passthroughAta(ctx, output, assign);
  const input = effectiveInput(ctx);
  return { output: outputPath(ctx, input), assigned: assignPath(ctx, assign, input) };
}

function resultOutcomeAta(ctx: StepCtx, result: unknown): StepOutcome | Promise<StepOutcome> {
  const s = ctx.state;
  const scope = jsonataScope(ctx, { result });
  return combine(
    s.Output === undefined ? result : ata(ctx, s.Output, 'Output', scope),
    assignAta(ctx, s.Assign, scope),
  );
}

function passthroughAta(ctx: StepCtx, output: unknown, assign: unknown): StepOutcome | Promise<StepOutcome> {
  const scope = jsonataScope(ctx);
  return combine(
    output === undefined ? ctx.frame.input : ata(ctx, output, 'Output', scope),
    assignAta(ctx, assign, scope),
  );
}

/** A Catcher's output: `ResultPath` (JSONPath) or `Output` (JSONata), and its `Assign`. */
export async function catchOutcome(
  ctx: StepCtx,
  catcher: Record<string, unknown>,
  err: StatesError,
): Promise<StepOutcome> {
  const errorOutput: Record<string, unknown> = {};
  if (err.error) errorOutput.Error = err.error;
  if (err.cause) errorOutput.Cause = err.cause;
  if (ctx.lang === 'JSONata') {
    const scope = jsonataScope(ctx, { errorOutput });
    const output =
      catcher.Output === undefined ? errorOutput : await ata(ctx, catcher.Output, 'Output', scope);
    return { output, assigned: await assignAta(ctx, catcher.Assign, scope) };
  }
  const assigned = assignPath(ctx, catcher.Assign, errorOutput);
  const rp = catcher.ResultPath as string | null | undefined;
  let output: unknown;
  try {
    output = applyResultPath(ctx.frame.input, rp, errorOutput);
  } catch (error) {
    if (error instanceof StatesError) throw new StatesError('States.ResultPathMatchFailure', error.cause);
    throw error;
  }
  return { output, assigned };
}

/** JSONPath Parameters (Task, Pass, Parallel) or JSONata Arguments; default: the (effective) input. */
export function stateArguments(ctx: StepCtx): unknown | Promise<unknown> {
  const s = ctx.state;
  if (ctx.lang === 'JSONata')
    return s.Arguments === undefined ? ctx.frame.input : ata(ctx, s.Arguments, 'Arguments');
  const input = effectiveInput(ctx);
  return s.Parameters === undefined ? input : resolveTemplate(s.Parameters, input, pathEnv(ctx));
}

/**
 * A numeric or timestamp field given as a literal, a JSONPath `…Path` or a JSONata expression: a promise only when
 * the expression needs one (as `ata`), so a caller awaits only then.
 */
export function fieldValue(ctx: StepCtx, field: string): unknown | Promise<unknown> {
  const s = ctx.state;
  if (ctx.lang === 'JSONata') return s[field] === undefined ? undefined : ata(ctx, s[field], field);
  if (s[field] !== undefined) return s[field];
  // JSONPath only (a JSONata state has no `…Path` fields)
  const path = s[`${field}Path`];
  if (path !== undefined) return readPath(path as string, effectiveInput(ctx), pathEnv(ctx));
  return undefined;
}

export function positiveInteger(ctx: StepCtx, field: string, v: unknown, allowZero = false): number {
  if (!Number.isInteger(v) || (v as number) < (allowZero ? 0 : 1))
    throw new StatesError(
      ctx.lang === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
      `The value of the field '${field}' of state '${ctx.frame.state}' must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${JSON.stringify(v)}`,
    );
  return v as number;
}
