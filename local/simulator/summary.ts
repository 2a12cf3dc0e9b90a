/**
 * What came of a cohort run: counts read back from the repository, the outbox and the engine's execution
 * histories, the estimated AWS cost per completed journey, and the data of the report page.
 */
import type { Case, OutboxRecord, Task } from '#domain/entities.ts';
import type { CohortRun } from './cohort-run.ts';
import { DEFAULT_PRICES, estimateCost, totalCost } from './cost.ts';
import type { ReportData } from './report-html.ts';

const DAY = 86_400_000;

export interface CohortSummary {
  readonly lines: readonly string[];
  readonly report: ReportData;
  /** the headline figures, for benchmarks and tests */
  readonly counts: {
    readonly starts: number;
    readonly completed: number;
    readonly executions: number;
    readonly transitions: number;
    readonly lambdaInvocations: number;
    readonly tasks: number;
    readonly cost: number;
  };
}

/** The Monday (`YYYY-MM-DD`) of an instant's week. Remembered: due times recur (the same days, the same hours). */
const weeks = new Map<string, string>();
const WEEKS_KEPT = 10_000;
const weekOf = (iso: string): string => {
  let week = weeks.get(iso);
  if (week === undefined) {
    const ms = Date.parse(iso);
    const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
    week = new Date(monday).toISOString().slice(0, 10);
    if (weeks.size >= WEEKS_KEPT) weeks.clear();
    weeks.set(iso, week);
  }
  return week;
};

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** A timeline's events: what happened to a case, and when. */
type Timeline = ReportData['timelines'][number]['events'][number][];

/** What the cohort's cases add up to, one case at a time. */
class CaseTally {
  readonly outcomes: Record<string, number> = {};
  readonly tasks = { created: 0, onTime: 0, late: 0, cancelled: 0, open: 0 };
  readonly notices: Record<string, number> = {};
  readonly load: Record<string, number> = {};
  readonly escalations: Record<string, number> = {};
  warnings = 0;
  breaches = 0;
  recallReviews = 0;
  released = 0;
  assessed = 0;
  readonly timelines: ReportData['timelines'][number][] = [];
}

/*
 * The summary's work is split into small functions on purpose: its loops ran hot enough for V8 to optimise the one
 * large function that held them, at 100-170 ms of compiling each time, and a benchmark worker's next shard
 * deoptimised it again (objects of other shapes), so it was compiled anew every other shard.
 */

/** Add one case to the tally; the case's timeline is the answer. */
function tallyCase(
  tally: CaseTally,
  kase: Case,
  caseTasks: readonly Task[],
  outbox: readonly OutboxRecord[],
) {
  bump(tally.outcomes, kase.outcome ?? `OPEN (${kase.phase})`);
  tally.warnings += kase.warnings.length;
  for (const breach of kase.breaches) {
    if (breach.kind === 'RECALL_REVIEW') tally.recallReviews++;
    else tally.breaches++;
  }
  const timeline: Timeline = [{ at: kase.createdAt, label: 'registered' }];
  tallyTasks(tally, caseTasks, timeline);
  if (caseTasks.some((task) => task.type === 'RELEASE_DAY_CHECKS')) tally.released++;
  tallyNotices(tally, outbox, timeline);
  if (kase.closedAt) timeline.push({ at: kase.closedAt, label: `closed ${kase.outcome}` });
  return timeline;
}

function tallyTasks(tally: CaseTally, caseTasks: readonly Task[], timeline: Timeline): void {
  const tasks = tally.tasks;
  for (const task of caseTasks) {
    tasks.created++;
    bump(tally.load, weekOf(task.dueAt));
    if (task.status === 'DONE') {
      if (task.completedAt && task.completedAt <= task.dueAt) tasks.onTime++;
      else tasks.late++;
    } else if (task.status === 'CANCELLED') tasks.cancelled++;
    else tasks.open++;
    if (task.type === 'PRE_RELEASE_ASSESSMENT' && task.status === 'DONE') {
      tally.assessed++;
      timeline.push({ at: task.completedAt ?? task.dueAt, label: 'assessment done' });
    }
  }
}

