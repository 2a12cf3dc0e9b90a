/**
 * Runs a synthetic cohort through the real journey on the virtual clock. Every happening is a timer on that clock:
 * a case is registered, its release date moves, its journey ends early, each at its own virtual time; a staff member
 * acts on a task some time after its prompt arrives (on time, late, or never: then the line manager steps in after
 * the second escalation). Registrations and staff actions go through the staff API's handler; the journey runs on
 * the real workflows and handlers. Time only moves when nothing is in flight, so the same seed gives the same run.
 */
import { MemoryRepository } from '#adapters/memory-repository.ts';
import type { RepositoryStats, ResettleRepository } from '#adapters/repository.ts';
import { SUPPORT_NEEDS } from '#domain/types.ts';
import {
  appointmentOutcome,
  assessmentAnswers,
  breachDecision,
  planResponse,
  type ResponsePlan,
  taskDraw,
} from './behaviour.ts';
import { type CohortMix, DEFAULT_MIX, generateCohort, generateStaff, type SyntheticCase } from './cohort.ts';
import { type JourneyRuntime, startJourneyRuntime } from './journey-runtime.ts';
import { journeyObserver, type Notice } from './observers.ts';
import { createRandom } from './random.ts';
import { type ApiAnswer, staffApiClient } from './staff-api-client.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type StoreKind = 'memory' | 'dynamodb';

export interface CohortProgress {
  readonly now: string;
  readonly registered: number;
  readonly closed: number;
  readonly total: number;
}

export interface CohortRunOptions {
  readonly cases: number;
  readonly seed: number;
  /** the first day of the simulated period (default 2027-01-04) */
  readonly startDate?: string;
  readonly mix?: CohortMix;
  /** `memory` (default): the in-memory repository; `dynamodb`: the DynamoDB adapter on dynalite, in process */
  readonly store?: StoreKind;
  /** called once a virtual week */
  readonly onProgress?: (progress: CohortProgress) => void;
}

export interface CohortRun {
  readonly runtime: JourneyRuntime;
  readonly cohort: readonly SyntheticCase[];
  readonly store: StoreKind;
  /** simulator index → case id */
  readonly caseIds: ReadonlyMap<number, string>;
  /** staff API answers other than 2xx, and actions skipped, by what and why */
  readonly refused: Readonly<Record<string, number>>;
  /** requests made to the staff API */
  readonly apiRequests: number;
  /** the repository's reads and writes made by the journeys and the staff API (not by the summary afterwards) */
  readonly stats: RepositoryStats;
  readonly startedAt: string;
  /** when the last journey closed (or the horizon, if some are still open) */
  readonly endedAt: string;
  /** stops the runtime and the store */
  close(): Promise<void>;
}

