import { describe, expect, it } from 'vitest';
import { addDays, addWorkingDays, daysBetween, isWorkingDay, localDateOf } from '#domain/calendar.ts';
import { resolveConfig } from '#domain/config.ts';
import {
  engagementSessions,
  type JourneyInput,
  type JourneyPlan,
  type PlannedTask,
  planJourney,
  planReferral,
  replanForReleaseDateChange,
} from '#domain/journey-plan.ts';

// R = Tuesday 26 May 2026 (the day after the spring bank holiday); R-84 = Tuesday 3 March 2026.
const R = '2026-05-26';

function input(overrides: Partial<JourneyInput> = {}): JourneyInput {
  return {
    registeredAt: '2026-02-02T10:00:00Z', // 16 weeks before release
    releaseDate: R,
    sentenceType: 'LICENCE',
    risk: 'MEDIUM',
    mappaLevel: 0,
    iom: false,
    needs: [],
    ...overrides,
  };
}

const byKey = (plan: JourneyPlan, key: string) => plan.tasks.find((t) => t.key === key);

describe('planJourney: a registration in good time', () => {
  const plan = planJourney(
    input({ needs: ['DUTY_TO_REFER', 'CAS3_REFERRAL', 'SUBSTANCE_MISUSE_TREATMENT'] }),
  );

  it('starts custody 84 days before release at 09:00 London', () => {
    expect(plan.custodyStartAt).toBe('2026-03-03T09:00:00.000Z');
    expect(plan.lateRegistration).toBe(false);
  });

  it('makes the assessment due 10 working days after custody starts and the plan 5 after that', () => {
    expect(byKey(plan, 'PRE_RELEASE_ASSESSMENT')?.dueDate).toBe('2026-03-17');
    expect(byKey(plan, 'PRE_RELEASE_ASSESSMENT')?.dueAt).toBe('2026-03-17T17:00:00.000Z');
    expect(byKey(plan, 'RESETTLEMENT_PLAN')?.dueDate).toBe('2026-03-24');
  });

  it('plans twelve weekly engagement sessions, the last before release and all on working days', () => {
    const sessions = engagementSessions(plan);
    expect(sessions).toHaveLength(12);
    expect(sessions.map((s) => s.week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const s of sessions) expect(isWorkingDay(s.dueDate)).toBe(true);
    // week 5 ends on Easter Monday: due on the Thursday before Good Friday
    expect(sessions[4]?.dueDate).toBe('2026-04-02');
    // week 12 ends on the spring bank holiday: due on the Friday before
    expect(sessions[11]?.dueDate).toBe('2026-05-22');
  });

  it('makes the duty to refer due by R-56 days and other referrals by their own rule', () => {
    expect(byKey(plan, 'REFERRAL_DUTY_TO_REFER')?.dueDate).toBe(addDays(R, -56));
    expect(byKey(plan, 'REFERRAL_CAS3_REFERRAL')?.dueDate).toBe('2026-04-28');
    expect(byKey(plan, 'REFERRAL_DUTY_TO_REFER')?.compressed).toBe(false);
    expect(byKey(plan, 'REFERRAL_BANK_ACCOUNT')).toBeUndefined();
  });

  it('explains licence conditions by R-7 days for a licence case only', () => {
    expect(byKey(plan, 'LICENCE_CONDITIONS_EXPLAINED')?.dueDate).toBe('2026-05-19');
    const order = planJourney(input({ sentenceType: 'COMMUNITY_ORDER' }));
    expect(byKey(order, 'LICENCE_CONDITIONS_EXPLAINED')).toBeUndefined();
  });

  it('plans release-day checks on R, the first appointment on R, and handovers for the needs found', () => {
    expect(byKey(plan, 'RELEASE_DAY_CHECKS')?.dueDate).toBe(R);
    expect(byKey(plan, 'FIRST_APPOINTMENT')?.dueDate).toBe(R);
    expect(plan.releaseAt).toBe('2026-05-26T07:00:00.000Z');
    expect(byKey(plan, 'HANDOVER_TREATMENT')?.dueDate).toBe('2026-06-02');
    expect(byKey(plan, 'HANDOVER_HOUSING_MOVE_ON')?.dueDate).toBe('2026-08-04');
    expect(byKey(plan, 'HANDOVER_GP')).toBeUndefined();
  });

  it('closes six months after release', () => {
    expect(plan.closeDate).toBe('2026-11-26');
    expect(plan.closeAt).toBe('2026-11-26T09:00:00.000Z');
  });

  it('is JSON-serialisable, with every instant in UTC', () => {
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    for (const t of plan.tasks) {
      expect(t.dueAt).toMatch(/Z$/);
      expect(t.availableAt).toMatch(/Z$/);
      expect(Date.parse(t.dueAt)).toBeGreaterThan(Date.parse(t.availableAt));
    }
  });

  it('lists tasks in due order', () => {
    const dues = plan.tasks.map((t) => t.dueAt);
    expect([...dues].sort()).toEqual(dues);
  });
});

describe('planJourney: late registration three weeks before release', () => {
  const registeredAt = '2026-05-05T10:00:00Z';
  const plan = planJourney(input({ registeredAt, needs: ['DUTY_TO_REFER', 'GP_REGISTRATION'] }));

  it('starts custody at registration', () => {
    expect(plan.custodyStartAt).toBe('2026-05-05T10:00:00.000Z');
    expect(plan.lateRegistration).toBe(true);
  });

  it('makes the assessment due within days: compressed to 3 working days', () => {
    const assessment = byKey(plan, 'PRE_RELEASE_ASSESSMENT')!;
    expect(assessment.dueDate).toBe(addWorkingDays('2026-05-05', 3));
    expect(assessment.dueDate <= addWorkingDays('2026-05-05', 3)).toBe(true);
    expect(byKey(plan, 'RESETTLEMENT_PLAN')!.dueDate > assessment.dueDate).toBe(true);
  });

  it('plans only the three weeks of engagement that remain', () => {
    const sessions = engagementSessions(plan);
    expect(sessions.map((s) => s.dueDate)).toEqual(['2026-05-11', '2026-05-18', '2026-05-22']);
    expect(sessions.every((s) => s.compressed)).toBe(true);
  });

  it('pulls a referral already past its due date forward to the minimum lead of 2 working days', () => {
    const duty = byKey(plan, 'REFERRAL_DUTY_TO_REFER')!;
    expect(duty.dueDate).toBe('2026-05-07');
    expect(duty.compressed).toBe(true);
    expect(byKey(plan, 'REFERRAL_GP_REGISTRATION')?.dueDate).toBe('2026-05-12');
  });

  it('never makes a task due before it is created', () => {
    for (const t of plan.tasks) expect(Date.parse(t.dueAt)).toBeGreaterThan(Date.parse(registeredAt));
  });

  it('keeps pre-release work before release even when registered two working days before', () => {
    const late = planJourney(input({ registeredAt: '2026-05-21T10:00:00Z', needs: ['BANK_ACCOUNT'] }));
    expect(byKey(late, 'PRE_RELEASE_ASSESSMENT')?.dueDate).toBe('2026-05-22');
    expect(byKey(late, 'REFERRAL_BANK_ACCOUNT')?.dueDate).toBe('2026-05-22');
    expect(engagementSessions(late).map((s) => s.dueDate)).toEqual(['2026-05-22']);
  });

  it('makes pre-release work due the next working day when no working day is left before release', () => {
    const late = planJourney(input({ registeredAt: '2026-05-22T18:00:00Z' }));
    expect(byKey(late, 'PRE_RELEASE_ASSESSMENT')?.dueDate).toBe('2026-05-26');
    expect(engagementSessions(late)).toHaveLength(0);
  });
});

describe('planJourney: bank holidays around release', () => {
  it('moves the first appointment of a Good Friday release to the Tuesday after Easter', () => {
    const plan = planJourney(input({ registeredAt: '2026-01-05T10:00:00Z', releaseDate: '2026-04-03' }));
    expect(plan.firstAppointmentDate).toBe('2026-04-07');
    expect(plan.appointments[0]?.date).toBe('2026-04-07');
    expect(plan.appointments[0]?.at).toBe('2026-04-07T13:00:00.000Z');
    expect(byKey(plan, 'RELEASE_DAY_CHECKS')?.dueDate).toBe('2026-04-03');
  });

  it('moves the first appointment of a Christmas Day release past the Boxing Day substitute', () => {
    const plan = planJourney(input({ registeredAt: '2026-09-01T10:00:00Z', releaseDate: '2026-12-25' }));
    expect(plan.firstAppointmentDate).toBe('2026-12-29');
  });

  it('holds the first appointment of a Friday release before a bank-holiday Monday on the Friday', () => {
    const plan = planJourney(input({ registeredAt: '2026-02-02T10:00:00Z', releaseDate: '2026-05-22' }));
    expect(plan.firstAppointmentDate).toBe('2026-05-22');
    expect(plan.appointments[0]?.outcomeDueAt).toBe('2026-05-26T16:00:00.000Z');
    expect(plan.appointments[1]?.date).toBe('2026-05-29');
  });

  it('starts custody at 09:00 London whether R-84 falls in GMT or BST', () => {
    expect(planJourney(input({ releaseDate: '2026-06-21' })).custodyStartAt).toBe('2026-03-29T08:00:00.000Z');
    expect(
      planJourney(input({ registeredAt: '2026-01-01T10:00:00Z', releaseDate: '2026-06-20' })).custodyStartAt,
    ).toBe('2026-03-28T09:00:00.000Z');
  });
});

describe('planJourney: community appointments', () => {
  it('plans weekly for the first 4 weeks then fortnightly by default', () => {
    const plan = planJourney(input());
    const offsets = plan.appointments.map((a) => daysBetween(R, a.date));
    expect(offsets.slice(0, 6)).toEqual([0, 7, 14, 21, 35, 49]);
    expect(plan.intensiveContact).toBe(false);
  });

  it('plans weekly throughout for HIGH risk and for MAPPA level 2', () => {
    for (const plan of [planJourney(input({ risk: 'HIGH' })), planJourney(input({ mappaLevel: 2 }))]) {
      expect(plan.intensiveContact).toBe(true);
      const gaps = plan.appointments.slice(1).map((a, i) => daysBetween(plan.appointments[i]!.date, a.date));
      expect(gaps.every((g) => g >= 6 && g <= 8)).toBe(true);
      expect(plan.appointments.length).toBeGreaterThanOrEqual(26);
    }
  });

  it('puts every appointment on a working day before the close date, at the configured time', () => {
    const plan = planJourney(input({ risk: 'VERY_HIGH' }));
    for (const a of plan.appointments) {
      expect(isWorkingDay(a.date)).toBe(true);
      expect(a.date < plan.closeDate).toBe(true);
    }
    expect(plan.appointments[1]?.at).toBe('2026-06-02T09:00:00.000Z');
    expect(plan.appointments.at(-1)!.date).toBe('2026-11-24');
  });

  it('follows a configured cadence', () => {
    const config = resolveConfig({ appointments: { weeklyForWeeks: 2, thenEveryDays: 28, time: '15:30' } });
    const plan = planJourney(input(), config);
    expect(plan.appointments.slice(0, 4).map((a) => daysBetween(R, a.date))).toEqual([0, 7, 35, 63]);
    expect(plan.appointments[1]?.at).toBe('2026-06-02T14:30:00.000Z');
  });
});

describe('planJourney: refuses impossible input', () => {
  it('refuses a release date before the registration day', () => {
    expect(() => planJourney(input({ registeredAt: '2026-06-01T10:00:00Z' }))).toThrow(
      expect.objectContaining({ name: 'InvalidReleaseDate', field: 'releaseDate' }),
    );
  });

  it('refuses a release on the registration day itself', () => {
    expect(() => planJourney(input({ registeredAt: '2026-05-26T06:00:00Z' }))).toThrow(
      expect.objectContaining({ name: 'InvalidReleaseDate' }),
    );
  });

  it('refuses a release more than two years after registration, accepting exactly 731 days', () => {
    expect(() => planJourney(input({ registeredAt: '2024-05-24T10:00:00Z' }))).toThrow(
      expect.objectContaining({ name: 'InvalidReleaseDate' }),
    );
    expect(planJourney(input({ registeredAt: '2024-05-25T10:00:00Z' })).custodyStartAt).toBe(
      '2026-03-03T09:00:00.000Z',
    );
  });

  it('refuses a date that does not exist and an instant without a zone', () => {
    expect(() => planJourney(input({ releaseDate: '2026-02-30' }))).toThrow(
      expect.objectContaining({ name: 'InvalidDate', field: 'releaseDate' }),
    );
    expect(() => planJourney(input({ registeredAt: '2026-02-02 10:00' }))).toThrow(
      expect.objectContaining({ name: 'InvalidInstant', field: 'registeredAt' }),
    );
  });

  it('refuses an unknown support need', () => {
    expect(() => planJourney(input({ needs: ['PONY' as never] }))).toThrow(
      expect.objectContaining({ name: 'ImpossiblePlan', field: 'needs' }),
    );
  });
});

describe('replanForReleaseDateChange', () => {
  const plan = planJourney(input({ needs: ['DUTY_TO_REFER'] }));
  const duringEngagement = '2026-03-20T12:00:00Z';

  it('cancels the sessions beyond a release brought forward by three weeks', () => {
    const replan = replanForReleaseDateChange(plan, '2026-05-05', duringEngagement);
    expect(replan.direction).toBe('BROUGHT_FORWARD');
    expect(replan.sessions.cancelled).toEqual([
      'ENGAGEMENT_SESSION#10',
      'ENGAGEMENT_SESSION#11',
      'ENGAGEMENT_SESSION#12',
    ]);
    expect(replan.sessions.kept).toHaveLength(9);
    expect(replan.plan.releaseAt).toBe('2026-05-05T07:00:00.000Z');
    expect(replan.plan.custodyStartAt).toBe(plan.custodyStartAt);
    for (const s of engagementSessions(replan.plan)) expect(s.dueDate < '2026-05-05').toBe(true);
  });

  it('pulls a referral whose new due date has passed forward from the change time', () => {
    const replan = replanForReleaseDateChange(plan, '2026-05-05', duringEngagement);
    const duty = replan.changes.find((c) => c.key === 'REFERRAL_DUTY_TO_REFER')!;
    expect(duty.change).toBe('RESCHEDULED');
    expect(localDateOf(duty.dueAt!)).toBe(addWorkingDays('2026-03-20', 2));
  });

  it('keeps past due dates that the new release date does not move', () => {
    const replan = replanForReleaseDateChange(plan, '2026-05-05', duringEngagement);
    expect(replan.changes.find((c) => c.key === 'PRE_RELEASE_ASSESSMENT')?.change).toBe('UNCHANGED');
    expect(replan.changes.find((c) => c.key === 'ENGAGEMENT_SESSION#01')?.change).toBe('UNCHANGED');
  });

  it('extends weekly sessions to a release deferred by six weeks', () => {
    const replan = replanForReleaseDateChange(plan, '2026-07-07', duringEngagement);
    expect(replan.direction).toBe('DEFERRED');
    expect(replan.sessions.added).toEqual([13, 14, 15, 16, 17, 18].map((w) => `ENGAGEMENT_SESSION#${w}`));
    expect(replan.sessions.cancelled).toEqual([]);
    expect(engagementSessions(replan.plan)).toHaveLength(18);
    expect(replan.changes.find((c) => c.key === 'FIRST_APPOINTMENT')?.change).toBe('RESCHEDULED');
    expect(replan.plan.closeDate).toBe('2027-01-07');
  });

  it('moves custody start with the date when custody has not started yet', () => {
    const replan = replanForReleaseDateChange(plan, '2026-07-07', '2026-02-10T12:00:00Z');
    expect(replan.plan.custodyStartAt).toBe('2026-04-14T08:00:00.000Z');
  });

  it('accepts the journey input instead of a plan', () => {
    const replan = replanForReleaseDateChange(input(), '2026-05-05', duringEngagement);
    expect(replan.sessions.cancelled).toHaveLength(3);
  });

  it('refuses a change once the release time has been reached, or to a date already past', () => {
    expect(() => replanForReleaseDateChange(plan, '2026-06-02', '2026-05-26T07:00:00Z')).toThrow(
      expect.objectContaining({ name: 'InvalidReleaseDate' }),
    );
    expect(() => replanForReleaseDateChange(plan, '2026-03-20', duringEngagement)).toThrow(
      expect.objectContaining({ name: 'InvalidReleaseDate' }),
    );
  });
});

describe('planReferral', () => {
  const plan = planJourney(input());

  it('makes a referral found by the assessment due by its rule', () => {
    expect(planReferral(plan, 'BANK_ACCOUNT', '2026-03-17T15:00:00Z').dueDate).toBe('2026-04-28');
  });

  it('pulls a referral found late forward to two working days after it is created', () => {
    const referral = planReferral(plan, 'DUTY_TO_REFER', '2026-04-10T15:00:00Z');
    expect(referral.dueDate).toBe('2026-04-14');
    expect(referral.compressed).toBe(true);
    expect(referral.availableAt).toBe('2026-04-10T15:00:00.000Z');
  });
});

describe('planJourney: recent plans are shared and read-only', () => {
  it('gives the same plan for the same input, frozen throughout, and a new one for another input', () => {
    const first = planJourney(input({ needs: ['GP_REGISTRATION', 'DUTY_TO_REFER'] }));
    const again = planJourney(input({ needs: ['GP_REGISTRATION', 'DUTY_TO_REFER'] }));
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.input.needs)).toBe(true);
    expect(first.tasks.every((t) => Object.isFrozen(t))).toBe(true);
    expect(first.appointments.every((a) => Object.isFrozen(a))).toBe(true);
    expect(() => (first.tasks as PlannedTask[]).pop()).toThrow(TypeError);
    const other = planJourney(input({ needs: ['GP_REGISTRATION'] }));
    expect(other).not.toBe(first);
    expect(other.tasks.some((t) => t.type === 'REFERRAL_DUTY_TO_REFER')).toBe(false);
  });

  it('does not share a plan whose input carries other fields (they are part of its input)', () => {
    const extra = { ...input(), note: 'x' } as JourneyInput;
    const plan = planJourney(extra);
    expect((plan.input as unknown as { note: string }).note).toBe('x');
    expect(planJourney(input())).not.toBe(plan);
    expect((planJourney(input()).input as unknown as { note?: string }).note).toBeUndefined();
  });

  it('still refuses an impossible input that matches a recent plan but for its types', () => {
    planJourney(input({ mappaLevel: 2 }));
    expect(() => planJourney(input({ mappaLevel: '2' as unknown as 2 }))).toThrow(
      expect.objectContaining({ name: 'ImpossiblePlan', field: 'mappaLevel' }),
    );
  });

  it('plans by the configuration it is given, not a recent plan of another configuration', () => {
    const plan = planJourney(input());
    const later = planJourney(input(), resolveConfig({ dueTime: '16:00' }));
    expect(later).not.toBe(plan);
    expect(byKey(later, 'PRE_RELEASE_ASSESSMENT')?.dueAt).toBe('2026-03-17T16:00:00.000Z');
  });
});
