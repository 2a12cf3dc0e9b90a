/** Community phase, at R + 6 months: closes the journey COMPLETED. */
import { closeCompletedJourney } from '#functions/services/community.ts';
import { executionStep } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(executionStep, (deps, p) => closeCompletedJourney(deps, p, p.now));
