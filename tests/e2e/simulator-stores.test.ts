import { describe, expect, it, vi } from 'vitest';
import { runCohort } from '#local/simulator/cohort-run.ts';
import { summarise } from '#local/simulator/summary.ts';

// a cohort makes thousands of handler and API calls: keep their logs to errors (set before the handlers load)
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
});

async function linesOf(store: 'memory' | 'dynamodb') {
  const run = await runCohort({ cases: 3, seed: 11, store });
  try {
    return (await summarise(run, 11)).lines;
  } finally {
    await run.close();
  }
}

describe('cohort simulator stores', () => {
  it('gives the same summary, line for line, on the in-memory repository and on DynamoDB (dynalite)', async () => {
    const memory = await linesOf('memory');
    const dynamodb = await linesOf('dynamodb');
    expect(dynamodb).toEqual(memory);
    expect(memory.find((l) => l.startsWith('DynamoDB:'))).toMatch(/reads [1-9]\d* .*writes [1-9]\d* /);
  }, 120_000);
});
