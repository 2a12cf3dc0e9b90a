/** Custody phase: the pathway referrals for the needs found, and the licence conditions task. */
import { planReferrals } from '#functions/services/custody.ts';
import { caseStep } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(caseStep, (deps, p) => planReferrals(deps, p, p.now));
