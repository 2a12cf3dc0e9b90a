/**
 * Registering a case: validate, plan, store the case (one open journey per CRN), and arrange the journey's start
 * and release: a one-time schedule at R-12 weeks (or start now when that has passed) and one at R that fires the
 * release trigger. The same registration arriving twice finds the stored case and re-arranges the same schedules.
 */
import { CrnConflict } from '#adapters/repository.ts';
import { type Case, initialPathways } from '#domain/entities.ts';
import { planJourney } from '#domain/journey-plan.ts';
import type { SupportNeed, SupportNeedStatus } from '#domain/types.ts';
import { type CaseRegistration, checkRegistrationTiming } from '#schemas/case-registration.ts';
import type { JourneyDeps } from './deps.ts';
import { Conflict, InvalidInput } from './errors.ts';
import { journeyStartScheduleName, releaseScheduleName } from './names.ts';
import { planOf } from './plan-of-case.ts';
import { startJourney } from './start-journey.ts';

export interface RegisterCaseResult {
  /** false: the same registration was already stored (answered, nothing new written) */
  readonly created: boolean;
  readonly caseId: string;
  readonly custodyStartAt: string;
  readonly releaseAt: string;
  /** the custody phase started now (registration within 12 weeks of release) */
  readonly startedNow: boolean;
}

function sameRegistration(kase: Case, input: CaseRegistration): boolean {
  return (
    kase.nomsId === input.nomsId &&
    kase.releaseDate === input.releaseDate &&
    kase.responsibleOfficerId === input.responsibleOfficerId &&
    kase.sentenceType === input.sentenceType
  );
}

export async function registerCase(
  deps: JourneyDeps,
  input: CaseRegistration,
  now: string,
): Promise<RegisterCaseResult> {
  const timing = checkRegistrationTiming(input, now, deps.config);
  if (timing.length > 0) throw new InvalidInput(timing);
  const needs = [...(input.needs ?? [])];
  // plans once before anything is stored: an impossible plan is refused with its typed error, nothing written
  planJourney(
    {
      registeredAt: now,
      releaseDate: input.releaseDate,
      sentenceType: input.sentenceType,
      risk: input.risk,
      mappaLevel: input.mappaLevel,
      iom: input.iom,
      needs,
    },
    deps.config,
  );
  let kase: Case;
  let created: boolean;
  try {
    const result = await deps.repository.createCase(
      {
        caseId: deps.newId(),
        crn: input.crn,
        nomsId: input.nomsId,
        prisonId: input.prisonId,
        sentenceType: input.sentenceType,
        risk: input.risk,
        mappaLevel: input.mappaLevel,
        iom: input.iom,
        releaseDate: input.releaseDate,
        responsibleOfficerId: input.responsibleOfficerId,
        ...(input.prisonOffenderManagerId ? { prisonOffenderManagerId: input.prisonOffenderManagerId } : {}),
        ...(input.personMobile ? { personMobile: input.personMobile } : {}),
        phase: 'REGISTERED',
        pathways: initialPathways(),
        needs: Object.fromEntries(needs.map((n) => [n, 'NOT_STARTED'])) as Partial<
          Record<SupportNeed, SupportNeedStatus>
        >,
        warnings: [],
        breaches: [],
      },
      now,
    );
    kase = result.record;
    created = result.created;
  } catch (error) {
    if (!(error instanceof CrnConflict)) throw error;
    const existing = await deps.repository.getCase(error.existingCaseId);
    if (!existing || !sameRegistration(existing, input))
      throw new Conflict('an open journey already exists for this CRN', error.existingCaseId);
    kase = existing;
    created = false;
  }
  const arranged = await arrangeJourney(deps, kase, now);
  deps.log?.info(created ? 'case registered' : 'duplicate registration answered', { caseId: kase.caseId });
  return { created, caseId: kase.caseId, ...arranged };
}

/**
 * Creates (or updates) the release schedule and the journey-start schedule, or starts the journey now when its
 * start has passed. Idempotent: schedules are upserted by name and the custody execution is started by name.
 */
export async function arrangeJourney(
  deps: JourneyDeps,
  kase: Case,
  now: string,
): Promise<{ custodyStartAt: string; releaseAt: string; startedNow: boolean }> {
  const plan = planOf(kase, deps.config);
  const { settings } = deps;
  await deps.scheduler.upsert({
    name: releaseScheduleName(kase.caseId),
    at: plan.releaseAt,
    targetArn: settings.releaseTriggerFunctionArn,
    input: { action: 'RELEASE', caseId: kase.caseId, scheduledTime: '<aws.scheduler.scheduled-time>' },
  });
  if (kase.phase === 'REGISTERED' && Date.parse(plan.custodyStartAt) > Date.parse(now)) {
    await deps.scheduler.upsert({
      name: journeyStartScheduleName(kase.caseId),
      at: plan.custodyStartAt,
      targetArn: settings.journeyStartFunctionArn ?? settings.releaseTriggerFunctionArn,
      input: {
        action: 'START_JOURNEY',
        caseId: kase.caseId,
        scheduledTime: '<aws.scheduler.scheduled-time>',
      },
    });
    return { custodyStartAt: plan.custodyStartAt, releaseAt: plan.releaseAt, startedNow: false };
  }
  await deps.scheduler.delete(journeyStartScheduleName(kase.caseId));
  const started = await startJourney(deps, { caseId: kase.caseId }, now);
  return { custodyStartAt: plan.custodyStartAt, releaseAt: plan.releaseAt, startedNow: started.started };
}
