/**
 * A worker thread that runs cohorts (shards) one after another and posts each one's headline figures. A shard is
 * an independent probation area: its own staff, cases and runtime, so shards need nothing from each other and a
 * large cohort spreads over the cores (the benchmark runs 10,000 journeys this way).
 */
import { parentPort, workerData } from 'node:worker_threads';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';

export interface ShardSpec {
  readonly index: number;
  readonly cases: number;
  readonly seed: number;
}

const { runCohort } = await import('./cohort-run.ts');
const { summarise } = await import('./summary.ts');

for (const shard of (workerData as { shards: ShardSpec[] }).shards) {
  const started = performance.now();
  const run = await runCohort({ cases: shard.cases, seed: shard.seed });
  const summary = await summarise(run, shard.seed);
  await run.close();
  parentPort?.postMessage({
    index: shard.index,
    counts: summary.counts,
    endedAt: run.endedAt,
    seconds: (performance.now() - started) / 1000,
  });
}
