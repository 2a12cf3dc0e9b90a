/**
 * Cohort simulator benchmark (a figure, not a test): 10,000 journeys through the real workflows and handlers on the
 * virtual clock, as independent areas (shards) of SIM_BENCH_SHARD journeys spread over one worker process per core.
 * Prints wall time, journeys per second and peak memory (this process's peak RSS plus each worker's), and the CPU
 * time the shards took (steadier than wall time when the machine is shared).
 *
 * Shards go to whichever worker is free, one at a time (bench/shard-plan.ts cuts them). The worker is bundled with esbuild into one ES module first
 * (local/simulator/bundle.ts; under a second), so each process loads and runs plain JavaScript rather than every
 * TypeScript module through tsx; SIM_BENCH_BUNDLE=0 runs the sources through tsx instead. Shards of 100 journeys keep
 * each worker's heap small (a shard's runtime holds every execution's history until it ends).
 *
 * Workers are processes rather than threads so that each can run V8's garbage collector on its own thread
 * (`--single-threaded-gc`, a process-wide flag): with a worker per core, the collector's helper threads only take
 * time from the other worker (measured: 2,000 journeys in 37.5 s against 40.6 s with parallel collection). They
 * also run without allocation-site pretenuring (local/simulator/node-flags.ts says why).
 *
 * Overrides: SIM_BENCH_JOURNEYS (10000), SIM_BENCH_SHARD (100), SIM_BENCH_WORKERS (the number of cores),
 * SIM_BENCH_BUNDLE (1), SIM_BENCH_NODE_FLAGS (more V8 flags for the workers, space-separated).
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Bundle, bundle } from '#local/simulator/bundle.ts';
import { SHARD_WORKER_FLAGS } from '#local/simulator/node-flags.ts';
import type { ShardResult, ShardSpec } from '#local/simulator/shard-worker.ts';
import { shardPlan } from './shard-plan.ts';

/** The worker as one bundled module (local/simulator/bundle.ts), or the tsx-registering entry with SIM_BENCH_BUNDLE=0. */
async function workerEntry(): Promise<Bundle> {
  if (process.env.SIM_BENCH_BUNDLE === '0')
    return {
      url: new URL('../local/simulator/shard-worker.mjs', import.meta.url),
      seconds: 0,
      files: () => new Map(),
      remove() {},
    };
  return bundle('local/simulator/shard-worker.ts');
}

export default async function run(): Promise<void> {
  const journeys = Number(process.env.SIM_BENCH_JOURNEYS ?? 10_000);
  const shardSize = Number(process.env.SIM_BENCH_SHARD ?? 100);
  const workers = Math.max(1, Number(process.env.SIM_BENCH_WORKERS ?? availableParallelism()));
  const shards: ShardSpec[] = shardPlan(journeys, shardSize, workers);
  const processes = Math.min(workers, shards.length);

  let ownPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    ownPeak = Math.max(ownPeak, process.memoryUsage().rss);
  }, 200);
  /** each worker's peak RSS, as it last said */
  const workerPeaks: number[] = new Array(processes).fill(0);
  const peakMb = () => Math.round((ownPeak + workerPeaks.reduce((a, b) => a + b, 0)) / 1048576);
  const started = performance.now();
  const entry = await workerEntry();
  if (entry.seconds > 0) console.log(`  worker bundled in ${entry.seconds.toFixed(1)} s`);
  const results: ShardResult[] = [];
  /** shards run after each worker's first WARM_UP_SHARDS, which pay for V8 compiling the code */
  const steady: ShardResult[] = [];
  const shardsRun: number[] = new Array(processes).fill(0);
  let next = 0;
  try {
    await Promise.all(
      Array.from(
        { length: processes },
        (_, slot) =>
          new Promise<void>((resolve, reject) => {
            const worker = fork(fileURLToPath(entry.url), [], {
              // SIM_BENCH_NODE_FLAGS: more V8 flags for the workers, to measure one against the defaults
              execArgv: [
                ...SHARD_WORKER_FLAGS,
                ...(process.env.SIM_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
              ],
              // handler logs carry ids only, but thousands of journeys would print thousands of lines
              env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', LOG_LEVEL: 'ERROR' },
            });
            // a shard at a time to whichever worker is free, so that a slower one holds up nothing
            const feed = () => worker.send(next < shards.length ? shards[next++]! : 'end');
            worker.on('spawn', feed);
            worker.on('message', (message) => {
              const result = message as ShardResult;
              results.push(result);
              if (++shardsRun[slot]! > WARM_UP_SHARDS) steady.push(result);
              workerPeaks[slot] = result.peakRss;
              const done = results.reduce((sum, r) => sum + r.counts.starts, 0);
              const seconds = (performance.now() - started) / 1000;
              console.log(
                `  shard ${result.index}: ${result.counts.starts} journeys in ${result.seconds.toFixed(1)} s; ` +
                  `${done}/${journeys} after ${seconds.toFixed(1)} s, RSS ${peakMb()} MB`,
              );
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`worker exited ${code}`)),
            );
          }),
      ),
    );
  } finally {
    clearInterval(sampler);
    entry.remove();
  }
  const seconds = (performance.now() - started) / 1000;
  const sum = (key: keyof ShardResult['counts']) => results.reduce((s, r) => s + r.counts[key], 0);
  console.log(
    `simulator: ${sum('starts')} journeys (${shards.length} shards of ≤${shardSize}, the last ones halved; ` +
      `${processes} worker processes) ` +
      `in ${seconds.toFixed(1)} s = ${(sum('starts') / seconds).toFixed(1)} journeys/s; peak RSS ${peakMb()} MB`,
  );
  console.log(
    `  completed ${sum('completed')}, tasks ${sum('tasks')}, state transitions ${sum('transitions')} ` +
      `(${Math.round(sum('transitions') / seconds)}/s), Lambda invocations ${sum('lambdaInvocations')}`,
  );
  // CPU time varies less than wall time on a shared machine: compare changes by it
  const cpu = results.reduce((s, r) => s + r.cpuSeconds, 0);
  const perJourneyMs = (1000 * cpu) / sum('starts');
  console.log(
    `  CPU in the shards ${cpu.toFixed(1)} s = ${perJourneyMs.toFixed(1)} ms a journey ` +
      `(${TARGET_SECONDS} s for ${journeys} journeys on ${processes} cores allows ` +
      `${((1000 * TARGET_SECONDS * processes) / journeys).toFixed(1)} ms)`,
  );
  // the figure to compare changes by: the warm-up and the host's slow moments move the totals more
  if (steady.length > 0)
    console.log(
      `  steady shards (each worker's first ${WARM_UP_SHARDS} left out): median ` +
        `${median(steady.filter((r) => r.counts.starts === shardSize).map((r) => r.seconds)).toFixed(2)} s ` +
        `a shard of ${shardSize}, CPU ` +
        `${median(steady.map((r) => (1000 * r.cpuSeconds) / r.counts.starts)).toFixed(1)} ms a journey`,
    );
}

const WARM_UP_SHARDS = 2;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** the target: 10,000 journeys in 60 s on 2 cores */
const TARGET_SECONDS = 60;
