import { describe, expect, it } from 'vitest';
import { shardPlan } from '../../../bench/shard-plan.ts';

describe('the simulator benchmark shard plan', () => {
  it('cuts full shards, then the last workers × shard size journeys in half shards', () => {
    const plan = shardPlan(10_000, 100, 2);
    expect(plan.reduce((sum, s) => sum + s.cases, 0)).toBe(10_000);
    expect(plan.filter((s) => s.cases === 100)).toHaveLength(98);
    expect(plan.slice(-4).map((s) => s.cases)).toEqual([50, 50, 50, 50]);
    expect(plan.map((s) => s.index)).toEqual(plan.map((_, i) => i));
    expect(plan.map((s) => s.seed)).toEqual(plan.map((_, i) => 1000 + i));
  });

  it('keeps every journey when the numbers do not divide', () => {
    for (const [journeys, size, workers] of [
      [1, 100, 2],
      [150, 100, 2],
      [1001, 100, 3],
      [7, 3, 1],
    ] as const) {
      const plan = shardPlan(journeys, size, workers);
      expect(plan.reduce((sum, s) => sum + s.cases, 0)).toBe(journeys);
      expect(plan.every((s) => s.cases > 0 && s.cases <= size)).toBe(true);
    }
  });
});
