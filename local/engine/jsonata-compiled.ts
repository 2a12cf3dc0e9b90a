/**
 * The second fast path, for expressions beyond jsonata-fast's few shapes: jsonata's own parse tree, compiled once
 * into a closure when every node is in a small subset whose meaning is pinned down here exactly as jsonata 2.x
 * evaluates it: variables and paths through objects, literals, arithmetic, comparisons, `and` / `or`, conditions,
 * blocks with `:=` bindings, array constructors, object constructors with literal keys, unary minus, and the
 * functions `$max`, `$min`, `$floor`, `$toMillis` (ISO form), `$type`, `$exists`, `$merge` and Step Functions'
 * `$parse`.
 *
 * jsonata evaluates through promises, which costs the engine a great deal on the expressions every staff-task step
 * has (its timeouts). Whatever the subset cannot answer as jsonata would, at compile time (other syntax) or at run
 * time (an array on a path, a value jsonata would reject with an error, an undefined result), is NOT_FAST, and the
 * caller evaluates with jsonata itself, which also gives its error messages.
 */
import jsonata from 'jsonata';
import { NOT_FAST } from './jsonata-fast.ts';

interface Node {
  readonly type: string;
  readonly value?: unknown;
  readonly lhs?: Node;
  readonly rhs?: Node;
  readonly steps?: readonly Node[];
  readonly expressions?: readonly Node[];
  readonly expression?: Node;
  readonly condition?: Node;
  readonly then?: Node;
  readonly else?: Node;
  readonly arguments?: readonly Node[];
  readonly procedure?: Node;
}

/** Variables bound by `:=` in blocks, innermost first; then the `$states` root; then the workflow's variables. */
class Frame {
  private readonly bound = new Map<string, unknown>();
  constructor(
    readonly parent: Frame | undefined,
    readonly vars: Record<string, unknown>,
    readonly states: Record<string, unknown> | undefined,
  ) {}

  bind(name: string, value: unknown): void {
    this.bound.set(name, value);
  }

  has(name: string): boolean {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.bound.has(name)) return true;
    return (name === 'states' && this.states !== undefined) || Object.hasOwn(this.vars, name);
  }

  lookup(name: string): unknown {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.bound.has(name)) return f.bound.get(name);
    if (name === 'states' && this.states !== undefined) return this.states;
    return Object.hasOwn(this.vars, name) ? this.vars[name] : undefined;
  }
}

type Code = (frame: Frame) => unknown;

/** Thrown (and caught at the top) when a value leaves the subset: the caller falls back to jsonata. */
const BAIL: unique symbol = Symbol('bail');
const bail = (): never => {
  throw BAIL;
};

class Unsupported extends Error {}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value read from a variable or a field: arrays (jsonata maps and flattens them) and functions leave the subset. */
function checked(v: unknown): unknown {
  if (Array.isArray(v) || typeof v === 'function') bail();
  return v;
}

/** jsonata's boolize (`$boolean`, undefined as false), for the values the subset lets through. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
  }
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return bail();
}

const isPrimitive = (v: unknown): boolean =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** jsonata's own ISO 8601 check is broader; this one accepts what the engine and the ASL produce. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

const FUNCTIONS: Readonly<Record<string, (arg: unknown) => unknown>> = {
  max: (a) => extreme(a, Math.max),
  min: (a) => extreme(a, Math.min),
  floor: (n) => (n === undefined ? undefined : typeof n === 'number' ? Math.floor(n) : bail()),
  toMillis: (s) => {
    if (s === undefined) return undefined;
    if (typeof s !== 'string' || !ISO_INSTANT.test(s)) return bail();
    const ms = Date.parse(s);
    return Number.isFinite(ms) ? ms : bail();
  },
  type: (v) => {
    if (v === undefined) return undefined;
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    if (typeof v === 'function') return bail();
    return typeof v;
  },
  exists: (v) => v !== undefined,
  merge: (a) => {
    if (a === undefined) return undefined;
    const parts = Array.isArray(a) ? a : [a];
    const out: Record<string, unknown> = {};
    for (const part of parts) {
      if (!isPlainObject(part)) bail();
      Object.assign(out, part);
    }
    return out;
  },
  // Step Functions' $parse (the engine binds the same JSON.parse); a parse error is left to jsonata to report
  parse: (text) => {
    if (typeof text !== 'string') return bail();
    try {
      return JSON.parse(text);
    } catch {
      return bail();
    }
  },
};

function extreme(a: unknown, pick: (...n: number[]) => number): unknown {
  if (a === undefined) return undefined;
  const values = Array.isArray(a) ? a : [a];
  if (values.length === 0) return undefined;
  for (const v of values) if (typeof v !== 'number') bail();
  return pick(...(values as number[]));
}

/**
 * The node's own keys must all be ones this compiler reads: anything else set (predicates, stages, ...) is
 * unsupported. Keys left undefined (a function call's `name`) are as good as absent.
 */
