/**
 * Starting the journey at R-12 weeks (the journey-start schedule's target) or at registration when that is later:
 * the case moves to CUSTODY and the custody execution starts under its deterministic name, so a second start is a
 * no-op (ExecutionAlreadyExists is "already done").
 */
import { StaleVersion } from '#adapters/repository.ts';
import type { Case, CasePatch } from '#domain/entities.ts';
import { nextPhase } from '#domain/journey.ts';
import type { JourneyDeps } from './deps.ts';
import { NotFound, TransientError } from './errors.ts';
import { executionName } from './names.ts';

export interface StartJourneyResult {
  readonly started: boolean;
  readonly executionName?: string;
  readonly reason?: 'JOURNEY_CLOSED';
}

/**
 * Applies `change` to the case's current version, re-reading on a lost race (a few times, then transient).
 * `read` is the case as the caller has just read it, if it has: the first attempt starts from it instead of reading
 * again. That is safe because the update is conditional on the version it started from: a case changed since then
 * loses the race (`StaleVersion`) and is read afresh, as a change between two reads would be.
 */
export async function updateWithRetry(
  deps: JourneyDeps,
  caseId: string,
  change: (kase: Case) => CasePatch | undefined,
  now: string,
  read?: Case,
): Promise<Case> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const kase = (attempt === 0 ? read : undefined) ?? (await deps.repository.getCase(caseId));
    if (!kase) throw new NotFound('case', caseId);
    const patch = change(kase);
    if (!patch) return kase;
    try {
      return await deps.repository.updateCase(caseId, kase.version, patch, now);
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
    }
  }
  throw new TransientError(`case ${caseId} kept changing under the update`);
}

export async function startJourney(
  deps: JourneyDeps,
  input: { readonly caseId: string },
  now: string,
): Promise<StartJourneyResult> {
  const kase = await updateWithRetry(
    deps,
    input.caseId,
    (k) => (k.phase === 'REGISTERED' ? { phase: nextPhase(k.phase, 'CUSTODY_STARTED') } : undefined),
    now,
  );
  if (kase.phase === 'CLOSED') return { started: false, reason: 'JOURNEY_CLOSED' };
  const name = executionName(kase.caseId, 'custody', 1);
  const { started } = await deps.workflows.start({
    stateMachineArn: deps.settings.custodyStateMachineArn,
    name,
    input: { caseId: kase.caseId, n: 1 },
  });
  deps.log?.info(started ? 'custody phase started' : 'custody phase already started', {
    caseId: kase.caseId,
    executionName: name,
  });
  return { started, executionName: name };
}
