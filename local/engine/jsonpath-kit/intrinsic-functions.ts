/**
 * The intrinsic functions of Step Functions (JSONPath states), with AWS's argument checks.
 * Every failure is `States.IntrinsicFailure` naming the function and the argument.
 */
import { createHash, randomUUID } from 'node:crypto';
import { StatesError } from '../errors.ts';
import { deepEqual, isObject, typeName } from './json.ts';

export interface CallEnv {
  random?: () => number;
}

/** A resolved argument; `holes` is set for a string literal (unescaped `{}` offsets). */
export interface Value {
  value: unknown;
  holes?: number[];
}

type Impl = (name: string, args: Value[], env: CallEnv) => unknown;

export const fail = (name: string, why: string) =>
  new StatesError('States.IntrinsicFailure', `Invalid arguments in ${name}: ${why}`);

function count(name: string, args: Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw fail(name, `expected ${want} argument${max === 1 ? '' : 's'} but got ${args.length}`);
  }
}

const ORD = ['first', 'second', 'third'];
const nth = (i: number) => ORD[i] ?? `#${i + 1}`;

function str(name: string, args: Value[], i: number): string {
  const v = args[i]!.value;
  if (typeof v !== 'string') throw fail(name, `the ${nth(i)} argument must be a string, got ${typeName(v)}`);
  return v;
}
function arr(name: string, args: Value[], i: number): unknown[] {
  const v = args[i]!.value;
  if (!Array.isArray(v)) throw fail(name, `the ${nth(i)} argument must be an array, got ${typeName(v)}`);
  return v;
}
function obj(name: string, args: Value[], i: number): Record<string, unknown> {
  const v = args[i]!.value;
  if (!isObject(v)) throw fail(name, `the ${nth(i)} argument must be a JSON object, got ${typeName(v)}`);
  return v;
}
function num(name: string, args: Value[], i: number): number {
  const v = args[i]!.value;
  if (typeof v !== 'number') throw fail(name, `the ${nth(i)} argument must be a number, got ${typeName(v)}`);
  return v;
}
function int(name: string, args: Value[], i: number): number {
  const v = num(name, args, i);
  if (!Number.isInteger(v)) throw fail(name, `the ${nth(i)} argument must be an integer, got ${v}`);
  return v;
}
/** AWS rounds a non-integer to the nearest integer for these arguments (Java Math.round: half up). */
const rounded = (name: string, args: Value[], i: number): number => Math.round(num(name, args, i));

const MAX_STRING = 10_000;
function bounded(name: string, s: string): string {
  if (s.length > MAX_STRING) throw fail(name, `the input string is longer than ${MAX_STRING} characters`);
  return s;
}

function format(name: string, args: Value[]): string {
  count(name, args, 1, Infinity);
  const template = str(name, args, 0);
  const holes = args[0]!.holes ?? [...template.matchAll(/\{\}/g)].map((m) => m.index);
  if (holes.length !== args.length - 1)
    throw fail(
      name,
      `the template has ${holes.length} '{}' placeholder(s) but ${args.length - 1} value(s) were given`,
    );
  let out = '';
  let at = 0;
  holes.forEach((h, i) => {
    const v = args[i + 1]!.value;
    if (v !== null && typeof v === 'object')
      throw fail(name, `argument ${i + 2} must be a string, number, boolean or null, got ${typeName(v)}`);
    out += template.slice(at, h) + String(v);
    at = h + 2;
  });
  return out + template.slice(at);
}

