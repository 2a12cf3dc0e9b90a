/**
 * Compiled JSONPath accessors (compiled once per path string, cached) and `readPath`.
 * A definite path is a key list walked in a tight loop; an indefinite path collects its matches.
 */
import { StatesError } from '../errors.ts';
import { deepEqual, isObject } from './json.ts';
import {
  type Filter,
  normalized,
  type Operand,
  type ParsedPath,
  PathSyntaxError,
  parsePath,
  type Segment,
} from './path-parse.ts';

export type PathEnv = { context: unknown; variables: Record<string, unknown>; random?: () => number };

/** Returned by `lookup` when a definite path has no match (never a JSON value). */
export const MISSING: unique symbol = Symbol('missing');

export interface CompiledPath {
  readonly path: string;
  readonly parsed: ParsedPath;
  /** key list of a definite path */
  readonly keys: ReadonlyArray<string | number> | undefined;
}

const cache = new Map<string, CompiledPath | PathSyntaxError>();
const CACHE_LIMIT = 10_000;

/** Parse and cache a path; a syntax error is cached too and rethrown as `PathSyntaxError`. */
export function compilePath(path: string): CompiledPath {
  let c = cache.get(path);
  if (c === undefined) {
    try {
      const parsed = parsePath(path);
      const keys = parsed.definite
        ? parsed.segments.map((s) => (s.t === 'key' ? s.key : (s as { index: number }).index))
        : undefined;
      c = { path, parsed, keys };
    } catch (error) {
      if (!(error instanceof PathSyntaxError)) throw error;
      c = error;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(path, c);
  }
  if (c instanceof PathSyntaxError) throw c;
  return c;
}

/** The root a path starts from, or MISSING for an undefined variable. */
function rootOf(c: CompiledPath, input: unknown, env: PathEnv): unknown {
  const r = c.parsed.root;
  if (r.t === 'input') return input;
  if (r.t === 'context') return env.context;
  return Object.hasOwn(env.variables, r.name) ? env.variables[r.name] : MISSING;
}

/** Value of a definite path (MISSING when absent) or the array of matches of an indefinite one. */
export function lookup(c: CompiledPath, input: unknown, env: PathEnv): unknown {
  const root = rootOf(c, input, env);
  if (root === MISSING) return MISSING;
  const keys = c.keys;
  if (keys !== undefined) return walkKeys(root, keys);
  return select(c.parsed.segments, [root], root);
}

export function walkKeys(root: unknown, keys: ReadonlyArray<string | number>): unknown {
  let v = root;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (typeof k === 'string') {
      if (!isObject(v) || !Object.hasOwn(v, k)) return MISSING;
      v = v[k];
    } else {
      if (!Array.isArray(v)) return MISSING;
      const idx = k < 0 ? v.length + k : k;
      if (idx < 0 || idx >= v.length) return MISSING;
      v = v[idx];
    }
  }
  return v;
}

function select(segments: readonly Segment[], nodes: unknown[], doc: unknown): unknown[] {
  let cur = nodes;
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const n of cur) step(seg, n, next, doc);
    cur = next;
  }
  return cur;
}

function children(n: unknown): unknown[] {
  if (Array.isArray(n)) return n;
  if (isObject(n)) return Object.values(n);
  return [];
}

function step(seg: Segment, n: unknown, out: unknown[], doc: unknown): void {
  switch (seg.t) {
    case 'key':
      if (isObject(n) && Object.hasOwn(n, seg.key)) out.push(n[seg.key]);
      return;
    case 'index': {
      if (!Array.isArray(n)) return;
      const i = seg.index < 0 ? n.length + seg.index : seg.index;
      if (i >= 0 && i < n.length) out.push(n[i]);
      return;
    }
    case 'wild':
      out.push(...children(n));
      return;
    case 'union':
      for (const k of seg.keys)
        step(typeof k === 'string' ? { t: 'key', key: k } : { t: 'index', index: k }, n, out, doc);
      return;
    case 'slice':
      if (Array.isArray(n)) out.push(...slice(n, seg.start, seg.end, seg.step));
      return;
    case 'filter':
      if (Array.isArray(n)) {
        for (const e of n) if (test(seg.expr, e, doc)) out.push(e);
      } else if (isObject(n) && test(seg.expr, n, doc)) out.push(n);
      return;
    case 'desc':
      descend(seg.inner, n, out, doc);
      return;
  }
}

