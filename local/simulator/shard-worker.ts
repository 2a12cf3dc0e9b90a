/**
 * A worker thread that runs cohorts (shards) one after another and posts each one's headline figures. A shard is
 * an independent probation area: its own staff, cases and runtime, so shards need nothing from each other and a
 * large cohort spreads over the cores (the benchmark runs 10,000 journeys this way).
 *
 * Shards come as messages, one at a time, each sent when the worker has posted the last one's figures (so a worker
 * that runs faster takes more of them); `null` ends the worker.
 */
import { parentPort } from 'node:worker_threads';
import type { CohortSummary } from './summary.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';

export interface ShardSpec {
  readonly index: number;
  readonly cases: number;
  readonly seed: number;
}

export interface ShardResult {
  readonly index: number;
  readonly counts: CohortSummary['counts'];
  readonly endedAt: string;
  readonly seconds: number;
}

const { runCohort } = await import('./cohort-run.ts');
const { summarise } = await import('./summary.ts');

async function runShard(shard: ShardSpec): Promise<void> {
  const started = performance.now();
  const run = await runCohort({ cases: shard.cases, seed: shard.seed });
  const summary = await summarise(run, shard.seed);
  await run.close();
  const result: ShardResult = {
    index: shard.index,
    counts: summary.counts,
    endedAt: run.endedAt,
    seconds: (performance.now() - started) / 1000,
  };
  parentPort?.postMessage(result);
}

// one shard at a time, in the order they come
let queue = Promise.resolve();
parentPort?.on('message', (shard: ShardSpec | null) => {
  queue = queue.then(() => (shard === null ? parentPort?.close() : runShard(shard)));
});
