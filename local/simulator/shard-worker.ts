/**
 * A worker process that runs cohorts (shards) one after another and sends each one's headline figures. A shard is
 * an independent probation area: its own staff, cases and runtime, so shards need nothing from each other and a
 * large cohort spreads over the cores (the benchmark forks one such process per core and runs 10,000 journeys).
 *
 * Shards come as IPC messages, one at a time, each sent when the worker has sent the last one's figures (so a
 * worker that runs faster takes more of them); `'end'` ends the worker.
 */
import type { ShardRun, ShardSpec } from './shard.ts';

export type { ShardSpec } from './shard.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';

/** What the benchmark sends: the next shard, or `'end'` when none is left. */
export type ShardMessage = ShardSpec | 'end';

export interface ShardResult extends ShardRun {
  readonly index: number;
  /** the worker process's peak resident set so far, in bytes */
  readonly peakRss: number;
}

const { runShard } = await import('./shard.ts');

async function runAndSend(shard: ShardSpec): Promise<void> {
  const run = await runShard(shard);
  const result: ShardResult = { index: shard.index, ...run, peakRss: process.resourceUsage().maxRSS * 1024 };
  process.send?.(result);
}

// one shard at a time, in the order they come
let queue = Promise.resolve();
process.on('message', (message: ShardMessage) => {
  queue = queue.then(() => (message === 'end' ? process.disconnect() : runAndSend(message)));
});
