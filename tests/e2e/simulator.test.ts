import { describe, expect, it, vi } from 'vitest';
import { type CohortRunOptions, runCohort } from '#local/simulator/cohort-run.ts';
import { summarise } from '#local/simulator/summary.ts';

// a cohort makes thousands of handler and API calls: keep their logs to errors (set before the handlers load)
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
});

async function summaryOf(options: CohortRunOptions) {
  const run = await runCohort(options);
  try {
    return { run, summary: await summarise(run, options.seed) };
  } finally {
    await run.close();
  }
}

const line = (lines: readonly string[], prefix: string) => lines.find((l) => l.startsWith(prefix)) ?? '';
const count = (text: string, label: string) =>
  Number(new RegExp(`${label} (\\d+)`).exec(text)?.[1] ?? Number.NaN);

describe('cohort simulator on the embedded runtime', () => {
  it('takes a cohort through the real workflows to closed journeys, and the same seed repeats line for line', async () => {
    const first = await summaryOf({ cases: 10, seed: 3 });
    const second = await summaryOf({ cases: 10, seed: 3 });
    expect(second.summary.lines).toEqual(first.summary.lines);

    const { lines, report } = first.summary;
    // every case was registered through the staff API, released by its schedule or ended early, and closed
    expect(report.funnel.find((f) => f.stage === 'registered')?.count).toBe(10);
    expect(report.funnel.find((f) => f.stage === 'released')?.count).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes).every((o) => !o.startsWith('OPEN'))).toBe(true);
    expect(line(lines, 'Staff API answers')).toBe('Staff API answers other than 2xx: none');
    expect(first.run.runtime.invocations.get('releaseTrigger')).toBeGreaterThan(0);
    // staff acted on every prompt: tasks done, none left open; the ladder ran for the late ones
    const tasks = line(lines, 'Tasks:');
    expect(count(tasks, 'created')).toBeGreaterThan(100);
    expect(count(tasks, 'open')).toBe(0);
    expect(count(tasks, 'done on time')).toBeGreaterThan(count(tasks, 'done late'));
    expect(count(line(lines, 'Ladder'), 'escalations')).toBeGreaterThan(0);
    // state transitions counted from the executions' histories; reads and writes from the repository
    expect(line(lines, 'Step Functions:')).toMatch(
      /^Step Functions: \d+ executions, [1-9]\d* state transitions/,
    );
    expect(line(lines, 'DynamoDB:')).toMatch(/reads [1-9]\d* .*writes [1-9]\d* /);
    expect(line(lines, 'Estimated cost per completed journey')).toMatch(/\$\d+\.\d{4}/);
    expect(report.staffLoadPerWeek.length).toBeGreaterThan(10);
    expect(report.timelines.length).toBeGreaterThan(0);
  });

  it('gives another seed another cohort', async () => {
    const a = await summaryOf({ cases: 3, seed: 1 });
    const b = await summaryOf({ cases: 3, seed: 2 });
    expect(b.summary.lines).not.toEqual(a.summary.lines);
  });

  it('follows the mix: when nobody acts on time, every task is done late, after escalations', async () => {
    const { summary } = await summaryOf({
      cases: 2,
      seed: 5,
      mix: {
        ...(await import('#local/simulator/cohort.ts')).DEFAULT_MIX,
        staffResponse: { ON_TIME: 0, LATE: 0, NEVER: 1 },
        earlyEnd: {
          NONE: 1,
          RECALLED: 0,
          DECEASED: 0,
          WITHDRAWN: 0,
          TRANSFERRED_OUT: 0,
          RETURNED_ON_NEW_SENTENCE: 0,
        },
      },
    });
    const tasks = line(summary.lines, 'Tasks:');
    expect(count(tasks, 'done on time')).toBeLessThan(count(tasks, 'created') / 10);
    const ladder = line(summary.lines, 'Ladder');
    expect(count(ladder, 'second escalations')).toBeGreaterThan(count(tasks, 'created') / 2);
    expect(line(summary.lines, 'Outcomes:')).toMatch(/COMPLETED 2|BREACH|RECALLED/);
  });
});
