/** Custody phase, first step: records the execution and plans the assessment and resettlement plan. */
import { planCustody } from '#functions/services/custody.ts';
import { phaseStart } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(phaseStart, (deps, p) => planCustody(deps, p, p.now));
