/**
 * The journey-start schedule's target (R-12 weeks): moves the case to CUSTODY and starts `<caseId>-custody-1`.
 * Only a Lambda can give the execution its deterministic name (a Scheduler StartExecution target cannot).
 */
import { startJourney } from '#functions/services/start-journey.ts';
import { schedulePayload } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(schedulePayload, (deps, p) =>
  startJourney(deps, { caseId: p.caseId }, p.scheduledTime),
);
