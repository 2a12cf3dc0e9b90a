/**
 * A copy of a JSON value as `JSON.parse(JSON.stringify(value))` makes it, without the string in between: what a
 * Lambda handler receives as its event, its own objects, never the caller's. Object keys keep their order;
 * `undefined`, functions and symbols are left out of objects and become `null` in arrays; numbers that JSON cannot
 * write (NaN, ±Infinity) become `null`, and -0 becomes 0. A value that is not plain data (an object with `toJSON`,
 * such as a Date, or one made by a class) goes through JSON itself, as do values nested deeper than JSON ever
 * carries between states.
 */
const own = Object.prototype.hasOwnProperty;
const MAX_DEPTH = 200;

export function jsonCopy(value: unknown): unknown {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  return copy(value, 0);
}

function copy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null;
    case 'object':
      break;
    default:
      // bigint: JSON.stringify throws, and so does this
      return viaJson(value);
  }
  if (value === null) return null;
  if (depth > MAX_DEPTH) return viaJson(value);
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] =
        item === undefined || typeof item === 'function' || typeof item === 'symbol'
          ? null
          : copy(item, depth + 1);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (
    (proto !== Object.prototype && proto !== null) ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    return viaJson(value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    if (!own.call(source, key)) continue;
    const item = source[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out[key] = copy(item, depth + 1);
  }
  return out;
}

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
