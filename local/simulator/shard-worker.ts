/**
 * A worker process that runs cohorts (shards) one after another and sends each one's headline figures. A shard is
 * an independent probation area: its own staff, cases and runtime, so shards need nothing from each other and a
 * large cohort spreads over the cores (the benchmark forks one such process per core and runs 10,000 journeys).
 *
 * Shards come as IPC messages, one at a time, each sent when the worker has sent the last one's figures (so a
 * worker that runs faster takes more of them); `'end'` ends the worker.
 */
import type { CohortSummary } from './summary.ts';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';

export interface ShardSpec {
  readonly index: number;
  readonly cases: number;
  readonly seed: number;
}

/** What the benchmark sends: the next shard, or `'end'` when none is left. */
export type ShardMessage = ShardSpec | 'end';

export interface ShardResult {
  readonly index: number;
  readonly counts: CohortSummary['counts'];
  readonly endedAt: string;
  readonly seconds: number;
  /** CPU time (user and system) the worker process spent on the shard, in seconds: steadier than wall time */
  readonly cpuSeconds: number;
  /** the worker process's peak resident set so far, in bytes */
  readonly peakRss: number;
}

const { runCohort } = await import('./cohort-run.ts');
const { summarise } = await import('./summary.ts');

async function runShard(shard: ShardSpec): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const run = await runCohort({ cases: shard.cases, seed: shard.seed });
  const summary = await summarise(run, shard.seed);
  await run.close();
  const result: ShardResult = {
    index: shard.index,
    counts: summary.counts,
    endedAt: run.endedAt,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSecondsSince(cpu),
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
  process.send?.(result);
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

// one shard at a time, in the order they come
let queue = Promise.resolve();
process.on('message', (message: ShardMessage) => {
  queue = queue.then(() => (message === 'end' ? process.disconnect() : runShard(message)));
});
