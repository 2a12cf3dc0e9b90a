/**
 * How the simulator benchmark cuts its journeys into shards. Shards go to whichever worker is free, so the run ends
 * when the last shard does: the last `workers` shards' worth of journeys come in shards of half the size, so that
 * the workers finish closer together (a worker left waiting on the other's last full shard idles for up to a
 * shard's time). A shard's seed is 1000 plus its index, so the same plan gives the same cohorts.
 */
export interface PlannedShard {
  readonly index: number;
  readonly cases: number;
  readonly seed: number;
}

export function shardPlan(journeys: number, shardSize: number, workers: number): PlannedShard[] {
  const tail = Math.min(journeys, workers * shardSize);
  const small = Math.max(1, Math.ceil(shardSize / 2));
  const shards: PlannedShard[] = [];
  const add = (cases: number) => shards.push({ index: shards.length, cases, seed: 1000 + shards.length });
  for (let left = journeys - tail; left > 0; left -= shardSize) add(Math.min(shardSize, left));
  for (let left = tail; left > 0; left -= small) add(Math.min(small, left));
  return shards;
}
