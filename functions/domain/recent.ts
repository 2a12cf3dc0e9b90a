/**
 * A bounded memo of pure results, for each configuration (held weakly, so a configuration that goes away takes its
 * entries). Two generations of at most `limit` entries each: a hit in the older generation moves to the newer one,
 * and when the newer one is full the older one is dropped. So a long run (a 10,000-journey cohort in one process)
 * keeps at most 2 x `limit` entries, never one per case, and recent entries survive.
 */
import type { DomainConfig } from './config.ts';

interface Generations<V> {
  newer: Map<string, V>;
  older: Map<string, V>;
}

export class RecentResults<V> {
  private readonly byConfig = new WeakMap<DomainConfig, Generations<V>>();

  constructor(private readonly limit: number) {}

  get(config: DomainConfig, key: string): V | undefined {
    const generations = this.byConfig.get(config);
    if (!generations) return undefined;
    const value = generations.newer.get(key);
    if (value !== undefined) return value;
    const old = generations.older.get(key);
    if (old !== undefined) this.set(config, key, old);
    return old;
  }

  set(config: DomainConfig, key: string, value: V): V {
    let generations = this.byConfig.get(config);
    if (!generations) {
      generations = { newer: new Map(), older: new Map() };
      this.byConfig.set(config, generations);
    }
    if (generations.newer.size >= this.limit) {
      generations.older = generations.newer;
      generations.newer = new Map();
    }
    generations.newer.set(key, value);
    return value;
  }

  /** How many entries a configuration holds (for tests). */
  size(config: DomainConfig): number {
    const generations = this.byConfig.get(config);
    return generations ? generations.newer.size + generations.older.size : 0;
  }
}
