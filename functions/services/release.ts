/**
 * The release: the custody execution's AwaitRelease keeps its task token; the release trigger (the release
 * schedule's target, a RELEASED event, or a release date moved to today) moves the case to COMMUNITY and answers
 * the token. The case's phase is the guard: the first trigger wins, a second does nothing. AwaitRelease stores its
 * token before it reads the phase, and the trigger changes the phase before it reads the token, so whichever runs
 * second sees the other: a release is never missed.
 */
import { localDateOf } from '#domain/calendar.ts';
import { nextPhase } from '#domain/journey.ts';
import type { JourneyDeps } from './deps.ts';
import { NotFound, Released } from './errors.ts';
import { releaseScheduleName } from './names.ts';
import { openCase } from './staff-task.ts';
import { startJourney, updateWithRetry } from './start-journey.ts';

export interface AwaitReleaseInput {
  readonly caseId: string;
  readonly taskToken: string;
  readonly executionName: string;
}

/** Keeps the token; `Released` at once if the person has been released already. */
export async function awaitRelease(
  deps: JourneyDeps,
  input: AwaitReleaseInput,
  now: string,
): Promise<{ waiting: true }> {
  await deps.releaseWaits.storeToken(input.caseId, input.taskToken, input.executionName, now);
  const kase = await openCase(deps, input.caseId);
  if (kase.phase === 'COMMUNITY') throw new Released(input.caseId);
  return { waiting: true };
}

export interface TriggerReleaseInput {
  readonly caseId: string;
  /** the day of release when it differs from today's (a RELEASED event reported late) */
  readonly releasedOn?: string;
}

export type TriggerReleaseResult =
  | { readonly released: true; readonly releasedOn: string }
  | { readonly released: false; readonly reason: 'ALREADY_RELEASED' | 'JOURNEY_CLOSED' };

export async function triggerRelease(
  deps: JourneyDeps,
  input: TriggerReleaseInput,
  now: string,
): Promise<TriggerReleaseResult> {
  const found = await deps.repository.getCase(input.caseId);
  if (!found) throw new NotFound('case', input.caseId);
  if (found.phase === 'CLOSED') return { released: false, reason: 'JOURNEY_CLOSED' };
  // released before custody work began (a date brought forward to today): start custody, then release
  const startsNow = found.phase === 'REGISTERED';
  if (startsNow) await startJourney(deps, { caseId: input.caseId }, now);
  const releasedOn = input.releasedOn ?? localDateOf(now);
  let releasedNow = false;
  const kase = await updateWithRetry(
    deps,
    input.caseId,
    (k) => {
      if (k.phase !== 'CUSTODY') return undefined;
      releasedNow = true;
      return {
        phase: nextPhase(k.phase, 'RELEASED'),
        ...(k.releaseDate === releasedOn ? {} : { releaseDate: releasedOn }),
      };
    },
    now,
    startsNow ? undefined : found,
  );
  if (kase.phase === 'CLOSED') return { released: false, reason: 'JOURNEY_CLOSED' };
  const wait = await deps.releaseWaits.get(input.caseId);
  // a token stored but not answered (a crash after the phase changed) is answered now, on any firing
  if (wait?.taskToken && !wait.deliveredAt) {
    const delivery = await deps.workflows.sendTaskSuccess(wait.taskToken, { releasedOn, releasedAt: now });
    await deps.releaseWaits.markDelivered(input.caseId, now);
    deps.log?.info('release delivered to the custody execution', { caseId: input.caseId, delivery });
  }
  if (!releasedNow) return { released: false, reason: 'ALREADY_RELEASED' };
  await deps.scheduler.delete(releaseScheduleName(input.caseId));
  return { released: true, releasedOn: kase.releaseDate };
}
