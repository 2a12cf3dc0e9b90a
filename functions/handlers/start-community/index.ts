/** Community phase, first step: records the execution, lays out appointments and handover tasks. */
import { startCommunity } from '#functions/services/community.ts';
import { phaseStart } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(phaseStart, (deps, p) => startCommunity(deps, p, p.now));