function only(node: Node, ...keys: string[]): void {
  for (const [key, v] of Object.entries(node))
    if (v !== undefined && key !== 'type' && key !== 'value' && key !== 'position' && !keys.includes(key))
      throw new Unsupported(key);
}

function compileNode(node: Node): Code {
  switch (node.type) {
    case 'number':
    case 'string':
    case 'value': {
      only(node);
      const value = node.value;
      return () => value;
    }
    case 'variable': {
      only(node);
      const name = node.value as string;
      if (name === '') throw new Unsupported('$');
      return (frame) => checked(frame.lookup(name));
    }
    case 'path':
      return compilePath(node);
    case 'binary':
      return compileBinary(node);
    case 'condition': {
      only(node, 'condition', 'then', 'else');
      const test = compileNode(node.condition!);
      const then = compileNode(node.then!);
      const otherwise = node.else ? compileNode(node.else) : () => undefined;
      return (frame) => (truthy(test(frame)) ? then(frame) : otherwise(frame));
    }
    case 'block': {
      only(node, 'expressions');
      const body = node.expressions!.map(compileNode);
      return (frame) => {
        const inner = new Frame(frame, frame.vars, frame.states);
        let result: unknown;
        for (const code of body) result = code(inner);
        return result;
      };
    }
    case 'bind': {
      only(node, 'lhs', 'rhs');
      if (node.lhs?.type !== 'variable') throw new Unsupported('bind');
      only(node.lhs);
      const name = node.lhs.value as string;
      const rhs = compileNode(node.rhs!);
      return (frame) => {
        const value = rhs(frame);
        frame.bind(name, value);
        return value;
      };
    }
    case 'function':
      return compileCall(node);
    case 'unary':
      return compileUnary(node);
    default:
      throw new Unsupported(node.type);
  }
}

/** `$v.a.b`: field steps through plain objects; a missing field, or a step into a primitive, is undefined. */
function compilePath(node: Node): Code {
  only(node, 'steps');
  const [first, ...rest] = node.steps!;
  if (first?.type !== 'variable' || first.value === '') throw new Unsupported('path');
  only(first);
  const root = first.value as string;
  const keys = rest.map((step) => {
    if (step.type !== 'name') throw new Unsupported('step');
    only(step);
    return step.value as string;
  });
  return (frame) => {
    let v = checked(frame.lookup(root));
    for (const key of keys) {
      if (v === undefined) return undefined;
      if (!isPlainObject(v)) return undefined;
      if (!Object.hasOwn(v, key)) return key in v ? bail() : undefined;
      v = checked(v[key]);
    }
    return v;
  };
}

