/** Community phase: continues, or closes the journey on a breach or recall outcome. */
import { applyBreachOutcome } from '#functions/services/community.ts';
import { breachStep } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(breachStep, (deps, p) => applyBreachOutcome(deps, p, p.now));