/** Java StringTokenizer semantics, as AWS: every character of the delimiter splits; empty tokens dropped. */
function split(s: string, delimiters: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (delimiters.includes(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Deterministic generator for a given MathRandom seed (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(random: () => number): string {
  const b = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 0xff);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const FUNCTIONS: Record<string, Impl> = {
  'States.Format': format,
  'States.StringToJson': (n, a) => {
    count(n, a, 1);
    const s = str(n, a, 0);
    try {
      return JSON.parse(s);
    } catch {
      throw fail(n, 'the argument is not valid JSON text');
    }
  },
  'States.JsonToString': (n, a) => {
    count(n, a, 1);
    return JSON.stringify(a[0]!.value);
  },
  'States.Array': (_n, a) => a.map((v) => v.value),
  'States.ArrayPartition': (n, a) => {
    count(n, a, 2);
    const list = arr(n, a, 0);
    const size = rounded(n, a, 1);
    if (size <= 0) throw fail(n, `the chunk size must be a positive integer, got ${a[1]!.value}`);
    const out: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  },
  'States.ArrayContains': (n, a) => {
    count(n, a, 2);
    const v = a[1]!.value;
    return arr(n, a, 0).some((e) => deepEqual(e, v));
  },
  'States.ArrayRange': (n, a) => {
    count(n, a, 3);
    const [start, end, step] = [int(n, a, 0), int(n, a, 1), int(n, a, 2)];
    if (step === 0) throw fail(n, 'the step (third argument) must not be 0');
    const items = Math.max(0, Math.floor((end - start) / step) + 1);
    if (items > 1000) throw fail(n, `the range would have ${items} items; the maximum is 1000`);
    return Array.from({ length: items }, (_, i) => start + i * step);
  },
  'States.ArrayGetItem': (n, a) => {
    count(n, a, 2);
    const list = arr(n, a, 0);
    const i = int(n, a, 1);
    if (i < 0 || i >= list.length) throw fail(n, `index ${i} is out of bounds (length ${list.length})`);
    return list[i];
  },
  'States.ArrayLength': (n, a) => {
    count(n, a, 1);
    return arr(n, a, 0).length;
  },
  'States.ArrayUnique': (n, a) => {
    count(n, a, 1);
    const out: unknown[] = [];
    for (const v of arr(n, a, 0)) if (!out.some((o) => deepEqual(o, v))) out.push(v);
    return out;
  },
  'States.Base64Encode': (n, a) => {
    count(n, a, 1);
    return Buffer.from(bounded(n, str(n, a, 0)), 'utf8').toString('base64');
  },
  'States.Base64Decode': (n, a) => {
    count(n, a, 1);
    const s = bounded(n, str(n, a, 0));
    if (!BASE64.test(s)) throw fail(n, 'the argument is not valid base64 text');
    return Buffer.from(s, 'base64').toString('utf8');
  },
  'States.Hash': (n, a) => {
    count(n, a, 2);
    const data = a[0]!.value;
    if (data === null) throw fail(n, 'the data to hash must not be null');
    const algorithm = str(n, a, 1);
    const alg = HASHES[algorithm];
    if (!alg) throw fail(n, `unsupported algorithm '${algorithm}' (MD5, SHA-1, SHA-256, SHA-384, SHA-512)`);
    const text = bounded(n, typeof data === 'string' ? data : JSON.stringify(data));
    return createHash(alg).update(text, 'utf8').digest('hex');
  },
  'States.JsonMerge': (n, a) => {
    count(n, a, 3);
    const [x, y] = [obj(n, a, 0), obj(n, a, 1)];
    if (typeof a[2]!.value !== 'boolean') throw fail(n, 'the third argument must be a boolean');
    if (a[2]!.value) throw fail(n, 'deep merging is not supported; the third argument must be false');
    return { ...x, ...y };
  },
  'States.MathRandom': (n, a, env) => {
    count(n, a, 2, 3);
    const [start, end] = [rounded(n, a, 0), rounded(n, a, 1)];
    if (end <= start) throw fail(n, `the end (${end}) must be greater than the start (${start})`);
    const random = a.length === 3 ? seeded(int(n, a, 2)) : (env.random ?? Math.random);
    return start + Math.floor(random() * (end - start));
  },
  'States.MathAdd': (n, a) => {
    count(n, a, 2);
    const [x, y] = [rounded(n, a, 0), rounded(n, a, 1)];
    for (const v of [x, y])
      if (v < INT32_MIN || v > INT32_MAX)
        throw fail(n, `${v} is outside the range ${INT32_MIN} to ${INT32_MAX}`);
    return x + y;
  },
  'States.StringSplit': (n, a) => {
    count(n, a, 2);
    return split(str(n, a, 0), str(n, a, 1));
  },
  'States.UUID': (n, a, env) => {
    count(n, a, 0);
    return env.random ? uuid(env.random) : randomUUID();
  },
};

export const isIntrinsicName = (name: string): boolean => Object.hasOwn(FUNCTIONS, name);

export function callIntrinsic(name: string, args: Value[], env: CallEnv): unknown {
  const impl = FUNCTIONS[name];
  if (!impl) throw new StatesError('States.IntrinsicFailure', `'${name}' is not an intrinsic function`);
  return impl(name, args, env);
}
