/**
 * `POST /cases/{caseId}/breach-outcome`: the court's decision on a breach (community order, PSS) or the recall
 * decision (licence). The outcome must fit the sentence type (`breachOutcomeEffect`); it is recorded on the open
 * breach and completes the task the community workflow is waiting on, which then continues or closes the journey.
 */
import { localDateOf } from '#domain/calendar.ts';
import { breachOutcomeEffect } from '#domain/enforcement.ts';
import type { Staff } from '#domain/entities.ts';
import { assertBreachOutcomeAllowed } from '#domain/journey.ts';
import type { BreachOutcome, JourneyOutcome } from '#domain/types.ts';
import type { BreachOutcomeInput } from '#schemas/breach-outcome.ts';
import type { JourneyDeps } from './deps.ts';
import { Conflict, Forbidden, NotFound } from './errors.ts';
import { breachTaskKey, taskIdFor } from './names.ts';
import { actorRecord, actorRef, mayActFor } from './staffing.ts';
import { updateWithRetry } from './start-journey.ts';
import { audit, finishTask } from './task-completion.ts';

export interface RecordBreachOutcomeInput extends BreachOutcomeInput {
  readonly caseId: string;
  readonly actorId: string;
  /** the actor's staff record, when the caller has read it (the staff API): it is then not read again */
  readonly actor?: Staff;
  readonly route?: string;
}

export interface RecordBreachOutcomeResult {
  readonly outcome: BreachOutcome;
  readonly effect: 'CONTINUE' | 'CLOSE';
  /** for CLOSE: the outcome the journey will close with */
  readonly journeyOutcome?: JourneyOutcome;
}

export async function recordBreachOutcome(
  deps: JourneyDeps,
  input: RecordBreachOutcomeInput,
  now: string,
): Promise<RecordBreachOutcomeResult> {
  const kase = await deps.repository.getCase(input.caseId);
  if (!kase) throw new NotFound('case', input.caseId);
  assertBreachOutcomeAllowed(kase.phase);
  const index = kase.breaches.findIndex((b) => b.outcome === undefined);
  if (index < 0) throw new Conflict('no breach or recall review is awaiting an outcome');
  const breach = kase.breaches[index]!;
  const effect = breachOutcomeEffect(input.outcome, kase.sentenceType);
  const taskType = breach.kind === 'RECALL_REVIEW' ? 'RECALL_REVIEW' : 'BREACH_OUTCOME';
  const taskId = taskIdFor(kase.caseId, breachTaskKey(taskType, index + 1));
  const task = await deps.repository.getTask(taskId);
  const actor = await actorRecord(deps, actorRef(input));
  const route = input.route ?? 'POST /cases/{caseId}/breach-outcome';
  const record = {
    caseId: kase.caseId,
    actorId: input.actorId,
    action: 'RECORD_BREACH_OUTCOME',
    route,
    targetId: taskId,
    at: now,
  };
  const allowed =
    actor?.role === 'ENFORCEMENT' ||
    (await mayActFor(deps, actor ?? input.actorId, task?.assigneeId ?? kase.responsibleOfficerId)) ||
    (await mayActFor(deps, actor ?? input.actorId, kase.responsibleOfficerId));
  if (!allowed) {
    await audit(deps, record, {
      result: 'REFUSED',
      reason: 'not enforcement, the officer nor their manager',
    });
    throw new Forbidden(
      'only the enforcement team, the responsible officer or their managers may record this',
    );
  }
  await updateWithRetry(
    deps,
    kase.caseId,
    (k) => {
      const current = k.breaches[index];
      if (!current || current.outcome !== undefined)
        throw new Conflict('the breach outcome was recorded meanwhile');
      const breaches = [...k.breaches];
      breaches[index] = { ...current, outcome: input.outcome, decidedOn: localDateOf(now) };
      return { breaches };
    },
    now,
    kase,
  );
  await audit(deps, record, { result: 'ALLOWED' });
  if (task?.status === 'OPEN')
    await finishTask(deps, taskId, { completedBy: input.actorId, outcome: input.outcome }, now);
  return effect.effect === 'CLOSE'
    ? { outcome: input.outcome, effect: 'CLOSE', journeyOutcome: effect.outcome }
    : { outcome: input.outcome, effect: 'CONTINUE' };
}