function compileBinary(node: Node): Code {
  only(node, 'lhs', 'rhs');
  const lhs = compileNode(node.lhs!);
  const rhs = compileNode(node.rhs!);
  switch (node.value) {
    case 'and':
      return (frame) => truthy(lhs(frame)) && truthy(rhs(frame));
    case 'or':
      return (frame) => truthy(lhs(frame)) || truthy(rhs(frame));
    case '=':
    case '!=': {
      const negate = node.value === '!=';
      return (frame) => {
        const a = lhs(frame);
        const b = rhs(frame);
        if (a === undefined || b === undefined) return false;
        if (!isPrimitive(a) || !isPrimitive(b)) return bail();
        return (a === b) !== negate;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const op = node.value;
      return (frame) => {
        const a = lhs(frame);
        const b = rhs(frame);
        const ta = typeof a;
        const tb = typeof b;
        if (
          (ta !== 'undefined' && ta !== 'string' && ta !== 'number') ||
          (tb !== 'undefined' && tb !== 'string' && tb !== 'number')
        )
          return bail();
        if (a === undefined || b === undefined) return undefined;
        if (ta !== tb) return bail();
        const x = a as number | string;
        const y = b as number | string;
        return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
      };
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      const op = node.value;
      return (frame) => {
        const a = lhs(frame);
        const b = rhs(frame);
        if ((a !== undefined && typeof a !== 'number') || (b !== undefined && typeof b !== 'number'))
          return bail();
        if (a === undefined || b === undefined) return undefined;
        const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
        return Number.isFinite(r) ? r : bail();
      };
    }
    default:
      throw new Unsupported(String(node.value));
  }
}

function compileCall(node: Node): Code {
  only(node, 'arguments', 'procedure');
  const procedure = node.procedure!;
  if (procedure.type !== 'variable') throw new Unsupported('procedure');
  only(procedure);
  const name = procedure.value as string;
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn || node.arguments!.length !== 1) throw new Unsupported(name);
  const arg = compileNode(node.arguments![0]!);
  // a variable of the same name would hide the function in jsonata
  return (frame) => (frame.has(name) ? bail() : fn(arg(frame)));
}

function compileUnary(node: Node): Code {
  if (node.value === '-') {
    only(node, 'expression');
    const operand = compileNode(node.expression!);
    return (frame) => {
      const v = operand(frame);
      if (v === undefined) return undefined;
      return typeof v === 'number' ? -v : bail();
    };
  }
  if (node.value === '[') {
    only(node, 'expressions');
    const items = node.expressions!.map((item) => ({ code: compileNode(item), nested: item.value === '[' }));
    return (frame) => {
      const out: unknown[] = [];
      for (const { code, nested } of items) {
        const v = code(frame);
        if (v === undefined) continue;
        // jsonata appends an item's array (flattened one level) unless the item is itself an array constructor
        if (Array.isArray(v) && !nested) out.push(...v);
        else out.push(v);
      }
      return out;
    };
  }
  if (node.value === '{') {
    // an object constructor with literal string keys; jsonata leaves out a key whose value is undefined, and a
    // key given twice is its error (left to it)
    only(node, 'lhs');
    const pairs = node.lhs as unknown as readonly (readonly [Node, Node])[];
    const seen = new Set<string>();
    const fields = pairs.map(([key, value]) => {
      if (key.type !== 'string' || seen.has(key.value as string)) throw new Unsupported('object key');
      only(key);
      seen.add(key.value as string);
      return { key: key.value as string, code: compileNode(value) };
    });
    return (frame) => {
      const out: Record<string, unknown> = {};
      for (const { key, code } of fields) {
        const v = code(frame);
        if (v !== undefined) out[key] = v;
      }
      return out;
    };
  }
  throw new Unsupported(String(node.value));
}

const cache = new Map<string, Code | null>();

function compile(source: string): Code | null {
  try {
    return compileNode(jsonata(source).ast() as unknown as Node);
  } catch {
    // unsupported syntax, or a parse error that jsonata will report itself
    return null;
  }
}

/**
 * Evaluate `source` with the workflow's variables and `$states` (as jsonata-fast's `evaluateFastIn` takes them), or
 * NOT_FAST. An undefined result is NOT_FAST too: jsonata reports it.
 */
export function evaluateCompiled(
  source: string,
  vars: Record<string, unknown>,
  states: Record<string, unknown> | undefined,
): unknown {
  let code = cache.get(source);
  if (code === undefined) {
    code = compile(source);
    cache.set(source, code);
  }
  if (code === null) return NOT_FAST;
  try {
    const v = code(new Frame(undefined, vars, states));
    return v === undefined ? NOT_FAST : v;
  } catch (error) {
    if (error === BAIL) return NOT_FAST;
    throw error;
  }
}