/** `..x`: apply `x` to the node and to every node below it, in document order. */
function descend(inner: Segment, n: unknown, out: unknown[], doc: unknown): void {
  if (inner.t === 'filter') {
    if (Array.isArray(n)) for (const e of n) if (test(inner.expr, e, doc)) out.push(e);
  } else step(inner, n, out, doc);
  for (const child of children(n))
    if (child !== null && typeof child === 'object') descend(inner, child, out, doc);
}

function slice(a: unknown[], start: number | undefined, end: number | undefined, stepBy: number): unknown[] {
  const len = a.length;
  const norm = (v: number) =>
    v < 0 ? Math.max(len + v, stepBy > 0 ? 0 : -1) : Math.min(v, stepBy > 0 ? len : len - 1);
  const out: unknown[] = [];
  if (stepBy > 0) {
    for (
      let i = start === undefined ? 0 : norm(start), e = end === undefined ? len : norm(end);
      i < e;
      i += stepBy
    )
      out.push(a[i]);
  } else {
    for (
      let i = start === undefined ? len - 1 : norm(start), e = end === undefined ? -1 : norm(end);
      i > e;
      i += stepBy
    )
      out.push(a[i]);
  }
  return out;
}

function operandValue(o: Operand, node: unknown, doc: unknown): unknown {
  if (o.t === 'lit') return o.value;
  const base = o.t === 'rel' ? node : doc;
  if (o.segments.every((s) => s.t === 'key' || s.t === 'index'))
    return walkKeys(
      base,
      o.segments.map((s) => (s.t === 'key' ? s.key : (s as { index: number }).index)),
    );
  return select(o.segments, [base], doc);
}

function test(f: Filter, node: unknown, doc: unknown): boolean {
  switch (f.t) {
    case 'or':
      return test(f.a, node, doc) || test(f.b, node, doc);
    case 'and':
      return test(f.a, node, doc) && test(f.b, node, doc);
    case 'not':
      return !test(f.a, node, doc);
    case 'exists': {
      const v = operandValue(f.operand, node, doc);
      return isDefinite(f.operand) ? v !== MISSING : (v as unknown[]).length > 0;
    }
    case 'regex': {
      const v = operandValue(f.a, node, doc);
      return typeof v === 'string' && f.re.test(v);
    }
    case 'cmp':
      return compare(f.op, operandValue(f.a, node, doc), operandValue(f.b, node, doc));
  }
}

const isDefinite = (o: Operand): boolean =>
  o.t === 'lit' || o.segments.every((s) => s.t === 'key' || s.t === 'index');

function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === MISSING || b === MISSING) return false;
  if (op === '==') return deepEqual(a, b);
  if (op === '!=') return !deepEqual(a, b);
  const bothNum = typeof a === 'number' && typeof b === 'number';
  const bothStr = typeof a === 'string' && typeof b === 'string';
  if (!bothNum && !bothStr) return false;
  const x = a as number | string;
  const y = b as number | string;
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

/** Why a path found nothing, as AWS words it (the input itself is left out: it may hold personal data). */
export function noMatch(c: CompiledPath, env: PathEnv, field?: string): StatesError {
  const r = c.parsed.root;
  const where = field === undefined ? '' : ` for the field '${field}'`;
  if (r.t === 'variable' && !Object.hasOwn(env.variables, r.name))
    return new StatesError(
      'States.Runtime',
      `Invalid path '${c.path}'${where}: the variable '${r.name}' is not defined`,
    );
  return new StatesError(
    'States.Runtime',
    field === undefined
      ? `Invalid path '${c.path}' : No results for path: ${normalized(c.parsed)}`
      : `The JSONPath '${c.path}' specified for the field '${field}' could not be found in the input`,
  );
}

/** A syntax error in a path met at run time. */
export function invalidPath(path: string, error: unknown): StatesError {
  return new StatesError('States.Runtime', `Invalid path '${path}': ${(error as Error).message}`);
}

/**
 * Read a path from the input (`$…`), the context object (`$$…`) or a variable (`$name…`).
 * A definite path returns its value; an indefinite one the array of its matches.
 * No match: `States.Runtime` naming the path (and the field, when given).
 */
export function readPath(path: string, input: unknown, env: PathEnv, field?: string): unknown {
  let c: CompiledPath;
  try {
    c = compilePath(path);
  } catch (error) {
    throw invalidPath(path, error);
  }
  const v = lookup(c, input, env);
  if (v === MISSING) throw noMatch(c, env, field);
  return v;
}
