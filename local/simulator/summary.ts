/**
 * What came of a cohort run: counts read back from the repository, the outbox and the engine's execution
 * histories, the estimated AWS cost per completed journey, and the data of the report page.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { CohortRun } from './cohort-run.ts';
import { DEFAULT_PRICES, estimateCost, totalCost } from './cost.ts';
import type { ReportData } from './report-html.ts';

const DAY = 86_400_000;

export interface CohortSummary {
  readonly lines: readonly string[];
  readonly report: ReportData;
}

const weekOf = (iso: string): string => {
  const ms = Date.parse(iso);
  const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
  return new Date(monday).toISOString().slice(0, 10);
};

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

export async function summarise(run: CohortRun, seed: number): Promise<CohortSummary> {
  const { repository, engine } = run.runtime;
  const outcomes: Record<string, number> = {};
  const tasks = { created: 0, onTime: 0, late: 0, cancelled: 0, open: 0 };
  const notices: Record<string, number> = {};
  const load: Record<string, number> = {};
  const escalations: Record<string, number> = {};
  let warnings = 0;
  let breaches = 0;
  let recallReviews = 0;
  let released = 0;
  let assessed = 0;
  const timelines: ReportData['timelines'][number][] = [];
  for (const [index, caseId] of [...run.caseIds.entries()].sort((a, b) => a[0] - b[0])) {
    const kase = await repository.getCase(caseId);
    if (!kase) continue;
    bump(outcomes, kase.outcome ?? `OPEN (${kase.phase})`);
    warnings += kase.warnings.length;
    for (const breach of kase.breaches) {
      if (breach.kind === 'RECALL_REVIEW') recallReviews++;
      else breaches++;
    }
    const caseTasks = await repository.listTasksByCase(caseId);
    const timeline: { at: string; label: string }[] = [{ at: kase.createdAt, label: 'registered' }];
    for (const task of caseTasks) {
      tasks.created++;
      bump(load, weekOf(task.dueAt));
      if (task.status === 'DONE') {
        if (task.completedAt && task.completedAt <= task.dueAt) tasks.onTime++;
        else tasks.late++;
      } else if (task.status === 'CANCELLED') tasks.cancelled++;
      else tasks.open++;
      if (task.type === 'PRE_RELEASE_ASSESSMENT' && task.status === 'DONE') {
        assessed++;
        timeline.push({ at: task.completedAt ?? task.dueAt, label: 'assessment done' });
      }
    }
    if (caseTasks.some((task) => task.type === 'RELEASE_DAY_CHECKS')) released++;
    for (const record of await repository.listOutboxByCase(caseId)) {
      if (record.status !== 'SENT') continue;
      bump(notices, `${record.channel} ${record.kind}`);
      if (record.kind === 'ESCALATION' || record.kind === 'SECOND_ESCALATION') {
        bump(escalations, weekOf(record.sentAt ?? record.createdAt));
      }
      if (record.kind !== 'PROMPT' && record.kind !== 'APPOINTMENT_REMINDER') {
        timeline.push({ at: record.sentAt ?? record.createdAt, label: record.kind.toLowerCase() });
      }
    }
    if (kase.closedAt) timeline.push({ at: kase.closedAt, label: `closed ${kase.outcome}` });
    if (index % Math.max(1, Math.floor(run.caseIds.size / 12)) === 0 && timelines.length < 12) {
      timelines.push({ caseId, events: timeline.sort((a, b) => a.at.localeCompare(b.at)) });
    }
  }

  let transitions = 0;
  let executions = 0;
  for (const stateMachineArn of run.runtime.stateMachineArns) {
    let nextToken: string | undefined;
    do {
      const page = await engine.listExecutions({ stateMachineArn, maxResults: 1000, nextToken });
      for (const execution of page.executions ?? []) {
        executions++;
        transitions += countTransitions(await history(run, execution.executionArn!));
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  const lambda = [...run.runtime.invocations.values()].reduce((sum, n) => sum + n, 0);
  const stats = repository.stats();
  const emails = Object.entries(notices).reduce((s, [k, n]) => s + (k.startsWith('EMAIL') ? n : 0), 0);
  const sms = Object.entries(notices).reduce((s, [k, n]) => s + (k.startsWith('SMS') ? n : 0), 0);
  const costLines = estimateCost({
    stateTransitions: transitions,
    lambdaInvocations: lambda,
    lambdaMeanMs: 120,
    lambdaMemoryMb: 512,
    dynamoWriteUnits: stats.writeUnits,
    dynamoReadUnits: stats.readUnits,
    emails,
    sms,
    scheduleInvocations: run.runtime.scheduleInvocations(),
  });
  const starts = run.caseIds.size;
  const completed = outcomes.COMPLETED ?? 0;
  const perJourney = completed > 0 ? totalCost(costLines) / completed : 0;
  const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)}%` : '-');
  const lines = [
    `Cohort: ${run.cohort.length} synthetic cases, seed ${seed}, virtual ${run.startedAt.slice(0, 10)} to ${run.endedAt.slice(0, 10)}`,
    `Starts ${starts}; completions ${completed} (${pct(completed, starts)}); released ${released}; assessed ${assessed}`,
    `Outcomes: ${Object.entries(outcomes)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `Tasks: created ${tasks.created}, done on time ${tasks.onTime}, done late ${tasks.late}, cancelled ${tasks.cancelled}, open ${tasks.open}`,
    `Ladder: reminders ${sumKind(notices, 'REMINDER')}, escalations ${sumKind(notices, 'ESCALATION')}, second escalations ${sumKind(notices, 'SECOND_ESCALATION')}`,
    `Enforcement: warnings ${warnings}, breaches ${breaches}, recall reviews ${recallReviews}, recalls ${outcomes.RECALLED ?? 0}`,
    `Notifications: ${Object.entries(notices)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `Executions ${executions}; state transitions ${transitions}; Lambda invocations ${lambda}; schedule firings ${run.runtime.scheduleInvocations()}`,
    `DynamoDB: reads ${stats.reads} (${stats.readUnits} RRU), writes ${stats.writes} (${stats.writeUnits} WRU)`,
    `Refused or skipped staff actions: ${
      Object.entries(run.refused)
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`,
    `Estimated AWS cost: ${costLines.map((l) => `${l.item} $${l.cost.toFixed(4)}`).join('; ')}`,
    `Estimated cost per completed journey: $${perJourney.toFixed(4)} (prices: ${DEFAULT_PRICES.region}; Lambda assumed 120 ms at 512 MB; SMS $${DEFAULT_PRICES.sms} per message)`,
  ];
  const series = (counts: Record<string, number>) =>
    Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return {
    lines,
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

function sumKind(notices: Record<string, number>, kind: string): number {
  return Object.entries(notices).reduce((s, [k, n]) => s + (k.endsWith(` ${kind}`) ? n : 0), 0);
}

/** Step Functions bills a state transition per state entered. */
function countTransitions(events: readonly HistoryEvent[]): number {
  return events.filter((event) => event.type?.endsWith('StateEntered')).length;
}

async function history(run: CohortRun, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await run.runtime.engine.getExecutionHistory({ executionArn, maxResults: 1000, nextToken });
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
