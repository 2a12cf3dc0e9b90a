import { StatesError } from './errors.ts';

/**
 * The payload quota: 256 KiB of data as a UTF-8 encoded JSON string, for the input and output of a state, task
 * or execution (AWS `States.DataLimitExceeded`, and a `ValidationException` on the API).
 */
export const PAYLOAD_LIMIT = 262_144;

const HALF = PAYLOAD_LIMIT / 2;
/** values at least this large are remembered once measured exactly (values are immutable) */
const REMEMBER_FROM = 1024;
/**
 * Exact sizes of large objects, so what is passed on is not measured again. Estimates are not remembered: walking
 * a value again costs less than a WeakMap entry for each of its parts, which the collector must visit too.
 */
const sizes = new WeakMap<object, number>();

/**
 * The sizes of the last long strings measured. Compared with `===`, which is a pointer comparison for the same
 * string and stops at the first difference (or length) otherwise; a slot takes the string it last matched.
 */
const SLOTS = 16;
const longStrings: string[] = [];
const longSizes: number[] = [];
let nextSlot = 0;

function knownString(s: string): number | undefined {
  for (let i = 0; i < longStrings.length; i++)
    if (longStrings[i] === s) {
      longStrings[i] = s;
      return longSizes[i];
    }
  return undefined;
}

function exactString(s: string): number {
  if (s.length < REMEMBER_FROM) return Buffer.byteLength(JSON.stringify(s), 'utf8');
  let n = knownString(s);
  if (n === undefined) {
    n = Buffer.byteLength(JSON.stringify(s), 'utf8');
    longStrings[nextSlot] = s;
    longSizes[nextSlot] = n;
    nextSlot = (nextSlot + 1) % SLOTS;
  }
  return n;
}

/**
 * A cheap size estimate `e` of `JSON.stringify(v)` in UTF-8 bytes with `exact <= 2e`: a UTF-16 unit takes at
 * most 6 bytes once escaped (`\u001f`), a number at most 24 characters; sizes measured before are used as they
 * are. Stops counting past half the quota.
 */
function estimate(v: unknown, depth: number): number {
  switch (typeof v) {
    case 'string': {
      if (v.length >= REMEMBER_FROM) {
        const n = knownString(v);
        if (n !== undefined) return n / 2;
      }
      return 3 * v.length + 2;
    }
    case 'number':
      return 12;
    case 'boolean':
      return 5;
    case 'object': {
      if (v === null) return 4;
      // parts of a value (a merged-in input, a collected result) recur; the value itself is new each time
      if (depth > 0 && depth < 3) {
        const known = sizes.get(v);
        if (known !== undefined) return known / 2;
      }
      let n = 2;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          n += estimate(v[i], depth + 1) + 1;
          if (n > HALF) return n;
        }
      } else {
        const o = v as Record<string, unknown>;
        for (const k in o) {
          const x = o[k];
          if (x === undefined) continue;
          n += 3 * k.length + 4 + estimate(x, depth + 1);
          if (n > HALF) return n;
        }
      }
      return n;
    }
    default:
      return 4;
  }
}

/** The exact UTF-8 size of `JSON.stringify(v)`, remembering large objects and strings. */
function exact(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return exactString(v);
    case 'number':
      return Number.isFinite(v) ? String(v).length : 4;
    case 'boolean':
      return v ? 4 : 5;
    case 'object': {
      if (v === null) return 4;
      const known = sizes.get(v);
      if (known !== undefined) return known;
      let n = 1;
      if (Array.isArray(v)) {
        for (const x of v) n += (x === undefined || typeof x === 'function' ? 4 : exact(x)) + 1;
      } else {
        const o = v as Record<string, unknown>;
        for (const k in o) {
          const x = o[k];
          if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
          n += exactString(k) + exact(x) + 2;
        }
      }
      if (n === 1) n = 2; // [] or {}
      if (n >= REMEMBER_FROM) sizes.set(v, n);
      return n;
    }
    default:
      return 4;
  }
}

/**
 * The last object found to fit. Values are never changed in place, and a value checked once is often checked
 * again at once: a Lambda task's result, then the state's output `$states.result.Payload`, the same object.
 */
let lastFitting: unknown;

/**
 * Whether a JSON value fits the payload quota, with `around` bytes more around it (a Lambda answer's metadata
 * around its payload); measured exactly only when the estimate cannot tell.
 */
export function fitsPayload(v: unknown, around = 0): boolean {
  if (v === lastFitting && around === 0 && v !== undefined) return true;
  const fits = estimate(v, 0) + around <= HALF || exact(v) + around <= PAYLOAD_LIMIT;
  if (fits && typeof v === 'object' && v !== null) lastFitting = v;
  return fits;
}

/** A state's output (or a Map/Parallel state's collected result) over the quota: terminal, fails the state. */
export const outputTooLarge = (stateName: string): StatesError =>
  new StatesError(
    'States.DataLimitExceeded',
    `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    true,
  );

/** A state's input after Parameters/Arguments/ItemSelector over the quota: terminal, fails the state. */
export const inputTooLarge = (stateName: string): StatesError =>
  new StatesError(
    'States.DataLimitExceeded',
    `The state/task '${stateName}' has an input with a size exceeding the maximum number of bytes service limit.`,
    true,
  );

/**
 * A task's result over the quota: reported as the task's failure (`TaskFailed` / `LambdaFunctionFailed`), which
 * Retry and Catch handle like any task error (AWS names the resource: the function ARN, or the service).
 */
export const resultTooLarge = (resource: string): StatesError =>
  new StatesError(
    'States.DataLimitExceeded',
    `The state/task '${resource}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );

/** The `ValidationException` message AWS gives for an API string field over its length constraint. */
export const tooLongMessage = (field: string, max = PAYLOAD_LIMIT): string =>
  `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;
