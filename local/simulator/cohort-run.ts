/**
 * Runs a synthetic cohort through the real journey: cases register at their virtual times, staff act on their open
 * tasks as their behaviour model says (on time, late, never: then the manager steps in), people attend or not,
 * release dates move and some journeys end early. Staff act through the same application services the staff API
 * calls. Time moves only through the clock, in fixed steps, so the same seed gives the same run.
 */
import type { Task } from '#domain/entities.ts';
import type { AppointmentOutcome, BreachOutcome } from '#domain/types.ts';
import { recordAppointmentOutcome } from '#functions/services/appointment-outcome.ts';
import { recordBreachOutcome } from '#functions/services/breach-outcome.ts';
import { changeReleaseDate } from '#functions/services/change-release-date.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { reportExternalEvent } from '#functions/services/report-external-event.ts';
import { type CohortMix, DEFAULT_MIX, generateCohort, generateStaff, type SyntheticCase } from './cohort.ts';
import { type JourneyRuntime, startJourneyRuntime } from './journey-runtime.ts';
import { createRandom, hashSeed, type Random } from './random.ts';

const DAY = 86_400_000;
const STEP = 6 * 3_600_000;

export interface CohortRunOptions {
  readonly cases: number;
  readonly seed: number;
  readonly startDate?: string;
  readonly mix?: CohortMix;
  readonly onProgress?: (progress: {
    now: string;
    closed: number;
    registered: number;
    total: number;
  }) => void;
}

export interface CohortRun {
  readonly runtime: JourneyRuntime;
  readonly cohort: readonly SyntheticCase[];
  /** simulator index → case id */
  readonly caseIds: ReadonlyMap<number, string>;
  readonly refused: Readonly<Record<string, number>>;
  readonly startedAt: string;
  readonly endedAt: string;
}

interface PlannedEvent {
  readonly at: number;
  readonly order: number;
  readonly run: () => Promise<void>;
}

/** A stable per-task draw, so a task's behaviour does not depend on when it was first seen. */
function taskRandom(seed: number, taskId: string): Random {
  return createRandom(hashSeed(`${seed}:${taskId}`));
}

