/**
 * The target of the one-time schedules: `RELEASE` (at R) fires the release trigger, a second firing doing nothing;
 * `START_JOURNEY` (at R-12 weeks) starts the custody phase when no separate journey-start function is deployed.
 * "Now" is the schedule's time (`<aws.scheduler.scheduled-time>`).
 */
import { triggerRelease } from '#functions/services/release.ts';
import { startJourney } from '#functions/services/start-journey.ts';
import { schedulePayload } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(
  schedulePayload,
  async (deps, p): Promise<object> =>
    p.action === 'START_JOURNEY'
      ? startJourney(deps, { caseId: p.caseId }, p.scheduledTime)
      : triggerRelease(deps, { caseId: p.caseId }, p.scheduledTime),
);
