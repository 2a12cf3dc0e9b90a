import { describe, expect, it } from 'vitest';
import { runCohort } from '#local/simulator/cohort-run.ts';
import { summarise } from '#local/simulator/summary.ts';

async function summaryOf(cases: number, seed: number) {
  const run = await runCohort({ cases, seed });
  try {
    return { run, summary: await summarise(run, seed) };
  } finally {
    await run.runtime.close();
  }
}

describe('cohort simulator on the embedded runtime', () => {
  it('takes a small cohort through the real workflows to closed journeys, and repeats line for line', async () => {
    const first = await summaryOf(6, 3);
    const second = await summaryOf(6, 3);
    expect(second.summary.lines).toEqual(first.summary.lines);
    const { report } = first.summary;
    // every case registered, was released by its schedule, and ended with an outcome
    expect(report.funnel.find((f) => f.stage === 'registered')?.count).toBe(6);
    expect(report.funnel.find((f) => f.stage === 'released')?.count).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes).every((o) => !o.startsWith('OPEN'))).toBe(true);
    expect(report.staffLoadPerWeek.length).toBeGreaterThan(10);
    expect(first.summary.lines.find((l) => l.startsWith('Executions'))).toMatch(/state transitions [1-9]\d*/);
    expect(first.run.runtime.invocations.get('releaseTrigger')).toBeGreaterThan(0);
  });

  it('gives another seed another cohort', async () => {
    const a = await summaryOf(3, 1);
    const b = await summaryOf(3, 2);
    expect(b.summary.lines).not.toEqual(a.summary.lines);
  });
});
