import { afterEach, describe, expect, it } from 'vitest';
import { registerCase } from '#functions/services/register-case.ts';
import { journeyHarness, type JourneyHarness } from './harness.ts';

let h: JourneyHarness;
afterEach(async () => h?.close());

describe('smoke', () => {
  it('starts custody and prompts the assessment', async () => {
    h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
    const r = await registerCase(
      h.deps,
      {
        crn: 'X123456',
        nomsId: 'A1234BC',
        prisonId: 'LEI',
        sentenceType: 'LICENCE',
        risk: 'MEDIUM',
        mappaLevel: 0,
        iom: false,
        releaseDate: '2026-03-16',
        responsibleOfficerId: 'com-1',
      },
      h.now(),
    );
    await h.clock.settle();
    console.log(r, await h.status(`${r.caseId}-custody-1`));
    const hist = await h.history(`${r.caseId}-custody-1`);
    console.log(hist.map((e) => `${e.type} ${JSON.stringify(e.stateEnteredEventDetails?.name ?? e.executionFailedEventDetails ?? e.taskFailedEventDetails ?? '')}`).join('\n'));
    console.log((await h.sent(r.caseId)).map((o) => `${o.kind} ${o.recipientStaffId} ${o.channel}`));
    console.log(h.calls);
    expect(r.created).toBe(true);
  });
});
