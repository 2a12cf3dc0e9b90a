/**
 * `npm start`: the main job on the embedded runtime. Until the full cohort simulator lands this plans a
 * synthetic cohort's journeys with the real domain core and registers them in the in-memory repository,
 * then says what it did.
 */

import { MemoryRepository } from '#adapters/memory-repository.ts';
import { initialPathways } from '#domain/entities.ts';
import { planJourney } from '#domain/journey-plan.ts';
import { generateCohort, generateStaff } from './simulator/cohort.ts';
import { createRandom } from './simulator/random.ts';

const seed = 1;
const random = createRandom(seed);
const staff = generateStaff(random.fork('staff'), 8);
const cohort = generateCohort(random.fork('cohort'), {
  count: 200,
  startDate: '2027-01-04',
  spreadDays: 365,
  staff,
});
const repository = new MemoryRepository();
for (const member of staff) await repository.putStaff(member);

const counts = { cases: 0, late: 0, tasks: 0, sessions: 0, referrals: 0, appointments: 0 };
for (const synthetic of cohort) {
  const releaseMs = Date.parse(`${synthetic.registration.releaseDate}T09:00:00Z`);
  const registeredAt = new Date(releaseMs - synthetic.registeredDaysBeforeRelease * 86_400_000).toISOString();
  const plan = planJourney({ ...synthetic.registration, registeredAt });
  const caseId = `case-${String(synthetic.index).padStart(5, '0')}`;
  const { needs: _needs, ...registration } = synthetic.registration;
  await repository.createCase(
    {
      caseId,
      ...registration,
      phase: 'REGISTERED',
      pathways: initialPathways(),
      needs: {},
      warnings: [],
      breaches: [],
    },
    registeredAt,
  );
  counts.cases++;
  if (plan.lateRegistration) counts.late++;
  counts.tasks += plan.tasks.length;
  counts.sessions += plan.tasks.filter((task) => task.type === 'ENGAGEMENT_SESSION').length;
  counts.referrals += plan.tasks.filter((task) => task.type.startsWith('REFERRAL_')).length;
  counts.appointments += plan.appointments.length;
}
const stats = repository.stats();
console.log(`Planned ${counts.cases} synthetic journeys (seed ${seed}); ${counts.late} registered late.`);
console.log(
  `  tasks ${counts.tasks} (engagement sessions ${counts.sessions}, referrals ${counts.referrals}), community appointments ${counts.appointments}`,
);
console.log(`  repository writes ${stats.writes}, reads ${stats.reads}`);
