import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { runCohort } from '#local/simulator/cohort-run.ts';
import { renderReportHtml } from '#local/simulator/report-html.ts';
import { summarise } from '#local/simulator/summary.ts';
import { chromiumAvailable, launchHeadless } from './headless-chromium.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
});

describe.skipIf(!chromiumAvailable)('report of a simulation run', () => {
  it('draws the funnel, outcomes, weekly load, escalations and case timelines of a real run', async () => {
    const run = await runCohort({ cases: 6, seed: 4 });
    let summary: Awaited<ReturnType<typeof summarise>>;
    try {
      summary = await summarise(run, 4);
    } finally {
      await run.close();
    }
    const { report } = summary;
    const file = join(mkdtempSync(join(tmpdir(), 'sim-report-')), 'report.html');
    writeFileSync(file, renderReportHtml(report));
    const browser = await launchHeadless();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      expect(errors).toEqual([]);
      expect(await page.locator('body').getAttribute('data-charts-drawn')).toBe('5');
      expect(await page.locator('#funnel rect.bar').count()).toBe(report.funnel.length);
      expect(await page.locator('#load rect.bar').count()).toBe(report.staffLoadPerWeek.length);
      expect(report.escalationsPerWeek.length).toBeGreaterThan(0);
      const events = report.timelines.reduce((sum, t) => sum + t.events.length, 0);
      expect(events).toBeGreaterThan(report.timelines.length);
      expect(await page.locator('#timelines circle.event').count()).toBe(events);
      // the summary printed on stdout is on the page too
      expect(await page.locator('body').innerText()).toContain(summary.lines[1]!);
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
