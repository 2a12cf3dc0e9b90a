import { describe, expect, it } from 'vitest';
import { generateCohort, generateStaff } from '#local/simulator/cohort.ts';
import { createRandom } from '#local/simulator/random.ts';
import { caseRegistrationSchema } from '#schemas/case-registration.ts';
import { staffSchema } from '#schemas/staff.ts';

function cohort(seed: number) {
  const random = createRandom(seed);
  const staff = generateStaff(random.fork('staff'), 3);
  return {
    staff,
    cases: generateCohort(random.fork('cohort'), {
      count: 300,
      startDate: '2027-01-04',
      spreadDays: 365,
      staff,
    }),
  };
}

describe('synthetic cohort', () => {
  it('is the same for the same seed and different for another', () => {
    expect(cohort(7)).toEqual(cohort(7));
    expect(cohort(8).cases[0]).not.toEqual(cohort(7).cases[0]);
  });

  it('produces staff and registrations that the real input schemas accept', () => {
    const { staff, cases } = cohort(1);
    for (const member of staff) expect(staffSchema.safeParse(member).success).toBe(true);
    for (const synthetic of cases) {
      const parsed = caseRegistrationSchema.safeParse(synthetic.registration);
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
  });

  it('gives every case a unique CRN and a COM as responsible officer', () => {
    const { staff, cases } = cohort(2);
    expect(new Set(cases.map((c) => c.registration.crn)).size).toBe(cases.length);
    const coms = new Set(staff.filter((s) => s.role === 'COM').map((s) => s.staffId));
    for (const c of cases) expect(coms.has(c.registration.responsibleOfficerId)).toBe(true);
  });

  it('spreads release dates over the year after registration', () => {
    const { cases } = cohort(3);
    const dates = cases.map((c) => c.registration.releaseDate).sort();
    expect(dates[0]! >= '2027-01-14').toBe(true);
    expect(dates.at(-1)! <= '2028-05-01').toBe(true);
    expect(new Set(dates.map((d) => d.slice(0, 7))).size).toBeGreaterThan(10);
  });
});
