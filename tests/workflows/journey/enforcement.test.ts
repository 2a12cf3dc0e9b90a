import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPLIANT_OUTCOMES, enforcementDecision } from '#domain/enforcement.ts';
import { APPOINTMENT_OUTCOMES } from '#domain/types.ts';
import { recordAppointmentOutcome } from '#functions/services/appointment-outcome.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { aRegistration, tally } from './builders.ts';
import { type JourneyHarness, journeyHarness } from './harness.ts';
import { runWithStaff } from './staff-office.ts';

let h: JourneyHarness;
afterEach(async () => h?.close());

const RELEASE = '2026-04-27';

async function registered(overrides: Parameters<typeof aRegistration>[0]) {
  h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
  const { caseId } = await registerCase(
    h.deps,
    aRegistration({ releaseDate: RELEASE, ...overrides }),
    h.now(),
  );
  return caseId;
}

describe('enforcement on the engine (scenarios 6 and 7)', () => {
  it('community order: a warning on the first failure, a breach notice on the second; CONTINUE carries the journey on to COMPLETED', async () => {
    const caseId = await registered({ sentenceType: 'COMMUNITY_ORDER' });
    const outcomes: Record<number, 'UNACCEPTABLE_ABSENCE' | 'ATTENDED_FAILED_TO_COMPLY'> = {
      2: 'UNACCEPTABLE_ABSENCE',
      4: 'ATTENDED_FAILED_TO_COMPLY',
    };
    await runWithStaff(h, caseId, '2026-10-28T12:00:00Z', {
      appointmentOutcome: (n) => outcomes[n] ?? 'ATTENDED_COMPLIED',
      breachOutcome: 'CONTINUE',
    });
    const enforcement = (await h.sent(caseId)).filter((s) =>
      ['WARNING', 'BREACH_NOTICE', 'RECALL_REVIEW'].includes(s.kind),
    );
    expect(tally(enforcement)).toEqual({
      'WARNING EMAIL COM': 1,
      'BREACH_NOTICE EMAIL ENFORCEMENT': 1,
      'BREACH_NOTICE SMS ENFORCEMENT': 1,
      'BREACH_NOTICE EMAIL COM': 1,
      'BREACH_NOTICE SMS COM': 1,
      'BREACH_NOTICE EMAIL SPO': 1,
      'BREACH_NOTICE SMS SPO': 1,
    });
    const kase = await h.repository.getCase(caseId);
    expect(kase?.warnings).toEqual([{ issuedOn: '2026-05-05', appointmentId: `${caseId}-appt-02` }]);
    expect(kase?.breaches).toMatchObject([
      { kind: 'BREACH', outcome: 'CONTINUE', appointmentId: `${caseId}-appt-04` },
    ]);
    expect((await h.repository.getTask(`${caseId}-task-breach-outcome-1`))?.assigneeId).toBe('enf-1');
    expect(kase?.outcome).toBe('COMPLETED');
    expect(await h.status(`${caseId}-community-1`)).toBe('SUCCEEDED');
    // only the two failures went to the decision: the compliant appointments skipped it
    const decisions = h.calls.filter((c) => c.fn === 'decideEnforcement' && !c.failed);
    expect(decisions).toHaveLength(2);
    const community = await h.history(`${caseId}-community-1`);
    const entered = (name: string) =>
      community.filter((e) => e.stateEnteredEventDetails?.name === name).length;
    expect(entered('IsOutcomeCompliant')).toBeGreaterThan(2);
    expect(entered('DecideEnforcement')).toBe(2);
  });

  it('the workflow skips the decision for exactly the outcomes the rules decide nothing for', () => {
    const community = JSON.parse(
      readFileSync(new URL('../../../workflows/community.asl.json', import.meta.url), 'utf8'),
    );
    // the state, wherever it is nested
    const find = (node: unknown): { Choices: { Condition: string }[] } | undefined => {
      if (typeof node !== 'object' || node === null) return undefined;
      const record = node as Record<string, unknown>;
      if (record.IsOutcomeCompliant) return record.IsOutcomeCompliant as { Choices: { Condition: string }[] };
      for (const value of Object.values(record)) {
        const found = find(value);
        if (found) return found;
      }
      return undefined;
    };
    const choice = find(community);
    const listed = /in \[(.*)\]/
      .exec(choice!.Choices![0]!.Condition)![1]!
      .match(/'([A-Z_]+)'/g)!
      .map((q: string) => q.slice(1, -1));
    expect(listed).toEqual([...COMPLIANT_OUTCOMES]);
    const decidesNothing = APPOINTMENT_OUTCOMES.filter((outcome) => {
      try {
        return (
          enforcementDecision({
            outcome,
            occurredOn: '2026-05-05',
            sentenceType: 'LICENCE',
            warnings: [{ issuedOn: '2026-05-01' }],
          }).decision === 'NONE'
        );
      } catch {
        return false; // FAILED_TO_ATTEND: a decision is still required
      }
    });
    expect([...COMPLIANT_OUTCOMES].sort()).toEqual(decidesNothing.sort());
  });

  it('licence: the second failure is a recall review; a STANDARD_RECALL closes the journey RECALLED and cancels what is open', async () => {
    const caseId = await registered({ sentenceType: 'LICENCE' });
    await runWithStaff(h, caseId, '2026-06-30T12:00:00Z', {
      appointmentOutcome: (n) =>
        n === 2 ? 'UNACCEPTABLE_ABSENCE' : n === 3 ? 'ATTENDED_FAILED_TO_COMPLY' : 'ATTENDED_COMPLIED',
      breachOutcome: 'STANDARD_RECALL',
    });
    const sent = await h.sent(caseId);
    expect(tally(sent.filter((s) => s.kind === 'RECALL_REVIEW'))).toEqual({
      'RECALL_REVIEW EMAIL COM': 1,
      'RECALL_REVIEW SMS COM': 1,
      'RECALL_REVIEW EMAIL SPO': 1,
      'RECALL_REVIEW SMS SPO': 1,
    });
    const kase = await h.repository.getCase(caseId);
    expect(kase?.phase).toBe('CLOSED');
    expect(kase?.outcome).toBe('RECALLED');
    expect(await h.repository.listOpenTasksByCase(caseId)).toEqual([]);
    const closedAt = kase!.closedAt!;
    expect(sent.filter((s) => s.sentAt! > closedAt)).toEqual([]);
    expect(await h.status(`${caseId}-community-1`)).toBe('SUCCEEDED');
    const later = (await h.repository.listAppointmentsByCase(caseId)).filter((a) => a.at > closedAt);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((a) => a.cancelledAt !== undefined)).toBe(true);
  });

  it('an acceptable absence is recorded and nothing is enforced; a failure to attend waits for the decision', async () => {
    const caseId = await registered({ sentenceType: 'COMMUNITY_ORDER' });
    const third = `${caseId}-task-appointment-outcome-03`;
    await runWithStaff(h, caseId, '2026-05-12T12:00:00Z', {
      appointmentOutcome: (n) => (n === 2 ? 'ACCEPTABLE_ABSENCE' : 'ATTENDED_COMPLIED'),
      acts: (t) => t.taskId !== third,
    });
    const appointmentId = `${caseId}-appt-03`;
    const first = await recordAppointmentOutcome(
      h.deps,
      { appointmentId, actorId: 'com-1', outcome: 'FAILED_TO_ATTEND' },
      h.now(),
    );
    expect(first.decisionRequired).toBe(true);
    await h.clock.settle();
    expect((await h.repository.getTask(third))?.status).toBe('OPEN');
    const decided = await recordAppointmentOutcome(
      h.deps,
      { appointmentId, actorId: 'com-1', outcome: 'ACCEPTABLE_ABSENCE' },
      h.now(),
    );
    expect(decided.decisionRequired).toBe(false);
    await runWithStaff(h, caseId, '2026-06-01T12:00:00Z');
    expect((await h.repository.getTask(third))?.status).toBe('DONE');
    const kase = await h.repository.getCase(caseId);
    expect(kase?.warnings).toEqual([]);
    expect(kase?.breaches).toEqual([]);
    expect((await h.sent(caseId)).filter((s) => s.kind === 'WARNING')).toEqual([]);
  });
});
