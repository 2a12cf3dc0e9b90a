import { describe, expect, it } from 'vitest';
import { addDays } from '#domain/calendar.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { engagementSessions, planJourney } from '#domain/journey-plan.ts';
import { sessionAfter, sessionSchedule } from '#functions/services/custody.ts';

const input = (registeredAt: string, releaseDate: string) => ({
  registeredAt,
  releaseDate,
  sentenceType: 'LICENCE' as const,
  risk: 'MEDIUM' as const,
  mappaLevel: 0 as const,
  iom: false,
  needs: [],
});

describe('engagement sessions of the custody loop', () => {
  it('are the sessions of the journey plan, in good time and late, across bank holidays', () => {
    for (const [registeredAt, releaseDate] of [
      ['2026-02-02T10:00:00Z', '2026-05-26'], // Easter and the spring bank holiday
      ['2027-09-01T10:00:00Z', '2027-12-31'], // Christmas on a weekend
      ['2026-05-05T18:30:00Z', '2026-05-26'], // late: registered after the due time
    ] as const) {
      const plan = planJourney(input(registeredAt, releaseDate));
      const fromPlan = engagementSessions(plan).map((s) => ({
        week: s.week,
        key: s.key,
        availableAt: s.availableAt,
        dueAt: s.dueAt,
      }));
      expect(sessionSchedule(plan.custodyStartAt, releaseDate, DEFAULT_CONFIG)).toEqual(fromPlan);
    }
  });

  it('gives the loop the first session after a week without working out the rest', () => {
    const start = '2026-03-03T09:00:00.000Z';
    const schedule = sessionSchedule(start, '2026-05-26', DEFAULT_CONFIG);
    for (let week = 0; week <= 13; week++)
      expect(sessionAfter(start, '2026-05-26', DEFAULT_CONFIG, week)).toEqual(
        schedule.find((s) => s.week > week),
      );
    // a deferral adds weeks, an earlier date drops them; custody start does not move
    expect(sessionAfter(start, addDays('2026-05-26', 21), DEFAULT_CONFIG, 12)?.week).toBe(13);
    expect(sessionAfter(start, '2026-04-14', DEFAULT_CONFIG, 6)).toBeUndefined();
  });
});
