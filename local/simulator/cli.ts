/**
 * `npm run simulate -- --cases 200 --seed 1` (what `npm start` runs): a synthetic cohort through the real
 * workflows and handlers on the embedded runtime, months in seconds; prints a summary and writes out/report.html.
 *
 *   --cases <n>            cohort size (default 200)
 *   --seed <integer>       the same seed gives the same summary, line for line (default 1)
 *   --store memory|dynamodb  the in-memory repository (default) or the DynamoDB adapter on dynalite
 *   --start <YYYY-MM-DD>   first day of the simulated period (default 2027-01-04)
 *   --out <dir>            where report.html goes (default out)
 *   --mix <file.json>      any subset of the cohort mix (local/simulator/cohort.ts, DEFAULT_MIX)
 *   --risk LOW=30,HIGH=20  --sentence LICENCE=70,…  --release-change NONE=80,EARLIER=8,DEFERRED=12
 *   --early-end NONE=88,RECALLED=4,…  --staff ON_TIME=85,LATE=12,NEVER=3  --attendance ATTENDED_COMPLIED=90,…
 *   --needs 0.3  --late-registration 0.15   (weights merge over the defaults, key by key)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// Handler logs carry ids only, but a cohort run would print thousands: keep errors only.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';

const { MIX_FLAGS, mixFrom } = await import('./mix.ts');

const usage =
  'usage: npm run simulate -- [--cases <n ≥ 1>] [--seed <integer>] [--store memory|dynamodb] [--start YYYY-MM-DD]\n' +
  '       [--out <dir>] [--mix <file.json>] [--risk K=w,…] [--sentence K=w,…] [--release-change K=w,…]\n' +
  '       [--early-end K=w,…] [--staff K=w,…] [--attendance K=w,…] [--needs <p>] [--late-registration <p>]';

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let values: Record<string, string | undefined>;
try {
  values = parseArgs({
    options: {
      cases: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      store: { type: 'string', default: 'memory' },
      start: { type: 'string', default: '2027-01-04' },
      out: { type: 'string', default: 'out' },
      mix: { type: 'string' },
      ...Object.fromEntries(Object.keys(MIX_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
  }).values as Record<string, string | undefined>;
} catch (error) {
  fail((error as Error).message);
}
const cases = Number(values.cases);
const seed = Number(values.seed);
const store = values.store;
if (!Number.isInteger(cases) || cases < 1) fail('--cases: must be a whole number of 1 or more');
if (!Number.isInteger(seed)) fail('--seed: must be an integer');
if (store !== 'memory' && store !== 'dynamodb') fail('--store: must be memory or dynamodb');
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start ?? '') || Number.isNaN(Date.parse(values.start ?? '')))
  fail('--start: must be a date YYYY-MM-DD');
let mix: ReturnType<typeof mixFrom>;
try {
  mix = mixFrom(values.mix, values);
} catch (error) {
  fail((error as Error).message);
}

const { runCohort } = await import('./cohort-run.ts');
const { summarise } = await import('./summary.ts');
const { renderReportHtml } = await import('./report-html.ts');
const { progressBar } = await import('./progress.ts');

const started = performance.now();
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250);
sampler.unref();
const bar = progressBar(process.stderr);
const run = await runCohort({
  cases,
  seed,
  mix,
  store,
  startDate: values.start,
  onProgress: (progress) => bar.update(progress),
});
bar.done();
const summary = await summarise(run, seed);
await run.close();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
for (const line of summary.lines) console.log(line);
const out = values.out ?? 'out';
mkdirSync(out, { recursive: true });
const reportPath = join(out, 'report.html');
writeFileSync(reportPath, renderReportHtml(summary.report));
const seconds = (performance.now() - started) / 1000;
console.log(`Report: ${reportPath}`);
// wall-clock figures last and apart, so the lines above compare equal for the same seed (and either store)
console.log(
  `Wall time ${seconds.toFixed(1)} s (${(cases / seconds).toFixed(1)} journeys/s, store ${store}), peak RSS ${Math.round(peakRss / 1048576)} MB`,
);
