/** A v4-shaped UUID from the engine's (seedable) random source. */
export function uuid(random: () => number): string {
  const h = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  const variant = ((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
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
