/**
 * A small seeded pseudo-random generator (mulberry32) so the same seed gives the same cohort, the same
 * behaviour and the same summary, line for line. Not for security.
 */
export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** picks a key with probability proportional to its weight */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** an independent stream derived from this one, so adding draws in one place does not shift another */
  fork(label: string): Random;
}

export function createRandom(seed: number): Random {
  return new Mulberry32(seed);
}

/**
 * A class rather than an object of closures: the simulator makes a generator per task it draws for, and one object
 * with its state costs far less to make than seven closures over a shared one.
 */
class Mulberry32 implements Random {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  fork(label: string): Random {
    return new Mulberry32(hashSeed(`${this.seed}:${label}`));
  }
}

/** FNV-1a over a string: a stable 32-bit seed for a label. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