export async function runCohort(options: CohortRunOptions): Promise<CohortRun> {
  const mix = options.mix ?? DEFAULT_MIX;
  const startDate = options.startDate ?? '2027-01-04';
  const random = createRandom(options.seed);
  const staff = generateStaff(random.fork('staff'), Math.max(1, Math.ceil(options.cases / 60)));
  const cohort = generateCohort(random.fork('cohort'), {
    count: options.cases,
    startDate,
    spreadDays: 365,
    staff,
    mix,
  });
  const startedAt = `${startDate}T08:00:00.000Z`;
  const runtime = await startJourneyRuntime({ startTime: startedAt });
  const { deps, clock, repository } = runtime;
  for (const member of staff) await repository.putStaff(member);

  const caseIds = new Map<number, string>();
  const refused: Record<string, number> = {};
  const refuse = (what: string) => {
    refused[what] = (refused[what] ?? 0) + 1;
  };
  const events: PlannedEvent[] = [];
  let order = 0;
  const plan = (at: number, run: () => Promise<void>) => events.push({ at, order: order++, run });

  for (const synthetic of cohort) {
    const release = Date.parse(`${synthetic.registration.releaseDate}T00:00:00Z`);
    const registerAt = release - synthetic.registeredDaysBeforeRelease * DAY + 10 * 3_600_000;
    plan(registerAt, async () => {
      try {
        const { caseId } = await registerCase(deps, synthetic.registration, iso(clock.now()));
        caseIds.set(synthetic.index, caseId);
      } catch (error) {
        refuse(`registration ${(error as Error).name}`);
      }
    });
    const change = synthetic.releaseDateChange;
    if (change.kind !== 'NONE') {
      const changeAt = Math.max(registerAt + DAY, release - 28 * DAY);
      const newRelease = release + (change.kind === 'EARLIER' ? -change.byDays : change.byDays) * DAY;
      if (newRelease > changeAt + 2 * DAY) {
        plan(changeAt, async () => {
          const caseId = caseIds.get(synthetic.index);
          if (!caseId) return;
          try {
            await changeReleaseDate(
              deps,
              {
                caseId,
                releaseDate: iso(newRelease).slice(0, 10),
                reason: change.kind === 'EARLIER' ? 'BROUGHT_FORWARD' : 'DEFERRED',
              },
              iso(clock.now()),
            );
          } catch (error) {
            refuse(`release-date change ${(error as Error).name}`);
          }
        });
      }
    }
    const end = synthetic.earlyEnd;
    if (end.kind !== 'NONE') {
      const endAt = Math.max(registerAt + 2 * DAY, release + end.daysAfterRelease * DAY) + 11 * 3_600_000;
      plan(endAt, async () => {
        const caseId = caseIds.get(synthetic.index);
        if (!caseId) return;
        try {
          await reportExternalEvent(
            deps,
            { caseId, type: end.kind as never, occurredAt: iso(clock.now()) },
            iso(clock.now()),
          );
        } catch (error) {
          refuse(`event ${end.kind} ${(error as Error).name}`);
        }
      });
    }
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order);

  const staffIds = staff.map((member) => member.staffId);
  const actOn = async (task: Task, now: number) => {
    const draw = taskRandom(options.seed, task.taskId);
    const response = draw.weighted(mix.staffResponse);
    const due = Date.parse(task.dueAt);
    const created = Date.parse(task.createdAt);
    const actAt =
      response === 'ON_TIME'
        ? created + draw.next() * Math.max(0, due - created) * 0.8
        : response === 'LATE'
          ? due + draw.int(1, 5) * DAY
          : due + 14 * DAY; // nobody acts: the line manager steps in after the escalations
    if (now < actAt) return;
    const actor =
      response === 'NEVER' ? (await repository.getStaff(task.assigneeId))?.managerId : task.assigneeId;
    const actorId = actor ?? task.assigneeId;
    const at = iso(now);
    try {
      if (task.type === 'APPOINTMENT_OUTCOME') {
        const n = Number(/appointment-outcome-(\d+)$/.exec(task.taskId)?.[1]);
        const appointmentId = `${task.caseId}-appt-${String(n).padStart(2, '0')}`;
        const outcome = draw.weighted(mix.attendance) as AppointmentOutcome;
        await recordAppointmentOutcome(deps, { appointmentId, actorId, outcome }, at);
      } else if (task.type === 'BREACH_OUTCOME' || task.type === 'RECALL_REVIEW') {
        const kase = await repository.getCase(task.caseId);
        const outcome: BreachOutcome =
          kase?.sentenceType === 'LICENCE'
            ? draw.pick(['NO_RECALL', 'NO_RECALL', 'FIXED_TERM_RECALL_14', 'STANDARD_RECALL'] as const)
            : draw.pick(['CONTINUE', 'CONTINUE', 'RESENTENCED'] as const);
        await recordBreachOutcome(deps, { caseId: task.caseId, actorId, outcome }, at);
      } else {
        await completeTask(
          deps,
          {
            taskId: task.taskId,
            actorId,
            completion:
              task.type === 'PRE_RELEASE_ASSESSMENT'
                ? { outcome: 'DONE', answers: assessmentAnswers(draw) }
                : { outcome: 'DONE' },
          },
          at,
        );
      }
    } catch (error) {
      refuse(`${task.type} ${(error as Error).name}`);
    }
  };

  let next = 0;
  let now = clock.now();
  // the last release (deferred at most six weeks) plus six months of community supervision, with room to spare
  const lastRelease = Math.max(
    ...cohort.map((c) => Date.parse(`${c.registration.releaseDate}T00:00:00Z`)),
    now,
  );
  const horizon = lastRelease + 260 * DAY;
  while (now < horizon) {
    while (next < events.length && events[next]!.at <= now) await events[next++]!.run();
    for (const staffId of staffIds) {
      for (const task of await repository.listOpenTasksByAssignee(staffId)) await actOn(task, now);
    }
    await clock.settle();
    now = Math.min(horizon, now + STEP);
    await clock.advanceTo(now);
    if (options.onProgress && (now / STEP) % 28 === 0) {
      options.onProgress({ now: iso(now), closed: 0, registered: caseIds.size, total: cohort.length });
    }
    if (next >= events.length && (await allClosed(runtime, caseIds))) break;
  }
  return { runtime, cohort, caseIds, refused, startedAt, endedAt: iso(clock.now()) };
}

async function allClosed(runtime: JourneyRuntime, caseIds: ReadonlyMap<number, string>): Promise<boolean> {
  for (const caseId of caseIds.values()) {
    if ((await runtime.repository.getCase(caseId))?.phase !== 'CLOSED') return false;
  }
  return true;
}

function assessmentAnswers(draw: Random) {
  return {
    pathways: {
      ACCOMMODATION: draw.chance(0.4)
        ? { status: 'SUPPORT_REQUIRED' as const, needs: ['DUTY_TO_REFER' as const] }
        : { status: 'SUPPORT_NOT_REQUIRED' as const },
      HEALTH: draw.chance(0.5)
        ? { status: 'SUPPORT_REQUIRED' as const, needs: ['GP_REGISTRATION' as const] }
        : { status: 'SUPPORT_NOT_REQUIRED' as const },
      FINANCE_AND_ID: draw.chance(0.3)
        ? { status: 'SUPPORT_REQUIRED' as const, needs: ['ID_DOCUMENTS' as const] }
        : { status: 'SUPPORT_NOT_REQUIRED' as const },
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
