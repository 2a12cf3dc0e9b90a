/**
 * `npm run profile`: where the simulator benchmark's CPU goes. Runs cohort shards as a benchmark worker does (the
 * bundled code, its V8 flags, shards of 100 journeys after one to warm up) with V8's CPU profiler on,
 * then prints the CPU a journey took and the self time by area of the code base and by function. The profile is
 * kept as out/simulator.cpuprofile, which Chrome DevTools and VS Code open (the functions are the bundle's).
 *
 * Options: --shards N (profiled shards, default 4), --cases N (journeys a shard, default 100), --top N (functions
 * listed, default 25).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { bundle } from '#local/simulator/bundle.ts';
import { SHARD_WORKER_FLAGS } from '#local/simulator/node-flags.ts';
import { attribute, type Share } from './cpu-areas.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    shards: { type: 'string', default: '4' },
    cases: { type: 'string', default: '100' },
    top: { type: 'string', default: '25' },
  },
});
const count = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
};
const shards = count('shards');
const cases = count('cases');
const top = count('top');

const outDir = join(ROOT, 'out');
mkdirSync(outDir, { recursive: true });
const profilePath = join(outDir, 'simulator.cpuprofile');
const entry = await bundle('local/simulator/profile-shards.ts');
try {
  const bundlePath = fileURLToPath(entry.url);
  const written = `${profilePath}.partial`;
  console.log(`profiling ${shards} shard(s) of ${cases} journeys after one to warm up…`);
  const { stdout } = await promisify(execFile)(process.execPath, [...SHARD_WORKER_FLAGS, bundlePath], {
    env: {
      ...process.env,
      PROFILE_SHARDS: String(shards),
      PROFILE_CASES: String(cases),
      PROFILE_OUT: written,
    },
    maxBuffer: 1 << 20,
  });
  const { journeys, cpuSeconds } = JSON.parse(stdout.trim().split('\n').pop()!) as {
    journeys: number;
    cpuSeconds: number;
  };
  renameSync(written, profilePath);
  const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
  const { totalMs, areas, functions } = attribute(profile, entry.files());
  const perJourney = (1000 * cpuSeconds) / journeys;
  console.log(
    `${journeys} journeys: ${cpuSeconds.toFixed(1)} s of CPU = ${perJourney.toFixed(1)} ms a journey ` +
      '(the profiler adds about a fifth: `npm run bench -- simulator` measures without it)',
  );
  const table = (title: string, shares: readonly Share[]) => {
    console.log(`\n${title} (share of ${(totalMs / 1000).toFixed(1)} s sampled; ms a journey)`);
    for (const { name, ms } of shares)
      console.log(
        `${((100 * ms) / totalMs).toFixed(1).padStart(6)}%  ${(ms / journeys).toFixed(2).padStart(6)}  ${name}`,
      );
  };
  table('self time by area', areas);
  table(`the ${top} functions with most self time`, functions.slice(0, top));
  console.log(`\nprofile: ${profilePath}`);
} finally {
  entry.remove();
}
