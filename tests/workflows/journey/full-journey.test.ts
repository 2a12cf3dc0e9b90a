import { afterEach, describe, expect, it } from 'vitest';
import { registerCase } from '#functions/services/register-case.ts';
import { aRegistration, tally } from './builders.ts';
import { type JourneyHarness, journeyHarness } from './harness.ts';
import { runWithStaff } from './staff-office.ts';

let h: JourneyHarness;
afterEach(async () => h?.close());

describe('full journey (scenario 1)', () => {
  it('registered 16 weeks before release, everyone acts on time: closes COMPLETED at R+6 months with one prompt per task and no reminder', async () => {
    // Monday 5 January 2026; release Monday 27 April 2026 (16 weeks later)
    h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
    const { caseId, startedNow } = await registerCase(
      h.deps,
      aRegistration({ releaseDate: '2026-04-27' }),
      h.now(),
    );
    expect(startedNow).toBe(false);
    const acted = await runWithStaff(h, caseId, '2026-10-28T12:00:00Z', {}, 3);
    const kase = await h.repository.getCase(caseId);
    expect(kase?.phase).toBe('CLOSED');
    expect(kase?.outcome).toBe('COMPLETED');
    expect(kase?.closedAt).toBe('2026-10-27T09:00:00.000Z');
    const sessions = acted.filter((a) => a.type === 'ENGAGEMENT_SESSION');
    expect(sessions).toHaveLength(12);
    const sent = await h.sent(caseId);
    const kinds = new Set(sent.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['PROMPT']);
    // exactly one prompt per task (email; SMS as well for the urgent ones when the assignee has a mobile)
    const tasks = await h.repository.listTasksByCase(caseId);
    for (const task of tasks) {
      const prompts = sent.filter((s) => s.taskId === task.taskId && s.channel === 'EMAIL');
      expect(prompts, task.taskId).toHaveLength(1);
    }
    expect(tasks.every((t) => t.status === 'DONE')).toBe(true);
    expect(await h.status(`${caseId}-custody-1`)).toBe('SUCCEEDED');
    expect(await h.status(`${caseId}-community-1`)).toBe('SUCCEEDED');
    expect(tally(sent)).toEqual({
      'PROMPT EMAIL POM': 12,
      'PROMPT EMAIL COM': 21,
      'PROMPT EMAIL PARTNER': 2,
      // the urgent release-day tasks also go by SMS (the officer has a mobile)
      'PROMPT SMS COM': 2,
    });
    const appointments = await h.repository.listAppointmentsByCase(caseId);
    expect(appointments[0]).toMatchObject({ at: '2026-04-27T13:00:00.000Z', outcome: 'ATTENDED_COMPLIED' });
    expect(appointments.every((a) => a.outcome === 'ATTENDED_COMPLIED')).toBe(true);
    // the release ended custody's parallel work by name, and custody handed over to the community phase
    const custody = (await h.history(`${caseId}-custody-1`)).map(
      (e) => e.stateEnteredEventDetails?.name ?? e.type,
    );
    expect(custody.slice(custody.indexOf('ParallelStateFailed'))).toEqual([
      'ParallelStateFailed',
      'CancelRemainingCustodyWork',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'StartCommunityPhase',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'CustodyComplete',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    const community = await h.history(`${caseId}-community-1`);
    expect(community.length).toBeLessThan(2_000);
  });
});
