import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ReportData, renderReportHtml } from '#local/simulator/report-html.ts';
import { chromiumAvailable, launchHeadless } from './headless-chromium.ts';

const sample: ReportData = {
  title: 'Resettle cohort simulation',
  seed: 1,
  cases: 3,
  period: { from: '2027-01-01', to: '2028-06-30' },
  funnel: [
    { stage: 'registered', count: 3 },
    { stage: 'released', count: 2 },
    { stage: 'completed', count: 1 },
  ],
  outcomes: { COMPLETED: 1, RECALLED: 1, '<script>alert(1)</script>': 1 },
  staffLoadPerWeek: [
    { week: '2027-01-04', due: 4 },
    { week: '2027-01-11', due: 9 },
  ],
  escalationsPerWeek: [{ week: '2027-01-11', count: 2 }],
  timelines: [
    {
      caseId: 'case-1',
      events: [
        { at: '2027-01-05T09:00:00.000Z', label: 'registered' },
        { at: '2027-03-30T09:00:00.000Z', label: 'released' },
      ],
    },
  ],
  summaryLines: ['starts 3', 'completions 1'],
};

describe.skipIf(!chromiumAvailable)('simulation report page', () => {
  it('draws every chart in a headless browser without fetching anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReportHtml(sample));
    const browser = await launchHeadless();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(file).href);
      expect(errors).toEqual([]);
      expect(await page.locator('body').getAttribute('data-charts-drawn')).toBe('5');
      expect(await page.locator('#funnel rect.bar').count()).toBe(3);
      expect(await page.locator('#load rect.bar').count()).toBe(2);
      expect(await page.locator('#timelines circle.event').count()).toBe(2);
      // embedded data cannot break out of its script element
      expect(await page.locator('#outcomes text', { hasText: '<script>alert(1)</script>' }).count()).toBe(1);
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
