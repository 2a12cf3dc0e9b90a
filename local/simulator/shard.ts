/**
 * One shard as the simulator benchmark runs it: a cohort of its own (an independent probation area: its own staff,
 * cases and runtime), then its summary. The benchmark's worker processes (shard-worker.ts) and `npm run profile`
 * (profile-shards.ts) both run shards through this. Import it after setting the log level: the handlers' logger
 * reads it when their modules load.
 */
import { runCohort } from './cohort-run.ts';
import { type CohortSummary, summarise } from './summary.ts';

export interface ShardSpec {
  readonly index: number;
  readonly cases: number;
  readonly seed: number;
}

export interface ShardRun {
  readonly counts: CohortSummary['counts'];
  readonly endedAt: string;
  readonly seconds: number;
  /** CPU time (user and system) this process spent on the shard, in seconds: steadier than wall time */
  readonly cpuSeconds: number;
}

export async function runShard(shard: ShardSpec): Promise<ShardRun> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const run = await runCohort({ cases: shard.cases, seed: shard.seed });
  const summary = await summarise(run, shard.seed);
  await run.close();
  const used = process.cpuUsage(cpu);
  return {
    counts: summary.counts,
    endedAt: run.endedAt,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}
