/**
 * Runs cohort shards one after another in this process with V8's CPU profiler on, for `npm run profile`
 * (bench/profile.ts bundles this module and runs it with the benchmark's flags). The first shard only warms up:
 * the profile covers the shards after it, as the benchmark's workers spend nearly all their time past warm-up.
 *
 * Environment: PROFILE_SHARDS (shards profiled), PROFILE_CASES (journeys a shard), PROFILE_OUT (where the
 * profile is written, JSON). Prints one line of JSON: the journeys and CPU seconds of the profiled shards.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';

const { runCohort } = await import('./cohort-run.ts');
const { summarise } = await import('./summary.ts');

const shards = Number(process.env.PROFILE_SHARDS ?? 4);
const cases = Number(process.env.PROFILE_CASES ?? 100);
const out = process.env.PROFILE_OUT;
if (!out) throw new Error('PROFILE_OUT is not set');

/** one shard as the benchmark's worker runs it: the cohort, then its summary */
async function shard(seed: number): Promise<number> {
  const run = await runCohort({ cases, seed });
  const summary = await summarise(run, seed);
  await run.close();
  return summary.counts.starts;
}

await shard(999);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const cpu = process.cpuUsage();
let journeys = 0;
for (let i = 0; i < shards; i++) journeys += await shard(1000 + i);
const used = process.cpuUsage(cpu);
const { profile } = await session.post('Profiler.stop');
session.disconnect();
writeFileSync(out, JSON.stringify(profile));
console.log(JSON.stringify({ journeys, cpuSeconds: (used.user + used.system) / 1e6 }));
