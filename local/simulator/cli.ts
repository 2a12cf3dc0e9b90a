/**
 * `npm run simulate -- --cases 200 --seed 1` (what `npm start` runs): a synthetic cohort through the real
 * workflows and handlers on the embedded runtime, months in seconds; prints a summary and writes out/report.html.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// Handler logs carry ids only, but a cohort run would print thousands: keep errors only.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'out' },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run simulate -- --cases <n ≥ 1> --seed <integer> [--out <dir>]');
  process.exit(2);
}

const { runCohort } = await import('./cohort-run.ts');
const { summarise } = await import('./summary.ts');
const { renderReportHtml } = await import('./report-html.ts');

const started = performance.now();
const width = 30;
const run = await runCohort({
  cases,
  seed,
  onProgress: ({ now, registered, total }) => {
    if (!process.stderr.isTTY) return;
    const filled = Math.round((registered / total) * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${now.slice(0, 10)} registered ${registered}/${total}`,
    );
  },
});
if (process.stderr.isTTY) process.stderr.write('\n');
const summary = await summarise(run, seed);
await run.runtime.close();
for (const line of summary.lines) console.log(line);
mkdirSync(values.out, { recursive: true });
const reportPath = join(values.out, 'report.html');
writeFileSync(reportPath, renderReportHtml(summary.report));
const seconds = (performance.now() - started) / 1000;
console.log(`Report: ${reportPath}`);
// wall-clock figures last and apart, so the lines above compare equal for the same seed
console.log(
  `Wall time ${seconds.toFixed(1)} s (${(cases / seconds).toFixed(1)} journeys/s), peak RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
);