function tallyNotices(tally: CaseTally, outbox: readonly OutboxRecord[], timeline: Timeline): void {
  for (const record of outbox) {
    if (record.status !== 'SENT') continue;
    bump(tally.notices, `${record.channel} ${record.kind}`);
    if (record.kind === 'ESCALATION' || record.kind === 'SECOND_ESCALATION') {
      bump(tally.escalations, weekOf(record.sentAt ?? record.createdAt));
    }
    if (record.kind !== 'PROMPT' && record.kind !== 'APPOINTMENT_REMINDER') {
      timeline.push({ at: record.sentAt ?? record.createdAt, label: record.kind.toLowerCase() });
    }
  }
}

/** Every case of the run, read back from the repository in registration order. */
async function tallyCases(run: CohortRun): Promise<CaseTally> {
  const { repository } = run.runtime;
  const tally = new CaseTally();
  const every = Math.max(1, Math.floor(run.caseIds.size / 12));
  for (const [index, caseId] of [...run.caseIds.entries()].sort((a, b) => a[0] - b[0])) {
    const kase = await repository.getCase(caseId);
    if (!kase) continue;
    const caseTasks = await repository.listTasksByCase(caseId);
    const timeline = tallyCase(tally, kase, caseTasks, await repository.listOutboxByCase(caseId));
    if (index % every === 0 && tally.timelines.length < 12) {
      tally.timelines.push({ caseId, events: timeline.sort((a, b) => a.at.localeCompare(b.at)) });
    }
  }
  return tally;
}

