/**
 * Cohort simulator benchmark (a figure, not a test): 10,000 journeys through the real workflows and handlers on the
 * virtual clock, as independent areas (shards) of SIM_BENCH_SHARD journeys spread over one worker thread per core.
 * Prints wall time, journeys per second and peak RSS (sampled; RSS covers every thread of the process).
 * Overrides: SIM_BENCH_JOURNEYS (10000), SIM_BENCH_SHARD (500), SIM_BENCH_WORKERS (the number of cores).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ShardSpec } from '#local/simulator/shard-worker.ts';

interface ShardResult {
  index: number;
  counts: {
    starts: number;
    completed: number;
    transitions: number;
    lambdaInvocations: number;
    tasks: number;
  };
  seconds: number;
}

export default async function run(): Promise<void> {
  const journeys = Number(process.env.SIM_BENCH_JOURNEYS ?? 10_000);
  const shardSize = Number(process.env.SIM_BENCH_SHARD ?? 500);
  const workers = Math.max(1, Number(process.env.SIM_BENCH_WORKERS ?? availableParallelism()));
  const shards: ShardSpec[] = [];
  for (let index = 0, left = journeys; left > 0; index++, left -= shardSize)
    shards.push({ index, cases: Math.min(shardSize, left), seed: 1000 + index });
  const perWorker: ShardSpec[][] = Array.from({ length: Math.min(workers, shards.length) }, () => []);
  for (const [i, shard] of shards.entries()) perWorker[i % perWorker.length]!.push(shard);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  const started = performance.now();
  const results: ShardResult[] = [];
  await Promise.all(
    perWorker.map(
      (assigned) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL('../local/simulator/shard-worker.mjs', import.meta.url), {
            workerData: { shards: assigned },
          });
          worker.on('message', (result: ShardResult) => {
            results.push(result);
            const done = results.reduce((sum, r) => sum + r.counts.starts, 0);
            const seconds = (performance.now() - started) / 1000;
            console.log(
              `  shard ${result.index}: ${result.counts.starts} journeys in ${result.seconds.toFixed(1)} s; ` +
                `${done}/${journeys} after ${seconds.toFixed(1)} s, RSS ${Math.round(peakRss / 1048576)} MB`,
            );
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
        }),
    ),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const sum = (key: keyof ShardResult['counts']) => results.reduce((s, r) => s + r.counts[key], 0);
  console.log(
    `simulator: ${sum('starts')} journeys (${shards.length} shards of ≤${shardSize}, ${perWorker.length} worker threads) ` +
      `in ${seconds.toFixed(1)} s = ${(sum('starts') / seconds).toFixed(1)} journeys/s; peak RSS ${Math.round(peakRss / 1048576)} MB`,
  );
  console.log(
    `  completed ${sum('completed')}, tasks ${sum('tasks')}, state transitions ${sum('transitions')} ` +
      `(${Math.round(sum('transitions') / seconds)}/s), Lambda invocations ${sum('lambdaInvocations')}`,
  );
}