export async function runCohort(options: CohortRunOptions): Promise<CohortRun> {
  const mix = options.mix ?? DEFAULT_MIX;
  const startDate = options.startDate ?? '2027-01-04';
  const store = options.store ?? 'memory';
  const random = createRandom(options.seed);
  const staff = generateStaff(random.fork('staff'), Math.max(1, Math.ceil(options.cases / 60)));
  const staffById = new Map(staff.map((member) => [member.staffId, member]));
  const cohort = generateCohort(random.fork('cohort'), {
    count: options.cases,
    startDate,
    spreadDays: 365,
    staff,
    mix,
  });
  const startedAt = `${startDate}T08:00:00.000Z`;

  const backing = await openStore(store);
  const observer = journeyObserver();
  const runtime = await startJourneyRuntime({
    startTime: startedAt,
    repository: observer.observe(backing.repository),
    notifier: observer.notifier,
    newId: sequentialIds(),
  });
  const { clock, repository } = runtime;
  for (const member of staff) await repository.putStaff(member);
  repository.resetStats();
  const api = staffApiClient({ deps: () => runtime.deps, now: () => clock.now() });

  const caseIds = new Map<number, string>();
  const casesById = new Map<string, SyntheticCase>();
  const refused: Record<string, number> = {};
  const note = (what: string) => {
    refused[what] = (refused[what] ?? 0) + 1;
  };
  const checked = (what: string, answer: ApiAnswer): ApiAnswer => {
    if (answer.status >= 300) note(`${what} ${answer.status} ${answer.json?.error ?? ''}`.trim());
    return answer;
  };

  // One simulator action at a time, in the order their timers fire: ids and outcomes do not depend on I/O timing.
  let queue: Promise<void> = Promise.resolve();
  const act = (action: () => Promise<void>): Promise<void> => {
    queue = queue.then(action).catch((error: unknown) => note(`simulator ${(error as Error).name}`));
    return queue;
  };
  const at = (time: number, action: () => Promise<void>) =>
    clock.schedule(Math.max(time, clock.now()), () => act(action));

  // ---- the cohort's own events: registration, release-date change, early end ----
  let pendingEvents = 0;
  let horizon = clock.now();
  const event = (time: number, action: () => Promise<void>) => {
    pendingEvents++;
    at(time, async () => {
      pendingEvents--;
      await action();
    });
  };
  for (const synthetic of cohort) {
    const { registration } = synthetic;
    const release = Date.parse(`${registration.releaseDate}T00:00:00Z`);
    const registerAt = release - synthetic.registeredDaysBeforeRelease * DAY + 10 * HOUR + 23_000;
    event(registerAt, async () => {
      const answer = checked(
        'register case',
        await api.request(registration.responsibleOfficerId, 'POST', '/cases', registration),
      );
      if (answer.status !== 201) return;
      caseIds.set(synthetic.index, answer.json.caseId);
      casesById.set(answer.json.caseId, synthetic);
    });
    const change = synthetic.releaseDateChange;
    let effectiveRelease = release;
    if (change.kind !== 'NONE') {
      const changeAt = Math.max(registerAt + DAY, release - 28 * DAY) + HOUR;
      const newRelease = release + (change.kind === 'EARLIER' ? -change.byDays : change.byDays) * DAY;
      if (newRelease > changeAt + 2 * DAY) {
        effectiveRelease = newRelease;
        event(changeAt, async () => {
          const caseId = caseIds.get(synthetic.index);
          if (!caseId) return;
          checked(
            `release date ${change.kind.toLowerCase()}`,
            await api.request(registration.responsibleOfficerId, 'PUT', `/cases/${caseId}/release-date`, {
              releaseDate: new Date(newRelease).toISOString().slice(0, 10),
              reason: change.kind === 'EARLIER' ? 'BROUGHT_FORWARD' : 'DEFERRED',
            }),
          );
        });
      }
    }
    const end = synthetic.earlyEnd;
    if (end.kind !== 'NONE') {
      // a recall only follows a release; the other endings may come at any time
      const days = end.kind === 'RECALLED' ? Math.max(3, end.daysAfterRelease) : end.daysAfterRelease;
      const endAt = Math.max(registerAt + 2 * DAY, effectiveRelease + days * DAY) + 11 * HOUR + 41_000;
      event(endAt, async () => {
        const caseId = caseIds.get(synthetic.index);
        if (!caseId || observer.closed.has(caseId)) return;
        checked(
          `event ${end.kind}`,
          await api.request(registration.responsibleOfficerId, 'POST', `/cases/${caseId}/events`, {
            type: end.kind,
            occurredAt: new Date(clock.now()).toISOString(),
          }),
        );
      });
    }
    // the last release plus six months of supervision and any breach proceedings, with room to spare
    horizon = Math.max(horizon, effectiveRelease + 300 * DAY);
  }

  // ---- staff behaviour, triggered by the notices they receive ----
  const plans = new Map<string, ResponsePlan>();
  const managerSteppedIn = new Set<string>();
  const managerOf = (staffId: string) => staffById.get(staffId)?.managerId ?? 'ADMIN-1';

  const perform = async (taskId: string, actorId: string) => {
    const task = observer.openTasks.get(taskId);
    plans.delete(taskId);
    managerSteppedIn.delete(taskId);
    if (!task) return; // done or cancelled meanwhile: nothing to act on
    const draw = taskDraw(options.seed, taskId);
    draw.next(); // the response draw was the first
    if (task.type === 'APPOINTMENT_OUTCOME') {
      const n = /-appointment-outcome-(\d+)$/.exec(taskId)?.[1];
      checked(
        'appointment outcome',
        await api.request(actorId, 'POST', `/appointments/${task.caseId}-appt-${n}/outcome`, {
          outcome: appointmentOutcome(draw, mix),
        }),
      );
    } else if (task.type === 'BREACH_OUTCOME' || task.type === 'RECALL_REVIEW') {
      const sentenceType = casesById.get(task.caseId)?.registration.sentenceType ?? 'LICENCE';
      checked(
        task.type.toLowerCase().replace('_', ' '),
        await api.request(actorId, 'POST', `/cases/${task.caseId}/breach-outcome`, {
          outcome: breachDecision(draw, sentenceType),
        }),
      );
    } else {
      const needs = casesById.get(task.caseId)?.registration.needs ?? [];
      checked(
        `complete ${task.type}`,
        await api.request(actorId, 'POST', `/tasks/${taskId}/complete`, {
          outcome: 'DONE',
          ...(task.type === 'PRE_RELEASE_ASSESSMENT'
            ? { answers: assessmentAnswers(draw, needs, SUPPORT_NEEDS) }
            : {}),
        }),
      );
    }
  };

  const stepIn = (taskId: string, assigneeId: string, time: number) => {
    if (managerSteppedIn.has(taskId)) return;
    managerSteppedIn.add(taskId);
    at(time, () => perform(taskId, managerOf(assigneeId)));
  };

  observer.onNotice((notice: Notice) => {
    const taskId = notice.subjectId;
    const now = clock.now();
    if (notice.kind === 'PROMPT') {
      if (plans.has(taskId)) return;
      const task = observer.openTasks.get(taskId);
      if (!task) return;
      const plan = planResponse(taskDraw(options.seed, taskId), mix, task, now);
      plans.set(taskId, plan);
      if (plan.actAt !== undefined)
        at(Math.max(plan.actAt, now + MINUTE), () => perform(taskId, task.assigneeId));
      return;
    }
    const plan = plans.get(taskId);
    const task = observer.openTasks.get(taskId);
    if (plan?.response !== 'NEVER' || !task) return;
    // the line manager steps in after the second escalation (or, should none come, a week after the first)
    if (notice.kind === 'SECOND_ESCALATION') stepIn(taskId, task.assigneeId, now + plan.managerDelayMs);
    else if (notice.kind === 'ESCALATION')
      stepIn(taskId, task.assigneeId, now + 8 * DAY + plan.managerDelayMs);
  });

  // ---- progress, once a virtual week, until every journey has closed ----
  const finished = () => pendingEvents === 0 && observer.closed.size >= caseIds.size;
  const report = () =>
    options.onProgress?.({
      now: new Date(clock.now()).toISOString(),
      registered: caseIds.size,
      closed: observer.closed.size,
      total: cohort.length,
    });
  const tick = () => {
    report();
    if (!finished()) clock.schedule(clock.now() + 7 * DAY, tick);
  };
  clock.schedule(clock.now() + 7 * DAY, tick);

  await clock.runUntilIdle(horizon);
  await queue;
  report();
  const stats = { ...repository.stats() };
  const lastClosed = Math.max(0, ...[...observer.closed.values()].map((c) => Date.parse(c.at)));
  const endedAt = new Date(finished() ? lastClosed : clock.now()).toISOString();
  return {
    runtime,
    cohort,
    store,
    caseIds,
    refused,
    apiRequests: api.requests(),
    stats,
    startedAt,
    endedAt,
    async close() {
      await runtime.close();
      await backing.close();
    },
  };
}

/** Case and audit ids in the order they are asked for (the simulator asks one action at a time). */
function sequentialIds(): () => string {
  let seq = 0;
  return () => `sim${String(++seq).padStart(7, '0')}`;
}

async function openStore(
  store: StoreKind,
): Promise<{ repository: ResettleRepository; close(): Promise<void> }> {
  if (store === 'memory') return { repository: new MemoryRepository(), close: async () => undefined };
  // loaded only for this store: the SDK client and dynalite are a large part of a cold start
  const [{ DynamoDbRepository }, { openLocalTable }] = await Promise.all([
    import('#adapters/dynamodb-repository.ts'),
    import('#local/dynamodb/dynalite.ts'),
  ]);
  const table = await openLocalTable('resettle-simulation');
  return {
    repository: new DynamoDbRepository({ tableName: table.tableName, client: table.client }),
    close: () => table.close(),
  };
}
