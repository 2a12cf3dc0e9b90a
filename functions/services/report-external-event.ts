/**
 * An event from outside the journey: RELEASED moves it to the community phase (the release trigger); recall,
 * death, withdrawal, transfer out and a new sentence end it with their outcome. The domain decides which events a
 * phase accepts (`externalEventEffect`): anything else is refused with its typed error before anything is written.
 */
import { localDateOf } from '#domain/calendar.ts';
import { externalEventEffect } from '#domain/journey.ts';
import type { JourneyOutcome } from '#domain/types.ts';
import { checkEventTiming, type ExternalEvent } from '#schemas/external-event.ts';
import { type CloseResult, closeJourney } from './close-journey.ts';
import type { JourneyDeps } from './deps.ts';
import { InvalidInput, NotFound } from './errors.ts';
import { type TriggerReleaseResult, triggerRelease } from './release.ts';

export interface ReportExternalEventInput extends ExternalEvent {
  readonly caseId: string;
}

export type ReportExternalEventResult =
  | { readonly effect: 'TRANSITION'; readonly release: TriggerReleaseResult }
  | { readonly effect: 'CLOSE'; readonly outcome: JourneyOutcome; readonly close: CloseResult };

export async function reportExternalEvent(
  deps: JourneyDeps,
  input: ReportExternalEventInput,
  now: string,
): Promise<ReportExternalEventResult> {
  const timing = checkEventTiming(input, now);
  if (timing.length > 0) throw new InvalidInput(timing);
  const kase = await deps.repository.getCase(input.caseId);
  if (!kase) throw new NotFound('case', input.caseId);
  const effect = externalEventEffect(kase.phase, input.type);
  if (effect.effect === 'CLOSE')
    return {
      effect: 'CLOSE',
      outcome: effect.outcome,
      close: await closeJourney(deps, kase.caseId, effect.outcome, now),
    };
  if (effect.effect === 'TRANSITION')
    return {
      effect: 'TRANSITION',
      release: await triggerRelease(
        deps,
        { caseId: kase.caseId, releasedOn: localDateOf(input.occurredAt) },
        now,
      ),
    };
  throw new Error(`unexpected event effect ${effect.effect}`);
}
