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

const { runShard } = await import('./shard.ts');

const shards = Number(process.env.PROFILE_SHARDS ?? 4);
const cases = Number(process.env.PROFILE_CASES ?? 100);
const out = process.env.PROFILE_OUT;
if (!out) throw new Error('PROFILE_OUT is not set');

await runShard({ index: 0, cases, seed: 999 });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
let journeys = 0;
let cpuSeconds = 0;
for (let i = 1; i <= shards; i++) {
  const run = await runShard({ index: i, cases, seed: 999 + i });
  journeys += run.counts.starts;
  cpuSeconds += run.cpuSeconds;
}
const { profile } = await session.post('Profiler.stop');
session.disconnect();
writeFileSync(out, JSON.stringify(profile));
console.log(JSON.stringify({ journeys, cpuSeconds }));