/** Executions of the run's state machines, and the state transitions Step Functions would bill for them. */
async function countExecutions(run: CohortRun): Promise<{ executions: number; transitions: number }> {
  const { engine } = run.runtime;
  let transitions = 0;
  let executions = 0;
  for (const stateMachineArn of run.runtime.stateMachineArns) {
    let nextToken: string | undefined;
    do {
      const page = await engine.listExecutions({ stateMachineArn, maxResults: 1000, nextToken });
      for (const execution of page.executions ?? []) {
        executions++;
        // Step Functions bills a state transition per state entered
        transitions += await engine.getExecutionTransitionCount({ executionArn: execution.executionArn });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return { executions, transitions };
}

export async function summarise(run: CohortRun, seed: number): Promise<CohortSummary> {
  const {
    outcomes,
    tasks,
    notices,
    load,
    escalations,
    warnings,
    breaches,
    recallReviews,
    released,
    assessed,
    timelines,
  } = await tallyCases(run);
  const { executions, transitions } = await countExecutions(run);
  const handlerInvocations = [...run.runtime.invocations.values()].reduce((sum, n) => sum + n, 0);
  const lambda = handlerInvocations + run.apiRequests;
  const stats = run.stats;
  const emails = Object.entries(notices).reduce((s, [k, n]) => s + (k.startsWith('EMAIL') ? n : 0), 0);
  const sms = Object.entries(notices).reduce((s, [k, n]) => s + (k.startsWith('SMS') ? n : 0), 0);
  const usage = {
    stateTransitions: transitions,
    lambdaInvocations: lambda,
    lambdaMeanMs: 120,
    lambdaMemoryMb: 512,
    dynamoWriteUnits: stats.writeUnits,
    dynamoReadUnits: stats.readUnits,
    emails,
    sms,
    scheduleInvocations: run.runtime.scheduleInvocations(),
    apiRequests: run.apiRequests,
  };
  const costLines = estimateCost(usage);
  const starts = run.caseIds.size;
  const completed = outcomes.COMPLETED ?? 0;
  const total = totalCost(costLines);
  const perJourney = completed > 0 ? total / completed : 0;
  const withoutSms = completed > 0 ? (total - sms * DEFAULT_PRICES.sms) / completed : 0;
  const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)}%` : '-');
  const days = Math.round((Date.parse(run.endedAt) - Date.parse(run.startedAt)) / DAY);
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const byChannel = { EMAIL: emails, SMS: sms };
  const byKind: Record<string, number> = {};
  for (const [key, n] of Object.entries(notices)) bump(byKind, key.slice(key.indexOf(' ') + 1), n);
  const lines = [
    `Cohort: ${run.cohort.length} synthetic cases, seed ${seed}; virtual period ${run.startedAt.slice(0, 10)} to ${run.endedAt.slice(0, 10)} (${days} days)`,
    `Starts ${starts}; completions ${completed} (${pct(completed, starts)} of starts); assessed ${assessed}; released ${released}`,
    `Outcomes: ${list(outcomes)}`,
    `Tasks: created ${tasks.created}, done on time ${tasks.onTime} (${pct(tasks.onTime, tasks.created)}), done late ${tasks.late}, cancelled ${tasks.cancelled}, open ${tasks.open}`,
    `Ladder (steps taken, one e-mail each): reminders ${notices['EMAIL REMINDER'] ?? 0}, escalations ${notices['EMAIL ESCALATION'] ?? 0}, second escalations ${notices['EMAIL SECOND_ESCALATION'] ?? 0}`,
    `Enforcement: warnings ${warnings}, breaches ${breaches}, recall reviews ${recallReviews}, recalls ${outcomes.RECALLED ?? 0}`,
    `Notifications by channel: ${list(byChannel)}`,
    `Notifications by kind: ${list(byKind)}`,
    `Notifications by channel and kind: ${list(notices)}`,
    `Step Functions: ${executions} executions, ${transitions} state transitions (${per(transitions, starts)} a journey)`,
    `Lambda invocations ${lambda} (journey handlers ${handlerInvocations}, staff API ${run.apiRequests}); schedule firings ${run.runtime.scheduleInvocations()}`,
    `DynamoDB: reads ${stats.reads} (${round1(stats.readUnits)} RRU), writes ${stats.writes} (${round1(stats.writeUnits)} WRU), conditional writes refused ${stats.conditionalFailures} (repeats and lost races: nothing written twice)`,
    `Staff API answers other than 2xx: ${list(run.refused as Record<string, number>)}`,
    `Estimated AWS cost of the cohort: $${total.toFixed(2)}: ${costLines.map((l) => `${l.item} $${l.cost.toFixed(4)}`).join('; ')}`,
    `Estimated cost per completed journey: $${perJourney.toFixed(4)} ($${withoutSms.toFixed(4)} without SMS)`,
    `Prices used: ${priceList()}; Lambda assumed ${usage.lambdaMeanMs} ms at ${usage.lambdaMemoryMb} MB; free tiers ignored`,
  ];
  const series = (counts: Record<string, number>) =>
    Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return {
    lines,
    counts: {
      starts,
      completed,
      executions,
      transitions,
      lambdaInvocations: lambda,
      tasks: tasks.created,
      cost: total,
    },
    report: {
      title: 'Resettle cohort simulation',
      seed,
      cases: run.cohort.length,
      period: { from: run.startedAt.slice(0, 10), to: run.endedAt.slice(0, 10) },
      funnel: [
        { stage: 'registered', count: starts },
        { stage: 'assessed', count: assessed },
        { stage: 'released', count: released },
        { stage: 'completed', count: completed },
      ],
      outcomes,
      staffLoadPerWeek: series(load).map(([week, due]) => ({ week, due })),
      escalationsPerWeek: series(escalations).map(([week, count]) => ({ week, count })),
      timelines,
      summaryLines: lines,
    },
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const per = (n: number, of: number) => (of > 0 ? Math.round(n / of) : 0);

function priceList(): string {
  const p = DEFAULT_PRICES;
  const perMillion = (x: number) => `$${+(x * 1_000_000).toFixed(4)}/M`;
  return [
    `transition ${perMillion(p.stateTransition)}`,
    `Lambda request ${perMillion(p.lambdaRequest)}`,
    `GB-s $${p.lambdaGbSecond}`,
    `WRU ${perMillion(p.dynamoWriteUnit)}`,
    `RRU ${perMillion(p.dynamoReadUnit)}`,
    `email $${p.email}`,
    `SMS $${p.sms}`,
    `schedule ${perMillion(p.scheduleInvocation)}`,
    `API request ${perMillion(p.apiRequest)}`,
  ].join(', ');
}
