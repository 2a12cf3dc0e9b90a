const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = 45;
/** the character codes of the UUID being built (36: 32 digits and 4 dashes), reused by every call */
const codes = new Array<number>(36).fill(DASH);

/**
 * A v4-shaped UUID from the engine's (seedable) random source: 32 draws, one hex digit each. Built from
 * character codes at once: appending 36 one-character strings made a rope that every later use flattened.
 */
export function uuid(random: () => number): string {
  let j = 0;
  for (let i = 0; i < 32; i++) {
    let digit = Math.floor(random() * 16);
    if (i === 12) digit = 4;
    else if (i === 16) digit = (digit & 3) | 8;
    codes[j++] = HEX_CODES[digit]!;
    if (i === 7 || i === 11 || i === 15 || i === 19) codes[j++] = DASH;
  }
  return String.fromCharCode(...codes);
}

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers that spreads every input bit over the output. */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function putHex(word: number, digits: number, at: number): number {
  for (let i = digits - 1; i >= 0; i--) {
    codes[at + i] = HEX_CODES[word & 15]!;
    word >>>= 4;
  }
  return at + digits;
}

/**
 * A v4-shaped UUID worked out from a number, the same every time: what a Lambda answer's request id is made from
 * when it is read, so that the history keeps a small integer rather than a 36-character string per invocation.
 * The first eight digits are a bijection of the number, so different numbers give different ids.
 */
export function uuidOf(n: number): string {
  const a = mix32(n);
  const b = mix32(a ^ 0x9e3779b9);
  const c = mix32(b ^ 0x7f4a7c15);
  const d = mix32(c ^ 0x94d049bb);
  let j = putHex(a, 8, 0) + 1;
  j = putHex(b >>> 16, 4, j) + 1;
  codes[j++] = HEX_CODES[4]!;
  j = putHex(b & 0xfff, 3, j) + 1;
  codes[j++] = HEX_CODES[8 | (c >>> 30)]!;
  j = putHex((c >>> 16) & 0xfff, 3, j) + 1;
  j = putHex(c & 0xffff, 4, j);
  putHex(d, 8, j);
  return String.fromCharCode(...codes);
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** mulberry32: a small seeded PRNG, so jitter and generated names are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** AWS's rule for state machine and execution names: 1-80 characters, none of whitespace, brackets, wildcards, special or control characters. */
export const isValidName = (name: string): boolean =>
  typeof name === 'string' &&
  name.length >= 1 &&
  name.length <= 80 &&
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the rule excludes
  !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name);
